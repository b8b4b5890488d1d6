import type { Page, ProposalSummary } from '../../../typings/contracts';
import { fontScale } from '../../behaviors/font-scale';
import { api } from '../../services/api';
import { isApiCallError, messageOf } from '../../services/errors';
import { loadMyProfile } from '../../services/session';
import { formatDateTime, isOffice } from '../../utils/format';
import { formatDate } from '../../utils/ledger';
import { isUnsynced, listDrafts } from '../../utils/drafts';
import {
  changeCount,
  pageUrl,
  PROPOSAL_CATEGORIES,
  PROPOSAL_DETAIL_PAGE,
  PROPOSAL_EDIT_PAGE,
  toProposalItem,
  type ProposalItem,
} from '../../utils/proposals';
import type { ProposalFields } from './edit/form';

export const PAGE_SIZE = 20;
export const ALL_CATEGORIES = '全部类别';

type Segment = 'mine' | 'invitations' | 'public';
type MineStatus = 'draft' | 'active' | 'closed';
type Status = 'loading' | 'ready' | 'error' | 'unbound';

interface ListItem extends ProposalItem {
  /** `请于 2026-03-08 10:00 前确认` for an invitation, else ''. */
  deadlineText: string;
  /** This phone has edits of this draft the server has not confirmed. */
  unsynced: boolean;
}

/** A draft that has only ever been on this phone. */
interface LocalItem {
  clientDraftId: string;
  title: string;
  editedText: string;
}

type Invitation = ProposalSummary & { coSignDeadline?: string | null };

function toListItem(p: Invitation, unsyncedIds: readonly string[]): ListItem {
  return {
    ...toProposalItem(p),
    deadlineText: p.coSignDeadline ? `请于 ${formatDateTime(p.coSignDeadline)} 前确认` : '',
    unsynced: unsyncedIds.includes(p.id),
  };
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    segment: 'mine' as Segment,
    segments: [
      { value: 'mine', label: '我的提案' },
      { value: 'invitations', label: '联名邀请' },
      { value: 'public', label: '公开提案' },
    ],
    mineStatus: 'active' as MineStatus,
    mineStatuses: [
      { value: 'draft', label: '草稿' },
      { value: 'active', label: '进行中' },
      { value: 'closed', label: '已办结' },
    ],
    /** Waiting co-signature invitations: the badge on their segment. */
    invitationCount: 0,
    keyword: '',
    categoryOptions: [ALL_CATEGORIES, ...PROPOSAL_CATEGORIES],
    categoryIndex: 0,
    office: false,
    status: 'loading' as Status,
    errorMessage: '',
    items: [] as ListItem[],
    localDrafts: [] as LocalItem[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
    _seq: 0,
    _changes: -1,
    /** Server drafts with edits on this phone not yet saved to the server. */
    _unsynced: [] as string[],
  },
  methods: {
    onLoad() {
      void this.loadRole();
      return Promise.all([this.reload(), this.loadInvitationCount()]);
    },

    onShow() {
      if (this.data._changes === -1 || this.data._changes === changeCount()) {
        this.showLocalDrafts();
        return undefined;
      }
      return Promise.all([this.reload(), this.loadInvitationCount()]);
    },

    async onPullDownRefresh() {
      await Promise.all([this.reload(), this.loadInvitationCount()]);
      wx.stopPullDownRefresh();
    },

    onReachBottom() {
      return this.loadMore();
    },

    onRetry() {
      return this.reload();
    },

    /** Office staff also get the way into the review and statistics pages. */
    async loadRole() {
      try {
        const me = await loadMyProfile();
        this.setData({ office: isOffice(me.roles) });
      } catch {
        // The links are extras; the lists say what went wrong.
      }
    },

    async loadInvitationCount() {
      try {
        const result = await api.proposals.listCoSignInvitations({ page: 1, pageSize: 1 });
        this.setData({ invitationCount: result.total });
      } catch {
        // The badge waits for the next show.
      }
    },

    showLocalDrafts() {
      const local = listDrafts<ProposalFields>('proposal');
      const onlyHere = local.filter((d) => d.serverId === null);
      const unsynced = local
        .filter((d) => d.serverId !== null && isUnsynced(d))
        .map((d) => d.serverId!);
      this.setData({
        _unsynced: unsynced,
        localDrafts:
          this.data.segment === 'mine' && this.data.mineStatus === 'draft'
            ? onlyHere.map((d) => ({
                clientDraftId: d.clientDraftId,
                title: d.fields.title.trim() || '（未填写标题）',
                editedText: `本机保存于 ${formatDate(new Date(d.editedAt).toISOString())}`,
              }))
            : [],
      });
      return unsynced;
    },

    fetch(page: number): Promise<Page<Invitation>> {
      const { segment, mineStatus, keyword, categoryIndex } = this.data;
      if (segment === 'invitations') {
        return api.proposals.listCoSignInvitations({ page, pageSize: PAGE_SIZE });
      }
      if (segment === 'public') {
        const input: Parameters<typeof api.proposals.listPublic>[0] = { page, pageSize: PAGE_SIZE };
        if (keyword.trim()) input.keyword = keyword.trim();
        const category = PROPOSAL_CATEGORIES[categoryIndex - 1];
        if (categoryIndex > 0 && category) input.category = category;
        return api.proposals.listPublic(input);
      }
      return api.proposals.listMine({ status: mineStatus, page, pageSize: PAGE_SIZE });
    },

    async reload() {
      const seq = this.data._seq + 1;
      this.setData({
        _seq: seq,
        _changes: changeCount(),
        status: 'loading',
        items: [],
        page: 0,
        hasMore: false,
        loadingMore: false,
        loadMoreError: '',
      });
      const unsynced = this.showLocalDrafts();
      try {
        const result = await this.fetch(1);
        if (seq !== this.data._seq) return;
        this.setData({
          status: 'ready',
          items: result.items.map((p) => toListItem(p, unsynced)),
          total: result.total,
          page: 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
          ...(this.data.segment === 'invitations' ? { invitationCount: result.total } : {}),
        });
      } catch (err) {
        if (seq !== this.data._seq) return;
        if (isApiCallError(err) && err.code === 'AUTH.NOT_BOUND') {
          this.setData({ status: 'unbound' });
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
        const result = await this.fetch(page + 1);
        if (seq !== this.data._seq) return;
        this.setData({
          items: this.data.items.concat(
            result.items.map((p) => toListItem(p, this.data._unsynced)),
          ),
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

    onSegment(e: DataEvent<{ value?: Segment }>) {
      const { value } = e.currentTarget.dataset;
      if (!value || value === this.data.segment) return undefined;
      this.setData({ segment: value });
      return this.reload();
    },

    onMineStatus(e: DataEvent<{ value?: MineStatus }>) {
      const { value } = e.currentTarget.dataset;
      if (!value || value === this.data.mineStatus) return undefined;
      this.setData({ mineStatus: value });
      return this.reload();
    },

    onKeyword(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: e.detail.value });
    },

    onSearch(e: WechatMiniprogram.CustomEvent<{ value?: string }>) {
      this.setData({ keyword: e.detail?.value ?? this.data.keyword });
      return this.reload();
    },

    onClearSearch() {
      this.setData({ keyword: '' });
      return this.reload();
    },

    onCategory(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const index = Number(e.detail.value);
      if (!(index >= 0) || index === this.data.categoryIndex) return undefined;
      this.setData({ categoryIndex: index });
      return this.reload();
    },

    onOpen(e: DataEvent<{ id?: string; status?: string }>) {
      const { id, status } = e.currentTarget.dataset;
      if (!id) return;
      const page = status === 'draft' ? PROPOSAL_EDIT_PAGE : PROPOSAL_DETAIL_PAGE;
      wx.navigateTo({ url: pageUrl(page, id) });
    },

    onOpenLocal(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: `${PROPOSAL_EDIT_PAGE}?draft=${encodeURIComponent(id)}` });
    },

    onWrite() {
      wx.navigateTo({ url: PROPOSAL_EDIT_PAGE });
    },

    goOpinions() {
      wx.navigateTo({ url: '/pages/opinions/index' });
    },

    onStaffLink(e: DataEvent<{ url?: string }>) {
      const { url } = e.currentTarget.dataset;
      if (url) wx.navigateTo({ url });
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
