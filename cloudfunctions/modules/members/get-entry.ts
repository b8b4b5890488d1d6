import { members } from '../../../typings/contracts/members';
import { handle, STAFF } from '../../kernel/action';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { countAdmins } from './entry-change';
import { entryCan, roleChoices } from './entry-rules';
import { auditPage } from './list-audit-log';
import { toRosterEntry } from './views';

/**
 * One roster entry for the office's member page: its fields, roles, state, what the caller may
 * do with it, and the first page of what was done to it. Outcomes: the entry | MEMBER.NOT_FOUND.
 */
export const getEntry = handle(members.getEntry, STAFF, async (ctx, input) => {
  const [member, admins, audit] = await Promise.all([
    ctx.store.get<MemberDoc>('members', input.memberId),
    countAdmins(ctx.store),
    auditPage(ctx.store, input.memberId, 1, input.auditPageSize),
  ]);
  if (!member) throw fail('MEMBER.NOT_FOUND');
  return {
    entry: toRosterEntry(member),
    version: member.version,
    can: entryCan(ctx.caller, member, admins),
    roles: roleChoices(ctx.caller, member, admins),
    audit,
  };
});
