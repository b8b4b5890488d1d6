/**
 * The office's handling pages (提案办理, 社情民意处理) and their panels share this glue: the
 * page loads the item for the office only, each panel runs one staff action under the blocking
 * loading toast, and a stale copy (someone else decided first) is never retried: the page says
 * so and shows the item as it now is.
 */
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import type { UiEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { isApiCallError } from '../../../services/errors';
import { loadMyProfile } from '../../../services/session';
import { isOffice, queryValue } from '../../../utils/format';
import { showError, showMessage, showSuccess } from '../../../utils/toast';

/** What a panel's action tells the page: the item as it now is, or that it must reload. */
export interface PanelDone<D = unknown> {
  detail: D;
  /** The answer is another item (a merge target): load this one again. */
  reload: boolean;
}

export interface Domain {
  topic: ChangeTopic;
  notFoundCode: string;
  /** Refusals that mean the page shows a stale copy. */
  staleCodes: readonly string[];
  conflictMessage: string;
}

/** Runs one action; resolves to the answer, 'stale' (the page reloads) or null (failed). */
export async function runAction<D>(
  domain: Domain,
  title: string,
  call: () => Promise<D>,
  done: string,
): Promise<D | 'stale' | null> {
  wx.showLoading({ title, mask: true });
  try {
    const detail = await call();
    wx.hideLoading();
    markChanged(domain.topic);
    showSuccess(done);
    return detail;
  } catch (err) {
    wx.hideLoading();
    if (isApiCallError(err) && domain.staleCodes.includes(err.code)) {
      showMessage(err.code === 'STORE.CONFLICT' ? domain.conflictMessage : err.message);
      return 'stale';
    }
    showError(err);
    return null;
  }
}

interface PanelHooks {
  domain(): Domain;
}

/**
 * A panel for one staff action. Properties `target` (what the page shows of the item) and its
 * own; `run(...)` performs the action and emits `done` ({ detail, reload }) or `stale`.
 */
export const actionPanel = Behavior({
  properties: {
    /** The item as the page shows it: id, version and what the panel needs. */
    target: { type: Object, value: {} },
  },
  data: { busy: false },
  methods: {
    async run<D>(title: string, call: () => Promise<D>, done: string, reload = false) {
      if (this.data.busy) return false;
      this.setData({ busy: true });
      const domain = (this as unknown as PanelHooks).domain();
      const outcome = await runAction(domain, title, call, done);
      this.setData({ busy: false });
      if (outcome === 'stale') this.triggerEvent('stale');
      else if (outcome !== null) this.triggerEvent('done', { detail: outcome, reload });
      return outcome !== null && outcome !== 'stale';
    },

    onClose() {
      this.triggerEvent('open', { panel: '' });
    },
  },
});

interface PageHooks {
  get(id: string): Promise<unknown>;
  present(detail: unknown): WechatMiniprogram.IAnyObject;
  domain(): Domain;
  reload(options?: { quiet?: boolean }): Promise<void>;
}

function hooksOf(page: unknown): PageHooks {
  return page as PageHooks;
}

/**
 * The handling page: `?id=` (and `?panel=`, opened once) loaded for the office only (`denied` otherwise, `notFound` for a
 * missing item), one open panel at a time (`panel`), and the panels' answers applied.
 * The page supplies `get(id)`, `present(detail)` (its data) and `domain()`.
 */
export const handlingPage = Behavior({
  behaviors: [resourcePage],
  data: { panel: '', notFound: false, denied: false, _id: '', _panelAsked: false },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const hooks = hooksOf(this);
      const id = queryValue(this.data._query.id);
      if (!id) return { notFound: true };
      try {
        // Office only: a member opening their own item here would see the office's buttons.
        const [detail, me] = await Promise.all([hooks.get.call(this, id), loadMyProfile()]);
        if (!isOffice(me.roles)) return { denied: true };
        // `?panel=` (a work queue's 交办) opens that panel once, on the first load.
        const panel = this.data._panelAsked ? '' : queryValue(this.data._query.panel);
        return {
          _id: id,
          notFound: false,
          denied: false,
          panel,
          _panelAsked: true,
          ...hooks.present(detail),
        };
      } catch (err) {
        if (isApiCallError(err) && err.code === hooks.domain().notFoundCode) {
          return { notFound: true };
        }
        throw err;
      }
    },

    watch(): ChangeTopic[] {
      return [hooksOf(this).domain().topic];
    },

    onOpenPanel(e: UiEvent<{ panel?: string }, { panel?: string }>) {
      const panel = e.detail?.panel ?? e.currentTarget?.dataset?.panel ?? '';
      this.setData({ panel });
    },

    onPanelDone(e: UiEvent<object, PanelDone>) {
      const { detail, reload } = e.detail;
      if (reload) return this.reload();
      this.setData({ panel: '', ...hooksOf(this).present(detail) });
      return undefined;
    },

    onPanelStale() {
      return this.reload();
    },
  },
});
