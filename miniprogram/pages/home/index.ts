import type { Role } from '../../../typings/contracts';
import { fontScale } from '../../behaviors/font-scale';
import type { ChangeTopic } from '../../kit/changes';
import type { UiEvent } from '../../kit/events';
import { api } from '../../services/api';
import { isOffice, orNotSet, roleLabels } from '../../utils/format';
import { INBOX_PAGE } from '../inbox/unread';
import { UNIT_QUEUE_PAGE } from '../../utils/office-work';
import { mePage } from '../profile/me';
import { loadWaiting, MEETINGS_TAB, PROPOSALS_TAB, type WaitingSection } from './waiting';

interface Shortcut {
  key: string;
  title: string;
  url: string;
  tab?: boolean;
}

const TABS = ['/pages/home/index', MEETINGS_TAB, PROPOSALS_TAB, '/pages/profile/index'];

/** What a person can open from the home page, by their roles (staff keep their own entries). */
function shortcutsFor(roles: readonly Role[]): Shortcut[] {
  const list: Shortcut[] = [];
  if (roles.includes('member')) {
    list.push({ key: 'meetings', title: '我的会议', url: MEETINGS_TAB, tab: true });
    list.push({ key: 'proposals', title: '我的提案', url: PROPOSALS_TAB, tab: true });
    list.push({ key: 'ledger', title: '我的履职', url: '/pages/ledger/my/index' });
    list.push({ key: 'reading', title: '书香政协', url: '/pages/reading/index/index' });
    list.push({ key: 'studios', title: '委员工作室', url: '/pages/studios/list/index' });
  }
  if (roles.includes('unit'))
    list.push({ key: 'unitWork', title: '本单位办理', url: UNIT_QUEUE_PAGE });
  list.push({ key: 'profile', title: '我的资料', url: '/pages/profile/index', tab: true });
  if (isOffice(roles)) {
    list.push({ key: 'roster', title: '委员名册管理', url: '/pages/staff/roster/index' });
    list.push({ key: 'staffMeetings', title: '会议管理', url: '/pages/staff/meetings/index' });
    list.push({ key: 'assessment', title: '履职考核', url: '/pages/staff/assessment/index' });
    list.push({ key: 'readingAdmin', title: '书香政协管理', url: '/pages/staff/reading/index' });
    list.push({ key: 'studiosAdmin', title: '工作室管理', url: '/pages/staff/studios/index' });
    list.push({
      key: 'moderation',
      title: '内容审核',
      url: '/pages/staff/reading-moderation/index',
    });
  }
  if (roles.includes('admin'))
    list.push({ key: 'settings', title: '委员会设置', url: '/pages/staff/settings/index' });
  return list;
}

/** What the empty home page says will appear, by the person's roles. */
function nothingHint(roles: readonly Role[]): string {
  if (roles.includes('member'))
    return '有会议要回执、联名邀请、答复待评价或新消息时，会显示在这里。';
  if (roles.includes('unit')) return '有交办给本单位的提案要签收、答复或会签时，会显示在这里。';
  return '有新消息时，会显示在这里。';
}

/** A tab page is switched to (tabs take no query); any other page is pushed. */
function open(url: string): void {
  const path = url.split('?')[0]!;
  if (TABS.includes(path)) wx.switchTab({ url: path });
  else wx.navigateTo({ url });
}

Component({
  behaviors: [fontScale, mePage],
  options: { pureDataPattern: /^_/ },
  data: {
    name: '',
    sector: '',
    roleLabels: [] as string[],
    shortcuts: [] as Shortcut[],
    sections: [] as WaitingSection[],
    waitingTotal: 0,
    failedText: '',
    nothingHint: '',
    /** Unread messages in the inbox (消息通知), and how the entry shows the count. */
    unread: 0,
    unreadText: '',
  },
  methods: {
    watch(): ChangeTopic[] {
      return ['meetings', 'proposals', 'inbox', 'members'];
    },

    async fetch() {
      const profile = await this.fetchMe();
      if (!profile) return { bound: false };
      const waiting = await loadWaiting(profile.roles);
      return {
        bound: true,
        name: profile.name,
        sector: orNotSet(profile.sector),
        roleLabels: roleLabels(profile.roles),
        shortcuts: shortcutsFor(profile.roles),
        nothingHint: nothingHint(profile.roles),
        ...waiting,
      };
    },

    /** Back on the tab: all again after binding or a change made here, else quietly anyway. */
    onShow() {
      if (this.data.status === 'loading') return undefined;
      if (this.rebound()) return this.reload();
      // What waits also changes elsewhere (a new notice, a meeting published): a quiet refresh.
      return this.reload({ quiet: true });
    },

    goInbox() {
      wx.navigateTo({ url: INBOX_PAGE });
    },

    /** Residents (no member behind this WeChat account) raise matters with a studio. */
    goStudios() {
      wx.navigateTo({ url: '/pages/studios/list/index' });
    },

    /** A waiting row: opens its page; a notice is marked read on the way. */
    onRow(e: UiEvent<{ section?: number; row?: number }>) {
      const { section = -1, row = -1 } = e.currentTarget.dataset;
      const item = this.data.sections[section]?.rows[row];
      if (!item) return;
      if (item.noticeId) api.notify.markRead({ ids: [item.noticeId] }).catch(() => undefined);
      open(item.url);
    },

    onMore(e: UiEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) open(url);
    },

    /** A shortcut cell: its `data-url`, as a tab or a page. */
    onShortcut(e: UiEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) open(url);
    },
  },
});
