import { proposals } from '../../../typings/contracts/proposals';
import { handle, type ActionContext, command } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { mustGet } from './access';
import { recordProposalEvents } from './ledger';
import { proposalAllows, requireProposalState } from './lifecycle';
import { once } from '../../kernel/once';
import type { CoSigner, ProposalDoc } from './model';
import { loadDetail } from './queries';
import { toSummary } from './views';

/** Proposals the caller is invited to co-sign and has not answered. */
export const listCoSignInvitations = handle(
  proposals.listCoSignInvitations,
  'member',
  async (ctx, input) => {
    const me = ctx.caller.member!._id;
    const candidates = await ctx.store.find<ProposalDoc>('proposals', {
      where: { status: 'cosigning' },
      orderBy: [['coSignDeadline', 'asc']],
    });
    const mine = candidates.filter((p) =>
      p.coSigners.some((c) => c.memberId === me && c.status === 'invited'),
    );
    const start = (input.page - 1) * input.pageSize;
    return {
      items: mine
        .slice(start, start + input.pageSize)
        .map((p) => ({ ...toSummary(p), coSignDeadline: p.coSignDeadline })),
      total: mine.length,
      page: input.page,
      pageSize: input.pageSize,
    };
  },
);

/**
 * A co-signer confirms or declines before the deadline. When everyone has answered, the
 * proposal goes to review; after the deadline, those who did not confirm drop off.
 */
export const respondCoSign = command(
  proposals.respondCoSign,
  'member',
  async (ctx, { proposalId, accept }) => {
    const me = ctx.caller.member!._id;
    const p = await mustGet(ctx, proposalId);
    const invite = p.coSigners.find((c) => c.memberId === me);
    if (!invite) throw fail('PROPOSAL.NOT_COSIGNER');
    const now = ctx.clock.now();
    requireProposalState('coSign', p.status);
    // The deadline is a time rule beside the state: past it, co-signing is closed too.
    if (!p.coSignDeadline || iso(now) > p.coSignDeadline) throw fail('PROPOSAL.COSIGN_CLOSED');
    const wanted: CoSigner['status'] = accept ? 'confirmed' : 'declined';
    if (invite.status === wanted) return loadDetail(ctx, proposalId);
    await once(ctx, async (tx) => {
      const fresh = (await tx.get<ProposalDoc>('proposals', proposalId))!;
      requireProposalState('coSign', fresh.status);
      const coSigners = fresh.coSigners.map((c) =>
        c.memberId === me ? { ...c, status: wanted, respondedAt: iso(now) } : c,
      );
      const timeline = [
        ...fresh.timeline,
        {
          at: iso(now),
          action: accept ? '确认联名' : '谢绝联名',
          actorName: ctx.caller.member!.name,
          note: null,
        },
      ];
      const allAnswered = coSigners.every((c) => c.status !== 'invited');
      await tx.update('proposals', proposalId, {
        set: {
          coSigners,
          timeline,
          updatedAt: iso(now),
          ...(allAnswered ? { status: 'submitted' } : {}),
        },
        inc: { version: 1 },
      });
      if (allAnswered)
        await recordProposalEvents(
          tx,
          ctx,
          { ...fresh, coSigners, status: 'submitted' },
          'submitted',
        );
    });
    return loadDetail(ctx, proposalId);
  },
);

/** Closes co-signing whose deadline passed: unconfirmed co-signers drop off; review begins. */
export async function settleExpiredCoSigning(ctx: ActionContext): Promise<number> {
  const now = iso(ctx.clock.now());
  const expired = await ctx.store.find<ProposalDoc>('proposals', {
    where: { status: 'cosigning', coSignDeadline: { $lt: now } },
  });
  for (const p of expired) {
    await ctx.store.transaction(async (tx) => {
      const fresh = await tx.get<ProposalDoc>('proposals', p._id);
      if (!fresh || !proposalAllows('closeCoSigning', fresh.status)) return false;
      const coSigners = fresh.coSigners.map((c) =>
        c.status === 'invited' ? { ...c, status: 'dropped' as const } : c,
      );
      const dropped = coSigners.filter((c) => c.status === 'dropped').length;
      const timeline = [
        ...fresh.timeline,
        {
          at: now,
          action: '联名确认截止',
          actorName: '系统',
          note: dropped ? `${dropped} 人未确认，自动退出联名` : null,
        },
      ];
      await tx.update('proposals', p._id, {
        set: { coSigners, timeline, status: 'submitted', updatedAt: now },
        inc: { version: 1 },
      });
      await recordProposalEvents(
        tx,
        ctx,
        { ...fresh, coSigners, status: 'submitted' },
        'submitted',
      );
      return true;
    });
  }
  return expired.length;
}
