import type { InboxItem } from '../../../typings/contracts';
import { fontScale } from '../../behaviors/font-scale';
import { api } from '../../services/api';
import type { UiEvent } from '../../kit/events';
import { pagedList, type ListPage } from '../../kit/paged-list';
import { formatDateTime, ownPageLink } from '../../utils/format';
import { showError, showSuccess } from '../../utils/toast';

interface Row {
  id: string;
  title: string;
  body: string;
  timeText: string;
  unread: boolean;
  /** A page of this mini-program to open, or ''. */
  link: string;
}

function toRow(item: InboxItem): Row {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    timeText: formatDateTime(item.createdAt),
    unread: item.readAt === null,
    link: ownPageLink(item.link),
  };
}

Component({
  behaviors: [fontScale, pagedList],
  options: { pureDataPattern: /^_/ },
  data: {
    items: [] as Row[],
    unread: 0,
    markingAll: false,
  },
  methods: {
    async fetchPage(page: number, pageSize: number): Promise<ListPage<Row>> {
      const result = await api.notify.listInbox({ page, pageSize });
      // The unread count moves with every page fetched: newer messages may have arrived.
      if (page > 1) this.setData({ unread: result.unread });
      return {
        items: result.items.map(toRow),
        total: result.total,
        extra: { unread: result.unread },
      };
    },

    /** Marks the message read (at once on screen) and opens what it is about. */
    async onOpen(e: UiEvent<{ index?: number }>) {
      const index = e.currentTarget.dataset.index ?? -1;
      const row = this.data.items[index];
      if (!row) return;
      if (row.unread) {
        this.setData({
          [`items[${index}].unread`]: false,
          unread: Math.max(0, this.data.unread - 1),
        });
        // Reading matters more than the mark: a failed mark is retried by the next tap.
        api.notify.markRead({ ids: [row.id] }).catch(() => {
          this.setData({ [`items[${index}].unread`]: true, unread: this.data.unread + 1 });
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
          items: this.data.items.map((row) => ({ ...row, unread: false })),
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
