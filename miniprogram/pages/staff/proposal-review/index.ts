/** 提案审查: the proposals waiting for the office (待审查, 联名中, 待同意转换), oldest first. */
import type { ProposalSummary, SimilarProposal } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { reviewQueue, type QueueRow } from '../../../components/review-queue/behavior';
import { api } from '../../../services/api';
import { PROPOSAL_HANDLE_PAGE, toProposalItem, toSimilarItem } from '../../../utils/proposals';

type QueueStatus = 'submitted' | 'cosigning' | 'converting';

const QUEUES: Array<{ value: QueueStatus; label: string; empty: string }> = [
  { value: 'submitted', label: '待审查', empty: '没有待审查的提案' },
  { value: 'cosigning', label: '联名中', empty: '没有正在联名确认的提案' },
  { value: 'converting', label: '待同意转换', empty: '没有等待提案人同意转换的提案' },
];

function toRow(p: ProposalSummary & { similar: SimilarProposal[] }): QueueRow {
  const item = toProposalItem(p);
  return {
    ...item,
    lines: [item.meta, item.dateText].filter(Boolean),
    similar: p.similar.map(toSimilarItem),
  };
}

const queue = reviewQueue({
  queues: QUEUES,
  topic: 'proposals',
  handlePage: PROPOSAL_HANDLE_PAGE,
  async fetch(status: QueueStatus, page: number, pageSize: number) {
    const result = await api.proposals.reviewQueue({ status, page, pageSize });
    return { items: result.items.map(toRow), total: result.total };
  },
});

Component({
  behaviors: [fontScale, queue],
  options: { pureDataPattern: /^_/ },
  methods: {
    goStats() {
      wx.navigateTo({ url: '/pages/staff/proposal-stats/index' });
    },
  },
});
