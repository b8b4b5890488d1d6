import type { StudioDetail } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { openById } from '../../../kit/navigate';
import type { UiEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { openFile } from '../../../services/files';
import { queryValue } from '../../../utils/format';
import { showError } from '../../../utils/toast';

/**
 * A studio's public page, also what its door code opens (`?scene=<studio id>`): where it is,
 * who works there, what it has done lately, and the way to raise a matter. Its host, members
 * and staff also get their workspace from here.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: { studio: null as StudioDetail | null, notFound: false },
  methods: {
    async fetch() {
      const q = this.data._query;
      const studioId = queryValue(q.id) || queryValue(q.scene);
      try {
        const studio = await api.studios.getStudio({ studioId });
        wx.setNavigationBarTitle({ title: studio.name }).catch(() => undefined);
        return { studio, notFound: false };
      } catch (err) {
        if (isApiCallError(err) && ['STUDIO.NOT_FOUND', 'REQUEST.INVALID'].includes(err.code))
          return { studio: null, notFound: true };
        throw err;
      }
    },

    watch(): ChangeTopic[] {
      return ['studios'];
    },

    onRaise() {
      const id = this.data.studio?.id;
      if (id) wx.navigateTo({ url: `/pages/studios/matter-new/index?studioId=${id}` });
    },

    onWorkspace() {
      const id = this.data.studio?.id;
      if (id) wx.navigateTo({ url: `/pages/studios/workspace/index?id=${id}` });
    },

    onConsultation(e: UiEvent<{ id?: string }>) {
      openById(e, '/pages/studios/consultation/index');
    },

    onPhoto(e: UiEvent<{ index?: number }>) {
      const photo = this.data.studio?.photos[e.currentTarget.dataset.index ?? -1];
      if (photo) openFile(photo).catch(showError);
    },

    onMap() {
      const s = this.data.studio;
      if (!s?.location) return;
      wx.openLocation({ ...s.location, name: s.name, address: s.address, scale: 16 }).catch(
        () => undefined,
      );
    },
  },
});
