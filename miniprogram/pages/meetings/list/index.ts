import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import {
  detailUrl,
  meetingsRevision,
  toMeetingCard,
  type MeetingCard,
} from '../../../utils/meetings';

export const PAGE_SIZE = 20;
export const INBOX_PAGE = '/pages/inbox/index';

type Status = 'loading' | 'ready' | 'error' | 'unbound';
type Scope = 'upcoming' | 'past';

const SCOPES: Array<{ value: Scope; label: string }> = [
  { value: 'upcoming', label: '即将召开' },
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
    /** Unread inbox messages; 0 hides the badge. */
    unread: 0,
    _seq: 0,
    _revision: -1,
  },
  methods: {
    onLoad() {
      return Promise.all([this.reload(), this.loadUnread()]);
    },

    /** Back from a meeting or the inbox: the reply or the unread count may have changed. */
    onShow() {
      if (this.data._revision < 0) return undefined;
      const jobs: Array<Promise<void>> = [this.loadUnread()];
      if (this.data._revision !== meetingsRevision()) jobs.push(this.reload());
      return Promise.all(jobs);
    },

    async onPullDownRefresh() {
      await Promise.all([this.reload(), this.loadUnread()]);
      wx.stopPullDownRefresh();
    },

    onReachBottom() {
      return this.loadMore();
    },

    onRetry() {
      return this.reload();
    },

    async loadUnread() {
      try {
        const { count } = await api.notify.getUnreadCount({});
        this.setData({ unread: count });
      } catch {
        // The badge is a convenience; the inbox page shows its own errors.
      }
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
        if (isApiCallError(err) && err.code === 'AUTH.NOT_BOUND') {
          this.setData({ status: 'unbound' });
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

    onOpen(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: detailUrl(id) });
    },

    goInbox() {
      wx.navigateTo({ url: INBOX_PAGE });
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
