/** What callers see of an opinion report, and who may read it. */
import {
  ADOPTION_LEVELS,
  OPINION_STATUS_LABELS,
  type AdoptionLevel,
  type OpinionDetail,
  type OpinionSummary,
} from '../../../typings/contracts/opinions';
import type { ActionContext } from '../../kernel/action';
import { fail } from '../../kernel/errors';
import { opinionCan, rolesOf } from './lifecycle';
import { writerOf, type OpinionDoc } from './model';

export async function mustGet(ctx: Pick<ActionContext, 'store'>, id: string): Promise<OpinionDoc> {
  const o = await ctx.store.get<OpinionDoc>('opinions', id);
  if (!o) throw fail('OPINION.NOT_FOUND');
  return o;
}

export async function readable(ctx: ActionContext, id: string): Promise<OpinionDoc> {
  const o = await mustGet(ctx, id);
  const staff = ctx.caller.roles.has('staff') || ctx.caller.roles.has('admin');
  const me = ctx.caller.member!._id;
  if (o.authorId === me || writerOf(o) === me || (staff && o.status !== 'draft')) return o;
  throw fail('OPINION.NOT_FOUND');
}

export function summary(o: OpinionDoc): OpinionSummary {
  const adopted = o.forwards.filter((f) => f.adopted).map((f) => f.level);
  const levels: AdoptionLevel[] = o.status === 'adopted' ? ['committee', ...adopted] : [];
  const highest = ADOPTION_LEVELS.filter((l) => levels.includes(l)).pop() ?? null;
  return {
    id: o._id,
    title: o.title,
    status: o.status,
    statusLabel: OPINION_STATUS_LABELS[o.status],
    authorName: o.authorName,
    submittedAt: o.submittedAt,
    issue: o.issue,
    highestLevel: highest,
  };
}

export function detail(ctx: ActionContext, o: OpinionDoc): OpinionDetail {
  const roles = rolesOf(o, ctx.caller);
  // The device draft's id and revision are its writer's (the staff member who entered it).
  const mine = roles.has('writer');
  return {
    ...summary(o),
    authorId: o.authorId,
    body: o.body,
    originalBody: o.originalBody,
    fromProposalId: o.fromProposalId,
    enteredBy: o.enteredBy?.name ?? null,
    declineReason: o.declineReason,
    forwards: o.forwards,
    instructions: o.instructions,
    feedback: o.feedback,
    timeline: o.timeline,
    clientDraftId: mine ? o.clientDraftId : null,
    revision: mine ? o.revision : 0,
    settingsVersion: o.settingsVersion ?? null,
    version: o.version,
    can: {
      edit: opinionCan('edit', o, roles),
      submit: opinionCan('submit', o, roles),
      review: opinionCan('review', o, roles),
      confirmEntry: opinionCan('confirmEntry', o, roles),
    },
  };
}
