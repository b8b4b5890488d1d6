import { cloudFunction } from '../../runtime/cloud';
import { proposalsHandlers } from '../../modules/proposals';

/** Cloud entry of the proposals function (drafting, co-signing, review). */
export const main = cloudFunction('proposals', proposalsHandlers);
