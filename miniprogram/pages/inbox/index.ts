import type { InboxItem } from '../../../typings/contracts';
import { fontScale } from '../../behaviors/font-scale';
import { api } from '../../services/api';
import { messageOf } from '../../services/errors';
import { formatDateTime } from '../../utils/format';
import { showError, showSuccess } from '../../utils/toast';

export const PAGE_SIZE = 20;

type Status = 'loading' | 'ready' | 'error';

interface Row {
  id: string;
  title: string;
  body: string;
  timeText: string;
  unread: boolean;
  /** A page of this mini-program to open, or ''. */
  link: string;
}

/** Only links to our own pages are followed; anything else stays text. */
export function pageLink(link: string | null): string {
  return link && /^\/pages\/[\w/-]+(\?.*)?$/.test(link) ? link : '';
}

function toRow(item: InboxItem): Row {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    timeText: formatDateTime(item.createdAt),
    unread: item.readAt === null,
    link: pageLink(item.link),
  };
}

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
    rows: [] as Row[],
    total: 0,
    unread: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
    markingAll: false,
    _seq: 0,
  },
  methods: {
    onLoad() {
      return this.reload();
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
        status: 'loading',
        rows: [],
        page: 0,
        hasMore: false,
        loadMoreError: '',
      });
      try {
        const result = await api.notify.listInbox({ page: 1, pageSize: PAGE_SIZE });
        if (seq !== this.data._seq) return;
        this.setData({
          status: 'ready',
          rows: result.items.map(toRow),
          total: result.total,
          unread: result.unread,
          page: 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ status: 'error', errorMessage: messageOf(err) });
      }
    },

    async loadMore() {
      const { status, hasMore, loadingMore, page, _seq: seq } = this.data;
      if (status !== 'ready' || !hasMore || loadingMore) return;
      this.setData({ loadingMore: true, loadMoreError: '' });
      try {
        const result = await api.notify.listInbox({ page: page + 1, pageSize: PAGE_SIZE });
        if (seq !== this.data._seq) return;
        this.setData({
          rows: this.data.rows.concat(result.items.map(toRow)),
          total: result.total,
          unread: result.unread,
          page: page + 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
          loadingMore: false,
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ loadingMore: false, loadMoreError: messageOf(err) });
      }
    },

    /** Marks the message read (at once on screen) and opens what it is about. */
    async onOpen(e: DataEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index ?? -1;
      const row = this.data.rows[index];
      if (!row) return;
      if (row.unread) {
        this.setData({
          [`rows[${index}].unread`]: false,
          unread: Math.max(0, this.data.unread - 1),
        });
        // Reading matters more than the mark: a failed mark is retried by the next tap.
        api.notify.markRead({ ids: [row.id] }).catch(() => {
          this.setData({ [`rows[${index}].unread`]: true, unread: this.data.unread + 1 });
        });
      }
      if (!row.link) return;
      try {
        await wx.navigateTo({ url: row.link });
      } catch {
        // A tab page (会议, 首页) cannot be pushed; tabs take no query.
        wx.switchTab({ url: row.link.split('?')[0]! }).catch(() => undefined);
      }
    },

    async onMarkAll() {
      if (this.data.markingAll || this.data.unread === 0) return;
      this.setData({ markingAll: true });
      try {
        await api.notify.markRead({ all: true });
        this.setData({
          rows: this.data.rows.map((row) => ({ ...row, unread: false })),
          unread: 0,
        });
        showSuccess('已全部标为已读');
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ markingAll: false });
      }
    },
  },
});
