import { cloudFunction } from '../../runtime/cloud';
import { ledgerHandlers } from '../../modules/ledger';

/** Cloud entry of the ledger function (duty points, policy, assessment). */
export const main = cloudFunction('ledger', ledgerHandlers);
