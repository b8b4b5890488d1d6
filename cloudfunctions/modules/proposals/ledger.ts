import type { DutyEventType } from '../../../typings/contracts/ledger';
import type { ActionContext } from '../../kernel/action';
import { postDutyEvent } from '../ledger/ledger-port';
import { confirmedCoSigners, type ProposalDoc } from './model';

/**
 * The proposal's duty events for its authors: `submitted` once co-signing has settled (shared
 * among the authors by the policy's split), `accepted` (lead or co-signer) when it is accepted
 * or merged into an accepted one. Keys make each post happen once.
 */
export async function postProposalEvents(
  ctx: ActionContext,
  p: ProposalDoc,
  stage: 'submitted' | 'accepted',
): Promise<void> {
  const authors = [
    { memberId: p.leadId, role: 'lead' as const },
    ...confirmedCoSigners(p).map((c) => ({ memberId: c.memberId, role: 'coSigner' as const })),
  ];
  const actor = ctx.caller.member
    ? { id: ctx.caller.member._id, name: ctx.caller.member.name }
    : null;
  for (const a of authors) {
    const event: DutyEventType =
      stage === 'submitted'
        ? 'proposal.submitted'
        : a.role === 'lead'
          ? 'proposal.accepted.lead'
          : 'proposal.accepted.coSigner';
    await postDutyEvent(ctx, {
      key: `proposal:${p._id}:${a.memberId}:${event}`,
      event,
      memberId: a.memberId,
      occurredAt: p.submittedAt ?? p.updatedAt,
      source: { type: 'proposal', id: p._id, title: p.title },
      share: { role: a.role, authors: authors.length },
      actor,
    });
  }
}
