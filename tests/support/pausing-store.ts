import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { createDispatcher } from '../../cloudfunctions/kernel/pipeline';
import type { DocumentStore } from '../../cloudfunctions/store/port';
import type { Harness } from './harness';

/**
 * Races made on purpose: `pausing` holds one caller's first transaction (once `when` says so,
 * given its calls so far) until the test releases it, so another caller can run in between;
 * `callWith` sends a request through the real pipeline on such a store.
 */
/** A store whose transactions wait for `gate` once `when` says so (given the calls so far). */
export function pausing(
  inner: DocumentStore,
  when: (calls: readonly string[]) => boolean,
): DocumentStore & { reached: Promise<void>; release(): void } {
  let reached!: () => void;
  let release!: () => void;
  const reachedP = new Promise<void>((r) => (reached = r));
  const gate = new Promise<void>((r) => (release = r));
  const calls: string[] = [];
  let paused = false;
  return {
    reached: reachedP,
    release,
    get: (c, id) => (calls.push(`get ${c}`), inner.get(c, id)),
    find: (c, o) => (calls.push(`find ${c}`), inner.find(c, o)),
    count: (c, w) => (calls.push(`count ${c}`), inner.count(c, w)),
    insert: (c, doc) => (calls.push(`insert ${c}`), inner.insert(c, doc)),
    update: (c, id, p, o) => (calls.push(`update ${c}`), inner.update(c, id, p, o)),
    remove: (c, id) => (calls.push(`remove ${c}`), inner.remove(c, id)),
    async transaction(work) {
      if (!paused && when(calls)) {
        paused = true;
        reached();
        await gate;
      }
      calls.push('transaction');
      return inner.transaction(work);
    },
    close: () => inner.close(),
  };
}

export function callWith(h: Harness, store: DocumentStore) {
  return <T>(openid: string, action: string, payload: unknown) =>
    createDispatcher(action.split('.')[0]!, FUNCTIONS[action.split('.')[0]!]!, {
      ...h.services,
      store,
    })({ action, payload }, { openid }) as Promise<ResponseEnvelope<T>>;
}
