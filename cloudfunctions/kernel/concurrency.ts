import type { DocumentStore, TxOps } from '../store/port';

/**
 * Runs `fn` over `items` with at most `limit` running at once, in order of start. For work on
 * independent documents (one member's account each) that a cloud round trip makes slow one by one.
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** How many documents one batch transaction writes (keeps CloudBase transactions small). */
export const TX_BATCH = 50;

/**
 * Writes `items` in consecutive transactions of at most `TX_BATCH`, each handed its slice.
 * Each batch commits on its own: callers keep the work re-runnable (ids and keys deterministic).
 */
export async function inTransactionBatches<T>(
  store: DocumentStore,
  items: readonly T[],
  work: (tx: TxOps, batch: readonly T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += TX_BATCH) {
    const batch = items.slice(i, i + TX_BATCH);
    await store.transaction((tx) => work(tx, batch));
  }
}
