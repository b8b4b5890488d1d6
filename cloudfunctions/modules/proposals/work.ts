import type { ParsedInputOf } from '../../../typings/contracts/contract';
import {
  proposals,
  WORK_QUEUES,
  type WorkItem,
  type WorkQueue,
} from '../../../typings/contracts/proposals';
import { handle, STAFF, type ActionContext } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { findPage } from '../../kernel/paging';
import type { FindOptions, Where } from '../../store/port';
import type { ProposalDoc } from './model';
import { keywordWhere } from './queries';
import { toSummary } from './views';

type Filters = Omit<ParsedInputOf<typeof proposals.workQueue>, 'queue' | 'page' | 'pageSize'>;

/** What puts an accepted proposal in each queue (they do not overlap). */
function queueWhere(queue: WorkQueue, now: string): Where {
  const handling = { $in: ['assigned', 'rehandling'] };
  switch (queue) {
    // Accepted, never assigned (a key proposal marked first has an empty handling record).
    case 'unassigned':
      return { 'handling.assignedAt': null };
    case 'handling':
      return { 'handling.stage': 'assigned', 'handling.deadline': { $gte: now } };
    case 'overdue':
      return { 'handling.stage': handling, 'handling.deadline': { $lt: now } };
    case 'rehandling':
      return { 'handling.stage': 'rehandling', 'handling.deadline': { $gte: now } };
    case 'replied':
      return { 'handling.stage': 'replied' };
    case 'closed':
      return { 'handling.stage': 'closed' };
  }
}

function filterWhere(f: Filters): Where {
  const where: Where = { status: 'accepted' };
  if (f.year) where.year = f.year;
  if (f.category) where.category = f.category;
  if (f.leadId) where.leadId = f.leadId;
  if (f.unitId) where.unitIds = { $contains: f.unitId };
  return { ...where, ...keywordWhere(f.keyword) };
}

/** Those waiting longest first: by deadline while a reply is due, else by case number. */
function orderOf(queue: WorkQueue): NonNullable<FindOptions['orderBy']> {
  if (queue === 'handling' || queue === 'overdue' || queue === 'rehandling')
    return [['handling.deadline', 'asc']];
  if (queue === 'closed') return [['updatedAt', 'desc']];
  return [
    ['year', 'asc'],
    ['number', 'asc'],
  ];
}

const NEXT: Record<WorkQueue, WorkItem['next']> = {
  unassigned: { label: '交办', panel: 'assign' },
  handling: { label: '录入答复', panel: '' },
  overdue: { label: '处理超期', panel: '' },
  replied: { label: '查看评价', panel: '' },
  rehandling: { label: '录入答复', panel: '' },
  closed: { label: '查看', panel: '' },
};

function toItem(p: ProposalDoc, queue: WorkQueue): WorkItem {
  const h = p.handling;
  const units = [...(h?.units ?? [])].sort(
    (a, b) => Number(b.role === 'lead') - Number(a.role === 'lead'),
  );
  return {
    ...toSummary(p),
    queue,
    round: h?.round ?? 0,
    units: units.map((u) => u.name),
    deadline: h?.deadline ?? null,
    key: Boolean(h?.key),
    next: NEXT[queue],
  };
}

async function countsOf(ctx: ActionContext, base: Where, now: string) {
  const sizes = await Promise.all(
    WORK_QUEUES.map((q) => ctx.store.count('proposals', { ...base, ...queueWhere(q, now) })),
  );
  return Object.fromEntries(WORK_QUEUES.map((q, i) => [q, sizes[i]!])) as Record<WorkQueue, number>;
}

/**
 * 提案办理工作台: the accepted proposals of one handling step, filtered by year, category,
 * unit, proposer or words, with every step's count under the same filters.
 */
export const workQueue = handle(proposals.workQueue, STAFF, async (ctx, input) => {
  const now = iso(ctx.clock.now());
  const base = filterWhere(input);
  const [page, counts] = await Promise.all([
    findPage<ProposalDoc, ProposalDoc>(
      ctx.store,
      'proposals',
      {
        where: { ...base, ...queueWhere(input.queue, now) },
        orderBy: orderOf(input.queue),
        page: input.page,
        pageSize: input.pageSize,
      },
      (p) => p,
    ),
    countsOf(ctx, base, now),
  ]);
  return { ...page, items: page.items.map((p) => toItem(p, input.queue)), counts };
});
