import type { HandlingUnitView, ProposalSummary } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { isCancel, openFile, saveFile, shareFile } from '../../../utils/files';
import { formatDate, parseYear, recentYears } from '../../../utils/ledger';
import { pageUrl, PROPOSAL_HANDLE_PAGE } from '../../../utils/proposals';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import { toStatsView, type StatsView } from './view';

export const OVERDUE_PAGE_SIZE = 10;

type Status = 'loading' | 'ready' | 'error' | 'forbidden';
type SectionStatus = 'loading' | 'ready' | 'error';

interface OverdueItem {
  id: string;
  title: string;
  number: string;
  deadlineText: string;
  unitsText: string;
}

interface UnitItem {
  id: string;
  name: string;
  contactText: string;
  active: boolean;
  contactName: string | null;
  contactPhone: string | null;
}

function toOverdueItem(p: ProposalSummary & { deadline: string; units: string[] }): OverdueItem {
  return {
    id: p.id,
    title: p.title,
    number: p.number ?? '',
    deadlineText: formatDate(p.deadline),
    unitsText: p.units.join('、'),
  };
}

function toUnitItem(u: HandlingUnitView): UnitItem {
  return {
    id: u.id,
    name: u.name,
    contactText: [u.contactName, u.contactPhone].filter(Boolean).join(' '),
    active: u.active,
    contactName: u.contactName,
    contactPhone: u.contactPhone,
  };
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;
type ValueEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    years: recentYears(),
    year: recentYears()[0]!,
    status: 'loading' as Status,
    errorMessage: '',
    stats: null as StatsView | null,
    overdueStatus: 'loading' as SectionStatus,
    overdueError: '',
    overdue: [] as OverdueItem[],
    overdueTotal: 0,
    overduePage: 0,
    overdueMore: false,
    unitsStatus: 'loading' as SectionStatus,
    unitsError: '',
    units: [] as UnitItem[],
    addOpen: false,
    newUnit: { name: '', contactName: '', contactPhone: '' },
    addError: '',
    saving: false,
    exporting: false,
    _seq: 0,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      const years = recentYears();
      const asked = parseYear(query.year);
      this.setData({ years, year: asked !== null && years.includes(asked) ? asked : years[0]! });
      return this.loadAll();
    },

    async onPullDownRefresh() {
      await this.loadAll();
      wx.stopPullDownRefresh();
    },

    onRetry() {
      return this.loadAll();
    },

    loadAll() {
      return Promise.all([this.loadStats(), this.loadOverdue(), this.loadUnits()]);
    },

    async loadStats() {
      const seq = this.data._seq + 1;
      this.setData({ _seq: seq, status: 'loading' });
      try {
        const stats = await api.proposals.getStats({ year: this.data.year });
        if (seq !== this.data._seq) return;
        this.setData({ status: 'ready', stats: toStatsView(stats) });
      } catch (err) {
        if (seq !== this.data._seq) return;
        if (isApiCallError(err) && err.code === 'AUTH.FORBIDDEN') {
          this.setData({ status: 'forbidden' });
        } else {
          this.setData({ status: 'error', errorMessage: messageOf(err) });
        }
      }
    },

    async loadOverdue(more = false) {
      const page = more ? this.data.overduePage + 1 : 1;
      this.setData(more ? { overdueError: '' } : { overdueStatus: 'loading', overdueError: '' });
      try {
        const result = await api.proposals.listOverdue({ page, pageSize: OVERDUE_PAGE_SIZE });
        const items = result.items.map(toOverdueItem);
        this.setData({
          overdueStatus: 'ready',
          overdue: more ? this.data.overdue.concat(items) : items,
          overdueTotal: result.total,
          overduePage: page,
          overdueMore: result.items.length > 0 && result.page * result.pageSize < result.total,
        });
      } catch (err) {
        this.setData(
          more
            ? { overdueError: messageOf(err) }
            : { overdueStatus: 'error', overdueError: messageOf(err) },
        );
      }
    },

    onMoreOverdue() {
      return this.loadOverdue(true);
    },

    onRetryOverdue() {
      return this.loadOverdue();
    },

    async loadUnits() {
      this.setData({ unitsStatus: 'loading', unitsError: '' });
      try {
        const result = await api.proposals.listUnits({ includeInactive: true });
        this.setData({ unitsStatus: 'ready', units: result.items.map(toUnitItem) });
      } catch (err) {
        this.setData({ unitsStatus: 'error', unitsError: messageOf(err) });
      }
    },

    onRetryUnits() {
      return this.loadUnits();
    },

    onYear(e: DataEvent<{ year?: number }>) {
      const { year } = e.currentTarget.dataset;
      if (year === undefined || year === this.data.year) return undefined;
      this.setData({ year });
      return this.loadStats();
    },

    onOpenProposal(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: pageUrl(PROPOSAL_HANDLE_PAGE, id) });
    },

    onToggleAdd() {
      this.setData({ addOpen: !this.data.addOpen, addError: '' });
    },

    onNewUnitField(e: ValueEvent & DataEvent<{ field?: string }>) {
      const { field } = e.currentTarget.dataset;
      if (!field) return;
      this.setData({ [`newUnit.${field}`]: e.detail.value, addError: '' });
    },

    async onAddUnit() {
      const name = this.data.newUnit.name.trim();
      if (name.length < 2) {
        this.setData({ addError: '请填写单位名称（至少 2 个字）' });
        return;
      }
      const contactName = this.data.newUnit.contactName.trim();
      const contactPhone = this.data.newUnit.contactPhone.trim();
      this.setData({ saving: true });
      try {
        const unit = await api.proposals.saveUnit({
          name,
          contactName: contactName || null,
          contactPhone: contactPhone || null,
        });
        this.setData({
          units: this.data.units.concat(toUnitItem(unit)),
          newUnit: { name: '', contactName: '', contactPhone: '' },
          addOpen: false,
        });
        showSuccess('已添加');
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },

    /** Stopping a unit keeps its history; it is no longer offered when assigning. */
    async onToggleUnitActive(e: DataEvent<{ id?: string }>) {
      const unit = this.data.units.find((u) => u.id === e.currentTarget.dataset.id);
      if (!unit || this.data.saving) return;
      if (unit.active) {
        const sure = await wx.showModal({
          title: '停用承办单位',
          content: `停用后交办时不再列出“${unit.name}”，已交办的提案不受影响。`,
          confirmText: '停用',
          cancelText: '取消',
        });
        if (!sure.confirm) return;
      }
      this.setData({ saving: true });
      try {
        const saved = await api.proposals.saveUnit({
          unitId: unit.id,
          name: unit.name,
          contactName: unit.contactName,
          contactPhone: unit.contactPhone,
          active: !unit.active,
        });
        this.setData({
          units: this.data.units.map((u) => (u.id === saved.id ? toUnitItem(saved) : u)),
        });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },

    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      wx.showLoading({ title: '正在导出', mask: true });
      try {
        const file = await api.proposals.exportStats({ year: this.data.year });
        let filePath: string;
        try {
          filePath = await saveFile(file.fileName, file.contentBase64);
        } catch {
          wx.hideLoading();
          showMessage('统计表已导出，但无法保存到本机，请检查手机存储空间后重试');
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
        this.setData({ exporting: false });
      }
    },

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
        if (!isCancel(err)) showMessage('无法发送该文件，请稍后重试');
      }
    },
  },
});
