import { createHash } from 'node:crypto';
import { isStoreError, type StoredDoc, type TxOps } from '../store/port';
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
  const key = idempotencyKey(ctx);
  if (!key) return ctx.store.transaction(work);
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

/**
 * Every command's retry guard (the pipeline applies it): a retried request gets the answer the
 * first attempt gave. Unlike `once` it is not atomic with the work, so commands whose writes must
 * never repeat even when two retries race also key those writes (`once`, deterministic ids).
 */
export async function replayOrRun<R>(ctx: ActionContext, work: () => Promise<R>): Promise<R> {
  const key = idempotencyKey(ctx);
  if (!key) return work();
  const prior = await ctx.store.get<IdempotencyDoc>('idempotency', key);
  if (prior) return prior.result as R;
  const result = await work();
  try {
    await ctx.store.insert<IdempotencyDoc>('idempotency', {
      _id: key,
      action: ctx.action,
      at: iso(ctx.clock.now()),
      result: result === undefined ? null : structuredClone(result),
    });
  } catch (e) {
    if (!isStoreError(e, 'DUPLICATE')) throw e; // `once` inside the work recorded it already
  }
  return result;
}

function idempotencyKey(ctx: ActionContext): string | null {
  if (!ctx.clientRequestId) return null;
  return createHash('sha256')
    .update(`${ctx.action}\n${ctx.caller.openid}\n${ctx.clientRequestId}`)
    .digest('hex')
    .slice(0, 40);
}

/** Answers kept for retries are needed for minutes, not forever: drop those older than `days`. */
export async function purgeIdempotency(
  store: ActionContext['store'],
  now: Date,
  days = 7,
  limit = 500,
): Promise<number> {
  const before = iso(new Date(now.getTime() - days * 86_400_000));
  const old = await store.find<IdempotencyDoc>('idempotency', {
    where: { at: { $lt: before } },
    orderBy: [['at', 'asc']],
    limit,
  });
  for (const doc of old) await store.remove('idempotency', doc._id);
  return old.length;
}
