import { members } from '../../../typings/contracts/members';
import { command, type ActionContext } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { AppError, fail } from '../../kernel/errors';
import type { StoredDoc } from '../../store/port';
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
 * BIND.TOO_MANY_ATTEMPTS (guessing codes is throttled per WeChat account).
 */
export const bindByInviteCode = command(
  members.bindByInviteCode,
  'anyone',
  async (ctx, { code }) => {
    await refuseWhenThrottled(ctx);
    try {
      const member = await ctx.store.transaction(async (tx) => {
        const invite = await tx.get<InviteCodeDoc>('invite_codes', code);
        if (!invite) throw fail('BIND.CODE_UNKNOWN');
        if (invite.usedBy === ctx.caller.openid)
          return bindCaller(tx, ctx, invite.memberId, 'invite');
        if (invite.usedAt) throw fail('BIND.CODE_USED');
        if (invite.revokedAt) throw fail('BIND.CODE_REVOKED');
        const now = ctx.clock.now();
        if (invite.expiresAt <= iso(now)) throw fail('BIND.CODE_EXPIRED');
        const bound = await bindCaller(tx, ctx, invite.memberId, 'invite');
        await tx.update('invite_codes', code, {
          set: { usedAt: iso(now), usedBy: ctx.caller.openid },
        });
        return bound;
      });
      return toMyProfile(member);
    } catch (e) {
      if (e instanceof AppError && e.code === 'BIND.CODE_UNKNOWN') await recordFailure(ctx);
      throw e;
    }
  },
);

async function refuseWhenThrottled(ctx: ActionContext): Promise<void> {
  const attempts = await ctx.store.get<BindAttemptsDoc>('bind_attempts', ctx.caller.openid);
  if (!attempts) return;
  const fresh = ctx.clock.now().getTime() - new Date(attempts.windowStart).getTime() < HOUR;
  if (fresh && attempts.failures >= MAX_BIND_FAILURES_PER_HOUR)
    throw fail('BIND.TOO_MANY_ATTEMPTS');
}

async function recordFailure(ctx: ActionContext): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const attempts = await tx.get<BindAttemptsDoc>('bind_attempts', ctx.caller.openid);
    if (!attempts) {
      await tx.insert<BindAttemptsDoc>('bind_attempts', {
        _id: ctx.caller.openid,
        windowStart: iso(now),
        failures: 1,
      });
    } else if (now.getTime() - new Date(attempts.windowStart).getTime() >= HOUR) {
      await tx.update('bind_attempts', ctx.caller.openid, {
        set: { windowStart: iso(now), failures: 1 },
      });
    } else {
      await tx.update('bind_attempts', ctx.caller.openid, { inc: { failures: 1 } });
    }
  });
}
