import { cloudFunction } from '../../runtime/cloud';
import { tencentSmsFromEnv } from '../../adapters/tencent-sms';
import { notifyHandlers } from '../../modules/notify';

/**
 * Cloud entry of the notify function: inbox actions, and the outbox worker on its timer. The
 * timer's work (every module's jobs and repairs) loads on the first timer run, so a member's
 * first inbox call on a new instance does not parse and build all of it. The worker sends SMS
 * through Tencent Cloud SMS when the function's SMS_* variables set it up (the SDK is loaded
 * on the first SMS).
 */
export const main = cloudFunction(
  'notify',
  notifyHandlers,
  async (services) => (await import('../../modules/notify/timer')).onTimer(services),
  undefined,
  { sms: () => tencentSmsFromEnv(process.env) },
);
