import type { ProposalSummary, SimilarProposal } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { api } from '../../../services/api';
import { isApiCallError, messageOf } from '../../../services/errors';
import {
  changeCount,
  pageUrl,
  PROPOSAL_HANDLE_PAGE,
  toProposalItem,
  toSimilarItem,
  type ProposalItem,
  type SimilarItem,
} from '../../../utils/proposals';

export const PAGE_SIZE = 20;

type QueueStatus = 'submitted' | 'cosigning' | 'converting';
type Status = 'loading' | 'ready' | 'error' | 'forbidden';

interface QueueItem extends ProposalItem {
  similar: SimilarItem[];
}

function toQueueItem(p: ProposalSummary & { similar: SimilarProposal[] }): QueueItem {
  return { ...toProposalItem(p), similar: p.similar.map(toSimilarItem) };
}

type DataEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.BaseEvent<
  WechatMiniprogram.IAnyObject,
  D
>;

Component({
  behaviors: [fontScale],
  options: { pureDataPattern: /^_/ },
  data: {
    queue: 'submitted' as QueueStatus,
    queues: [
      { value: 'submitted', label: '待审查' },
      { value: 'cosigning', label: '联名中' },
      { value: 'converting', label: '待同意转换' },
    ],
    status: 'loading' as Status,
    errorMessage: '',
    items: [] as QueueItem[],
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
      try {
        const result = await api.proposals.reviewQueue({
          status: this.data.queue,
          page: 1,
          pageSize: PAGE_SIZE,
        });
        if (seq !== this.data._seq) return;
        this.setData({
          status: 'ready',
          items: result.items.map(toQueueItem),
          total: result.total,
          page: 1,
          hasMore: result.items.length > 0 && result.page * result.pageSize < result.total,
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
        const result = await api.proposals.reviewQueue({
          status: this.data.queue,
          page: page + 1,
          pageSize: PAGE_SIZE,
        });
        if (seq !== this.data._seq) return;
        this.setData({
          items: this.data.items.concat(result.items.map(toQueueItem)),
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

    onQueue(e: DataEvent<{ value?: QueueStatus }>) {
      const { value } = e.currentTarget.dataset;
      if (!value || value === this.data.queue) return undefined;
      this.setData({ queue: value });
      return this.reload();
    },

    onOpen(e: DataEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) wx.navigateTo({ url: pageUrl(PROPOSAL_HANDLE_PAGE, id) });
    },

    goStats() {
      wx.navigateTo({ url: '/pages/staff/proposal-stats/index' });
    },
  },
});
