import { members } from '../../../typings/contracts/members';
import { handle, STAFF } from '../../kernel/action';
import type { Where } from '../../store/port';
import { rosterPage } from './roster-query';
import { toRosterEntry } from './views';

/**
 * The office's roster view, with phones and binding state. Handling units' contact accounts
 * (managed on the units page) are not the committee's roster: listed only when asked for by role.
 */
export const listRoster = handle(members.listRoster, STAFF, async (ctx, input) => {
  const base: Where = input.role === 'unit' ? {} : { unitId: null };
  if (!input.includeInactive) base.active = true;
  if (input.bound !== undefined) base.openid = input.bound ? { $ne: null } : null;
  if (input.role) base.roles = { $contains: input.role };
  return rosterPage(ctx, base, input, toRosterEntry);
});
