import type {
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
    report: null as ParticipationReport | null,
    rate: '',
    showAllNever: false,
  },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const all: ReadingPeriod[] = await api.reading.listPeriods({});
      const periods = all.map((p) => ({ value: p.id, label: p.title }));
      const periodId =
        this.data.periodId || (all.find((p) => p.phase === 'current') ?? all[0])?.id || '';
      if (!periodId) return { periods, periodId, report: null };
      const report = await api.reading.participation({ periodId, by: this.data.by });
      const { members, posted } = report.summary;
      const rate = members ? `${Math.round((posted / members) * 100)}%` : '—';
      return { periods, periodId, report, rate };
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onPeriod(e: ValueEvent) {
      this.setData({ periodId: e.detail.value });
      return this.reload({ quiet: true });
    },

    onBy(e: ValueEvent<ParticipationBy>) {
      this.setData({ by: e.detail.value });
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
