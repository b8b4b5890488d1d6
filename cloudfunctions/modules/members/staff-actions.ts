import { members } from '../../../typings/contracts/members';
import { ADMIN, command, STAFF } from '../../kernel/action';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import { change, countAdmins, holdAdmin, mustGet } from './entry-change';
import {
  deactivateProblem,
  manageProblem,
  removesAdmin,
  rolesAfter,
  rolesProblem,
  unbindProblem,
} from './entry-rules';
import { toRosterEntry } from './views';

/**
 * Releases a roster entry from its WeChat account (a member changed phones, or bound the wrong
 * entry). Outcomes: unbound | MEMBER.NOT_FOUND | MEMBER.OFFICE_ACCOUNT | MEMBER.OWN_ENTRY |
 * BIND.NOT_BOUND.
 */
export const unbind = command(members.unbind, STAFF, async (ctx, { memberId, reason }) =>
  once(ctx, async (tx) => {
    const member = await mustGet(tx, memberId);
    const problem = unbindProblem(ctx.caller, member);
    if (problem) throw fail(problem);
    if (!member.openid) throw fail('BIND.NOT_BOUND');
    await tx.remove('bindings', member.openid);
    const after = await change(tx, ctx, member, { openid: null, boundAt: null }, reason);
    return toRosterEntry(after);
  }),
);

/**
 * Sets the roles an admin gives on the member page (EDITABLE_ROLES); roles managed elsewhere
 * (`unit`) stay as they are. Outcomes: changed | unchanged (no audit) | MEMBER.NOT_FOUND |
 * MEMBER.ROLE_MANAGED_ELSEWHERE | MEMBER.OWN_ADMIN | MEMBER.LAST_ADMIN.
 */
export const setRoles = command(members.setRoles, ADMIN, async (ctx, { memberId, roles }) => {
  const admins = await countAdmins(ctx.store);
  return once(ctx, async (tx) => {
    const member = await mustGet(tx, memberId);
    const problem = rolesProblem(ctx.caller, member, roles, admins);
    if (problem) throw fail(problem);
    const wanted = rolesAfter(member, roles);
    if (wanted.join() === member.roles.join()) return toRosterEntry(member);
    if (removesAdmin(member, { roles: wanted })) await holdAdmin(tx, ctx);
    return toRosterEntry(await change(tx, ctx, member, { roles: wanted }, null));
  });
});

/**
 * Marks a roster entry as left (停用) or back (启用), with a reason. A deactivated person keeps
 * the record and its roles, which take no effect (`loadCaller` gives an inactive entry none).
 * Outcomes: changed | unchanged (already so: no audit) | MEMBER.NOT_FOUND |
 * MEMBER.OFFICE_ACCOUNT | MEMBER.OWN_ENTRY | MEMBER.LAST_ADMIN.
 */
export const setActive = command(
  members.setActive,
  STAFF,
  async (ctx, { memberId, active, reason }) => {
    const admins = await countAdmins(ctx.store);
    return once(ctx, async (tx) => {
      const member = await mustGet(tx, memberId);
      if (member.active === active) return toRosterEntry(member);
      const problem = active
        ? manageProblem(ctx.caller, member)
        : deactivateProblem(ctx.caller, member, admins);
      if (problem) throw fail(problem);
      if (removesAdmin(member, { active })) await holdAdmin(tx, ctx);
      return toRosterEntry(await change(tx, ctx, member, { active }, reason));
    });
  },
);
