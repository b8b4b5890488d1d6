import { members, type Role } from '../../../typings/contracts/members';
import { ADMIN, command, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import type { Patch, TxOps } from '../../store/port';
import { toRosterEntry } from './views';

/**
 * Releases a roster entry from its WeChat account (a member changed phones, or bound the wrong
 * entry). Outcomes: unbound | MEMBER.NOT_FOUND | BIND.NOT_BOUND.
 */
export const unbind = command(members.unbind, STAFF, async (ctx, { memberId, reason }) =>
  once(ctx, async (tx) => {
    const member = await mustGet(tx, memberId);
    if (!member.openid) throw fail('BIND.NOT_BOUND');
    await tx.remove('bindings', member.openid);
    const after = await change(tx, ctx, member, { set: { openid: null, boundAt: null } }, reason);
    return toRosterEntry(after);
  }),
);

/** Grants or withdraws roles. Outcomes: changed | MEMBER.NOT_FOUND | MEMBER.LAST_ADMIN. */
export const setRoles = command(members.setRoles, ADMIN, async (ctx, { memberId, roles }) => {
  const wanted = [...new Set(roles)] as Role[];
  const admins = await ctx.store.count('members', { roles: { $contains: 'admin' }, active: true });
  return once(ctx, async (tx) => {
    const member = await mustGet(tx, memberId);
    const losesAdmin = member.roles.includes('admin') && !wanted.includes('admin');
    if (losesAdmin && member.active && admins <= 1) throw fail('MEMBER.LAST_ADMIN');
    return toRosterEntry(await change(tx, ctx, member, { set: { roles: wanted } }, null));
  });
});

/**
 * Marks a roster entry as left (or back). A deactivated person keeps the record but can no
 * longer act. Outcomes: changed | MEMBER.NOT_FOUND | MEMBER.LAST_ADMIN.
 */
export const setActive = command(
  members.setActive,
  STAFF,
  async (ctx, { memberId, active, reason }) => {
    const admins = await ctx.store.count('members', {
      roles: { $contains: 'admin' },
      active: true,
    });
    return once(ctx, async (tx) => {
      const member = await mustGet(tx, memberId);
      if (member.active === active) return toRosterEntry(member);
      if (!active && member.roles.includes('admin') && admins <= 1) throw fail('MEMBER.LAST_ADMIN');
      return toRosterEntry(await change(tx, ctx, member, { set: { active } }, reason));
    });
  },
);

async function mustGet(tx: TxOps, memberId: string): Promise<MemberDoc> {
  const member = await tx.get<MemberDoc>('members', memberId);
  if (!member) throw fail('MEMBER.NOT_FOUND');
  return member;
}

/** Applies a staff change to a roster entry with its audit record; returns the entry after. */
async function change(
  tx: TxOps,
  ctx: ActionContext,
  member: MemberDoc,
  patch: Required<Pick<Patch, 'set'>>,
  reason: string | null,
): Promise<MemberDoc> {
  const now = iso(ctx.clock.now());
  await tx.update('members', member._id, {
    set: { ...patch.set, updatedAt: now },
    inc: { version: 1 },
  });
  const before = Object.fromEntries(
    Object.keys(patch.set).map((k) => [k, member[k as keyof MemberDoc]]),
  );
  await audit(tx, ctx, {
    targetType: 'member',
    targetId: member._id,
    before,
    after: patch.set,
    reason,
  });
  return {
    ...member,
    ...(patch.set as Partial<MemberDoc>),
    updatedAt: now,
    version: member.version + 1,
  };
}
