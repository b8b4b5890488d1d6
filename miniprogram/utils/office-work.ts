/**
 * What waits for the office, counted from the backend's own queues: the proposals' steps (the
 * 提案 tab's desk for staff who are not members) and every desk's (the staff home's 办公室待办);
 * and, for a handling unit's account, its unit's two lists (its 提案 tab).
 */
import type { WaitingSection } from '../pages/home/waiting';
import {
  UNIT_QUEUE_LABELS,
  UNIT_QUEUES,
  WORK_QUEUE_LABELS,
  WORK_QUEUES,
} from '../generated/contract';
import { api } from '../services/api';
import { formatDate } from './ledger';
import { pageUrl, PROPOSAL_REVIEW_PAGE, PROPOSAL_WORK_PAGE } from './proposals';

/** One line of the office's desk: a step, how many wait there, and its list. */
export interface DeskRow {
  key: string;
  title: string;
  count: number;
  url: string;
}

/** Submissions to review and every work queue's size (one call each, a page of one). */
async function proposalCounts() {
  const [review, work] = await Promise.all([
    api.proposals.reviewQueue({ status: 'submitted', page: 1, pageSize: 1 }),
    api.proposals.workQueue({ queue: 'unassigned', page: 1, pageSize: 1 }),
  ]);
  return { review: review.total, ...work.counts };
}

const queueUrl = (queue: string) => `${PROPOSAL_WORK_PAGE}?queue=${queue}`;

/** 提案审查 and every work queue, with what waits in each. */
export async function officeDesk(): Promise<DeskRow[]> {
  const counts = await proposalCounts();
  return [
    { key: 'review', title: '待审查', count: counts.review, url: PROPOSAL_REVIEW_PAGE },
    ...WORK_QUEUES.map((q) => ({
      key: q,
      title: WORK_QUEUE_LABELS[q],
      count: counts[q],
      url: queueUrl(q),
    })),
  ];
}

/**
 * A row per kind with its count, each opening its list: submissions to review, proposals to
 * assign or past their deadline, leave to decide, content to moderate.
 */
export async function officeSection(): Promise<WaitingSection> {
  const [proposals, opinions, leave, moderation] = await Promise.all([
    proposalCounts(),
    api.opinions.reviewQueue({ status: 'submitted', page: 1, pageSize: 1 }),
    api.meetings.listLeaveRequests({ status: 'pending', page: 1, pageSize: 1 }),
    api.reading.moderationQueue({ queue: 'review' }),
  ]);
  const kinds: Array<[key: string, title: string, count: number, unit: string, url: string]> = [
    ['review', '待审查的提案', proposals.review, '件', PROPOSAL_REVIEW_PAGE],
    ['assign', '待交办的提案', proposals.unassigned, '件', queueUrl('unassigned')],
    ['overdue', '超期未答复的提案', proposals.overdue, '件', queueUrl('overdue')],
    ['opinions', '待处理的社情民意', opinions.total, '篇', '/pages/staff/opinion-review/index'],
    ['leave', '待审批的请假', leave.total, '人次', '/pages/staff/meetings/index'],
    [
      'moderation',
      '待审核的读书内容',
      moderation.counts.review + moderation.counts.reported,
      '条',
      '/pages/staff/reading-moderation/index',
    ],
  ];
  const rows = kinds
    .filter(([, , count]) => count > 0)
    .map(([id, title, count, unit, url]) => ({ id, title, meta: `${count} ${unit}`, url }));
  const count = kinds.reduce((sum, [, , n]) => sum + n, 0);
  return { key: 'office', title: '办公室待办', count, rows, moreUrl: '' };
}

/** A handling unit's pages (the unit sub-package): its lists, and one proposal it works. */
export const UNIT_QUEUE_PAGE = '/pages/unit/queue/index';
export const UNIT_PROPOSAL_PAGE = '/pages/unit/proposal/index';

/** A handling unit's 待办理 and 已答复, with their sizes: the 提案 tab of a unit's account. */
export async function unitDesk(): Promise<DeskRow[]> {
  const { counts } = await api.proposals.unitQueue({ queue: 'open', page: 1, pageSize: 1 });
  return UNIT_QUEUES.map((q) => ({
    key: q,
    title: UNIT_QUEUE_LABELS[q],
    count: counts[q],
    url: `${UNIT_QUEUE_PAGE}?queue=${q}`,
  }));
}

/** What waits on a handling unit (to accept, answer or sign off): the home page of its account. */
export async function unitSection(shown: number): Promise<WaitingSection> {
  const page = await api.proposals.unitQueue({ queue: 'open', page: 1, pageSize: shown });
  const rows = page.items
    .filter((t) => t.next)
    .map((t) => ({
      id: t.id,
      title: t.title,
      meta: [t.next, t.deadline ? `答复期限 ${formatDate(t.deadline)}` : '']
        .filter(Boolean)
        .join(' · '),
      url: pageUrl(UNIT_PROPOSAL_PAGE, t.id),
    }));
  return {
    key: 'unit',
    title: '本单位待办',
    count: page.counts.open,
    rows,
    moreUrl: UNIT_QUEUE_PAGE,
  };
}
