/** 大会发言审核: the speeches waiting for the office (待审核), accepted ones (and what they were chosen for), returned ones. */
import type { SpeechSummary } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { reviewQueue, type QueueRow } from '../../../components/review-queue/behavior';
import { api } from '../../../services/api';
import { SPEECH_HANDLE_PAGE, toSpeechItem } from '../../../utils/speeches';

type QueueStatus = 'submitted' | 'accepted' | 'returned';

const QUEUES: Array<{ value: QueueStatus; label: string; empty: string }> = [
  { value: 'submitted', label: '待审核', empty: '没有待审核的发言' },
  { value: 'accepted', label: '已收录', empty: '还没有收录的发言' },
  { value: 'returned', label: '已退回', empty: '没有退回修改的发言' },
];

function toRow(s: SpeechSummary): QueueRow {
  const item = toSpeechItem(s);
  return {
    id: item.id,
    title: item.title,
    statusLabel: item.deliveryLabel || item.statusLabel,
    theme: item.deliveryLabel ? item.deliveryTheme : item.theme,
    lines: [[item.byline, item.dateText].filter(Boolean).join(' · '), item.occasion],
    similar: [],
  };
}

const queue = reviewQueue({
  queues: QUEUES,
  topic: 'speeches',
  handlePage: SPEECH_HANDLE_PAGE,
  async fetch(status: QueueStatus, page: number, pageSize: number) {
    const result = await api.proposals.speechQueue({ status, page, pageSize });
    return { items: result.items.map(toRow), total: result.total };
  },
});

Component({
  behaviors: [fontScale, queue],
  options: { pureDataPattern: /^_/ },
});
