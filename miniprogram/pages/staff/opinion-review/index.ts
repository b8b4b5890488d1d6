/**
 * 社情民意处理: the reports waiting for the office (待处理), those adopted or declined, and those
 * entered for members waiting for them (待委员确认, 代录); searchable by words, author and 期号.
 */
import type { OpinionSummary } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { reviewQueue, type QueueRow } from '../../../components/review-queue/behavior';
import { searchBox } from '../../../kit/search-box';
import { api } from '../../../services/api';
import { OPINION_HANDLE_PAGE, toOpinionItem } from '../../../utils/proposals';

type QueueStatus = 'submitted' | 'adopted' | 'declined' | 'confirming';

const QUEUES: Array<{ value: QueueStatus; label: string; empty: string }> = [
  { value: 'submitted', label: '待处理', empty: '没有待处理的信息' },
  { value: 'adopted', label: '已采用', empty: '还没有采用的信息' },
  { value: 'declined', label: '未采用', empty: '没有未采用的信息' },
  { value: 'confirming', label: '待委员确认', empty: '没有等待委员确认的代录信息' },
];

function toRow(o: OpinionSummary): QueueRow {
  const item = toOpinionItem(o);
  const byline = [item.authorName, item.dateText].filter(Boolean).join(' · ');
  return { ...item, lines: [byline, item.meta].filter(Boolean), similar: [] };
}

const queue = reviewQueue({
  queues: QUEUES,
  topic: 'opinions',
  handlePage: OPINION_HANDLE_PAGE,
  async fetch(status: QueueStatus, page: number, pageSize: number, keyword: string) {
    const result = await api.opinions.reviewQueue({
      status,
      page,
      pageSize,
      ...(keyword ? { keyword } : {}),
    });
    return { items: result.items.map(toRow), total: result.total };
  },
});

Component({
  behaviors: [fontScale, queue, searchBox],
  options: { pureDataPattern: /^_/ },
});
