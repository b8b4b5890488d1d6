import type { StudioSummary } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { openById } from '../../../kit/navigate';
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
      openById(e, '/pages/studios/studio/index');
    },

    onMine() {
      wx.navigateTo({ url: '/pages/studios/mine/index' });
    },
  },
});
