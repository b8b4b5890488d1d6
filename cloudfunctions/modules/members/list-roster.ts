import { members } from '../../../typings/contracts/members';
import { handle, STAFF } from '../../kernel/action';
import type { MemberDoc } from '../../kernel/identity';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { toRosterEntry } from './views';

/** The office's roster view, with phones and binding state. */
export const listRoster = handle(members.listRoster, STAFF, async (ctx, input) => {
  const where: Where = {};
  if (!input.includeInactive) where.active = true;
  if (input.keyword) where.name = { $search: input.keyword };
  if (input.sector) where.sector = input.sector;
  if (input.specialCommittee) where.specialCommittee = input.specialCommittee;
  if (input.standingMember !== undefined) where.standingMember = input.standingMember;
  if (input.bound !== undefined) where.openid = input.bound ? { $ne: null } : null;
  if (input.role) where.roles = { $contains: input.role };
  return findPage<MemberDoc, ReturnType<typeof toRosterEntry>>(
    ctx.store,
    'members',
    {
      where,
      orderBy: [
        ['sector', 'asc'],
        ['name', 'asc'],
      ],
      page: input.page,
      pageSize: input.pageSize,
    },
    toRosterEntry,
  );
});
