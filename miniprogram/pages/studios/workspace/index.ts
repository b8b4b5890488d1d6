import type {
  ConsultationSummary,
  MatterStatus,
  MatterView,
  StudioDetail,
} from '../../../../typings/contracts';
import { MATTER_STATUS_LABELS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { openById } from '../../../kit/navigate';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { withLoading } from '../../../kit/with-loading';
import { api } from '../../../services/api';
import { formatDateTime, queryValue } from '../../../utils/format';

const CHIPS = (Object.keys(MATTER_STATUS_LABELS) as MatterStatus[]).map((value) => ({
  value,
  label: MATTER_STATUS_LABELS[value],
}));

/**
 * The host's (and the studio members' and staff's) workspace: the residents' matters by state,
 * the consultation logs with what is overdue, a new log, the door code and the studio's details.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    chips: CHIPS,
    matterStatus: 'pending' as MatterStatus,
    studio: null as StudioDetail | null,
    matters: [] as Array<MatterView & { time: string }>,
    matterTotal: 0,
    consultations: [] as ConsultationSummary[],
    code: null as { qrDataUrl: string; opensFromCamera: boolean } | null,
  },
  methods: {
    async fetch() {
      const studioId = queryValue(this.data._query.id);
      const [studio, matters, consultations] = await Promise.all([
        api.studios.getStudio({ studioId }),
        api.studios.listMatters({ studioId, status: this.data.matterStatus, pageSize: 50 }),
        api.studios.listConsultations({ studioId }),
      ]);
      wx.setNavigationBarTitle({ title: studio.name }).catch(() => undefined);
      const rows = matters.items.map((m) => ({ ...m, time: formatDateTime(m.createdAt) }));
      return { studio, matters: rows, matterTotal: matters.total, consultations };
    },

    watch(): ChangeTopic[] {
      return ['studios'];
    },

    onMatterStatus(e: ValueEvent<MatterStatus>) {
      this.setData({ matterStatus: e.detail.value });
      return this.reload({ quiet: true });
    },

    onMatter(e: UiEvent<{ id?: string }>) {
      openById(e, '/pages/studios/matter/index');
    },

    onConsultation(e: UiEvent<{ id?: string }>) {
      openById(e, '/pages/studios/consultation/index');
    },

    onNewConsultation() {
      const id = this.data.studio?.id;
      if (id) wx.navigateTo({ url: `/pages/studios/consultation-edit/index?studioId=${id}` });
    },

    onEditStudio() {
      const id = this.data.studio?.id;
      if (id) wx.navigateTo({ url: `/pages/studios/studio-edit/index?id=${id}` });
    },

    async onCode() {
      const id = this.data.studio?.id;
      if (!id) return;
      const code = await withLoading('正在生成', () => api.studios.studioCode({ studioId: id }));
      if (code) this.setData({ code });
    },

    onSaveCode() {
      const url = this.data.code?.qrDataUrl;
      if (url) wx.previewImage({ urls: [url], current: url }).catch(() => undefined);
    },
  },
});
