import type {
  ChartImage,
  ParticipationBy,
  ParticipationReport,
  ReadingPeriod,
} from '../../../../typings/contracts';
import { PARTICIPATION_BY_LABELS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import type { ValueEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';
import { exportFile } from '../../../utils/export-file';

const BY = Object.keys(PARTICIPATION_BY_LABELS) as ParticipationBy[];
const BY_HEADS: Record<ParticipationBy, string> = {
  group: '读书群',
  sector: '界别',
  member: '委员',
};

/**
 * The reading club's participation for a period, by group, sector or member: posts, notes,
 * check-ins, guide readings, characters and check-in days; who never posted; export to Excel.
 */
Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    periods: [] as Array<{ value: string; label: string }>,
    periodId: '',
    by: 'group' as ParticipationBy,
    byChips: BY.map((b) => ({ value: b, label: PARTICIPATION_BY_LABELS[b] })),
    /** The table's first column head in a PC window: 读书群, 界别 or 委员. */
    byLabel: '读书群',
    report: null as ParticipationReport | null,
    /** The period's, drawn on the server: per group, per sector, by kind of post. */
    charts: [] as ChartImage[],
    rate: '',
    showAllNever: false,
  },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const all: ReadingPeriod[] = await api.reading.listPeriods({});
      const periods = all.map((p) => ({ value: p.id, label: p.title }));
      const periodId =
        this.data.periodId || (all.find((p) => p.phase === 'current') ?? all[0])?.id || '';
      if (!periodId) return { periods, periodId, report: null, charts: [] };
      const [report, { charts }] = await Promise.all([
        api.reading.participation({ periodId, by: this.data.by }),
        // The charts only picture the rows: without them the page still works.
        api.reading.participationCharts({ periodId }).catch(() => ({ charts: [] })),
      ]);
      const { members, posted } = report.summary;
      const rate = members ? `${Math.round((posted / members) * 100)}%` : '—';
      return { periods, periodId, report, rate, charts };
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onPeriod(e: ValueEvent) {
      this.setData({ periodId: e.detail.value });
      return this.reload({ quiet: true });
    },

    onBy(e: ValueEvent<ParticipationBy>) {
      this.setData({ by: e.detail.value, byLabel: BY_HEADS[e.detail.value] });
      return this.reload({ quiet: true });
    },

    onShowAllNever() {
      this.setData({ showAllNever: true });
    },

    onExport() {
      const periodId = this.data.periodId;
      if (!periodId) return undefined;
      return exportFile(() => api.reading.exportParticipation({ periodId }), {
        what: '读书参与统计',
        shareFailed: '无法发送该文件，请稍后重试',
      });
    },
  },
});
