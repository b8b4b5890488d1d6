import type { DocumentStore, TxOps } from '../../cloudfunctions/store/port';

/** The fault a `faultyStore` throws: as if the process died or the network dropped there. */
export class InjectedFault extends Error {
  constructor(readonly at: number) {
    super(`injected fault at store call ${at}`);
  }
}

/**
 * Wraps a store so that its `failAt`-th call throws (counting every call, the operations inside
 * transactions, and the moment right after a transaction committed, where the work is durable
 * but the caller never hears so). `failAt` = Infinity counts without failing.
 */
export function faultyStore(
  inner: DocumentStore,
  failAt: number,
): DocumentStore & { calls(): number } {
  let n = 0;
  const tick = () => {
    n += 1;
    if (n === failAt) throw new InjectedFault(n);
  };
  const wrapTx = (tx: TxOps): TxOps => ({
    get: (c, id) => (tick(), tx.get(c, id)),
    insert: (c, doc) => (tick(), tx.insert(c, doc)),
    update: (c, id, patch) => (tick(), tx.update(c, id, patch)),
    remove: (c, id) => (tick(), tx.remove(c, id)),
  });
  return {
    calls: () => n,
    get: (c, id) => (tick(), inner.get(c, id)),
    find: (c, o) => (tick(), inner.find(c, o)),
    count: (c, w) => (tick(), inner.count(c, w)),
    insert: (c, doc) => (tick(), inner.insert(c, doc)),
    update: (c, id, patch, o) => (tick(), inner.update(c, id, patch, o)),
    remove: (c, id) => (tick(), inner.remove(c, id)),
    async transaction(work) {
      tick();
      const result = await inner.transaction((tx) => work(wrapTx(tx)));
      tick(); // committed: a fault here loses only the answer
      return result;
    },
    close: () => inner.close(),
  };
}
