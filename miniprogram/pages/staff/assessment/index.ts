import type { AssessmentRow, ChartImage, Contracts, InputOf } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { pagedList, type ListPage } from '../../../kit/paged-list';
import { checkInput } from '../../../kit/validate';
import { api } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { parseYear, recentYears, toYearStatusView } from '../../../utils/ledger';
import { askText, checkAt } from '../../../utils/prompt';
import { showError, showSuccess } from '../../../utils/toast';
import { exportAssessment, type ExportFormat } from './export-file';
import { toRowItem, toSummary, withSeen, type RowItem, type SummaryView } from './view';

export { PAGE_SIZE } from '../../../kit/paged-list';
export const ALL_SECTORS = '全部界别';
export const ALL_COMMITTEES = '全部专委会';

type Query = InputOf<Contracts['ledger']['getAssessment']>;
type PickEvent = ValueEvent<string | number>;

/**
 * 履职考核: the year's totals for every member, a page at a time, filtered by sector, special
 * committee or below the pass line; closing and reopening the year; exporting it.
 */
Component({
  behaviors: [fontScale, pagedList],
  options: { pureDataPattern: /^_/ },
  data: {
    years: recentYears(),
    year: recentYears()[0]!,
    summary: null as SummaryView | null,
    /** The whole year's, drawn on the server: by grade (score band until closed), by sector. */
    charts: [] as ChartImage[],
    yearStatus: null as ReturnType<typeof toYearStatusView> | null,
    /** The year is being closed or reopened. */
    changingYear: false,
    items: [] as RowItem[],
    sector: '',
    specialCommittee: '',
    belowPassOnly: false,
    sectorOptions: [ALL_SECTORS],
    committeeOptions: [ALL_COMMITTEES],
    sectorIndex: 0,
    committeeIndex: 0,
    exporting: '' as '' | ExportFormat,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const years = recentYears();
      const asked = parseYear(query.year);
      this.setData({ years, year: asked !== null && years.includes(asked) ? asked : years[0]! });
      return this.reload();
    },

    query(page: number, pageSize: number): Query {
      const { year, sector, specialCommittee, belowPassOnly } = this.data;
      const input: Query = { year, page, pageSize };
      if (sector) input.sector = sector;
      if (specialCommittee) input.specialCommittee = specialCommittee;
      if (belowPassOnly) input.belowPassOnly = true;
      return input;
    },

    /** Remembers the sectors and committees of the rows, for the pickers. */
    seen(rows: AssessmentRow[]) {
      const sectorOptions = withSeen(
        this.data.sectorOptions,
        rows.map((r) => r.sector),
      );
      const committeeOptions = withSeen(
        this.data.committeeOptions,
        rows.map((r) => r.specialCommittee),
      );
      return {
        sectorOptions,
        committeeOptions,
        sectorIndex: Math.max(0, sectorOptions.indexOf(this.data.sector)),
        committeeIndex: Math.max(0, committeeOptions.indexOf(this.data.specialCommittee)),
      };
    },

    /** A page of rows; the first comes with the summary and the year's state. */
    async fetchPage(page: number, pageSize: number): Promise<ListPage<RowItem>> {
      const [result, yearStatus, drawn] = await Promise.all([
        api.ledger.getAssessment(this.query(page, pageSize)),
        page === 1 ? api.ledger.getYearStatus({ year: this.data.year }) : null,
        // The charts only picture the rows: without them the page still works.
        page === 1
          ? api.ledger.getAssessmentCharts({ year: this.data.year }).catch(() => ({ charts: [] }))
          : null,
      ]);
      const { rows } = result;
      const seen = this.seen(rows.items);
      if (page > 1) this.setData(seen);
      return {
        items: rows.items.map((r) => toRowItem(r, result.categories)),
        total: rows.total,
        extra: {
          ...seen,
          summary: toSummary(result),
          ...(yearStatus ? { yearStatus: toYearStatusView(yearStatus) } : {}),
          ...(drawn ? { charts: drawn.charts } : {}),
        },
      };
    },

    onYear(e: UiEvent<{ year?: number }>) {
      const { year } = e.currentTarget.dataset;
      if (year === undefined || year === this.data.year) return undefined;
      this.setData({ year });
      return this.reload();
    },

    onSectorPick(e: PickEvent) {
      const index = Number(e.detail.value);
      const sector = index > 0 ? (this.data.sectorOptions[index] ?? '') : '';
      if (sector === this.data.sector) return undefined;
      this.setData({ sector, sectorIndex: index > 0 ? index : 0 });
      return this.reload();
    },

    onCommitteePick(e: PickEvent) {
      const index = Number(e.detail.value);
      const specialCommittee = index > 0 ? (this.data.committeeOptions[index] ?? '') : '';
      if (specialCommittee === this.data.specialCommittee) return undefined;
      this.setData({ specialCommittee, committeeIndex: index > 0 ? index : 0 });
      return this.reload();
    },

    /** The whole row toggles (the switch alone is too small a target for older hands). */
    onToggleBelowPass() {
      this.setData({ belowPassOnly: !this.data.belowPassOnly });
      return this.reload();
    },

    onClearFilters() {
      this.setData({
        sector: '',
        specialCommittee: '',
        belowPassOnly: false,
        sectorIndex: 0,
        committeeIndex: 0,
      });
      return this.reload();
    },

    onOpenMember(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (!id) return;
      wx.navigateTo({
        url: `/pages/staff/member-record/index?memberId=${encodeURIComponent(id)}&year=${this.data.year}`,
      });
    },

    /** Closing the year shows every member's grade: asked once more, then reloaded. */
    async onCloseYear() {
      const { year, changingYear, yearStatus } = this.data;
      if (changingYear || !yearStatus?.canClose) return;
      const sure = await wx.showModal({
        title: `结束 ${year} 年度考核`,
        content: `结束后，将按当前积分评定每位委员 ${year} 年度的等次，并在“我的履职”、履职档案和导出文件中显示。确定结束吗？`,
        confirmText: '结束考核',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      await this.changeYear(() => api.ledger.closeYear({ year, confirm: true }), '已结束考核');
    },

    /** An admin's correction: grades are hidden again until the year is closed anew. */
    async onReopenYear() {
      const { year, changingYear, yearStatus } = this.data;
      if (changingYear || !yearStatus?.canReopen) return;
      const reason = await askText({
        title: `重新开启 ${year} 年度考核`,
        placeholder: '请填写原因，例如：补录年底会议出勤',
        confirmText: '重新开启',
        check: checkAt('reason', (text) =>
          checkInput('ledger', 'reopenYear', { year, reason: text }),
        ),
      });
      if (reason === null) return;
      const input = { year, reason };
      await this.changeYear(() => api.ledger.reopenYear(input), '已重新开启');
    },

    async changeYear(run: () => Promise<unknown>, done: string) {
      this.setData({ changingYear: true });
      wx.showLoading({ title: '正在提交', mask: true });
      try {
        await run();
        wx.hideLoading();
        showSuccess(done);
        await this.reload();
      } catch (err) {
        wx.hideLoading();
        showError(err);
        // Someone else closed or reopened it meanwhile: show the year as it now is.
        const stale =
          isApiCallError(err) &&
          (err.code === 'LEDGER.YEAR_CLOSED' || err.code === 'LEDGER.YEAR_NOT_CLOSED');
        if (stale) await this.reload();
      } finally {
        this.setData({ changingYear: false });
      }
    },

    goPolicy() {
      wx.navigateTo({ url: `/pages/staff/policy/index?year=${this.data.year}` });
    },

    goMyRecord() {
      wx.navigateTo({ url: '/pages/ledger/my/index' });
    },

    async onExport(e: UiEvent<{ format?: ExportFormat }>) {
      const { format } = e.currentTarget.dataset;
      if (!format || this.data.exporting) return;
      this.setData({ exporting: format });
      await exportAssessment(this.data.year, format);
      this.setData({ exporting: '' });
    },
  },
});
