import { cloudFunction } from '../../runtime/cloud';
import { notifyHandlers } from '../../modules/notify';
import { deliverDue } from '../../modules/notify/delivery';

/** Cloud entry of the notify function: inbox actions, and the outbox worker on its timer. */
export const main = cloudFunction('notify', notifyHandlers, (services) =>
  deliverDue(services, 200),
);
