import { fontScale } from '../../behaviors/font-scale';
import { isOffice, maskPhone, NOT_SET, orNotSet, roleLabels } from '../../utils/format';
import { INBOX_PAGE, loadUnreadCount, unreadText } from '../inbox/unread';
import { mePage } from './me';

interface Field {
  label: string;
  value: string;
}

Component({
  behaviors: [fontScale, mePage],
  options: { pureDataPattern: /^_/ },
  data: {
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
  },
  methods: {
    async fetch() {
      const p = await this.fetchMe();
      if (!p) return { bound: false };
      // The count is a convenience beside the profile: it never holds the page up.
      void this.loadUnread();
      return {
        bound: true,
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
      };
    },

    /** Back from the inbox: the unread count may have changed; after binding, all. */
    onShow() {
      if (this.data.status === 'loading') return undefined;
      if (this.rebound()) return this.reload();
      if (this.data.status === 'ready' && this.data.bound) return this.loadUnread();
      return undefined;
    },

    async loadUnread() {
      const count = await loadUnreadCount();
      if (count === null) return;
      this.setData({ unread: count, unreadNote: count > 0 ? `${unreadText(count)} 条未读` : '' });
    },

    togglePhone() {
      if (!this.data.hasPhone) return;
      const shown = !this.data.phoneShown;
      this.setData({
        phoneShown: shown,
        phoneText: shown ? this.data._phone : maskPhone(this.data._phone),
      });
    },

    goInbox() {
      wx.navigateTo({ url: INBOX_PAGE });
    },

    goRoster() {
      wx.navigateTo({ url: '/pages/staff/roster/index' });
    },
  },
});
