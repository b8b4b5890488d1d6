import {
  proposals,
  type ProposalDetail,
  type ProposalSummary,
  type ProposalToEvaluate,
} from '../../../typings/contracts/proposals';
import { handle, type ActionContext } from '../../kernel/action';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { mustGet } from './access';
import type { ProposalDoc } from './model';
import { keywordTermsWhere, searchProposals } from './search';
import { similarityIndex } from './similarity';
import { evaluatorsOf, toDetail, toSummary } from './views';

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

/**
 * Words typed into a list: a case number (e.g. 2026-0001 or 2026-1) finds that proposal; other
 * words the proposals holding them (title, 案由, 建议, proposer, units: search.ts).
 */
export const keywordWhere = keywordTermsWhere;

/**
 * The public list: accepted proposals (merged ones included), for every member. With words, the
 * proposals answering them best first (search.ts); without, by year and case number.
 */
export const listPublic = handle(proposals.listPublic, 'member', async (ctx, input) => {
  const where: Where = { status: { $in: ['accepted', 'merged'] } };
  if (input.year) where.year = input.year;
  if (input.category) where.category = input.category;
  if (input.excellent) where['excellent.year'] = { $exists: true };
  if (input.keyword?.trim()) return searchProposals(ctx.store, where, input.keyword, input);
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

/**
 * The replies waiting for the caller's evaluation: replied proposals on which the caller is an
 * evaluator (the lead, a confirmed co-signer, or either of a proposal merged into it) and has
 * not rated this round yet, the longest waiting first. Replied proposals are few at a time
 * (they close on the lead's rating), so they are read whole and filtered here.
 */
export const listToEvaluate = handle(proposals.listToEvaluate, 'member', async (ctx, input) => {
  const me = ctx.caller.member!._id;
  const replied = await ctx.store.find<ProposalDoc>('proposals', {
    where: { status: 'accepted', 'handling.stage': 'replied' },
  });
  const sourceIds = [...new Set(replied.flatMap((p) => p.mergedFrom))];
  const sources = sourceIds.length
    ? await ctx.store.find<ProposalDoc>('proposals', { where: { _id: { $in: sourceIds } } })
    : [];
  const mine = replied
    .filter((p) => {
      const h = p.handling!;
      const merged = sources.filter((s) => p.mergedFrom.includes(s._id));
      return (
        evaluatorsOf(p, merged).has(me) &&
        !h.evaluations.some((e) => e.round === h.round && e.memberId === me)
      );
    })
    .map((p): ProposalToEvaluate => ({
      ...toSummary(p),
      round: p.handling!.round,
      repliedAt: lastReplyAt(p),
    }))
    .sort(
      (a, b) => (a.repliedAt ?? '').localeCompare(b.repliedAt ?? '') || a.id.localeCompare(b.id),
    );
  const start = (input.page - 1) * input.pageSize;
  return {
    items: mine.slice(start, start + input.pageSize),
    total: mine.length,
    page: input.page,
    pageSize: input.pageSize,
  };
});

/** When the current round's latest reply was recorded. */
function lastReplyAt(p: ProposalDoc): string | null {
  const round = p.handling!.round;
  const times = p.handling!.units.flatMap((u) =>
    u.replies.filter((r) => r.round === round).map((r) => r.at),
  );
  return times.length ? times.sort().at(-1)! : null;
}
