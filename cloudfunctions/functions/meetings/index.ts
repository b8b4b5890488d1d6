import { cloudFunction } from '../../runtime/cloud';
import { meetingsHandlers } from '../../modules/meetings';

/** Cloud entry of the meetings function (notices, replies, leave, check-in, attendance). */
export const main = cloudFunction('meetings', meetingsHandlers);
