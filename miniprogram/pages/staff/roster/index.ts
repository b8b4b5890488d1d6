import type {
  Contracts,
  InputOf,
  InviteCode,
  RosterEntry,
  JobView,
  RosterRowError,
} from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { openById } from '../../../kit/navigate';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { pagedList, type ListPage } from '../../../kit/paged-list';
import { searchBox } from '../../../kit/search-box';
import { pollerOf, stopPolling } from '../../../kit/job-poll';
import { withLoading } from '../../../kit/with-loading';
import { api } from '../../../services/api';
import { formatDateTime, groupInviteCode, orNotSet } from '../../../utils/format';
import { saveAndOpen } from '../../../utils/files';
import { showMessage } from '../../../utils/toast';
import { importRosterFile, showImported } from './import';

type BoundFilter = 'all' | 'bound' | 'unbound';

interface Row {
  id: string;
  name: string;
  sector: string;
  bound: boolean;
  active: boolean;
}

/** The code just issued, as the dialog shows it (`AB12 CD34`, the expiry as Beijing time). */
type InviteView = Pick<InviteCode, 'code' | 'memberName' | 'expiresAt'> & { grouped: string };

const FILTER_LABELS: Record<BoundFilter, string> = {
  all: '全部',
  bound: '已绑定',
  unbound: '未绑定',
};
const FILTERS = Object.entries(FILTER_LABELS).map(([value, label]) => ({ value, label }));

function toRow(entry: RosterEntry): Row {
  return {
    id: entry.id,
    name: entry.name,
    sector: orNotSet(entry.sector),
    bound: entry.bound,
    active: entry.active,
  };
}

/** A row opens the entry's own page: fields, roles, 停用 / 启用, 解除绑定, its trail. */
export const MEMBER_PAGE = '/pages/staff/member/index';

Component({
  behaviors: [fontScale, pagedList, searchBox],
  options: { pureDataPattern: /^_/ },
  data: {
    items: [] as Row[],
    filters: FILTERS,
    boundFilter: 'all' as BoundFilter,
    importing: false,
    exporting: false,
    importErrors: [] as RosterRowError[],
    importErrorCount: 0,
    /** An import being applied (a job: 50 rows a batch), while it runs or if it failed. */
    importJob: null as JobView | null,
    invite: null as InviteView | null,
  },
  lifetimes: {
    attached() {
      // An import started earlier may still be going on: show it and help it along.
      api.members.continueImport({}).then(
        (imp) => {
          if (imp?.job?.status !== 'running' && imp?.job?.status !== 'failed') return;
          this.setData({ importJob: imp.job });
          if (imp.job.status === 'running') this.importPoller().schedule();
        },
        () => undefined, // not known now: the page works without it
      );
    },
    detached() {
      stopPolling(this);
    },
  },
  methods: {
    watch(): ChangeTopic[] {
      return ['members'];
    },

    async fetchPage(page: number, pageSize: number): Promise<ListPage<Row>> {
      const input: InputOf<Contracts['members']['listRoster']> = { page, pageSize };
      const keyword = this.data.keyword.trim();
      if (keyword) input.keyword = keyword;
      if (this.data.boundFilter !== 'all') input.bound = this.data.boundFilter === 'bound';
      const result = await api.members.listRoster(input);
      return { items: result.items.map(toRow), total: result.total };
    },

    onFilter(e: ValueEvent<BoundFilter>) {
      this.setData({ boundFilter: e.detail.value });
      return this.reload();
    },

    async onIssueInvite(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (!id) return;
      const invite = await withLoading('正在生成', () =>
        api.members.issueInviteCode({ memberId: id }),
      );
      if (!invite) return;
      this.setData({
        invite: {
          code: invite.code,
          grouped: groupInviteCode(invite.code),
          memberName: invite.memberName,
          expiresAt: formatDateTime(invite.expiresAt),
        },
      });
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

    onOpen(e: UiEvent<{ id?: string }>) {
      openById(e, MEMBER_PAGE);
    },

    async onImport() {
      if (this.data.importing) return;
      this.setData({ importing: true, importErrors: [], importErrorCount: 0 });
      try {
        const outcome = await importRosterFile();
        if (outcome.kind === 'invalid')
          this.setData({ importErrors: outcome.rows, importErrorCount: outcome.count });
        if (outcome.kind === 'imported') {
          this.setData({ importJob: outcome.job });
          if (outcome.job?.status === 'running') this.importPoller().schedule();
          markChanged('members');
          await this.reload();
        }
      } finally {
        this.setData({ importing: false });
      }
    },

    /** Asks the backend to go on with the import while it runs; its result once done. */
    importPoller() {
      return pollerOf(
        this,
        () => api.members.continueImport({}),
        (imp) => imp?.job ?? null,
        async (imp) => {
          const was = this.data.importJob;
          const job = imp?.job ?? null;
          this.setData({ importJob: job?.status === 'done' ? null : job });
          if (was?.status === 'running' && job?.status === 'done' && imp) {
            showImported(imp);
            markChanged('members');
            await this.reload();
          }
        },
      );
    },

    onImportRetry() {
      const job = this.data.importJob;
      if (job) this.setData({ importJob: { ...job, status: 'running' } });
      this.importPoller().stop();
      void this.importPoller().askNow();
    },

    onDismissImportErrors() {
      this.setData({ importErrors: [], importErrorCount: 0 });
    },

    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      const file = await withLoading('正在导出', () => api.members.exportRoster({}));
      if (file) {
        try {
          await saveAndOpen(file.fileName, file.contentBase64);
        } catch {
          showMessage('名册已导出，但本机无法打开该文件，请稍后重试');
        }
      }
      this.setData({ exporting: false });
    },
  },
});
