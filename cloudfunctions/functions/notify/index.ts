import { cloudFunction } from '../../runtime/cloud';
import { notifyHandlers } from '../../modules/notify';

/**
 * Cloud entry of the notify function: inbox actions, and the outbox worker on its timer. The
 * timer's work (every module's jobs and repairs) loads on the first timer run, so a member's
 * first inbox call on a new instance does not parse and build all of it.
 */
export const main = cloudFunction('notify', notifyHandlers, async (services) =>
  (await import('../../modules/notify/timer')).onTimer(services),
);
