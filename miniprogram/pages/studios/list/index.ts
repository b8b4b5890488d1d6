import type { StudioSummary } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import type { UiEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';

/** Every studio, for members and residents alike: where it is, when it is open, who hosts it. */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: { studios: [] as StudioSummary[] },
  methods: {
    async fetch() {
      return { studios: await api.studios.listStudios({}) };
    },

    watch(): ChangeTopic[] {
      return ['studios'];
    },

    onOpen(e: UiEvent<{ id?: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/studios/studio/index?id=${id}` });
    },

    onMine() {
      wx.navigateTo({ url: '/pages/studios/mine/index' });
    },
  },
});
