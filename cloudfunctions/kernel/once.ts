import { createHash } from 'node:crypto';
import type { StoredDoc, TxOps } from '../store/port';
import type { ActionContext } from './action';
import { iso } from './clock';

interface IdempotencyDoc extends StoredDoc {
  action: string;
  at: string;
  result: unknown;
}

/**
 * Runs a write in a transaction at most once per client request id: a retry of the same
 * request (after a timeout, say) gets the first attempt's result and writes nothing. Without a
 * client request id it is a plain transaction.
 */
export function once<R>(ctx: ActionContext, work: (tx: TxOps) => Promise<R>): Promise<R> {
  const { clientRequestId } = ctx;
  if (!clientRequestId) return ctx.store.transaction(work);
  const key = createHash('sha256')
    .update(`${ctx.action}\n${ctx.caller.openid}\n${clientRequestId}`)
    .digest('hex')
    .slice(0, 40);
  return ctx.store.transaction(async (tx) => {
    const prior = await tx.get<IdempotencyDoc>('idempotency', key);
    if (prior) return prior.result as R;
    const result = await work(tx);
    await tx.insert<IdempotencyDoc>('idempotency', {
      _id: key,
      action: ctx.action,
      at: iso(ctx.clock.now()),
      result: result === undefined ? null : structuredClone(result),
    });
    return result;
  });
}
