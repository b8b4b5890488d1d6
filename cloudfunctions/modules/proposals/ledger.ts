import { businessYear } from '../../kernel/clock';
import type { DutyEventType } from '../../../typings/contracts/ledger';
import type { ActionContext } from '../../kernel/action';
import type { TxOps } from '../../store/port';
import { recordDutyEvent, recordRetraction, type Recorder } from '../ledger/ledger-port';
import { confirmedCoSigners, type ProposalDoc } from './model';

type Ctx = Recorder & Pick<ActionContext, 'caller'>;

function authorsOf(p: ProposalDoc) {
  return [
    { memberId: p.leadId, role: 'lead' as const },
    ...confirmedCoSigners(p).map((c) => ({ memberId: c.memberId, role: 'coSigner' as const })),
  ];
}

function submittedKey(p: ProposalDoc, memberId: string): string {
  return `proposal:${p._id}:${memberId}:proposal.submitted`;
}

/**
 * Records, in the caller's transaction, the proposal's duty events for its authors:
 * `submitted` once co-signing has settled (shared among the authors by the policy's split),
 * `accepted` (lead or co-signer) when it is accepted or merged into an accepted one. `p` is
 * the proposal as it is after the change. Keys make each event count once.
 */
export async function recordProposalEvents(
  tx: TxOps,
  ctx: Ctx,
  p: ProposalDoc,
  stage: 'submitted' | 'accepted',
): Promise<void> {
  const authors = authorsOf(p);
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
    await recordDutyEvent(tx, ctx, {
      key:
        stage === 'submitted'
          ? submittedKey(p, a.memberId)
          : `proposal:${p._id}:${a.memberId}:${event}`,
      event,
      memberId: a.memberId,
      occurredAt: p.submittedAt ?? p.updatedAt,
      source: { type: 'proposal', id: p._id, title: p.title },
      share: { role: a.role, authors: authors.length },
      actor,
    });
  }
  if (stage === 'accepted' && p.origin) await recordOutcomeAdopted(tx, ctx, p, actor);
}

/** A studio consultation's outcome that became this accepted proposal scores for its lead. */
async function recordOutcomeAdopted(
  tx: TxOps,
  ctx: Ctx,
  p: ProposalDoc,
  actor: { id: string; name: string } | null,
): Promise<void> {
  await recordDutyEvent(tx, ctx, {
    key: `proposal:${p._id}:${p.leadId}:studio.outcome.adopted`,
    event: 'studio.outcome.adopted',
    memberId: p.leadId,
    occurredAt: p.submittedAt ?? p.updatedAt,
    source: { type: 'consultation', id: p.origin!.consultationId, title: p.origin!.topic },
    actor,
  });
}

/** Records, in the caller's transaction, that a withdrawn proposal no longer counts as submitted. */
export async function recordSubmissionWithdrawn(
  tx: TxOps,
  ctx: Ctx,
  p: ProposalDoc,
  why: string,
): Promise<void> {
  const actor = ctx.caller.member
    ? { id: ctx.caller.member._id, name: ctx.caller.member.name }
    : null;
  for (const { memberId } of authorsOf(p))
    await recordRetraction(
      tx,
      ctx,
      {
        key: submittedKey(p, memberId),
        memberId,
        yearHint: businessYear(p.submittedAt ?? p.updatedAt),
      },
      why,
      actor,
    );
}
