import type { ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { once } from '../../kernel/once';
import { fail } from '../../kernel/errors';
import type { TxOps } from '../../store/port';
import { isDone, type ProposalDoc } from './model';
import { withSearchTerms } from './search-fields';

export interface Step {
  /** Fields to change. */
  set: Record<string, unknown>;
  /** The timeline line (and the audit's action). */
  action: string;
  note: string | null;
  /** What the audit record shows before and after. */
  before: unknown;
  after: unknown;
  /**
   * More writes in the same transaction (notices, duty events), given the proposal as the step
   * leaves it. (Not `then`: that would make a Step thenable.)
   */
  also?: (tx: TxOps, now: string, after: ProposalDoc) => Promise<void>;
  /** No line on the timeline (a unit's draft saved); the audit still records it. */
  quiet?: boolean;
}

/**
 * One staff step on a proposal, at the version the actor saw (a stale copy gets STORE.CONFLICT),
 * with its timeline line and audit record, in one transaction. `step` may refuse by throwing.
 * A retry of the same request after the step committed replays it (no version check fails).
 */
export async function proposalStep(
  ctx: ActionContext,
  proposalId: string,
  version: number,
  step: (fresh: ProposalDoc, now: string, tx: TxOps) => Step | Promise<Step>,
): Promise<void> {
  const now = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const fresh = await tx.get<ProposalDoc>('proposals', proposalId);
    if (!fresh) throw fail('PROPOSAL.NOT_FOUND');
    if (fresh.version !== version)
      throw fail('STORE.CONFLICT', '该提案已被他人处理或修改，请刷新后重试');
    const s = await step(fresh, now, tx);
    const timeline = s.quiet
      ? fresh.timeline
      : [
          ...fresh.timeline,
          { at: now, action: s.action, actorName: ctx.caller.member!.name, note: s.note },
        ];
    const done = isDone({ ...fresh, ...s.set } as ProposalDoc);
    // A case number (accept) or units (assign) are searched by: their terms change with them.
    const set = { ...s.set, ...withSearchTerms(fresh, s.set), done, timeline, updatedAt: now };
    await tx.update('proposals', proposalId, { set, inc: { version: 1 } });
    if (s.also)
      await s.also(tx, now, { ...fresh, ...set, version: fresh.version + 1 } as ProposalDoc);
    await audit(tx, ctx, {
      targetType: 'proposal',
      targetId: proposalId,
      before: s.before,
      after: s.after,
      reason: s.note,
    });
  });
}
