/** 本单位办理: what a row of a unit's list shows, and the page it opens. */
import type { UnitQueue, UnitTask } from '../../../typings/contracts';
import { UNIT_QUEUE_LABELS, UNIT_QUEUES, UNIT_ROLE_LABELS } from '../../generated/contract';
import { formatDate } from '../../utils/ledger';
import { UNIT_PROPOSAL_PAGE } from '../../utils/office-work';
import { pageUrl, toProposalItem, type ProposalItem } from '../../utils/proposals';

export interface UnitRow extends ProposalItem {
  roleLabel: string;
  /** `答复期限 2026-06-01`, `，已超期` when late, or ''. */
  deadlineText: string;
  late: boolean;
  /** What waits on the unit ('' for nothing). */
  next: string;
  url: string;
}

export function toUnitRow(t: UnitTask): UnitRow {
  return {
    ...toProposalItem(t),
    roleLabel: UNIT_ROLE_LABELS[t.role],
    deadlineText: t.deadline
      ? `答复期限 ${formatDate(t.deadline)}${t.overdue ? '，已超期' : ''}${t.round > 1 ? '（再次办理）' : ''}`
      : '',
    late: t.overdue,
    next: t.next,
    url: pageUrl(UNIT_PROPOSAL_PAGE, t.id),
  };
}

export function unitQueueChips(counts: Record<UnitQueue, number> | null) {
  return UNIT_QUEUES.map((value) => ({
    value,
    label: UNIT_QUEUE_LABELS[value],
    ...(counts ? { count: counts[value] } : {}),
  }));
}

export function isUnitQueue(value: string): value is UnitQueue {
  return (UNIT_QUEUES as readonly string[]).includes(value);
}
