import {
  proposals,
  type ProposalDetail,
  type ProposalSummary,
} from '../../../typings/contracts/proposals';
import { handle, type ActionContext } from '../../kernel/action';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { mustGet } from './access';
import type { ProposalDoc } from './model';
import { similarityIndex } from './similarity';
import { toDetail, toSummary } from './views';

export async function loadDetail(ctx: ActionContext, id: string): Promise<ProposalDetail> {
  const p = await mustGet(ctx, id);
  const [mergedInto, mergedFrom] = await Promise.all([
    p.mergedInto ? ctx.store.get<ProposalDoc>('proposals', p.mergedInto) : Promise.resolve(null),
    p.mergedFrom.length
      ? ctx.store.find<ProposalDoc>('proposals', { where: { _id: { $in: p.mergedFrom } } })
      : Promise.resolve([]),
  ]);
  return toDetail(p, ctx.caller, ctx.clock.now(), { mergedInto, mergedFrom });
}

/**
 * Proposals like the one being written, among this and past sessions' (submitted or later),
 * so a member can join an existing one instead of duplicating it. Meant to be called as the
 * member types (debounced); the index is cached between calls.
 */
export const findSimilar = handle(proposals.findSimilar, 'member', async (ctx, input) => {
  if (input.title.length + input.text.length < 4) return { items: [] };
  const staff = ctx.caller.roles.has('staff') || ctx.caller.roles.has('admin');
  const items = await similarityIndex(ctx.store).search(input.title, input.text, {
    excludeId: input.excludeId,
    limit: input.limit,
    // Members see others' proposals only once accepted, as in the public list.
    visibleTo: staff ? undefined : ctx.caller.member!._id,
  });
  return { items };
});

/** The public list: accepted proposals (merged ones included), searchable, for every member. */
export const listPublic = handle(proposals.listPublic, 'member', async (ctx, input) => {
  const where: Where = { status: { $in: ['accepted', 'merged'] } };
  if (input.year) where.year = input.year;
  if (input.category) where.category = input.category;
  // A case number (e.g. 2026-0001 or 2026-1) finds that proposal; other words search titles.
  const number = input.keyword ? /^(\d{4})-(\d{1,4})$/.exec(input.keyword) : null;
  if (number) where.number = `${number[1]}-${number[2]!.padStart(4, '0')}`;
  else if (input.keyword) where.title = { $search: input.keyword };
  return findPage<ProposalDoc, ProposalSummary>(
    ctx.store,
    'proposals',
    {
      where,
      orderBy: [
        ['year', 'desc'],
        ['number', 'asc'],
      ],
      page: input.page,
      pageSize: input.pageSize,
    },
    toSummary,
  );
});
