import { isApiCallError, messageOf } from '../services/errors';
import { showError } from '../utils/toast';
import { changeCount, type ChangeTopic } from './changes';

/**
 * A page that shows what one or more calls return: loading, ready, error (with retry) and
 * forbidden, a pull-down refresh, a reload when shown again after this app changed one of its
 * `watch` topics, and stale answers dropped (a slow first answer never overwrites a newer one).
 *
 * The page supplies two hooks, as methods:
 * - `fetch()`: resolves to the data to set once ready (may throw an ApiCallError);
 * - optional `watch()`: the change topics that make it reload on return (default none).
 * It renders `<page-state status="{{status}}" message="{{errorMessage}}" bind:retry="onRetry">`.
 * `onLoad(query)` keeps the query in `data._query` for `fetch` to read; a page with its own
 * `onLoad` calls `this.reload()` itself.
 */
export type PageStatus = 'loading' | 'ready' | 'error' | 'forbidden';

interface Hooks {
  fetch(): Promise<WechatMiniprogram.IAnyObject>;
  watch?(): readonly ChangeTopic[];
}

function hooksOf(page: unknown): Hooks {
  return page as Hooks;
}

export const resourcePage = Behavior({
  data: {
    status: 'loading' as PageStatus,
    errorMessage: '',
    _query: {} as Record<string, string | undefined>,
    _seq: 0,
    _changes: -1,
  },
  methods: {
    onLoad(query?: Record<string, string | undefined>) {
      this.setData({ _query: query ?? {} });
      return this.reload();
    },

    onShow() {
      const { _changes: seen } = this.data;
      if (seen !== -1 && seen !== this.changesNow()) return this.reload({ quiet: true });
      return undefined;
    },

    async onPullDownRefresh() {
      await this.reload({ quiet: true });
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.reload();
    },

    changesNow(): number {
      const watch = hooksOf(this).watch;
      return watch ? changeCount(watch.call(this)) : 0;
    },

    /**
     * Loads again. `quiet` keeps what is shown while loading (a refresh); otherwise the page
     * shows its loading state. Resolves when the answer is applied or dropped as stale.
     */
    async reload(options: { quiet?: boolean } = {}): Promise<void> {
      const seq = this.data._seq + 1;
      const quiet = options.quiet === true && this.data.status === 'ready';
      this.setData({
        _seq: seq,
        _changes: this.changesNow(),
        ...(quiet ? {} : { status: 'loading', errorMessage: '' }),
      });
      try {
        const data = await hooksOf(this).fetch.call(this);
        if (seq !== this.data._seq) return;
        this.setData({ ...data, status: 'ready', errorMessage: '' });
      } catch (err) {
        if (seq !== this.data._seq) return;
        if (quiet && !(isApiCallError(err) && err.code === 'AUTH.FORBIDDEN')) {
          // A refresh that failed keeps what is shown and says why.
          showError(err);
        } else if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
          this.setData({ status: 'forbidden' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },
  },
});
