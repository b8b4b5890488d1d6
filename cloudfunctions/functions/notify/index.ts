import { cloudFunction } from '../../runtime/cloud';
import { notifyHandlers } from '../../modules/notify';
import { onTimer } from '../../modules/notify/timer';

/** Cloud entry of the notify function: inbox actions, and the outbox worker on its timer. */
export const main = cloudFunction('notify', notifyHandlers, onTimer);
