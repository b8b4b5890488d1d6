import { messageOf } from '../services/errors';
import { resourcePage } from './resource-page';

/**
 * A resource page whose content is a list fetched a page at a time: the first page on load
 * (through the resource page's states), the next one when the member scrolls to the bottom
 * (`onReachBottom`), a failed next page shown at the foot with its own retry. Answers for a
 * list that has since been reloaded are dropped.
 *
 * The page supplies `fetchPage(page, pageSize)`, resolving to `{ items, total }` and any other
 * fields to set with the first page (`extra`). It renders
 * `<list-footer loading="{{loadingMore}}" error="{{loadMoreError}}" has-more="{{hasMore}}"
 *  total="{{total}}" unit="件" bind:retry="loadMore" />` under its items.
 */
export const PAGE_SIZE = 20;

export interface ListPage<T> {
  items: T[];
  total: number;
  /** Fields to set along with the first page (counts, filters the server resolved). */
  extra?: WechatMiniprogram.IAnyObject;
}

interface Hooks {
  fetchPage(page: number, pageSize: number): Promise<ListPage<unknown>>;
}

function hooksOf(page: unknown): Hooks {
  return page as Hooks;
}

function moreAfter(page: number, got: number, total: number): boolean {
  return got > 0 && page * PAGE_SIZE < total;
}

export const pagedList = Behavior({
  behaviors: [resourcePage],
  data: {
    items: [] as unknown[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
  },
  methods: {
    /** The resource page's hook: the first page. */
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const first = await hooksOf(this).fetchPage.call(this, 1, PAGE_SIZE);
      return {
        ...(first.extra ?? {}),
        items: first.items,
        total: first.total,
        page: 1,
        hasMore: moreAfter(1, first.items.length, first.total),
        loadingMore: false,
        loadMoreError: '',
      };
    },

    onReachBottom() {
      return this.loadMore();
    },

    async loadMore(): Promise<void> {
      const { status, hasMore, loadingMore, page, _seq: seq } = this.data;
      if (status !== 'ready' || !hasMore || loadingMore) return;
      this.setData({ loadingMore: true, loadMoreError: '' });
      try {
        const next = await hooksOf(this).fetchPage.call(this, page + 1, PAGE_SIZE);
        if (seq !== this.data._seq) return;
        this.setData({
          items: this.data.items.concat(next.items),
          total: next.total,
          page: page + 1,
          hasMore: moreAfter(page + 1, next.items.length, next.total),
          loadingMore: false,
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ loadingMore: false, loadMoreError: messageOf(err) });
      }
    },
  },
});
