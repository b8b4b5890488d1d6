/**
 * A staff review queue (提案审查, 社情民意处理): the queues as chips, the waiting items oldest
 * first with the page kit's states and footer. Pair the page with the `reviewQueue` Behavior
 * (./behavior.ts), which keeps the list; this component only renders it.
 * Emits `queue` ({ value }), `open` ({ id }), `retry` and `more`.
 */
import type { UiEvent } from '../../kit/events';

Component({
  properties: {
    /** The queues: chip-group options, each with its own `empty` text. */
    queues: { type: Array, value: [] as Array<{ value: string; label: string; empty: string }> },
    queue: { type: String, value: '' },
    /** The paged list's fields (kit/paged-list.ts). */
    status: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    items: { type: Array, value: [] as unknown[] },
    total: { type: Number, value: 0 },
    hasMore: { type: Boolean, value: false },
    loadingMore: { type: Boolean, value: false },
    loadMoreError: { type: String, value: '' },
    /** 件 or 篇. */
    unit: { type: String, value: '件' },
    /** After the count: how the list is ordered. */
    order: { type: String, value: '' },
    forbiddenText: { type: String, value: '' },
    /** The rows' class: `<kind>-item`. */
    kind: { type: String, value: 'queue' },
  },
  data: { emptyText: '' },
  observers: {
    'queues, queue'(queues: Array<{ value: string; empty: string }>, queue: string) {
      this.setData({ emptyText: queues.find((q) => q.value === queue)?.empty ?? '' });
    },
  },
  methods: {
    onQueue(e: UiEvent<object, { value: string }>) {
      this.triggerEvent('queue', { value: e.detail.value });
    },

    onOpen(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) this.triggerEvent('open', { id });
    },

    onRetry() {
      this.triggerEvent('retry');
    },

    onMore() {
      this.triggerEvent('more');
    },
  },
});
