import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { meetingsRevision, toMeetingCard, type MeetingCard } from '../../../utils/meetings';

export const PAGE_SIZE = 20;
export const EDIT_PAGE = '/pages/staff/meeting-edit/index';
export const BOARD_PAGE = '/pages/staff/meeting-board/index';

type Status = 'loading' | 'ready' | 'error' | 'forbidden';
type Scope = 'upcoming' | 'past';

const SCOPES: Array<{ value: Scope; label: string }> = [
  { value: 'upcoming', label: '未结束' },
  { value: 'past', label: '已结束' },
];

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    scopes: SCOPES,
    scope: 'upcoming' as Scope,
    rows: [] as MeetingCard[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
    _seq: 0,
    _revision: -1,
  },
  methods: {
    onLoad() {
      return this.reload();
    },

    /** Back from editing or the board: a meeting may have been created or changed. */
    onShow() {
      if (this.data._revision >= 0 && this.data._revision !== meetingsRevision()) {
        return this.reload();
      }
      return undefined;
    },

    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },

    onReachBottom() {
      return this.loadMore();
    },

    onRetry() {
      return this.reload();
    },

    async reload() {
      const seq = this.data._seq + 1;
      this.setData({
        _seq: seq,
        _revision: meetingsRevision(),
        status: 'loading',
        rows: [],
        page: 0,
        hasMore: false,
        loadMoreError: '',
      });
      try {
        const result = await api.meetings.list({
          all: true,
          scope: this.data.scope,
          page: 1,
          pageSize: PAGE_SIZE,
        });
        if (seq !== this.data._seq) return;
        this.setData({
          status: 'ready',
          rows: result.items.map(toMeetingCard),
          total: result.total,
          page: 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
          this.setData({ status: 'forbidden' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    async loadMore() {
      const { status, hasMore, loadingMore, page, _seq: seq } = this.data;
      if (status !== 'ready' || !hasMore || loadingMore) return;
      this.setData({ loadingMore: true, loadMoreError: '' });
      try {
        const result = await api.meetings.list({
          all: true,
          scope: this.data.scope,
          page: page + 1,
          pageSize: PAGE_SIZE,
        });
        if (seq !== this.data._seq) return;
        this.setData({
          rows: this.data.rows.concat(result.items.map(toMeetingCard)),
          total: result.total,
          page: page + 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
          loadingMore: false,
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ loadingMore: false, loadMoreError: messageOf(err) });
      }
    },

    onScope(e: DataEvent<{ value?: Scope }>) {
      const value = e.currentTarget.dataset.value;
      if (!value || value === this.data.scope) return undefined;
      this.setData({ scope: value });
      return this.reload();
    },

    /** A draft opens in the editor; anything else on the office's board. */
    onOpen(e: DataEvent<{ id?: string; status?: string }>) {
      const { id, status } = e.currentTarget.dataset;
      if (!id) return;
      const page = status === 'draft' ? EDIT_PAGE : BOARD_PAGE;
      wx.navigateTo({ url: `${page}?id=${encodeURIComponent(id)}` });
    },

    onCreate() {
      wx.navigateTo({ url: EDIT_PAGE });
    },
  },
});
