import {
  MAX_PAGE,
  type DocumentStore,
  type FindOptions,
  type Patch,
  type StoredDoc,
  type TxOps,
  type UpdateOptions,
  type Where,
} from './port';

/**
 * What one invocation would cost on CloudBase: every port operation counted as the calls the
 * CloudBase adapter (cloudbase.ts) makes for it, and how many of them run one after another.
 *
 * - get, insert, count, remove, an update (conditional or not): 1 call (an update that finds
 *   nothing reads once more to tell "no match" from "no change": 2);
 * - find: one call per page of MAX_PAGE (at least one);
 * - transaction: startTransaction and commit (2), plus its operations, each 1.
 *
 * `depth` is the critical path: calls started together (`Promise.all`) advance it once, calls
 * that wait for each other once each. It is measured in waves: a call waits until the current
 * macrotask ends, so every call the code starts before then shares the wave. Over SQLite, which
 * runs transactions one at a time, transactions started together count one after another (an
 * upper bound; CloudBase runs them side by side). `delayMs` also holds each wave that long per
 * call on its critical path, for wall times as the network would make them.
 */
export interface Meter {
  calls: number;
  depth: number;
  /** When set, each call's operation and collection, `|` between waves (for finding costs). */
  trace?: string[];
  reset(): void;
}

export function newMeter(): Meter {
  return {
    calls: 0,
    depth: 0,
    reset() {
      this.calls = 0;
      this.depth = 0;
      if (this.trace) this.trace = [];
    },
  };
}

export function meteredStore(
  inner: DocumentStore,
  meter: Meter,
  options: { delayMs?: number } = {},
): DocumentStore {
  const delayMs = options.delayMs ?? 0;
  let waiting: Array<() => void> = [];
  let waveCost = 0;

  /** Waits for the wave this call joins; the wave adds its costliest call to the depth. */
  const wave = (calls: number, what = ''): Promise<void> => {
    meter.calls += calls;
    meter.trace?.push(what);
    waveCost = Math.max(waveCost, calls);
    return new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length > 1) return;
      setImmediate(() => {
        const run = waiting;
        waiting = [];
        meter.depth += waveCost;
        meter.trace?.push('|');
        const hold = delayMs * waveCost;
        waveCost = 0;
        const go = () => run.forEach((r) => r());
        if (hold > 0) setTimeout(go, hold);
        else go();
      });
    });
  };
  const metered =
    <A extends [string, ...unknown[]], R>(name: string, op: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await wave(1, `${name} ${args[0]}`);
      return op(...args);
    };

  const txOps = (tx: TxOps): TxOps => ({
    get: metered('tx.get', tx.get.bind(tx)) as TxOps['get'],
    insert: metered('tx.insert', tx.insert.bind(tx)),
    update: metered('tx.update', tx.update.bind(tx)),
    remove: metered('tx.remove', tx.remove.bind(tx)),
  });

  return {
    get: metered('get', inner.get.bind(inner)) as DocumentStore['get'],
    insert: metered('insert', inner.insert.bind(inner)),
    count: metered('count', (collection: string, where?: Where) => inner.count(collection, where)),
    remove: metered('remove', inner.remove.bind(inner)),
    async update(collection: string, id: string, patch: Patch, o?: UpdateOptions) {
      await wave(1, `update ${collection}`);
      const matched = await inner.update(collection, id, patch, o);
      if (!matched) await wave(1, `update.read ${collection}`);
      return matched;
    },
    async find<T extends StoredDoc>(collection: string, o?: FindOptions): Promise<T[]> {
      await wave(1, `find ${collection}`);
      const found = await inner.find<T>(collection, o);
      // Pages of MAX_PAGE until a short one, or until the limit is reached.
      const n = found.length;
      const reached = o?.limit !== undefined && n >= o.limit;
      const pages = reached ? Math.ceil(n / MAX_PAGE) : Math.floor(n / MAX_PAGE) + 1;
      if (pages > 1) await wave(pages - 1, `find.pages ${collection}`);
      return found;
    },
    async transaction<R>(work: (tx: TxOps) => Promise<R>): Promise<R> {
      await wave(1, 'startTransaction');
      const result = await inner.transaction((tx) => work(txOps(tx)));
      await wave(1, 'commit');
      return result;
    },
    close: () => inner.close(),
  };
}
