import { fontScale } from '../../behaviors/font-scale';
import { isApiCallError, messageOf } from '../../services/errors';
import { loadMyProfile, profileRevision } from '../../services/session';
import { isOffice, maskPhone, NOT_SET, orNotSet, roleLabels } from '../../utils/format';
import { INBOX_PAGE, loadUnreadCount, unreadText } from '../inbox/unread';

type Status = 'loading' | 'ready' | 'unbound' | 'error';

interface Field {
  label: string;
  value: string;
}

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    name: '',
    fields: [] as Field[],
    roleLabels: [] as string[],
    office: false,
    /** Own phone: shown masked until tapped. */
    hasPhone: false,
    phoneShown: false,
    phoneText: '',
    /** Unread messages in the inbox: shown on the 消息通知 cell and as this tab's badge. */
    unread: 0,
    unreadNote: '',
    _phone: '',
    _revision: -1,
  },
  methods: {
    onLoad() {
      return this.load(false);
    },

    /** Back from the inbox: the unread count may have changed; after binding, all. */
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
      if (count === null) return;
      this.setData({ unread: count, unreadNote: count > 0 ? `${unreadText(count)} 条未读` : '' });
    },

    async load(refresh: boolean) {
      this.setData({ status: 'loading', _revision: profileRevision() });
      try {
        const p = await loadMyProfile({ refresh });
        void this.loadUnread();
        this.setData({
          status: 'ready',
          name: p.name,
          fields: [
            { label: '性别', value: orNotSet(p.gender) },
            { label: '界别', value: orNotSet(p.sector) },
            { label: '专委会', value: orNotSet(p.specialCommittee) },
            { label: '常委', value: p.standingMember ? '是' : '否' },
            { label: '届次', value: orNotSet(p.term) },
          ],
          roleLabels: roleLabels(p.roles),
          office: isOffice(p.roles),
          hasPhone: Boolean(p.phone),
          phoneShown: false,
          phoneText: p.phone ? maskPhone(p.phone) : NOT_SET,
          _phone: p.phone ?? '',
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

    togglePhone() {
      if (!this.data.hasPhone) return;
      const shown = !this.data.phoneShown;
      this.setData({
        phoneShown: shown,
        phoneText: shown ? this.data._phone : maskPhone(this.data._phone),
      });
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },

    goInbox() {
      wx.navigateTo({ url: INBOX_PAGE });
    },

    goRoster() {
      wx.navigateTo({ url: '/pages/staff/roster/index' });
    },
  },
});
