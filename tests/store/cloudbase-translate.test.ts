/**
 * The CloudBase adapter without a network: the Where/Patch translation against a command that
 * records its calls (and against the real SDK encoder), and the adapter against a fake database
 * that answers the way wx-server-sdk does.
 */
import {
  CloudBaseStore,
  isCollectionMissingError,
  isDuplicateKeyError,
  isTransactionConflictError,
  translatePatch,
  translateWhere,
  type CloudBaseCollection,
  type CloudBaseCommand,
  type CloudBaseDatabase,
  type CloudBaseDocumentRef,
  type CloudBaseQuery,
  type CloudBaseTransaction,
} from '../../cloudfunctions/store/cloudbase';
import { isStoreError, StoreError, type StoredDoc } from '../../cloudfunctions/store/port';

// ------------------------------------------------------------------------------------------
// A command that records what it is called with
// ------------------------------------------------------------------------------------------

interface Cmd {
  $cmd: string;
  args: unknown[];
}

const isCmd = (v: unknown): v is Cmd => typeof v === 'object' && v !== null && '$cmd' in v;

function recordingCommand(): CloudBaseCommand {
  const make =
    (name: string) =>
    (...args: unknown[]): Cmd => ({ $cmd: name, args });
  return {
    eq: make('eq'),
    neq: make('neq'),
    all: make('all'),
    gt: make('gt'),
    gte: make('gte'),
    lt: make('lt'),
    lte: make('lte'),
    in: make('in'),
    nin: make('nin'),
    exists: make('exists'),
    and: make('and'),
    set: make('set'),
    inc: make('inc'),
    remove: make('remove'),
  };
}

const _ = recordingCommand();
const cmd = (name: string, ...args: unknown[]): Cmd => ({ $cmd: name, args });

const invalid = (fn: () => unknown) => {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  return isStoreError(err, 'INVALID');
};

describe('translateWhere', () => {
  it('keeps bare values as equality, including booleans, null and dotted paths', () => {
    expect(
      translateWhere({ tag: 'red', flag: false, n: 0, name: null, 'meta.city': 'hz', _id: 'b' }, _),
    ).toEqual({
      tag: 'red',
      flag: false,
      n: 0,
      name: null,
      'meta.city': 'hz',
      _id: 'b',
    });
  });

  it('maps every operator to its command', () => {
    expect(
      translateWhere(
        {
          a: { $eq: 1 },
          b: { $ne: null },
          c: { $gt: 1 },
          d: { $gte: 'x' },
          e: { $lt: 3 },
          f: { $lte: 4 },
          g: { $in: ['blue', null] },
          h: { $nin: [] },
          i: { $exists: false },
        },
        _,
      ),
    ).toEqual({
      a: cmd('eq', 1),
      b: cmd('neq', null),
      c: cmd('gt', 1),
      d: cmd('gte', 'x'),
      e: cmd('lt', 3),
      f: cmd('lte', 4),
      g: cmd('in', ['blue', null]),
      h: cmd('nin', []),
      i: cmd('exists', false),
    });
  });

  it('joins several operators on one field with and, in order', () => {
    expect(translateWhere({ n: { $gt: 1, $lte: 3 }, 'meta.score': { $gte: 7 } }, _)).toEqual({
      n: cmd('and', cmd('gt', 1), cmd('lte', 3)),
      'meta.score': cmd('gte', 7),
    });
  });

  it('turns $contains into plain equality, and into eq when combined', () => {
    expect(translateWhere({ tags: { $contains: 'y' } }, _)).toEqual({ tags: 'y' });
    expect(translateWhere({ tags: { $contains: 'y', $exists: true } }, _)).toEqual({
      tags: cmd('and', cmd('eq', 'y'), cmd('exists', true)),
    });
  });

  it('turns $all into all, refusing an empty list', () => {
    expect(translateWhere({ tags: { $all: ['x', 'y'] } }, _)).toEqual({
      tags: cmd('all', ['x', 'y']),
    });
    expect(() => translateWhere({ tags: { $all: [] } }, _)).toThrow(StoreError);
  });

  it('turns $search into an escaped, case-insensitive regular expression', () => {
    const out = translateWhere({ name: { $search: 'a.B(' } }, _);
    expect(out.name).toBeInstanceOf(RegExp);
    expect((out.name as RegExp).source).toBe('a\\.B\\(');
    expect((out.name as RegExp).flags).toBe('i');
    expect((out.name as RegExp).test('xA.b(y')).toBe(true);
    expect((out.name as RegExp).test('aXb(')).toBe(false);
    // The members' pinyin search: on a dotted path, `|` a literal, not an alternation.
    const pinyin = translateWhere({ 'nameKeys.search': { $search: '|LY' } }, _);
    const re = pinyin['nameKeys.search'] as RegExp;
    expect(re.test('|ly|liuyang|y|yang')).toBe(true);
    expect(re.test('|aq|anqi|q|qi')).toBe(false);
  });

  it('drops a field with no operators', () => {
    expect(translateWhere({ n: {} }, _)).toEqual({});
  });

  it('refuses bad field paths, operators and values', () => {
    expect(invalid(() => translateWhere({ "n') OR 1=1 --": 1 }, _))).toBe(true);
    expect(invalid(() => translateWhere({ $where: 1 }, _))).toBe(true);
    expect(invalid(() => translateWhere({ n: { $regex: 'x' } as never }, _))).toBe(true);
    expect(invalid(() => translateWhere({ n: { $in: 'x' as never } }, _))).toBe(true);
    expect(invalid(() => translateWhere({ n: { $gt: Number.NaN } }, _))).toBe(true);
    expect(invalid(() => translateWhere({ n: { $gt: null as never } }, _))).toBe(true);
    expect(invalid(() => translateWhere({ n: Number.POSITIVE_INFINITY }, _))).toBe(true);
    expect(invalid(() => translateWhere({ n: [1] as never }, _))).toBe(true);
    expect(invalid(() => translateWhere({ n: { $exists: 1 as never } }, _))).toBe(true);
    expect(invalid(() => translateWhere({ n: { $search: 1 as never } }, _))).toBe(true);
  });
});

describe('translatePatch', () => {
  it('sets (dotted paths as they are), increments and removes', () => {
    expect(
      translatePatch(
        {
          set: { 'meta.city': 'sh', name: '新', gone: null },
          inc: { n: 5, 'meta.score': -2 },
          unset: ['tag'],
        },
        _,
      ),
    ).toEqual({
      'meta.city': 'sh',
      name: '新',
      gone: null,
      n: cmd('inc', 5),
      'meta.score': cmd('inc', -2),
      tag: cmd('remove'),
    });
  });

  it('wraps object and array values in set, so they replace instead of merging', () => {
    expect(translatePatch({ set: { meta: { city: 'hz' }, tags: ['x'], empty: {} } }, _)).toEqual({
      meta: cmd('set', { city: 'hz' }),
      tags: cmd('set', ['x']),
      empty: cmd('set', {}),
    });
  });

  it('gives an empty update for an empty patch', () => {
    expect(translatePatch({}, _)).toEqual({});
  });

  it('refuses paths that collide, bad paths and _id', () => {
    expect(invalid(() => translatePatch({ set: { meta: {} }, inc: { 'meta.score': 1 } }, _))).toBe(
      true,
    );
    expect(invalid(() => translatePatch({ set: { n: 1 }, unset: ['n'] }, _))).toBe(true);
    expect(invalid(() => translatePatch({ set: { 'a.b': 1, a: 2 } }, _))).toBe(true);
    expect(invalid(() => translatePatch({ set: { 'bad path': 1 } }, _))).toBe(true);
    expect(() => translatePatch({ set: { _id: 'x' } }, _)).toThrow('_id');
    // Repeating a path in unset is harmless, and siblings do not collide.
    expect(translatePatch({ set: { 'meta.a': 1, 'meta.ab': 2 }, unset: ['x', 'x'] }, _)).toEqual({
      'meta.a': 1,
      'meta.ab': 2,
      x: cmd('remove'),
    });
  });
});

// ------------------------------------------------------------------------------------------
// The same translation through the SDK's own encoder (@cloudbase/database, which wx-server-sdk
// uses): what the server would receive. Pure code, no network.
// ------------------------------------------------------------------------------------------

describe('translation as the SDK encodes it', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sdkCommand = require('@cloudbase/database/dist/commonjs/command')
    .Command as CloudBaseCommand;
  const { QuerySerializer } = require('@cloudbase/database/dist/commonjs/serializer/query') as {
    QuerySerializer: { encode(q: unknown): unknown };
  };
  const { UpdateSerializer } = require('@cloudbase/database/dist/commonjs/serializer/update') as {
    UpdateSerializer: { encode(q: unknown): unknown };
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  it('sends the MongoDB filter the port means', () => {
    expect(
      QuerySerializer.encode(
        translateWhere(
          {
            tag: 'red',
            name: null,
            'meta.city': { $nin: ['hz'] },
            n: { $gt: 1, $lte: 3 },
            tags: { $contains: 'y' },
            meta: { $exists: false },
            label: { $search: '张' },
          },
          sdkCommand,
        ),
      ),
    ).toEqual({
      tag: 'red',
      name: null,
      'meta.city': { $nin: ['hz'] },
      tags: 'y',
      meta: { $exists: false },
      label: { $regularExpression: { pattern: '张', options: 'i' } },
      $and: [{ n: { $gt: 1 } }, { n: { $lte: 3 } }],
    });
  });

  it('sends $set/$inc/$unset, replacing object values whole', () => {
    expect(
      UpdateSerializer.encode(
        translatePatch(
          {
            set: { 'meta.city': 'sh', profile: { a: { b: 1 } }, empty: {} },
            inc: { n: 5 },
            unset: ['tag'],
          },
          sdkCommand,
        ),
      ),
    ).toEqual({
      $set: { 'meta.city': 'sh', profile: { a: { b: 1 } }, empty: {} },
      $inc: { n: 5 },
      $unset: { tag: '' },
    });
  });
});

// ------------------------------------------------------------------------------------------
// A fake database with wx-server-sdk's call and result shapes
// ------------------------------------------------------------------------------------------

type Doc = Record<string, unknown> & { _id: string };
type Data = Map<string, Map<string, Doc>>;

/** An error as wx-server-sdk's toSDKError builds it: an Error with errCode and errMsg. */
function wxError(api: string, errCode: number, text: string): Error {
  const e = new Error(`${api}:fail ${errCode} ${text}`) as Error & {
    errCode: number;
    errMsg: string;
  };
  e.errCode = errCode;
  e.errMsg = e.message;
  return e;
}
// Message text as reported from real runs (duplicate) and in the WeChat docs (missing
// collection); the conflict wording is a guess, like the adapter's matching of it.
const wxDuplicate = () =>
  wxError(
    'collection.add',
    -502001,
    'database request fail. E11000 duplicate key error collection: t.ct_items index: _id_ dup key: { _id: "a" }',
  );
const wxMissingCollection = (api = 'collection.get') =>
  wxError(
    api,
    -502005,
    'database collection not exists. [ResourceNotFound] Db or Table not exist.',
  );
const wxConflict = () =>
  wxError(
    'document.update',
    -501001,
    'resource system error. [ResourceUnavailable.TransactionConflict]',
  );
const wxDocMissing = (id: string) =>
  wxError('document.get', -1, `document with _id ${id} does not exist`);

function getPath(doc: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (cur, k) =>
        typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[k] : undefined,
      doc,
    );
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = doc;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/** Plain equality only (null also matches missing); commands are not evaluated by this fake. */
function matches(doc: Doc, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([k, v]) => {
    if (isCmd(v)) throw new Error('fake database: commands in filters are not supported');
    const got = getPath(doc, k);
    return v === null ? got === null || got === undefined : got === v;
  });
}

/** Applies update data the way MongoDB would; returns whether the document changed. */
function applyData(doc: Doc, data: Record<string, unknown>): boolean {
  const before = JSON.stringify(doc);
  for (const [path, v] of Object.entries(data)) {
    if (isCmd(v) && v.$cmd === 'inc')
      setPath(doc, path, ((getPath(doc, path) as number) ?? 0) + (v.args[0] as number));
    else if (isCmd(v) && v.$cmd === 'remove') setPath(doc, path, undefined);
    else if (isCmd(v) && v.$cmd === 'set') setPath(doc, path, structuredClone(v.args[0]));
    else setPath(doc, path, v);
  }
  return JSON.stringify(doc) !== before;
}

interface QueryState {
  filter: Record<string, unknown>;
  order: Array<[string, string]>;
  skip: number;
  limit?: number;
}

class FakeDb implements CloudBaseDatabase {
  readonly command = recordingCommand();
  data: Data = new Map();
  readonly log: unknown[][] = [];
  /** Thrown by the next add (one each), instead of adding. */
  addErrors: unknown[] = [];
  /** Thrown by the next operation inside a transaction (one each). */
  txErrors: unknown[] = [];
  /** Thrown by the next commit (one each). */
  commitErrors: unknown[] = [];
  throwOnNotFound = false;
  /** doc(id).get() calls, in and out of transactions. */
  docReads = 0;
  transactionsStarted = 0;
  rollbacks = 0;
  commits = 0;

  seed(collection: string, docs: Doc[]): void {
    this.data.set(collection, new Map(docs.map((d) => [d._id, structuredClone(d)])));
  }

  docs(collection: string): Map<string, Doc> {
    const c = this.data.get(collection);
    if (!c) throw wxMissingCollection();
    return c;
  }

  collection(name: string): CloudBaseCollection {
    return {
      ...this.query(name, { filter: {}, order: [], skip: 0 }),
      doc: (id) => this.docRef(name, id, false),
      add: (o) => this.add(name, o.data),
    };
  }

  async createCollection(name: string): Promise<unknown> {
    this.log.push(['createCollection', name]);
    if (this.data.has(name))
      throw wxError('createCollection', -501001, 'collection already exists');
    this.data.set(name, new Map());
    return {};
  }

  async startTransaction(): Promise<CloudBaseTransaction> {
    this.transactionsStarted++;
    const snapshot = structuredClone(this.data);
    const op = <R>(fn: () => Promise<R>) => {
      const err = this.txErrors.shift();
      return err === undefined ? fn() : Promise.reject(err);
    };
    return {
      collection: (name) => ({
        doc: (id) => {
          const ref = this.docRef(name, id, true);
          return {
            get: () => op(ref.get),
            update: (o) => op(() => ref.update(o)),
            remove: () => op(ref.remove),
          };
        },
        add: (o) => op(() => this.add(name, o.data)),
      }),
      commit: async () => {
        const err = this.commitErrors.shift();
        if (err !== undefined) throw err;
        this.commits++;
        return {};
      },
      rollback: async () => {
        this.rollbacks++;
        // Documents go back; collections created meanwhile (outside the transaction) stay.
        for (const name of this.data.keys()) if (!snapshot.has(name)) snapshot.set(name, new Map());
        this.data = snapshot;
        return {};
      },
    };
  }

  private async add(name: string, data: Record<string, unknown>): Promise<unknown> {
    this.log.push(['add', name, data]);
    const err = this.addErrors.shift();
    if (err !== undefined) throw err;
    const c = this.data.get(name);
    if (!c) throw wxMissingCollection('collection.add');
    const id = data._id as string;
    if (c.has(id)) throw wxDuplicate();
    c.set(id, structuredClone(data) as Doc);
    return { _id: id };
  }

  private docRef(name: string, id: string, inTransaction: boolean): CloudBaseDocumentRef {
    return {
      get: async () => {
        this.docReads++;
        const doc = this.docs(name).get(id);
        if (!doc && this.throwOnNotFound) throw wxDocMissing(id);
        // Outside a transaction data is an array, inside one an object or null.
        if (inTransaction) return { data: doc ? structuredClone(doc) : null };
        return { data: doc ? [structuredClone(doc)] : [] };
      },
      update: async ({ data }) => {
        this.log.push(['doc.update', name, id, data]);
        const doc = this.docs(name).get(id);
        return { stats: { updated: doc && applyData(doc, data) ? 1 : 0 } };
      },
      remove: async () => ({ stats: { removed: this.docs(name).delete(id) ? 1 : 0 } }),
    };
  }

  private query(name: string, s: QueryState): CloudBaseQuery {
    const selected = () => [...this.docs(name).values()].filter((d) => matches(d, s.filter));
    return {
      where: (cond) => this.query(name, { ...s, filter: { ...s.filter, ...cond } }),
      orderBy: (field, dir) => this.query(name, { ...s, order: [...s.order, [field, dir]] }),
      skip: (n) => this.query(name, { ...s, skip: n }),
      limit: (n) => this.query(name, { ...s, limit: n }),
      get: async () => {
        this.log.push(['get', name, { ...s }]);
        const rows = selected().sort((a, b) => {
          for (const [f, dir] of s.order) {
            const x = getPath(a, f) as string | number;
            const y = getPath(b, f) as string | number;
            if (x !== y) return (x < y ? -1 : 1) * (dir === 'desc' ? -1 : 1);
          }
          return 0;
        });
        // As the SDK: limit 100 when unset or 0, at most 1000.
        const limit = s.limit ? Math.min(s.limit, 1000) : 100;
        return { data: rows.slice(s.skip, s.skip + limit).map((d) => structuredClone(d)) };
      },
      count: async () => ({ total: selected().length }),
      update: async ({ data }) => {
        this.log.push(['where.update', name, s.filter, data]);
        return { stats: { updated: selected().filter((d) => applyData(d, data)).length } };
      },
      remove: async () => {
        const rows = selected();
        for (const d of rows) this.docs(name).delete(d._id);
        return { stats: { removed: rows.length } };
      },
    };
  }
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('CloudBaseStore against a fake database', () => {
  let db: FakeDb;
  let store: CloudBaseStore;
  beforeEach(() => {
    db = new FakeDb();
    store = new CloudBaseStore(db, { retryBaseDelayMs: 1 });
  });

  describe('insert', () => {
    it('adds the document with its own _id through add({ data })', async () => {
      db.seed('ct_items', []);
      await store.insert('ct_items', { _id: 'a', n: 1 });
      expect(db.log).toContainEqual(['add', 'ct_items', { _id: 'a', n: 1 }]);
      expect(await store.get('ct_items', 'a')).toEqual({ _id: 'a', n: 1 });
    });

    it("turns the SDK's duplicate-key error into StoreError DUPLICATE", async () => {
      db.seed('ct_items', [{ _id: 'a', n: 1 }]);
      const err = await errorOf(store.insert('ct_items', { _id: 'a', n: 2 }));
      expect(err).toBeInstanceOf(StoreError);
      expect(isStoreError(err, 'DUPLICATE')).toBe(true);
      expect(await store.get('ct_items', 'a')).toEqual({ _id: 'a', n: 1 });
    });

    it('recognises the duplicate code of @cloudbase/node-sdk as well', async () => {
      db.seed('ct_items', []);
      db.addErrors.push({
        code: 'DATABASE_DUPLICATE_WRITE',
        message: 'duplicate write',
        requestId: 'r',
      });
      expect(isStoreError(await errorOf(store.insert('ct_items', { _id: 'a' })), 'DUPLICATE')).toBe(
        true,
      );
    });

    it('passes other errors through unchanged', async () => {
      db.seed('ct_items', []);
      const denied = wxError('collection.add', -502003, 'database permission denied');
      db.addErrors.push(denied);
      expect(await errorOf(store.insert('ct_items', { _id: 'a' }))).toBe(denied);
    });

    it('creates a missing collection once and retries', async () => {
      await store.insert('ct_new', { _id: 'a', n: 1 });
      expect(db.log.filter(([op]) => op === 'createCollection')).toEqual([
        ['createCollection', 'ct_new'],
      ]);
      expect(await store.get('ct_new', 'a')).toEqual({ _id: 'a', n: 1 });
    });

    it('refuses a bad collection name or a document without _id before calling the SDK', async () => {
      expect(
        isStoreError(await errorOf(store.insert('ct_items; DROP', { _id: 'a' })), 'INVALID'),
      ).toBe(true);
      expect(isStoreError(await errorOf(store.insert('ct_items', { _id: '' })), 'INVALID')).toBe(
        true,
      );
      expect(db.log).toEqual([]);
    });
  });

  describe('get', () => {
    it('returns the document without SDK fields, and null when missing', async () => {
      db.seed('ct_items', [{ _id: 'a', n: 1, _openid: 'o-123' }]);
      expect(await store.get('ct_items', 'a')).toEqual({ _id: 'a', n: 1 });
      expect(await store.get('ct_items', 'zz')).toBeNull();
      expect(await store.get('ct_none', 'a')).toBeNull();
    });

    it('also when the database throws for a missing document (throwOnNotFound)', async () => {
      db.seed('ct_items', []);
      db.throwOnNotFound = true;
      expect(await store.get('ct_items', 'zz')).toBeNull();
    });
  });

  describe('find and count', () => {
    const many = Array.from({ length: 2300 }, (_v, i) => ({
      _id: `k${String(i).padStart(5, '0')}`,
      n: i,
    }));

    it('pages through every match in chunks of 1000 when no limit is given', async () => {
      db.seed('ct_many', many);
      const all = await store.find<StoredDoc & { n: number }>('ct_many', {
        orderBy: [['n', 'asc']],
      });
      expect(all).toHaveLength(2300);
      expect(all[2299]!.n).toBe(2299);
      const gets = db.log.filter(([op]) => op === 'get').map(([, , s]) => s as QueryState);
      expect(gets.map((s) => [s.skip, s.limit])).toEqual([
        [0, 1000],
        [1000, 1000],
        [2000, 1000],
      ]);
      // _id ascending is added as the tie-break.
      expect(gets[0]!.order).toEqual([
        ['n', 'asc'],
        ['_id', 'asc'],
      ]);
    });

    it('splits a limit above 1000 and honours skip', async () => {
      db.seed('ct_many', many);
      const page = await store.find<StoredDoc & { n: number }>('ct_many', {
        orderBy: [['n', 'asc']],
        skip: 500,
        limit: 1200,
      });
      expect(page.map((d) => d.n)).toEqual(Array.from({ length: 1200 }, (_v, i) => 500 + i));
      const gets = db.log.filter(([op]) => op === 'get').map(([, , s]) => s as QueryState);
      expect(gets.map((s) => [s.skip, s.limit])).toEqual([
        [500, 1000],
        [1500, 200],
      ]);
      // A short page ends it: only 800 documents lie past 1500.
      db.log.length = 0;
      expect(await store.find('ct_many', { skip: 1500, limit: 1200 })).toHaveLength(800);
      expect(db.log.filter(([op]) => op === 'get')).toHaveLength(1);
    });

    it('answers limit 0 without asking (the SDK would send limit 100)', async () => {
      db.seed('ct_many', many);
      expect(await store.find('ct_many', { limit: 0 })).toEqual([]);
      expect(db.log).toEqual([]);
    });

    it('does not add a second _id sort key, passes the filter, and strips _openid', async () => {
      db.seed('ct_items', [
        { _id: 'a', tag: 'red', _openid: 'x' },
        { _id: 'b', tag: 'blue' },
        { _id: 'c', tag: 'red' },
      ]);
      expect(
        await store.find('ct_items', { where: { tag: 'red' }, orderBy: [['_id', 'desc']] }),
      ).toEqual([
        { _id: 'c', tag: 'red' },
        { _id: 'a', tag: 'red' },
      ]);
      const [get] = db.log.filter(([op]) => op === 'get').map(([, , s]) => s as QueryState);
      expect(get!.order).toEqual([['_id', 'desc']]);
      expect(get!.filter).toEqual({ tag: 'red' });
    });

    it('gives nothing for a missing collection', async () => {
      expect(await store.find('ct_none')).toEqual([]);
      expect(await store.count('ct_none')).toBe(0);
    });

    it('counts with and without a filter', async () => {
      db.seed('ct_items', [
        { _id: 'a', tag: 'red' },
        { _id: 'b', tag: 'blue' },
      ]);
      expect(await store.count('ct_items')).toBe(2);
      expect(await store.count('ct_items', { tag: 'red' })).toBe(1);
    });

    it('refuses bad paging and sorting before calling the SDK', async () => {
      for (const options of [{ limit: -1 }, { skip: 1.5 }, { orderBy: [['n', 'up']] as never }]) {
        expect(isStoreError(await errorOf(store.find('ct_items', options)), 'INVALID')).toBe(true);
      }
      expect(db.log).toEqual([]);
    });
  });

  describe('update and remove', () => {
    beforeEach(() => db.seed('ct_items', [{ _id: 'a', n: 1, tag: 'red', version: 1 }]));

    it('updates by doc(id) without a condition, and by where({ _id, ...condition }) with one', async () => {
      expect(await store.update('ct_items', 'a', { inc: { n: 1 } })).toBe(true);
      expect(db.log).toContainEqual(['doc.update', 'ct_items', 'a', { n: cmd('inc', 1) }]);
      expect(
        await store.update(
          'ct_items',
          'a',
          { set: { tag: 'x' }, inc: { version: 1 } },
          { if: { version: 1 } },
        ),
      ).toBe(true);
      expect(db.log).toContainEqual([
        'where.update',
        'ct_items',
        { version: 1, _id: 'a' },
        { tag: 'x', version: cmd('inc', 1) },
      ]);
      expect(
        await store.update('ct_items', 'a', { inc: { version: 1 } }, { if: { version: 1 } }),
      ).toBe(false);
      expect(await store.get('ct_items', 'a')).toEqual({ _id: 'a', n: 2, tag: 'x', version: 2 });
    });

    it('reports a missing document (and a missing collection)', async () => {
      expect(await store.update('ct_items', 'zz', { set: { n: 1 } })).toBe(false);
      expect(await store.update('ct_items', 'zz', { inc: { n: 1 } })).toBe(false);
      expect(await store.update('ct_none', 'a', { set: { n: 1 } })).toBe(false);
    });

    it('counts a matched document the patch leaves unchanged as updated (stats.updated is 0 then)', async () => {
      expect(await store.update('ct_items', 'a', { set: { tag: 'red' } })).toBe(true);
      expect(
        await store.update('ct_items', 'a', { set: { tag: 'red' } }, { if: { version: 1 } }),
      ).toBe(true);
      expect(
        await store.update('ct_items', 'a', { set: { tag: 'red' } }, { if: { version: 7 } }),
      ).toBe(false);
      expect(await store.update('ct_items', 'a', {})).toBe(true);
      expect(await store.update('ct_items', 'zz', {})).toBe(false);
    });

    it('refuses a condition on another _id without writing', async () => {
      expect(await store.update('ct_items', 'a', { set: { n: 9 } }, { if: { _id: 'b' } })).toBe(
        false,
      );
      expect(await store.get('ct_items', 'a')).toMatchObject({ n: 1 });
    });

    it('removes once', async () => {
      expect(await store.remove('ct_items', 'a')).toBe(true);
      expect(await store.remove('ct_items', 'a')).toBe(false);
      expect(await store.remove('ct_none', 'a')).toBe(false);
    });
  });

  describe('transaction', () => {
    beforeEach(() =>
      db.seed('ct_items', [
        { _id: 'acc1', n: 100 },
        { _id: 'dup', n: 0 },
      ]),
    );

    it('commits single-document operations', async () => {
      const out = await store.transaction(async (tx) => {
        const a = await tx.get<StoredDoc & { n: number }>('ct_items', 'acc1');
        await tx.update('ct_items', 'acc1', { set: { n: a!.n - 30 } });
        await tx.insert('ct_items', { _id: 'new', n: 30 });
        await tx.remove('ct_items', 'dup');
        return 'done';
      });
      expect(out).toBe('done');
      expect(db.commits).toBe(1);
      expect(await store.get('ct_items', 'acc1')).toEqual({ _id: 'acc1', n: 70 });
      expect(await store.get('ct_items', 'new')).toEqual({ _id: 'new', n: 30 });
      expect(await store.get('ct_items', 'dup')).toBeNull();
    });

    it('inserts with one add and no read first; an existing id rolls back as DUPLICATE', async () => {
      await store.transaction((tx) => tx.insert('ct_items', { _id: 'fresh', n: 1 }));
      expect(db.log.map(([op]) => op)).toEqual(['add']);
      expect(db.docReads).toBe(0);
      expect(db.commits).toBe(1);
      const err = await errorOf(
        store.transaction(async (tx) => {
          await tx.update('ct_items', 'acc1', { set: { n: 1 } });
          await tx.insert('ct_items', { _id: 'dup', n: 9 });
        }),
      );
      expect(isStoreError(err, 'DUPLICATE')).toBe(true);
      expect(db.rollbacks).toBe(1);
      expect(db.commits).toBe(1); // the first one only
      expect(await store.get('ct_items', 'acc1')).toEqual({ _id: 'acc1', n: 100 });
    });

    it("maps a duplicate-key error from the transaction's add to DUPLICATE", async () => {
      db.addErrors.push(wxDuplicate());
      const err = await errorOf(
        store.transaction((tx) => tx.insert('ct_items', { _id: 'racing', n: 1 })),
      );
      expect(isStoreError(err, 'DUPLICATE')).toBe(true);
    });

    it('fails with NOT_FOUND on an update of a missing document, and accepts an unchanged one', async () => {
      const err = await errorOf(
        store.transaction((tx) => tx.update('ct_items', 'ghost', { set: { n: 1 } })),
      );
      expect(isStoreError(err, 'NOT_FOUND')).toBe(true);
      await expect(
        store.transaction((tx) => tx.update('ct_items', 'acc1', { set: { n: 100 } })),
      ).resolves.toBeUndefined();
    });

    it('rolls back and rethrows what the work throws', async () => {
      const boom = new Error('boom, a write conflict of my own');
      const err = await errorOf(
        store.transaction(async (tx) => {
          await tx.update('ct_items', 'acc1', { set: { n: 0 } });
          throw boom;
        }),
      );
      expect(err).toBe(boom);
      expect(db.transactionsStarted).toBe(1); // not retried: not an SDK error
      expect(await store.get('ct_items', 'acc1')).toEqual({ _id: 'acc1', n: 100 });
    });

    it('runs the work again after a write conflict in an operation or at commit', async () => {
      db.txErrors.push(wxConflict()); // the first operation of the first attempt
      db.commitErrors.push({
        code: 'DATABASE_TRANSACTION_CONFLICT',
        message: 'conflict',
        requestId: 'r',
      });
      let runs = 0;
      const out = await store.transaction(async (tx) => {
        runs++;
        const a = await tx.get<StoredDoc & { n: number }>('ct_items', 'acc1');
        await tx.update('ct_items', 'acc1', { set: { n: a!.n + 1 } });
        return runs;
      });
      expect(out).toBe(3);
      expect(db.rollbacks).toBe(2);
      expect(await store.get('ct_items', 'acc1')).toEqual({ _id: 'acc1', n: 101 });
    });

    it('gives up with StoreError CONFLICT after the configured attempts', async () => {
      store = new CloudBaseStore(db, { maxTransactionAttempts: 3, retryBaseDelayMs: 1 });
      db.txErrors.push(wxConflict(), wxConflict(), wxConflict(), wxConflict());
      const err = await errorOf(store.transaction((tx) => tx.get('ct_items', 'acc1')));
      expect(isStoreError(err, 'CONFLICT')).toBe(true);
      expect(db.transactionsStarted).toBe(3);
    });

    it('creates a collection missing at insert and runs the attempt again', async () => {
      let runs = 0;
      await store.transaction(async (tx) => {
        runs++;
        await tx.insert('ct_log', { _id: 'm', amount: 1 });
      });
      expect(runs).toBe(2);
      expect(await store.get('ct_log', 'm')).toEqual({ _id: 'm', amount: 1 });
    });
  });
});

describe('error classification', () => {
  it('tells duplicate, missing collection and conflict apart', () => {
    expect(isDuplicateKeyError(wxDuplicate())).toBe(true);
    expect(isDuplicateKeyError(wxMissingCollection())).toBe(false);
    expect(isCollectionMissingError(wxMissingCollection())).toBe(true);
    expect(isCollectionMissingError({ code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'x' })).toBe(
      true,
    );
    expect(isCollectionMissingError(wxDuplicate())).toBe(false);
    expect(isTransactionConflictError(wxConflict())).toBe(true);
    expect(isTransactionConflictError({ code: 'DATABASE_TRANSACTION_CONFLICT', message: '' })).toBe(
      true,
    );
    expect(isTransactionConflictError(new Error('transaction conflict'))).toBe(false); // not from the SDK
    expect(isTransactionConflictError(new StoreError('CONFLICT', 'write conflict'))).toBe(false);
    expect(isTransactionConflictError(wxDuplicate())).toBe(false);
  });
});
