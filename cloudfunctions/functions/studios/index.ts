import { cloudFunction } from '../../runtime/cloud';
import { studiosHandlers } from '../../modules/studios';

/** Cloud entry of the studios function (委员工作室: matters, consultations, outcomes). */
export const main = cloudFunction('studios', studiosHandlers);
