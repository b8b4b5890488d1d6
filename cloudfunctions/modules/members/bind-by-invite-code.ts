import { members } from '../../../typings/contracts/members';
import { command } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { StoredDoc, TxOps } from '../../store/port';
import { bindCaller } from './binding';
import type { InviteCodeDoc } from './invite-code';
import { MAX_BIND_FAILURES_PER_HOUR } from './rules';
import { toMyProfile } from './views';

interface BindAttemptsDoc extends StoredDoc {
  windowStart: string;
  failures: number;
}

const HOUR = 3_600_000;

/**
 * Binds the caller to the roster entry an office-issued invite code names.
 * Outcomes: bound (or already bound by this code) | BIND.CODE_UNKNOWN | BIND.CODE_USED |
 * BIND.CODE_EXPIRED | BIND.CODE_REVOKED | BIND.ALREADY_BOUND | BIND.MEMBER_TAKEN |
 * BIND.TOO_MANY_ATTEMPTS (guessing codes is throttled per WeChat account). The throttle is read
 * and a wrong guess counted in the same transaction, so guesses sent at once are counted one
 * after another (each writes the account's attempts record: two cannot both commit unseen).
 */
export const bindByInviteCode = command(
  members.bindByInviteCode,
  'anyone',
  async (ctx, { code }) => {
    const now = ctx.clock.now();
    const member = await ctx.store.transaction(async (tx) => {
      const attempts = await tx.get<BindAttemptsDoc>('bind_attempts', ctx.caller.openid);
      if (throttled(attempts, now)) throw fail('BIND.TOO_MANY_ATTEMPTS');
      const invite = await tx.get<InviteCodeDoc>('invite_codes', code);
      if (!invite) {
        await countFailure(tx, ctx.caller.openid, attempts, now);
        return null; // committed with the failure counted; refused below
      }
      if (invite.usedBy === ctx.caller.openid)
        return bindCaller(tx, ctx, invite.memberId, 'invite');
      if (invite.usedAt) throw fail('BIND.CODE_USED');
      if (invite.revokedAt) throw fail('BIND.CODE_REVOKED');
      if (invite.expiresAt <= iso(now)) throw fail('BIND.CODE_EXPIRED');
      const bound = await bindCaller(tx, ctx, invite.memberId, 'invite');
      await tx.update('invite_codes', code, {
        set: { usedAt: iso(now), usedBy: ctx.caller.openid },
      });
      return bound;
    });
    if (!member) throw fail('BIND.CODE_UNKNOWN');
    return toMyProfile(member);
  },
);

function throttled(attempts: BindAttemptsDoc | null, now: Date): boolean {
  if (!attempts) return false;
  const fresh = now.getTime() - new Date(attempts.windowStart).getTime() < HOUR;
  return fresh && attempts.failures >= MAX_BIND_FAILURES_PER_HOUR;
}

async function countFailure(
  tx: TxOps,
  openid: string,
  attempts: BindAttemptsDoc | null,
  now: Date,
): Promise<void> {
  if (!attempts) {
    await tx.insert<BindAttemptsDoc>('bind_attempts', {
      _id: openid,
      windowStart: iso(now),
      failures: 1,
    });
  } else if (now.getTime() - new Date(attempts.windowStart).getTime() >= HOUR) {
    await tx.update('bind_attempts', openid, { set: { windowStart: iso(now), failures: 1 } });
  } else {
    await tx.update('bind_attempts', openid, { inc: { failures: 1 } });
  }
}
