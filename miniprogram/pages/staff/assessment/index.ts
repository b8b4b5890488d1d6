import type { Assessment, AssessmentRow, Contracts, InputOf } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { orNotSet } from '../../../utils/format';
import { isCancel, openFile, saveFile, shareFile } from '../../../utils/files';
import {
  formatPoints,
  parseYear,
  recentYears,
  toYearStatusView,
  type YearStatusView,
} from '../../../utils/ledger';
import { showError, showMessage, showSuccess } from '../../../utils/toast';

export const PAGE_SIZE = 20;
export const ALL_SECTORS = '全部界别';
export const ALL_COMMITTEES = '全部专委会';

type Status = 'loading' | 'ready' | 'error' | 'forbidden';
type ExportFormat = 'xlsx' | 'csv';
type Query = InputOf<Contracts['ledger']['getAssessment']>;

interface SummaryView {
  members: number;
  passed: number;
  belowPass: number;
  averageText: string;
  passLineText: string;
  /** Counts per grade; empty until the year is closed. */
  grades: Array<{ label: string; count: number }>;
}

interface RowItem {
  memberId: string;
  rank: number;
  name: string;
  unitText: string;
  totalText: string;
  /** '' until the year is closed. */
  grade: string;
  passed: boolean;
  /** Closed and below the pass line: the total and the grade in red. */
  failed: boolean;
  /** `会议出勤 25`, `提案工作 15`, …: the compact second line, one pair per category. */
  categories: Array<{ id: string; text: string }>;
}

function toSummary(a: Assessment): SummaryView {
  return {
    members: a.summary.members,
    passed: a.summary.passed,
    belowPass: a.summary.belowPass,
    averageText: formatPoints(a.summary.average),
    passLineText: formatPoints(a.passLine),
    grades: Object.entries(a.summary.byGrade).map(([label, count]) => ({ label, count })),
  };
}

function toRowItem(row: AssessmentRow, categories: Assessment['categories']): RowItem {
  return {
    memberId: row.memberId,
    rank: row.rank,
    name: row.name,
    unitText: row.specialCommittee
      ? `${orNotSet(row.sector)} · ${row.specialCommittee}`
      : orNotSet(row.sector),
    totalText: formatPoints(row.total),
    grade: row.grade ?? '',
    passed: row.passed,
    failed: row.grade !== null && !row.passed,
    categories: categories.map((c) => ({
      id: c.id,
      text: `${c.label} ${formatPoints(row.byCategory[c.id] ?? 0)}`,
    })),
  };
}

/**
 * The picker's choices: the first (全部…) and then the values seen in the rows loaded so far,
 * by name (the rows come in rank order); kept across reloads so a filter does not shrink its
 * own list.
 */
export function withSeen(known: readonly string[], values: ReadonlyArray<string | null>): string[] {
  const [first, ...rest] = known;
  for (const v of values) if (v && v !== first && !rest.includes(v)) rest.push(v);
  rest.sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return first === undefined ? rest : [first, ...rest];
}

/** The reason an admin gives for reopening a closed year, or null when too short or long. */
export function reopenReason(raw: string | undefined): string | null {
  const reason = (raw ?? '').trim();
  return reason.length >= 2 && reason.length <= 200 ? reason : null;
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    years: recentYears(),
    year: recentYears()[0]!,
    summary: null as SummaryView | null,
    yearStatus: null as YearStatusView | null,
    /** The year is being closed or reopened. */
    changingYear: false,
    rows: [] as RowItem[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
    sector: '',
    specialCommittee: '',
    belowPassOnly: false,
    sectorOptions: [ALL_SECTORS],
    committeeOptions: [ALL_COMMITTEES],
    sectorIndex: 0,
    committeeIndex: 0,
    exporting: '' as '' | ExportFormat,
    _seq: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const years = recentYears();
      const asked = parseYear(query.year);
      this.setData({ years, year: asked !== null && years.includes(asked) ? asked : years[0]! });
      return this.reload();
    },

    async onPullDownRefresh() {
      await this.reload();
      wx.stopPullDownRefresh();
    },

    onReachBottom() {
      return this.loadMore();
    },

    onRetry() {
      return this.reload();
    },

    query(page: number): Query {
      const { year, sector, specialCommittee, belowPassOnly } = this.data;
      const input: Query = { year, page, pageSize: PAGE_SIZE };
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

    async reload() {
      const seq = this.data._seq + 1;
      this.setData({
        _seq: seq,
        status: 'loading',
        rows: [],
        page: 0,
        hasMore: false,
        loadingMore: false,
        loadMoreError: '',
      });
      try {
        const [result, yearStatus] = await Promise.all([
          api.ledger.getAssessment(this.query(1)),
          api.ledger.getYearStatus({ year: this.data.year }),
        ]);
        if (seq !== this.data._seq) return;
        const { rows } = result;
        this.setData({
          status: 'ready',
          summary: toSummary(result),
          yearStatus: toYearStatusView(yearStatus),
          rows: rows.items.map((r) => toRowItem(r, result.categories)),
          total: rows.total,
          page: 1,
          hasMore: rows.items.length > 0 && rows.page * rows.pageSize < rows.total,
          ...this.seen(rows.items),
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
          this.setData({ status: 'forbidden' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    async loadMore() {
      const { status, hasMore, loadingMore, page, _seq: seq } = this.data;
      if (status !== 'ready' || !hasMore || loadingMore) return;
      this.setData({ loadingMore: true, loadMoreError: '' });
      try {
        const result = await api.ledger.getAssessment(this.query(page + 1));
        if (seq !== this.data._seq) return;
        const { rows } = result;
        this.setData({
          rows: this.data.rows.concat(rows.items.map((r) => toRowItem(r, result.categories))),
          total: rows.total,
          page: page + 1,
          hasMore: rows.items.length > 0 && rows.page * rows.pageSize < rows.total,
          loadingMore: false,
          ...this.seen(rows.items),
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ loadingMore: false, loadMoreError: messageOf(err) });
      }
    },

    onYear(e: DataEvent<{ year?: number }>) {
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

    onOpenMember(e: DataEvent<{ id?: string }>) {
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
      const asked = await wx.showModal({
        title: `重新开启 ${year} 年度考核`,
        content: '',
        editable: true,
        placeholderText: '请填写原因，例如：补录年底会议出勤',
        confirmText: '重新开启',
        confirmColor: '#c5221f',
        cancelText: '取消',
      });
      if (!asked.confirm) return;
      const reason = reopenReason(asked.content);
      if (!reason) {
        showMessage('请填写重新开启的原因（2 到 200 个字）');
        return;
      }
      await this.changeYear(() => api.ledger.reopenYear({ year, reason }), '已重新开启');
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

    async onExport(e: DataEvent<{ format?: ExportFormat }>) {
      const { format } = e.currentTarget.dataset;
      if (!format || this.data.exporting) return;
      this.setData({ exporting: format });
      wx.showLoading({ title: '正在导出', mask: true });
      try {
        const file = await api.ledger.exportAssessment({ year: this.data.year, format });
        let filePath: string;
        try {
          filePath = await saveFile(file.fileName, file.contentBase64);
        } catch {
          wx.hideLoading();
          showMessage('考核结果已导出，但无法保存到本机，请检查手机存储空间后重试');
          return;
        }
        try {
          await openFile(filePath, file.fileName);
          wx.hideLoading();
        } catch {
          wx.hideLoading();
          await this.offerShare(filePath, file.fileName);
        }
      } catch (err) {
        wx.hideLoading();
        showError(err);
      } finally {
        this.setData({ exporting: '' });
      }
    },

    /** The phone's viewer cannot open every file (CSV on most Android phones): send it to a chat. */
    async offerShare(filePath: string, fileName: string) {
      const res = await wx.showModal({
        title: '无法直接打开',
        content: '本机无法直接打开该文件。可以发送到微信聊天，再在电脑上打开。',
        confirmText: '发送到聊天',
        cancelText: '取消',
      });
      if (!res.confirm) return;
      try {
        await shareFile(filePath, fileName);
      } catch (err) {
        if (!isCancel(err)) showMessage('无法发送该文件，请改用 Excel 格式导出');
      }
    },
  },
});
