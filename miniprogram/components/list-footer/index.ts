/**
 * The foot of a paged list (kit/paged-list.ts): a spinner while the next page loads, the
 * failure and a retry when it did not, and "已显示全部" once everything is shown.
 */
Component({
  properties: {
    /** The next page is loading. Default false. */
    loading: { type: Boolean, value: false },
    /** Why the next page failed ('' when it did not). */
    error: { type: String, value: '' },
    /** More pages wait. Default false. */
    hasMore: { type: Boolean, value: false },
    /** How many there are in all. */
    total: { type: Number, value: 0 },
    /** The counting word: 件, 篇, 场, 人… Default 条. */
    unit: { type: String, value: '条' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
