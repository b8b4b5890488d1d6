import { messageOf } from '../services/errors';
import { resourcePage } from './resource-page';

/**
 * A resource page whose list is read a page at a time by cursor (the reading club's feeds, the
 * moderation queue): the first page on load, the next when the member scrolls to the bottom,
 * with `nextCursor` from the previous answer; a failed next page shows at the foot with its own
 * retry; answers for a list reloaded since are dropped.
 *
 * The page supplies `fetchCursor(cursor)` resolving to `{ items, nextCursor }` and any other
 * fields to set with the first page (`extra`). It renders `<list-footer loading="{{loadingMore}}"
 * error="{{loadMoreError}}" has-more="{{hasMore}}" total="{{items.length}}" … bind:retry="loadMore" />`.
 */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
  extra?: WechatMiniprogram.IAnyObject;
}

interface Hooks {
  fetchCursor(cursor: string | undefined): Promise<CursorPage<unknown>>;
}

const hooksOf = (page: unknown) => page as Hooks;

export const cursorList = Behavior({
  behaviors: [resourcePage],
  data: {
    items: [] as unknown[],
    nextCursor: '',
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
  },
  methods: {
    /** The resource page's hook: the first page. */
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const first = await hooksOf(this).fetchCursor.call(this, undefined);
      return {
        ...(first.extra ?? {}),
        items: first.items,
        nextCursor: first.nextCursor ?? '',
        hasMore: first.nextCursor !== null,
        loadingMore: false,
        loadMoreError: '',
      };
    },

    onReachBottom() {
      return this.loadMore();
    },

    async loadMore(): Promise<void> {
      const { status, hasMore, loadingMore, nextCursor, _seq: seq } = this.data;
      if (status !== 'ready' || !hasMore || loadingMore) return;
      this.setData({ loadingMore: true, loadMoreError: '' });
      try {
        const next = await hooksOf(this).fetchCursor.call(this, nextCursor);
        if (seq !== this.data._seq) return;
        this.setData({
          items: this.data.items.concat(next.items),
          nextCursor: next.nextCursor ?? '',
          hasMore: next.nextCursor !== null,
          loadingMore: false,
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ loadingMore: false, loadMoreError: messageOf(err) });
      }
    },

    /** Drops one item from the list on screen (after a decision took it out of the list). */
    removeItem(index: number): void {
      const items = this.data.items.slice();
      items.splice(index, 1);
      this.setData({ items });
    },
  },
});
