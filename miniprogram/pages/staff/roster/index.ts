import type {
  InputOf,
  Contracts,
  RosterEntry,
  RosterImportResult,
  RosterRowError,
} from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import { formatDateTime, groupInviteCode, orNotSet } from '../../../utils/format';
import { showError, showMessage, showSuccess } from '../../../utils/toast';
import { readBase64, saveAndOpen } from '../../../utils/files';
import { chooseRosterFile, MAX_ROSTER_FILE_BYTES } from './files';

export const PAGE_SIZE = 20;
/** More row errors than this are counted, not listed: the office fixes the file in batches. */
export const MAX_LISTED_ROW_ERRORS = 100;

type Status = 'loading' | 'ready' | 'error';
type BoundFilter = 'all' | 'bound' | 'unbound';

interface Row {
  id: string;
  name: string;
  sector: string;
  bound: boolean;
  active: boolean;
}

interface InviteView {
  code: string;
  grouped: string;
  memberName: string;
  expiresAt: string;
}

const FILTERS: Array<{ value: BoundFilter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'bound', label: '已绑定' },
  { value: 'unbound', label: '未绑定' },
];

function toRow(entry: RosterEntry): Row {
  return {
    id: entry.id,
    name: entry.name,
    sector: orNotSet(entry.sector),
    bound: entry.bound,
    active: entry.active,
  };
}

function isRowError(value: unknown): value is RosterRowError {
  if (typeof value !== 'object' || value === null) return false;
  const { row, column, message } = value as Record<string, unknown>;
  return (
    typeof row === 'number' &&
    typeof message === 'string' &&
    (column === null || typeof column === 'string')
  );
}

/** `error.details.rows` of ROSTER.INVALID_ROWS. */
export function rowErrorsOf(details: unknown): RosterRowError[] {
  const rows =
    typeof details === 'object' && details !== null
      ? (details as { rows?: unknown }).rows
      : undefined;
  return Array.isArray(rows) ? rows.filter(isRowError) : [];
}

function previewText(p: RosterImportResult): string {
  return `名册共 ${p.total} 行：新增 ${p.created} 人，更新 ${p.updated} 人，无变化 ${p.unchanged} 人。确定导入吗？`;
}

/** Which data-* the row buttons carry. */
type RowEvent = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  { id?: string; name?: string }
>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    rows: [] as Row[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
    keyword: '',
    filters: FILTERS,
    boundFilter: 'all' as BoundFilter,
    importing: false,
    exporting: false,
    importErrors: [] as RosterRowError[],
    importErrorCount: 0,
    invite: null as InviteView | null,
    /** Bumped by every fresh load, so an older answer arriving late is dropped. */
    _seq: 0,
  },
  methods: {
    onLoad() {
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

    query(page: number): InputOf<Contracts['members']['listRoster']> {
      const input: InputOf<Contracts['members']['listRoster']> = { page, pageSize: PAGE_SIZE };
      const keyword = this.data.keyword.trim();
      if (keyword) input.keyword = keyword;
      if (this.data.boundFilter !== 'all') input.bound = this.data.boundFilter === 'bound';
      return input;
    },

    async reload() {
      const seq = this.data._seq + 1;
      this.setData({
        _seq: seq,
        status: 'loading',
        rows: [],
        page: 0,
        hasMore: false,
        loadMoreError: '',
      });
      try {
        const result = await api.members.listRoster(this.query(1));
        if (seq !== this.data._seq) return;
        this.setData({
          status: 'ready',
          rows: result.items.map(toRow),
          total: result.total,
          page: 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ status: 'error', errorMessage: messageOf(err) });
      }
    },

    async loadMore() {
      const { status, hasMore, loadingMore, page, _seq: seq } = this.data;
      if (status !== 'ready' || !hasMore || loadingMore) return;
      this.setData({ loadingMore: true, loadMoreError: '' });
      try {
        const result = await api.members.listRoster(this.query(page + 1));
        if (seq !== this.data._seq) return;
        this.setData({
          rows: this.data.rows.concat(result.items.map(toRow)),
          total: result.total,
          page: page + 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
          loadingMore: false,
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ loadingMore: false, loadMoreError: messageOf(err) });
      }
    },

    onKeywordChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: e.detail.value });
    },

    onSearch(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: e.detail.value ?? this.data.keyword });
      return this.reload();
    },

    onClearSearch() {
      this.setData({ keyword: '' });
      return this.reload();
    },

    onFilter(
      e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { value?: BoundFilter }>,
    ) {
      const value = e.currentTarget.dataset.value;
      if (!value || value === this.data.boundFilter) return undefined;
      this.setData({ boundFilter: value });
      return this.reload();
    },

    async onIssueInvite(e: RowEvent) {
      const { id } = e.currentTarget.dataset;
      if (!id) return;
      wx.showLoading({ title: '正在生成', mask: true });
      try {
        const invite = await api.members.issueInviteCode({ memberId: id });
        wx.hideLoading();
        this.setData({
          invite: {
            code: invite.code,
            grouped: groupInviteCode(invite.code),
            memberName: invite.memberName,
            expiresAt: formatDateTime(invite.expiresAt),
          },
        });
      } catch (err) {
        wx.hideLoading();
        showError(err);
      }
    },

    onCopyInvite() {
      const { invite } = this.data;
      if (!invite) return;
      // The platform shows its own "内容已复制" toast.
      wx.setClipboardData({ data: invite.code });
      this.setData({ invite: null });
    },

    onCloseInvite() {
      this.setData({ invite: null });
    },

    async onUnbind(e: RowEvent) {
      const { id, name = '' } = e.currentTarget.dataset;
      if (!id) return;
      const sure = await wx.showModal({
        title: '解除绑定',
        content: `确定解除“${name}”与其微信的绑定吗？解除后需重新绑定才能使用。`,
        confirmText: '解除绑定',
        confirmColor: '#c5221f',
        cancelText: '取消',
      });
      if (!sure.confirm) return;
      const asked = await wx.showModal({
        title: '请填写解除原因',
        content: '',
        editable: true,
        placeholderText: '例如：委员更换了手机',
        confirmText: '确定',
        cancelText: '取消',
      });
      if (!asked.confirm) return;
      const reason = (asked.content ?? '').trim();
      if (reason.length < 2) {
        showMessage('请填写解除绑定的原因（至少 2 个字）');
        return;
      }
      wx.showLoading({ title: '正在解除', mask: true });
      try {
        const entry = await api.members.unbind({ memberId: id, reason });
        wx.hideLoading();
        this.setData({
          rows: this.data.rows.map((row) => (row.id === entry.id ? toRow(entry) : row)),
        });
        showSuccess('已解除绑定');
      } catch (err) {
        wx.hideLoading();
        showError(err);
      }
    },

    async onImport() {
      if (this.data.importing) return;
      let file;
      try {
        file = await chooseRosterFile();
      } catch (err) {
        showError(err);
        return;
      }
      if (!file) return;
      if (file.size > MAX_ROSTER_FILE_BYTES) {
        showMessage('名册文件不能超过 2 MB，请删去无关的工作表或列后重试');
        return;
      }
      this.setData({ importing: true, importErrors: [], importErrorCount: 0 });
      wx.showLoading({ title: '正在检查名册', mask: true });
      try {
        let contentBase64: string;
        try {
          contentBase64 = await readBase64(file.path);
        } catch {
          wx.hideLoading();
          showMessage('无法读取所选文件，请重新选择');
          return;
        }
        const input = { fileName: file.name, contentBase64 };
        const preview = await api.members.importRoster({ ...input, dryRun: true });
        wx.hideLoading();
        const confirmed = await wx.showModal({
          title: '确认导入',
          content: previewText(preview),
          confirmText: '导入',
          cancelText: '取消',
        });
        if (!confirmed.confirm) return;
        wx.showLoading({ title: '正在导入', mask: true });
        const result = await api.members.importRoster({ ...input, dryRun: false });
        wx.hideLoading();
        showMessage(`导入完成：新增 ${result.created} 人，更新 ${result.updated} 人。`, '导入完成');
        await this.reload();
      } catch (err) {
        wx.hideLoading();
        if (isApiCallError(err) && err.code === 'ROSTER.INVALID_ROWS') {
          const rows = rowErrorsOf(err.details);
          this.setData({
            importErrors: rows.slice(0, MAX_LISTED_ROW_ERRORS),
            importErrorCount: rows.length,
          });
        }
        showError(err);
      } finally {
        this.setData({ importing: false });
      }
    },

    onDismissImportErrors() {
      this.setData({ importErrors: [], importErrorCount: 0 });
    },

    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      wx.showLoading({ title: '正在导出', mask: true });
      try {
        const file = await api.members.exportRoster({});
        try {
          await saveAndOpen(file.fileName, file.contentBase64);
          wx.hideLoading();
        } catch {
          wx.hideLoading();
          showMessage('名册已导出，但本机无法打开该文件，请稍后重试');
        }
      } catch (err) {
        wx.hideLoading();
        showError(err);
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
