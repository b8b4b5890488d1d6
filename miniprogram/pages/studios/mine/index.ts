import type { MatterView } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { openById } from '../../../kit/navigate';
import type { UiEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';
import { formatDateTime } from '../../../utils/format';

/** The matters this WeChat account raised, newest first, each with where it stands. */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: { matters: [] as Array<MatterView & { time: string; latest: string }> },
  methods: {
    async fetch() {
      const matters = (await api.studios.myMatters({})).map((m) => ({
        ...m,
        time: formatDateTime(m.createdAt),
        latest: m.progress[m.progress.length - 1]?.text ?? '',
      }));
      return { matters };
    },

    watch(): ChangeTopic[] {
      return ['studios'];
    },

    onOpen(e: UiEvent<{ id?: string }>) {
      openById(e, '/pages/studios/matter/index');
    },

    onStudios() {
      wx.navigateTo({ url: '/pages/studios/list/index' });
    },
  },
});
