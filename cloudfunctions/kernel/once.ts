import { createHash } from 'node:crypto';
import { isStoreError, type StoredDoc, type TxOps } from '../store/port';
import type { ActionContext } from './action';
import { iso } from './clock';
import type { Effect } from './effects';

/**
 * `idempotency/<key>`: what a request left behind for its retries. Two kinds share the
 * collection: the answer a command gave (`<key>`), and the commit record of each transaction
 * it ran through `once` (`<key>-<step>-<n>`), written atomically with that transaction's writes.
 */
interface IdempotencyDoc extends StoredDoc {
  action: string;
  at: string;
  result: unknown;
  /** What the transaction (or the whole command) queued for other modules (see effects.ts). */
  effects?: Effect[];
}

/**
 * Runs one transaction of a command at most once per client request id. Its commit record is
 * written in the same transaction, so a retry after a crash or a lost answer changes nothing
 * (its run rolls back, whatever its version checks said) and continues with the first
 * attempt's result and effects.
 * A command may run several: each is known by its `step` name and, for a name used more than
 * once (batches), by its number among them, so a retry resumes after the last one that
 * committed. Name the steps of a command whose path can differ on a retry (a step it skips
 * once the state has moved), so a skipped step never shifts the others. Without a client
 * request id it is a plain transaction.
 */
export async function once<R>(
  ctx: ActionContext,
  work: (tx: TxOps) => Promise<R>,
  step = 'tx',
): Promise<R> {
  const base = idempotencyKey(ctx);
  if (!base) return ctx.store.transaction(work);
  const n = ctx.steps[step] ?? 0;
  ctx.steps[step] = n + 1;
  const key = `${base}-${step}-${n}`;
  // Marked outside the callback: CloudBase may run it twice, and the effects of a first run
  // (already queued) must still be counted as this step's.
  const mark = ctx.effects.mark();
  // Optimistic: the commit record's insert is what stops a second run (DUPLICATE ends the
  // transaction, rolling its writes back), so the common path reads nothing first. Only a
  // failure (that, or the work refusing a state the first run moved on) looks for a record.
  try {
    return await ctx.store.transaction(async (tx) => {
      const result = await work(tx);
      await tx.insert<IdempotencyDoc>('idempotency', {
        _id: key,
        action: ctx.action,
        at: iso(ctx.clock.now()),
        result: result === undefined ? null : structuredClone(result),
        effects: ctx.effects.since(mark),
      });
      return result;
    });
  } catch (e) {
    const prior = await ctx.store.get<IdempotencyDoc>('idempotency', key);
    if (!prior) throw e;
    ctx.effects.addAll(prior.effects);
    return prior.result as R;
  }
}

/**
 * A command's last transaction that also keeps the command's answer: the answer record is
 * written in the transaction itself, standing for both its commit record and the answer
 * `replayOrRun` would write after it (one round trip less). `answer` turns the transaction's
 * result into what the command returns; the command returns this function's result as it is.
 * A retry finds the answer beside the caller and never runs the command again; two attempts
 * racing both get the first answer. Without a client request id it is a plain transaction.
 */
export async function onceAnswering<R, A>(
  ctx: ActionContext,
  work: (tx: TxOps) => Promise<R>,
  answer: (result: R) => A,
): Promise<A> {
  const key = idempotencyKey(ctx);
  if (!key) return answer(await ctx.store.transaction(work));
  try {
    const answered = await ctx.store.transaction(async (tx) => {
      const a = answer(await work(tx));
      await tx.insert<IdempotencyDoc>('idempotency', {
        _id: key,
        action: ctx.action,
        at: iso(ctx.clock.now()),
        result: a === undefined ? null : structuredClone(a),
        effects: ctx.effects.list(),
      });
      return a;
    });
    ctx.answered = true;
    return answered;
  } catch (e) {
    const prior = await readAnswer(ctx.store, key);
    if (!prior) throw e;
    ctx.effects.addAll(prior.effects);
    ctx.answered = true;
    return prior.result as A;
  }
}

/**
 * Every command's retry guard (the pipeline applies it): a retried request gets exactly the
 * answer the first attempt gave, and its effects are applied again in case the first attempt
 * stopped before they were. Two retries racing may both run the command: its transactions
 * (`once`, deterministic ids) make sure the writes happen once; the first answer stored wins.
 */
export async function replayOrRun<R>(
  ctx: ActionContext,
  work: () => Promise<R>,
  /** The stored answer, when the caller read it already (beside identity: one round trip less). */
  stored?: StoredAnswer,
): Promise<R> {
  const key = idempotencyKey(ctx);
  if (!key) return work();
  const prior = stored === undefined ? await readAnswer(ctx.store, key) : stored;
  if (prior) {
    ctx.effects.addAll(prior.effects);
    return prior.result as R;
  }
  const result = await work();
  // Its last transaction kept the answer already (`onceAnswering`).
  if (ctx.answered) return result;
  const answer: IdempotencyDoc = {
    _id: key,
    action: ctx.action,
    at: iso(ctx.clock.now()),
    result: result === undefined ? null : structuredClone(result),
    effects: ctx.effects.list(),
  };
  try {
    await ctx.store.insert<IdempotencyDoc>('idempotency', answer);
  } catch (e) {
    if (!isStoreError(e, 'DUPLICATE')) throw e;
    const first = await ctx.store.get<IdempotencyDoc>('idempotency', key);
    if (first) return first.result as R;
  }
  return result;
}

function idempotencyKey(ctx: ActionContext): string | null {
  return answerKey(ctx.action, ctx.caller.openid, ctx.clientRequestId);
}

/** Where a command's answer is kept for its retries (null: the request has no client id). */
export function answerKey(
  action: string,
  openid: string,
  clientRequestId: string | null,
): string | null {
  if (!clientRequestId) return null;
  return createHash('sha256')
    .update(`${action}\n${openid}\n${clientRequestId}`)
    .digest('hex')
    .slice(0, 40);
}

/** A command's stored answer (null: none yet), as `replayOrRun` takes it. */
export type StoredAnswer = Pick<IdempotencyDoc, 'result' | 'effects'> | null;

export function readAnswer(
  store: Pick<ActionContext['store'], 'get'>,
  key: string,
): Promise<StoredAnswer> {
  return store.get<IdempotencyDoc>('idempotency', key);
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
