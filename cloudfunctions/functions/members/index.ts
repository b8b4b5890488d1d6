import { cloudFunction } from '../../runtime/cloud';
import { membersHandlers } from '../../modules/members';

/** Cloud entry of the members function (identity, roster, binding, audit). */
export const main = cloudFunction('members', membersHandlers);
