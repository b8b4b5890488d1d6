import { fontScale } from '../../behaviors/font-scale';
import { api } from '../../services/api';
import { isApiCallError, messageOf } from '../../services/errors';
import { listDrafts } from '../../utils/drafts';
import { formatDate } from '../../utils/ledger';
import {
  changeCount,
  OPINION_DETAIL_PAGE,
  OPINION_EDIT_PAGE,
  pageUrl,
  toOpinionItem,
  type OpinionItem,
} from '../../utils/proposals';
import type { OpinionFields } from './edit/form';

export const PAGE_SIZE = 20;

type Status = 'loading' | 'ready' | 'error' | 'unbound';

interface LocalItem {
  clientDraftId: string;
  title: string;
  editedText: string;
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    items: [] as OpinionItem[],
    localDrafts: [] as LocalItem[],
    total: 0,
    page: 0,
    hasMore: false,
    loadingMore: false,
    loadMoreError: '',
    _seq: 0,
    _changes: -1,
  },
  methods: {
    onLoad() {
      return this.reload();
    },

    onShow() {
      if (this.data._changes !== -1 && this.data._changes !== changeCount()) return this.reload();
      this.showLocalDrafts();
      return undefined;
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

    /** Drafts that have only ever been on this phone (never reached the server). */
    showLocalDrafts() {
      this.setData({
        localDrafts: listDrafts<OpinionFields>('opinion')
          .filter((d) => d.serverId === null)
          .map((d) => ({
            clientDraftId: d.clientDraftId,
            title: d.fields.title.trim() || '（未填写标题）',
            editedText: `本机保存于 ${formatDate(new Date(d.editedAt).toISOString())}`,
          })),
      });
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
      this.showLocalDrafts();
      try {
        const result = await api.opinions.listMine({ page: 1, pageSize: PAGE_SIZE });
        if (seq !== this.data._seq) return;
        this.setData({
          status: 'ready',
          items: result.items.map(toOpinionItem),
          total: result.total,
          page: 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
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
        const result = await api.opinions.listMine({ page: page + 1, pageSize: PAGE_SIZE });
        if (seq !== this.data._seq) return;
        this.setData({
          items: this.data.items.concat(result.items.map(toOpinionItem)),
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

    onOpen(e: DataEvent<{ id?: string; status?: string }>) {
      const { id, status } = e.currentTarget.dataset;
      if (!id) return;
      wx.navigateTo({
        url: pageUrl(status === 'draft' ? OPINION_EDIT_PAGE : OPINION_DETAIL_PAGE, id),
      });
    },

    onOpenLocal(e: DataEvent<{ id?: string }>) {
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
