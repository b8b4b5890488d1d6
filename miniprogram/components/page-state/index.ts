/**
 * The states every page shares, around the page's own content: a spinner while loading, the
 * message and a retry button after a failure, a notice for who may not see the page, an empty
 * notice, and the content (the slot) once ready. Pair it with the resource-page Behavior
 * (kit/resource-page.ts), which keeps `status` and `errorMessage`.
 */
Component({
  options: { multipleSlots: true },
  properties: {
    /** loading | ready | error | forbidden. Default loading. */
    status: { type: String, value: 'loading' },
    /** Shown with the retry button after a failure. Default ''. */
    message: { type: String, value: '' },
    /** The error view offers 重新加载; false for a refusal a retry cannot change. Default true. */
    retry: { type: Boolean, value: true },
    /** Shown to someone the page is not for. */
    forbiddenText: { type: String, value: '此页仅供政协办公室工作人员使用。' },
    /** Ready with nothing to show: the empty notice instead of the content. Default false. */
    empty: { type: Boolean, value: false },
    /** The empty notice. Default 暂无内容. */
    emptyText: { type: String, value: '暂无内容' },
    /** The loading text. Default 正在加载…. */
    loadingText: { type: String, value: '正在加载…' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
