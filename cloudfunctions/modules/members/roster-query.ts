import type { Page } from '../../../typings/contracts/envelope';
import type { ActionContext } from '../../kernel/action';
import type { MemberDoc } from '../../kernel/identity';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';

export interface RosterFilters {
  keyword?: string;
  sector?: string;
  specialCommittee?: string;
  standingMember?: boolean;
  page: number;
  pageSize: number;
}

/** One page of roster entries matching the common filters, by sector then name. */
export function rosterPage<V>(
  ctx: Pick<ActionContext, 'store'>,
  base: Where,
  input: RosterFilters,
  view: (m: MemberDoc) => V,
): Promise<Page<V>> {
  const where: Where = { ...base };
  if (input.keyword) where.name = { $search: input.keyword };
  if (input.sector) where.sector = input.sector;
  if (input.specialCommittee) where.specialCommittee = input.specialCommittee;
  if (input.standingMember !== undefined) where.standingMember = input.standingMember;
  return findPage(
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
    view,
  );
}
