import { members } from '../../../typings/contracts/members';
import { command, STAFF } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { addDays, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { manageProblem } from './entry-rules';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import type { StoredDoc } from '../../store/port';
import { INVITE_CODE_LENGTH, INVITE_VALID_DAYS } from './rules';

/** `invite_codes/<code>`: the code is the id, so the database refuses a second copy. */
export interface InviteCodeDoc extends StoredDoc {
  memberId: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  revokedAt: string | null;
}

/**
 * Issues a single-use invite code for an unbound roster entry; earlier unused codes of that
 * entry are revoked, so only the newest slip works. A retried request returns the same code.
 */
export const issueInviteCode = command(
  members.issueInviteCode,
  STAFF,
  async (ctx, { memberId }) => {
    const member = await ctx.store.get<MemberDoc>('members', memberId);
    if (!member) throw fail('MEMBER.NOT_FOUND');
    // An office account's code would let whoever holds it act as staff: an admin's to give.
    const problem = manageProblem(ctx.caller, member);
    if (problem) throw fail(problem);
    if (member.openid) throw fail('BIND.MEMBER_TAKEN', '该人员已绑定微信，无需邀请码');
    if (!member.active) throw fail('AUTH.INACTIVE', '该人员已停用，不能发放邀请码');
    const pending = await ctx.store.find<InviteCodeDoc>('invite_codes', {
      where: { memberId, usedAt: null, revokedAt: null },
    });
    const now = ctx.clock.now();
    const code = ctx.ids.code(INVITE_CODE_LENGTH);
    return once(ctx, async (tx) => {
      for (const p of pending)
        await tx.update('invite_codes', p._id, { set: { revokedAt: iso(now) } });
      const doc: InviteCodeDoc = {
        _id: code,
        memberId,
        issuedBy: ctx.caller.member!._id,
        issuedAt: iso(now),
        expiresAt: iso(addDays(now, INVITE_VALID_DAYS)),
        usedAt: null,
        usedBy: null,
        revokedAt: null,
      };
      await tx.insert(`invite_codes`, doc);
      await audit(tx, ctx, {
        targetType: 'member',
        targetId: memberId,
        before: { pendingCodes: pending.length },
        after: { codeEnding: code.slice(-2), expiresAt: doc.expiresAt },
      });
      return { code, memberId, memberName: member.name, expiresAt: doc.expiresAt };
    });
  },
);
