import { fontScale } from '../../../behaviors/font-scale';
import type { UiEvent } from '../../../kit/events';
import { pagedList, type ListPage } from '../../../kit/paged-list';
import { isApiCallError } from '../../../services/errors';
import {
  ASK_FOR,
  askSubscriptions,
  canAskFor,
  prefetchSubscribeTemplates,
  remainingFor,
} from '../../../services/subscribe';
import {
  detailUrl,
  fetchMeetingCards,
  scopeChips,
  type MeetingCard,
  type MeetingScope,
} from '../../../utils/meetings';
import { INBOX_PAGE, loadUnreadCount } from '../../inbox/unread';

export { INBOX_PAGE };

/** The 会议通知提醒 card: WeChat sends a reminder only once per acceptance, so say how many. */
interface ReminderView {
  shown: boolean;
  /** Reminders left, as the backend counts them (0 when none or unknown). */
  left: number;
  title: string;
  text: string;
  action: string;
  /** What the last request came to, when it was not an acceptance. */
  note: string;
}

const NO_REMINDER: ReminderView = {
  shown: false,
  left: 0,
  title: '',
  text: '',
  action: '',
  note: '',
};

export function reminderView(left: number | null, note = ''): ReminderView {
  const n = left ?? 0;
  return n > 0
    ? {
        shown: true,
        left: n,
        title: `会议通知提醒：还可提醒 ${n} 次`,
        text: '每同意一次，可多收到一条微信提醒；用完后请再次开启。',
        action: '再开启一次提醒',
        note,
      }
    : {
        shown: true,
        left: 0,
        title: '会议通知提醒未开启',
        text: '开启后，新的会议通知会通过微信服务通知提醒您（每同意一次，可收到一条提醒）。',
        action: '开启会议通知提醒',
        note,
      };
}

/** What to say when the member did not accept (the notices still reach 消息通知). */
const NOT_ACCEPTED: Record<string, string> = {
  reject: '您没有同意接收提醒。新的会议通知仍会出现在“消息通知”里。',
  ban: '您已关闭本小程序的订阅消息：可点右上角“…”→“设置”→“通知管理”打开后再试。',
  filter: '该提醒暂时无法开启，请稍后再试。',
  none: '暂时无法开启提醒，请稍后再试。新的会议通知仍会出现在“消息通知”里。',
};

Component({
  behaviors: [fontScale, pagedList],
  options: { pureDataPattern: /^_/ },
  data: {
    items: [] as MeetingCard[],
    scopes: scopeChips('即将召开'),
    scope: 'upcoming' as MeetingScope,
    /** This WeChat account is not bound to a member: the page asks to bind instead. */
    unbound: false,
    /** Unread inbox messages; 0 hides the badge. */
    unread: 0,
    reminder: NO_REMINDER,
    asking: false,
  },
  methods: {
    onLoad() {
      return Promise.all([this.reload(), this.loadUnread(), this.loadReminder()]);
    },

    async fetchPage(page: number, pageSize: number): Promise<ListPage<MeetingCard>> {
      try {
        const cards = await fetchMeetingCards(this.data.scope, page, pageSize);
        return { ...cards, extra: { unbound: false } };
      } catch (err) {
        if (!(isApiCallError(err) && err.code === 'AUTH.NOT_BOUND')) throw err;
        return { items: [], total: 0, extra: { unbound: true } };
      }
    },

    watch() {
      return ['meetings' as const];
    },

    /** Back from a meeting or the inbox: the reply or the unread count may have changed. */
    onShow() {
      const seen = this.data._changes;
      if (seen === -1) return undefined;
      const jobs: Array<Promise<void>> = [this.loadUnread()];
      if (seen !== this.changesNow()) jobs.push(this.reload({ quiet: true }));
      return Promise.all(jobs);
    },

    async onPullDownRefresh() {
      await Promise.all([this.reload({ quiet: true }), this.loadUnread()]);
      wx.stopPullDownRefresh();
    },

    /** The badge is a convenience; the inbox page shows its own errors. */
    async loadUnread() {
      const count = await loadUnreadCount();
      if (count !== null) this.setData({ unread: count });
    },

    /** Shown once the templates are at hand (so the tap can ask at once), when configured. */
    async loadReminder() {
      await prefetchSubscribeTemplates();
      if (!canAskFor('meetingNotice')) return;
      this.setData({ reminder: reminderView(remainingFor('meetingNotice')) });
    },

    /** 开启会议通知提醒: WeChat asks only on a tap, so the request comes first. */
    async onAskReminders() {
      if (this.data.asking) return;
      this.setData({ asking: true });
      try {
        const outcome = await askSubscriptions(ASK_FOR.meetingNotices);
        const answer = outcome.answers.meetingNotice ?? 'none';
        if (answer !== 'accept') {
          this.setData({
            reminder: reminderView(remainingFor('meetingNotice'), NOT_ACCEPTED[answer] ?? ''),
          });
          return;
        }
        const remaining = await outcome.remaining;
        // The backend's count; without it, one more than before (this acceptance).
        const left = remaining?.meetingNotice ?? (remainingFor('meetingNotice') ?? 0) + 1;
        this.setData({ reminder: reminderView(left) });
      } finally {
        this.setData({ asking: false });
      }
    },

    onScope(e: UiEvent<object, { value: MeetingScope }>) {
      this.setData({ scope: e.detail.value });
      return this.reload();
    },

    onOpen(e: UiEvent<{ id?: string }>) {
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
