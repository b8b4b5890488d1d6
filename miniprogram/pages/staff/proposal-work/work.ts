/** 提案办理工作台: what a row of the office's queues shows, and where its next step leads. */
import type { WorkItem, WorkQueue, WorkQueuePage } from '../../../../typings/contracts';
import { WORK_QUEUE_LABELS, WORK_QUEUES } from '../../../generated/contract';
import { formatDate } from '../../../utils/ledger';
import {
  pageUrl,
  PROPOSAL_HANDLE_PAGE,
  toProposalItem,
  type ProposalItem,
} from '../../../utils/proposals';

export interface WorkRow extends ProposalItem {
  /** `承办：区交通运输局（主办）…` or '' before assignment. */
  unitsText: string;
  /** `办理期限 2026-06-01` (`已超期` in the overdue queue), or ''. */
  deadlineText: string;
  late: boolean;
  key: boolean;
  nextLabel: string;
  /** The handling page, opened at the next step's panel when it has one. */
  nextUrl: string;
  url: string;
}

export function toWorkRow(w: WorkItem): WorkRow {
  const url = pageUrl(PROPOSAL_HANDLE_PAGE, w.id);
  const late = w.queue === 'overdue';
  return {
    ...toProposalItem(w),
    unitsText: w.units.length ? `承办：${w.units.join('、')}` : '',
    deadlineText: w.deadline
      ? `办理期限 ${formatDate(w.deadline)}${late ? '，已超期' : ''}${w.round > 1 ? '（再次办理）' : ''}`
      : '',
    late,
    key: w.key,
    nextLabel: w.next.label,
    nextUrl: w.next.panel ? `${url}&panel=${w.next.panel}` : url,
    url,
  };
}

/** The queues as chips, each with its count once known. */
export function queueChips(counts: WorkQueuePage['counts'] | null) {
  return WORK_QUEUES.map((value) => ({
    value,
    label: WORK_QUEUE_LABELS[value],
    ...(counts ? { count: counts[value] } : {}),
  }));
}

export function isWorkQueue(value: string): value is WorkQueue {
  return (WORK_QUEUES as readonly string[]).includes(value);
}

const EMPTY: Record<WorkQueue, string> = {
  unassigned: '没有待交办的提案',
  handling: '没有正在办理的提案',
  overdue: '没有超期未答复的提案',
  replied: '没有等待评价的提案',
  rehandling: '没有再次办理中的提案',
  closed: '还没有办结的提案',
};

export function emptyText(queue: WorkQueue, filtered: boolean): string {
  return filtered ? '没有符合条件的提案' : EMPTY[queue];
}
