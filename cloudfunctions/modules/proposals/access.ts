import type { ActionContext } from '../../kernel/action';
import { fail } from '../../kernel/errors';
import type { ProposalDoc } from './model';

export const isStaff = (ctx: ActionContext) =>
  ctx.caller.roles.has('staff') || ctx.caller.roles.has('admin');

/**
 * Who may read a proposal: staff; its lead and invited co-signers always; anyone else only
 * once it is accepted (the public list). A draft is its author's alone.
 */
export function assertCanRead(ctx: ActionContext, p: ProposalDoc): void {
  const me = ctx.caller.member!._id;
  if (p.status === 'draft') {
    if (p.leadId === me || p.submittedByStaff === me) return;
    throw fail('PROPOSAL.NOT_FOUND');
  }
  if (isStaff(ctx) || p.leadId === me || p.coSigners.some((c) => c.memberId === me)) return;
  if (p.status === 'accepted' || p.status === 'merged') return;
  throw fail('PROPOSAL.NOT_FOUND');
}

export async function mustGet(ctx: Pick<ActionContext, 'store'>, id: string): Promise<ProposalDoc> {
  const p = await ctx.store.get<ProposalDoc>('proposals', id);
  if (!p) throw fail('PROPOSAL.NOT_FOUND');
  return p;
}
