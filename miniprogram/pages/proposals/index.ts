import type { Page, ProposalSummary } from '../../../typings/contracts';
import { fontScale } from '../../behaviors/font-scale';
import { PROPOSAL_CATEGORIES } from '../../generated/contract';
import type { ChangeTopic } from '../../kit/changes';
import type { UiEvent, ValueEvent } from '../../kit/events';
import { pagedList, type ListPage } from '../../kit/paged-list';
import { searchBox } from '../../kit/search-box';
import { loadSettings } from '../../kit/settings';
import { api } from '../../services/api';
import { isApiCallError } from '../../services/errors';
import { loadMyProfile } from '../../services/session';
import { isUnsynced, listDrafts } from '../../utils/drafts';
import { formatDateTime, isOffice } from '../../utils/format';
import { formatDate } from '../../utils/ledger';
import { officeDesk, unitDesk, type DeskRow } from '../../utils/office-work';
import {
  pageUrl,
  PROPOSAL_DETAIL_PAGE,
  PROPOSAL_EDIT_PAGE,
  toProposalItem,
  type ProposalItem,
} from '../../utils/proposals';
import type { ProposalFields } from './edit/form';

export const ALL_CATEGORIES = '全部类别';

type Segment = 'mine' | 'invitations' | 'public';
type MineStatus = 'draft' | 'active' | 'closed';
type Invitation = ProposalSummary & { coSignDeadline?: string | null };

interface ListItem extends ProposalItem {
  /** What a tap opens: the editor for a draft, else the proposal's page. */
  url: string;
  /** `请于 2026-03-08 10:00 前确认` for an invitation, else ''. */
  deadlineText: string;
  /** This phone has edits of this draft the server has not confirmed. */
  unsynced: boolean;
}

const SEGMENT_LABELS: Record<Segment, string> = {
  mine: '我的提案',
  invitations: '联名邀请',
  public: '公开提案',
};
const SEGMENTS = Object.entries(SEGMENT_LABELS).map(([value, label]) => ({ value, label }));

function toListItem(p: Invitation, unsyncedIds: readonly string[]): ListItem {
  return {
    ...toProposalItem(p),
    url: pageUrl(p.status === 'draft' ? PROPOSAL_EDIT_PAGE : PROPOSAL_DETAIL_PAGE, p.id),
    deadlineText: p.coSignDeadline ? `请于 ${formatDateTime(p.coSignDeadline)} 前确认` : '',
    unsynced: unsyncedIds.includes(p.id),
  };
}

/** The segments, the invitations one counting what waits (no count at 0). */
function segmentsWith(invitations: number) {
  return SEGMENTS.map((s) =>
    s.value === 'invitations' && invitations > 0 ? { ...s, count: invitations } : s,
  );
}

type LocalDraft = ReturnType<typeof listDrafts<ProposalFields>>[number];

/** A draft that has only ever been on this phone, as its row shows it. */
function toLocalItem(d: LocalDraft) {
  return {
    clientDraftId: d.clientDraftId,
    url: `${PROPOSAL_EDIT_PAGE}?draft=${encodeURIComponent(d.clientDraftId)}`,
    title: d.fields.title.trim() || '（未填写标题）',
    editedText: `本机保存于 ${formatDate(new Date(d.editedAt).toISOString())}`,
  };
}
type LocalItem = ReturnType<typeof toLocalItem>;

/** This phone's drafts: those never saved to the server, and server drafts edited here. */
function localDrafts(): { onlyHere: LocalItem[]; unsynced: string[] } {
  const local = listDrafts<ProposalFields>('proposal');
  return {
    onlyHere: local.filter((d) => d.serverId === null).map(toLocalItem),
    unsynced: local.filter((d) => d.serverId !== null && isUnsynced(d)).map((d) => d.serverId!),
  };
}

Component({
  behaviors: [fontScale, pagedList, searchBox],
  options: { pureDataPattern: /^_/ },
  data: {
    segment: 'mine' as Segment,
    segments: segmentsWith(0),
    mineStatus: 'active' as MineStatus,
    mineStatuses: [
      { value: 'draft', label: '草稿' },
      { value: 'active', label: '进行中' },
      { value: 'closed', label: '已办结' },
    ],
    /** The committee's categories (settings), the built-in ones until they are read. */
    categoryOptions: [ALL_CATEGORIES, ...PROPOSAL_CATEGORIES] as string[],
    categoryIndex: 0,
    office: false,
    /**
     * Office staff who are not members: the tab shows the office's work (what waits at each
     * step, each opening its queue) instead of a member's proposals.
     */
    officeOnly: false,
    deskTitle: '',
    desk: [] as DeskRow[],
    /** The account is bound to no member: the page offers binding. */
    unbound: false,
    items: [] as ListItem[],
    localDrafts: [] as LocalItem[],
    emptyText: '',
    /** Server drafts with edits on this phone not yet saved to the server. */
    _unsynced: [] as string[],
  },
  methods: {
    onLoad() {
      void this.loadExtras();
      return this.reload();
    },

    watch(): ChangeTopic[] {
      return ['proposals'];
    },

    /** Back from the editor: a draft kept on this phone may be new even if nothing else is. */
    onShow() {
      this.setData({ localDrafts: this.draftsShown() });
      const seen = this.data._changes;
      if (seen !== -1 && seen !== this.changesNow()) return this.reload({ quiet: true });
      return undefined;
    },

    /** The office's links and the committee's categories: extras, never holding the list up. */
    async loadExtras() {
      const [me, settings] = await Promise.all([
        loadMyProfile().catch(() => null),
        loadSettings().catch(() => null),
      ]);
      if (me) this.setData({ office: isOffice(me.roles) });
      if (settings)
        this.setData({ categoryOptions: [ALL_CATEGORIES, ...settings.proposals.categories] });
    },

    draftsShown(): LocalItem[] {
      const { segment, mineStatus } = this.data;
      return segment === 'mine' && mineStatus === 'draft' ? localDrafts().onlyHere : [];
    },

    request(page: number, pageSize: number): Promise<Page<Invitation>> {
      const { segment, mineStatus, keyword, categoryIndex, categoryOptions } = this.data;
      if (segment === 'invitations') return api.proposals.listCoSignInvitations({ page, pageSize });
      if (segment === 'public') {
        const input: Parameters<typeof api.proposals.listPublic>[0] = { page, pageSize };
        if (keyword.trim()) input.keyword = keyword.trim();
        if (categoryIndex > 0) input.category = categoryOptions[categoryIndex];
        return api.proposals.listPublic(input);
      }
      return api.proposals.listMine({ status: mineStatus, page, pageSize });
    },

    async fetchPage(page: number, pageSize: number): Promise<ListPage<ListItem>> {
      const me = await loadMyProfile().catch(() => null);
      if (me && isOffice(me.roles) && !me.roles.includes('member'))
        return {
          items: [],
          total: 0,
          extra: { officeOnly: true, deskTitle: '提案办理', desk: await officeDesk() },
        };
      if (me && me.roles.includes('unit') && !me.roles.includes('member'))
        return {
          items: [],
          total: 0,
          extra: { officeOnly: true, deskTitle: '本单位办理', desk: await unitDesk() },
        };
      const { unsynced } = localDrafts();
      const counting = page === 1 && this.data.segment !== 'invitations';
      try {
        const [result, invitations] = await Promise.all([
          this.request(page, pageSize),
          counting ? this.invitationCount() : Promise.resolve(null),
        ]);
        const count = this.data.segment === 'invitations' ? result.total : invitations;
        return {
          items: result.items.map((p) => toListItem(p, unsynced)),
          total: result.total,
          extra: {
            unbound: false,
            _unsynced: unsynced,
            localDrafts: this.draftsShown(),
            emptyText: this.emptyText(),
            ...(count === null ? {} : { segments: segmentsWith(count) }),
          },
        };
      } catch (err) {
        if (!isApiCallError(err) || err.code !== 'AUTH.NOT_BOUND') throw err;
        return { items: [], total: 0, extra: { unbound: true, localDrafts: [] } };
      }
    },

    /** Waiting co-signature invitations, for the badge; null when they could not be counted. */
    async invitationCount(): Promise<number | null> {
      try {
        return (await api.proposals.listCoSignInvitations({ page: 1, pageSize: 1 })).total;
      } catch {
        return null;
      }
    },

    emptyText(): string {
      const { segment, mineStatus, keyword, categoryIndex } = this.data;
      if (segment === 'invitations') return '没有需要您确认的联名邀请';
      if (segment === 'public')
        return keyword || categoryIndex > 0 ? '没有符合条件的提案' : '还没有公开的提案';
      if (mineStatus === 'draft') return '没有草稿。点“写提案”开始撰写。';
      return mineStatus === 'active' ? '没有正在进行中的提案' : '没有已办结的提案';
    },

    onSegment(e: ValueEvent<Segment>) {
      this.setData({ segment: e.detail.value });
      return this.reload();
    },

    onMineStatus(e: ValueEvent<MineStatus>) {
      this.setData({ mineStatus: e.detail.value });
      return this.reload();
    },

    onCategory(e: ValueEvent<string | number>) {
      const index = Number(e.detail.value);
      if (!(index >= 0) || index === this.data.categoryIndex) return undefined;
      this.setData({ categoryIndex: index });
      return this.reload();
    },

    /** A row, 写提案, 社情民意信息 and the office's links: the node's `data-url`. */
    onLink(e: UiEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },
  },
});
