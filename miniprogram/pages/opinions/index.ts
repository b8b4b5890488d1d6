import type { ChangeTopic } from '../../kit/changes';
import type { UiEvent } from '../../kit/events';
import { pagedList, type ListPage } from '../../kit/paged-list';
import { searchBox } from '../../kit/search-box';
import { fontScale } from '../../behaviors/font-scale';
import { api } from '../../services/api';
import { isApiCallError } from '../../services/errors';
import { listDrafts } from '../../utils/drafts';
import { formatDate } from '../../utils/ledger';
import {
  OPINION_DETAIL_PAGE,
  OPINION_EDIT_PAGE,
  OPINION_LIMITS,
  pageUrl,
  toOpinionItem,
  type OpinionItem,
} from '../../utils/proposals';
import type { OpinionFields } from './edit/form';

interface LocalItem {
  clientDraftId: string;
  title: string;
  editedText: string;
}

/** Drafts that have only ever been on this phone (never reached the server). */
function localDrafts(): LocalItem[] {
  return listDrafts<OpinionFields>('opinion')
    .filter((d) => d.serverId === null)
    .map((d) => ({
      clientDraftId: d.clientDraftId,
      title: d.fields.title.trim() || '（未填写标题）',
      editedText: `本机保存于 ${formatDate(new Date(d.editedAt).toISOString())}`,
    }));
}

Component({
  behaviors: [fontScale, pagedList, searchBox],
  options: { pureDataPattern: /^_/ },
  data: {
    items: [] as OpinionItem[],
    localDrafts: [] as LocalItem[],
    /** Not yet bound as a member: nothing to list, the way to bind instead. */
    unbound: false,
    bodyLimit: OPINION_LIMITS.body,
  },
  methods: {
    async fetchPage(page: number, pageSize: number): Promise<ListPage<OpinionItem>> {
      const keyword = this.data.keyword.trim();
      // Searching: the server's reports that answer the words, best first.
      if (page === 1) this.setData({ localDrafts: keyword ? [] : localDrafts() });
      try {
        const result = await api.opinions.listMine({
          page,
          pageSize,
          ...(keyword ? { keyword } : {}),
        });
        return {
          items: result.items.map(toOpinionItem),
          total: result.total,
          extra: { unbound: false },
        };
      } catch (err) {
        if (page === 1 && isApiCallError(err) && err.code === 'AUTH.NOT_BOUND') {
          return { items: [], total: 0, extra: { unbound: true } };
        }
        throw err;
      }
    },

    watch(): ChangeTopic[] {
      return ['opinions'];
    },

    onShow() {
      // A draft kept on this phone may have been written or sent meanwhile.
      if (this.data.status === 'ready' && !this.data.keyword.trim())
        this.setData({ localDrafts: localDrafts() });
      const { _changes: seen } = this.data;
      if (seen !== -1 && seen !== this.changesNow()) return this.reload({ quiet: true });
      return undefined;
    },

    onOpen(e: UiEvent<{ id?: string; status?: string }>) {
      const { id, status } = e.currentTarget.dataset;
      if (!id) return;
      wx.navigateTo({
        url: pageUrl(status === 'draft' ? OPINION_EDIT_PAGE : OPINION_DETAIL_PAGE, id),
      });
    },

    onOpenLocal(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: `${OPINION_EDIT_PAGE}?draft=${encodeURIComponent(id)}` });
    },

    onWrite() {
      wx.navigateTo({ url: OPINION_EDIT_PAGE });
    },

    goBind() {
      wx.navigateTo({ url: '/pages/bind/index' });
    },
  },
});
