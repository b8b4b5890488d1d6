import type { ChartImage } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { ChangeTopic } from '../../../kit/changes';
import type { UiEvent } from '../../../kit/events';
import { resourcePage } from '../../../kit/resource-page';
import { api } from '../../../services/api';
import { exportFile } from '../../../utils/export-file';
import { parseYear, recentYears } from '../../../utils/ledger';
import { toStatsView, type StatsView } from './view';

interface Refreshable {
  reload(options?: { quiet?: boolean }): Promise<void>;
}

/** The panels that load on their own, refreshed with the page on a pull-down. */
const PANELS = ['.overdue-panel', '.units-panel'];

function yearChips(years: number[]) {
  return years.map((y) => ({ value: String(y), label: `${y} 年` }));
}

Component({
  behaviors: [fontScale, resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    years: yearChips(recentYears()),
    year: recentYears()[0]!,
    stats: null as StatsView | null,
    /** Drawn on the server: by stage, by reply class, per unit, by month. */
    charts: [] as ChartImage[],
    /** The export under way: '' for none. */
    exporting: '' as '' | 'stats' | 'compilation',
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const years = recentYears();
      const asked = parseYear(query.year);
      const year = asked !== null && years.includes(asked) ? asked : years[0]!;
      this.setData({ _query: query, years: yearChips(years), year });
      return this.reload();
    },

    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const year = this.data.year;
      const [stats, { charts }] = await Promise.all([
        api.proposals.getStats({ year }),
        // The charts only picture the figures below: without them the page still works.
        api.proposals.getStatsCharts({ year }).catch(() => ({ charts: [] })),
      ]);
      return { stats: toStatsView(stats), charts };
    },

    watch(): ChangeTopic[] {
      return ['proposals'];
    },

    async onPullDownRefresh() {
      const panels = PANELS.map((s) => this.selectComponent(s) as unknown as Refreshable | null);
      await Promise.all([
        this.reload({ quiet: true }),
        ...panels.map((p) => p?.reload({ quiet: true })),
      ]);
      wx.stopPullDownRefresh();
    },

    onYear(e: UiEvent<object, { value: string }>) {
      const year = Number(e.detail.value);
      if (!year || year === this.data.year) return undefined;
      this.setData({ year });
      return this.reload();
    },

    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: 'stats' });
      await exportFile(() => api.proposals.exportStats({ year: this.data.year }), {
        what: '统计表',
        shareFailed: '无法发送该文件，请稍后重试',
      });
      this.setData({ exporting: '' });
    },

    /** 提案汇编 of the year chosen: a Word file, opened as the statistics are. */
    async onExportCompilation() {
      if (this.data.exporting) return;
      this.setData({ exporting: 'compilation' });
      await exportFile(() => api.proposals.exportCompilation({ year: this.data.year }), {
        what: '提案汇编',
        shareFailed: '无法发送该文件，请稍后重试',
      });
      this.setData({ exporting: '' });
    },
  },
});
