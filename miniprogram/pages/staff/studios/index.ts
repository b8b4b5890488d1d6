import type { StudioOverview } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import { openById } from '../../../kit/navigate';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';
import { exportFile } from '../../../utils/export-file';
import { formatDateTime } from '../../../utils/format';
import { businessYear } from '../../../utils/ledger';

/** The periods the office looks at: this year and last, by half. */
function periods() {
  const y = businessYear();
  return [
    { value: `${y}-01-01~${y}-12-31`, label: `${y} 年` },
    { value: `${y}-01-01~${y}-06-30`, label: `${y} 上半年` },
    { value: `${y}-07-01~${y}-12-31`, label: `${y} 下半年` },
    { value: `${y - 1}-01-01~${y - 1}-12-31`, label: `${y - 1} 年` },
  ];
}

/**
 * The office's view of every studio: consultations held in the period, matters waiting, outcomes
 * past their deadline, drafts made; the export of the period's logs; new studios.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    periods: periods(),
    period: periods()[0]!.value,
    overview: null as StudioOverview | null,
    waiting: [] as Array<StudioOverview['waiting'][number] & { time: string }>,
  },
  methods: {
    range() {
      const [from, to] = this.data.period.split('~') as [string, string];
      return { from, to };
    },

    async fetch() {
      const overview = await api.studios.overview(this.range());
      const waiting = overview.waiting.map((w) => ({ ...w, time: formatDateTime(w.createdAt) }));
      return { overview, waiting };
    },

    watch(): ChangeTopic[] {
      return ['studios'];
    },

    onPeriod(e: ValueEvent) {
      this.setData({ period: e.detail.value });
      return this.reload({ quiet: true });
    },

    onStudio(e: UiEvent<{ id?: string }>) {
      openById(e, '/pages/studios/workspace/index');
    },

    onConsultation(e: UiEvent<{ id?: string }>) {
      openById(e, '/pages/studios/consultation/index');
    },

    onMatter(e: UiEvent<{ id?: string }>) {
      openById(e, '/pages/studios/matter/index');
    },

    onNewStudio() {
      wx.navigateTo({ url: '/pages/studios/studio-edit/index' });
    },

    onExport() {
      return exportFile(() => api.studios.exportConsultations(this.range()), {
        what: '协商活动台账',
        shareFailed: '无法发送该文件，请稍后重试',
      });
    },
  },
});
