/**
 * The tab pages about the caller (首页, 我的) as a resource page: `fetchMe()` gives the profile,
 * or null when this WeChat account is bound to no member (they offer binding then; any other
 * failure is the page's error). A pull-down asks the server for the profile again;
 * `rebound()` tells a page shown again that binding elsewhere replaced the profile.
 */
import type { MyProfile } from '../../../typings/contracts';
import { resourcePage } from '../../kit/resource-page';
import { isApiCallError } from '../../services/errors';
import { loadMyProfile, profileRevision } from '../../services/session';

export const mePage = Behavior({
  behaviors: [resourcePage],
  data: {
    /** False: the account is bound to nobody. */
    bound: true,
    /** The session revision last rendered; a newer one (after binding) means reload. */
    _revision: -1,
    /** Set by a pull-down: the next fetch asks the server for the profile again. */
    _refresh: false,
  },
  methods: {
    async fetchMe(): Promise<MyProfile | null> {
      const refresh = this.data._refresh;
      this.setData({ _revision: profileRevision(), _refresh: false });
      try {
        return await loadMyProfile({ refresh });
      } catch (err) {
        if (isApiCallError(err) && err.code === 'AUTH.NOT_BOUND') return null;
        throw err;
      }
    },

    rebound(): boolean {
      return this.data._revision !== profileRevision();
    },

    async onPullDownRefresh() {
      this.setData({ _refresh: true });
      await (this as unknown as { reload(o: { quiet: boolean }): Promise<void> }).reload({
        quiet: true,
      });
      wx.stopPullDownRefresh();
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
