import type { Services } from '../../kernel/action';
import { purgeIdempotency } from '../../kernel/once';
import { deliverDue } from './delivery';

/**
 * What runs on the clock: the outbox delivery, and dropping answers kept for retries once they
 * are a week old. The notify function's timer trigger calls it every minute in the cloud; the
 * local runtime every 2 seconds.
 */
export async function onTimer(
  services: Services,
): Promise<{ delivery: Awaited<ReturnType<typeof deliverDue>>; purged: number }> {
  const delivery = await deliverDue(services, 200);
  const purged = await purgeIdempotency(services.store, services.clock.now());
  return { delivery, purged };
}
