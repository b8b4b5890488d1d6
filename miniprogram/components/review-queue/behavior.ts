/**
 * The page side of a review queue: the paged list of the chosen queue, reloaded when the queue
 * changes or the spec's topic moved, each row opening the handling page. A page takes
 * `reviewQueue({ queues, topic, handlePage, fetch })` among its behaviors and renders
 * `<review-queue queues="{{queues}}" queue="{{queue}}" status="{{status}}" … bind:queue="onQueue"
 *  bind:open="onOpen" bind:retry="onRetry" bind:more="loadMore" />`.
 */
import type { ChangeTopic } from '../../kit/changes';
import type { UiEvent } from '../../kit/events';
import { pagedList, type ListPage } from '../../kit/paged-list';
import { pageUrl, type TagTheme } from '../../utils/proposals';

/** One row of a queue. */
export interface QueueRow {
  id: string;
  title: string;
  statusLabel: string;
  theme: TagTheme;
  /** The lines under the title. */
  lines: string[];
  similar: Array<{ id: string; title: string; scoreText: string }>;
}

export interface QueueSpec<Q extends string> {
  /** The queues in order (the first is shown first), each with its empty text. */
  queues: Array<{ value: Q; label: string; empty: string }>;
  topic: ChangeTopic;
  handlePage: string;
  /** `keyword`: the page's search box (kit/search-box.ts), '' without one. */
  fetch(queue: Q, page: number, pageSize: number, keyword: string): Promise<ListPage<QueueRow>>;
}

export function reviewQueue<Q extends string>(spec: QueueSpec<Q>): string {
  return Behavior({
    behaviors: [pagedList],
    data: { queues: spec.queues, queue: spec.queues[0]?.value ?? '' },
    methods: {
      fetchPage(page: number, pageSize: number): Promise<ListPage<QueueRow>> {
        const keyword = (this.data as { keyword?: string }).keyword?.trim() ?? '';
        return spec.fetch(this.data.queue as Q, page, pageSize, keyword);
      },

      watch(): ChangeTopic[] {
        return [spec.topic];
      },

      onQueue(e: UiEvent<object, { value: string }>) {
        this.setData({ queue: e.detail.value });
        return this.reload();
      },

      onOpen(e: UiEvent<object, { id: string }>) {
        wx.navigateTo({ url: pageUrl(spec.handlePage, e.detail.id) });
      },
    },
  });
}
