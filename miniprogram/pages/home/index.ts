import { fontScale } from '../../behaviors/font-scale';
import { isApiCallError, messageOf } from '../../services/errors';
import { loadMyProfile, profileRevision } from '../../services/session';
import type { Role } from '../../../typings/contracts';
import { isOffice, orNotSet, roleLabels } from '../../utils/format';
import { INBOX_PAGE, loadUnreadCount, unreadText } from '../inbox/unread';

type Status = 'loading' | 'ready' | 'unbound' | 'error';

interface Shortcut {
  key: string;
  title: string;
  url: string;
  tab?: boolean;
}

/** What a person can open from the home page, by their roles. */
function shortcutsFor(roles: Role[]): Shortcut[] {
  const list: Shortcut[] = [
    { key: 'profile', title: '我的资料', url: '/pages/profile/index', tab: true },
  ];
  if (roles.includes('member'))
    list.push({ key: 'ledger', title: '我的履职', url: '/pages/ledger/my/index' });
  if (isOffice(roles)) {
    list.push({ key: 'roster', title: '委员名册管理', url: '/pages/staff/roster/index' });
    list.push({ key: 'staffMeetings', title: '会议管理', url: '/pages/staff/meetings/index' });
    list.push({ key: 'assessment', title: '履职考核', url: '/pages/staff/assessment/index' });
  }
  if (roles.includes('admin'))
    list.push({ key: 'settings', title: '委员会设置', url: '/pages/staff/settings/index' });
  return list;
}

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    name: '',
    sector: '',
    roleLabels: [] as string[],
    shortcuts: [] as Shortcut[],
    /** Unread messages in the inbox (消息通知), and how the entry shows the count. */
    unread: 0,
    unreadText: '',
    /** The session revision last rendered; a newer one (after binding) triggers a reload. */
    _revision: -1,
  },
  methods: {
    onLoad() {
      return this.load(false);
    },

    /** Back from the inbox or a notice: the unread count may have changed; after binding, all. */
    onShow() {
      if (this.data.status !== 'loading' && this.data._revision !== profileRevision()) {
        return this.load(false);
      }
      if (this.data.status === 'ready') return this.loadUnread();
      return undefined;
    },

    async onPullDownRefresh() {
      await this.load(true);
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.load(true);
    },

    async loadUnread() {
      const count = await loadUnreadCount();
      if (count !== null) this.setData({ unread: count, unreadText: unreadText(count) });
    },

    async load(refresh: boolean) {
      this.setData({ status: 'loading', _revision: profileRevision() });
      try {
        const profile = await loadMyProfile({ refresh });
        // The count is a convenience beside the profile: it never holds the page up.
        void this.loadUnread();
        this.setData({
          status: 'ready',
          name: profile.name,
          sector: orNotSet(profile.sector),
          roleLabels: roleLabels(profile.roles),
          shortcuts: shortcutsFor(profile.roles),
          _revision: profileRevision(),
        });
      } catch (err) {
        if (isApiCallError(err) && err.code === 'AUTH.NOT_BOUND') {
          this.setData({ status: 'unbound' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },

    goInbox() {
      wx.navigateTo({ url: INBOX_PAGE });
    },

    /** A shortcut cell: its `data-url`, as a tab or a page. */
    onShortcut(e: WechatMiniprogram.BaseEvent) {
      const { url, tab } = e.currentTarget.dataset as { url: string; tab?: boolean };
      if (tab) wx.switchTab({ url });
      else wx.navigateTo({ url });
    },
  },
});
