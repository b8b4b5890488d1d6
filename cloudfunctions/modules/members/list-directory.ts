import { members } from '../../../typings/contracts/members';
import { handle } from '../../kernel/action';
import type { MemberDoc } from '../../kernel/identity';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { toDirectoryEntry } from './views';

/** The committee's members as any member may see them (co-signer pickers, contact lists). */
export const listDirectory = handle(members.listDirectory, 'member', async (ctx, input) => {
  const where: Where = { active: true, roles: { $contains: 'member' } };
  if (input.keyword) where.name = { $search: input.keyword };
  if (input.sector) where.sector = input.sector;
  if (input.specialCommittee) where.specialCommittee = input.specialCommittee;
  if (input.standingMember !== undefined) where.standingMember = input.standingMember;
  return findPage<MemberDoc, ReturnType<typeof toDirectoryEntry>>(
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
    toDirectoryEntry,
  );
});
