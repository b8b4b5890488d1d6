import type { Page } from '../../../typings/contracts/envelope';
import type { ActionContext } from '../../kernel/action';
import type { MemberDoc } from '../../kernel/identity';
import { findPage } from '../../kernel/paging';
import { nameSearch, orderField } from '../../kernel/people-order';
import type { Where } from '../../store/port';
import { peopleOrder } from '../settings/store';

export interface RosterFilters {
  keyword?: string;
  sector?: string;
  specialCommittee?: string;
  standingMember?: boolean;
  page: number;
  pageSize: number;
}

/**
 * One page of roster entries matching the common filters, by sector then name in the
 * committee's order (pinyin or strokes): paged in the database on the stored name keys.
 */
export async function rosterPage<V>(
  ctx: Pick<ActionContext, 'store'>,
  base: Where,
  input: RosterFilters,
  view: (m: MemberDoc) => V,
): Promise<Page<V>> {
  const where: Where = { ...base };
  if (input.keyword) Object.assign(where, nameSearch(input.keyword));
  if (input.sector) where.sector = input.sector;
  if (input.specialCommittee) where.specialCommittee = input.specialCommittee;
  if (input.standingMember !== undefined) where.standingMember = input.standingMember;
  const order = await peopleOrder(ctx.store);
  return findPage(
    ctx.store,
    'members',
    {
      where,
      orderBy: [
        ['sector', 'asc'],
        [orderField(order), 'asc'],
      ],
      page: input.page,
      pageSize: input.pageSize,
    },
    view,
  );
}
