import { fontScale } from '../../behaviors/font-scale';
import { isApiCallError, messageOf } from '../../services/errors';
import { loadMyProfile, profileRevision } from '../../services/session';
import { isOffice, orNotSet, roleLabels } from '../../utils/format';

type Status = 'loading' | 'ready' | 'unbound' | 'error';

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    name: '',
    sector: '',
    roleLabels: [] as string[],
    office: false,
    /** The session revision last rendered; a newer one (after binding) triggers a reload. */
    _revision: -1,
  },
  methods: {
    onLoad() {
      return this.load(false);
    },

    onShow() {
      if (this.data.status !== 'loading' && this.data._revision !== profileRevision()) {
        return this.load(false);
      }
      return undefined;
    },

    async onPullDownRefresh() {
      await this.load(true);
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.load(true);
    },

    async load(refresh: boolean) {
      this.setData({ status: 'loading', _revision: profileRevision() });
      try {
        const profile = await loadMyProfile({ refresh });
        this.setData({
          status: 'ready',
          name: profile.name,
          sector: orNotSet(profile.sector),
          roleLabels: roleLabels(profile.roles),
          office: isOffice(profile.roles),
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

    goProfile() {
      wx.switchTab({ url: '/pages/profile/index' });
    },

    goRoster() {
      wx.navigateTo({ url: '/pages/staff/roster/index' });
    },
  },
});
