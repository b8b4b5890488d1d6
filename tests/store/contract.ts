import { TX_BATCH } from '../../cloudfunctions/kernel/concurrency';
import { isStoreError, type DocumentStore, type StoredDoc } from '../../cloudfunctions/store/port';

interface Item extends StoredDoc {
  n: number;
  name?: string | null;
  tag?: string;
  flag?: boolean;
  tags?: string[];
  meta?: { city?: string; score?: number };
  version?: number;
}

/**
 * The behaviour every DocumentStore adapter must have. `open` gives a store whose collections
 * used here (prefix `ct_`) are empty.
 */
export function storeContract(
  open: () => Promise<DocumentStore>,
  close: (s: DocumentStore) => Promise<void>,
): void {
  let store: DocumentStore;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await close(store);
  });

  const seed = async (docs: Item[], collection = 'ct_items') => {
    for (const d of docs) await store.insert(collection, d);
  };
  const ids = (docs: StoredDoc[]) => docs.map((d) => d._id);

  describe('insert and get', () => {
    it('returns what was inserted, and null for an unknown id', async () => {
      await store.insert<Item>('ct_items', {
        _id: 'a',
        n: 1,
        meta: { city: '杭州' },
        tags: ['x'],
        flag: true,
      });
      expect(await store.get('ct_items', 'a')).toEqual({
        _id: 'a',
        n: 1,
        meta: { city: '杭州' },
        tags: ['x'],
        flag: true,
      });
      expect(await store.get('ct_items', 'zz')).toBeNull();
    });

    it('refuses a second document with the same caller-chosen id', async () => {
      await store.insert<Item>('ct_items', { _id: 'a', n: 1 });
      const err = await store.insert<Item>('ct_items', { _id: 'a', n: 2 }).catch((e: unknown) => e);
      expect(isStoreError(err, 'DUPLICATE')).toBe(true);
      expect(await store.get<Item>('ct_items', 'a')).toMatchObject({ n: 1 });
    });

    it('rejects hostile collection and field names', async () => {
      const bad = await store
        .insert('ct_items; DROP TABLE x', { _id: 'a' })
        .catch((e: unknown) => e);
      expect(isStoreError(bad, 'INVALID')).toBe(true);
      const badField = await store
        .find('ct_items', { where: { "n') OR 1=1 --": 1 } })
        .catch((e: unknown) => e);
      expect(isStoreError(badField, 'INVALID')).toBe(true);
    });

    it('refuses field names with a dot or a leading $ at any depth, on insert and update', async () => {
      for (const doc of [
        { _id: 'k1', 'a.b': 1 },
        { _id: 'k2', nested: { 'meeting:m1:s1.attended': { points: 5 } } },
        { _id: 'k3', list: [{ $where: 'x' }] },
      ]) {
        const err = await store.insert('ct_items', doc).catch((e: unknown) => e);
        expect(isStoreError(err, 'INVALID')).toBe(true);
      }
      await store.insert('ct_items', { _id: 'k4', n: 1 });
      const viaPatch = await store
        .update('ct_items', 'k4', { set: { credited: { 'x.y': 1 } } })
        .catch((e: unknown) => e);
      expect(isStoreError(viaPatch, 'INVALID')).toBe(true);
      expect(await store.get('ct_items', 'k4')).toEqual({ _id: 'k4', n: 1 });
    });
  });

  describe('find', () => {
    beforeEach(async () => {
      await seed([
        {
          _id: 'a',
          n: 1,
          name: '甲',
          tag: 'red',
          flag: true,
          tags: ['x', 'y'],
          meta: { city: 'hz', score: 5 },
        },
        {
          _id: 'b',
          n: 2,
          name: '乙',
          tag: 'blue',
          flag: false,
          tags: ['y'],
          meta: { city: 'sh', score: 9 },
        },
        {
          _id: 'c',
          n: 3,
          name: null,
          tag: 'red',
          flag: true,
          tags: [],
          meta: { city: 'hz', score: 7 },
        },
        { _id: 'd', n: 4, tag: 'green', flag: false },
      ]);
    });

    it('filters by equality, including booleans and dotted paths', async () => {
      expect(
        ids(await store.find('ct_items', { where: { tag: 'red' }, orderBy: [['n', 'asc']] })),
      ).toEqual(['a', 'c']);
      expect(
        ids(await store.find('ct_items', { where: { flag: false }, orderBy: [['n', 'asc']] })),
      ).toEqual(['b', 'd']);
      expect(
        ids(
          await store.find('ct_items', {
            where: { 'meta.city': 'hz', tag: 'red' },
            orderBy: [['n', 'asc']],
          }),
        ),
      ).toEqual(['a', 'c']);
      expect(ids(await store.find('ct_items', { where: { _id: 'b' } }))).toEqual(['b']);
    });

    it('treats null as null-or-missing', async () => {
      expect(
        ids(await store.find('ct_items', { where: { name: null }, orderBy: [['n', 'asc']] })),
      ).toEqual(['c', 'd']);
      expect(
        ids(
          await store.find('ct_items', { where: { name: { $ne: null } }, orderBy: [['n', 'asc']] }),
        ),
      ).toEqual(['a', 'b']);
    });

    it('filters by ranges, in, not-in, not-equal, exists and array membership', async () => {
      const q = async (where: Parameters<DocumentStore['find']>[1]) =>
        ids(await store.find('ct_items', { ...where, orderBy: [['n', 'asc']] }));
      expect(await q({ where: { n: { $gt: 1, $lte: 3 } } })).toEqual(['b', 'c']);
      expect(await q({ where: { n: { $gte: 3 } } })).toEqual(['c', 'd']);
      expect(await q({ where: { n: { $lt: 2 } } })).toEqual(['a']);
      expect(await q({ where: { 'meta.score': { $gte: 7 } } })).toEqual(['b', 'c']);
      expect(await q({ where: { tag: { $in: ['blue', 'green'] } } })).toEqual(['b', 'd']);
      expect(await q({ where: { tag: { $in: [] } } })).toEqual([]);
      expect(await q({ where: { tag: { $nin: ['red'] } } })).toEqual(['b', 'd']);
      expect(await q({ where: { 'meta.city': { $nin: ['hz'] } } })).toEqual(['b', 'd']);
      expect(await q({ where: { tag: { $ne: 'red' } } })).toEqual(['b', 'd']);
      expect(await q({ where: { meta: { $exists: false } } })).toEqual(['d']);
      expect(await q({ where: { tags: { $contains: 'y' } } })).toEqual(['a', 'b']);
      expect(await q({ where: { tags: { $all: ['y'] } } })).toEqual(['a', 'b']);
      expect(await q({ where: { tags: { $all: ['x', 'y'] } } })).toEqual(['a']);
      expect(await q({ where: { tags: { $all: ['x', 'zz'] } } })).toEqual([]);
      expect(await q({ where: { _id: { $in: ['d', 'a', 'zz'] } } })).toEqual(['a', 'd']);
    });

    it('sorts by several keys and pages with skip and limit', async () => {
      expect(
        ids(
          await store.find('ct_items', {
            orderBy: [
              ['tag', 'desc'],
              ['n', 'desc'],
            ],
          }),
        ),
      ).toEqual(['c', 'a', 'd', 'b']);
      expect(
        ids(await store.find('ct_items', { orderBy: [['n', 'desc']], skip: 1, limit: 2 })),
      ).toEqual(['c', 'b']);
      expect(await store.find('ct_items', { limit: 0 })).toEqual([]);
    });

    it('sorts and pages by a dotted path, missing values first, and searches a nested field', async () => {
      // How members page by their stored name keys (nameKeys.pinyin) and search their pinyin.
      const orderBy: Array<[string, 'asc' | 'desc']> = [
        ['meta.city', 'asc'],
        ['n', 'desc'],
      ];
      expect(ids(await store.find('ct_items', { orderBy }))).toEqual(['d', 'c', 'a', 'b']);
      expect(ids(await store.find('ct_items', { orderBy, skip: 1, limit: 2 }))).toEqual(['c', 'a']);
      await store.update('ct_items', 'a', { set: { 'meta.key': '|ly|liuyang|y|yang' } });
      await store.update('ct_items', 'b', { set: { 'meta.key': '|aq|anqi|q|qi' } });
      const search = async (q: string) =>
        ids(await store.find('ct_items', { where: { 'meta.key': { $search: q } } }));
      expect(await search('|LIU')).toEqual(['a']);
      expect(await search('|q')).toEqual(['b']);
      expect(await search('|an')).toEqual(['b']);
      expect(await search('|ng')).toEqual([]);
    });

    it('counts with and without a filter', async () => {
      expect(await store.count('ct_items')).toBe(4);
      expect(await store.count('ct_items', { tag: 'red' })).toBe(2);
      expect(await store.count('ct_none')).toBe(0);
    });
  });

  describe('more than one server page (1000)', () => {
    it('returns every match when no limit is given, and skips past 1000', async () => {
      const docs = Array.from({ length: 2300 }, (_, i) => ({
        _id: `k${String(i).padStart(5, '0')}`,
        n: i,
      }));
      for (let i = 0; i < docs.length; i += 100) {
        await Promise.all(docs.slice(i, i + 100).map((d) => store.insert('ct_many', d)));
      }
      const all = await store.find<Item>('ct_many', { orderBy: [['n', 'asc']] });
      expect(all).toHaveLength(2300);
      expect(all[2299]!.n).toBe(2299);
      const page = await store.find<Item>('ct_many', {
        orderBy: [['n', 'asc']],
        skip: 1500,
        limit: 1200,
      });
      expect(page.map((d) => d.n)).toEqual(Array.from({ length: 800 }, (_, i) => 1500 + i));
      expect(await store.count('ct_many', { n: { $gte: 1000 } })).toBe(1300);
    });
  });

  describe('update', () => {
    beforeEach(async () => {
      await seed([{ _id: 'a', n: 1, meta: { city: 'hz', score: 1 }, tag: 'red', version: 1 }]);
    });

    it('sets, increments and removes fields, leaving the rest', async () => {
      expect(
        await store.update('ct_items', 'a', {
          set: { 'meta.city': 'sh', name: '新' },
          inc: { n: 5, 'meta.score': -2 },
          unset: ['tag'],
        }),
      ).toBe(true);
      expect(await store.get('ct_items', 'a')).toEqual({
        _id: 'a',
        n: 6,
        name: '新',
        meta: { city: 'sh', score: -1 },
        version: 1,
      });
    });

    it('reports a missing document', async () => {
      expect(await store.update('ct_items', 'zz', { set: { n: 1 } })).toBe(false);
      expect(await store.get('ct_items', 'zz')).toBeNull();
    });

    it('applies a conditional update only while the condition holds', async () => {
      expect(
        await store.update(
          'ct_items',
          'a',
          { set: { tag: 'x' }, inc: { version: 1 } },
          { if: { version: 2 } },
        ),
      ).toBe(false);
      expect(
        await store.update(
          'ct_items',
          'a',
          { set: { tag: 'x' }, inc: { version: 1 } },
          { if: { version: 1 } },
        ),
      ).toBe(true);
      expect(await store.get('ct_items', 'a')).toMatchObject({ tag: 'x', version: 2 });
    });

    it('lets exactly one of several concurrent conditional updates win', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.update(
            'ct_items',
            'a',
            { set: { tag: `w${i}` }, inc: { version: 1 } },
            { if: { version: 1 } },
          ),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.get('ct_items', 'a')).toMatchObject({ version: 2 });
    });

    it('increments atomically under concurrency', async () => {
      await Promise.all(
        Array.from({ length: 25 }, () => store.update('ct_items', 'a', { inc: { n: 1 } })),
      );
      expect(await store.get('ct_items', 'a')).toMatchObject({ n: 26 });
    });

    it('removes a document', async () => {
      expect(await store.remove('ct_items', 'a')).toBe(true);
      expect(await store.remove('ct_items', 'a')).toBe(false);
      expect(await store.get('ct_items', 'a')).toBeNull();
    });
  });

  describe('transaction', () => {
    it('commits several single-document operations together', async () => {
      await seed([
        { _id: 'acc1', n: 100 },
        { _id: 'acc2', n: 0 },
      ]);
      const out = await store.transaction(async (tx) => {
        const a = await tx.get<Item>('ct_items', 'acc1');
        await tx.update('ct_items', 'acc1', { set: { n: a!.n - 30 } });
        await tx.update('ct_items', 'acc2', { inc: { n: 30 } });
        await tx.insert('ct_log', { _id: 'move1', amount: 30 });
        return 'done';
      });
      expect(out).toBe('done');
      expect(await store.get('ct_items', 'acc1')).toMatchObject({ n: 70 });
      expect(await store.get('ct_items', 'acc2')).toMatchObject({ n: 30 });
      expect(await store.get('ct_log', 'move1')).toMatchObject({ amount: 30 });
    });

    it('commits a job step’s batch: TX_BATCH inserts and as many updates in one transaction', async () => {
      await seed(Array.from({ length: TX_BATCH }, (_, i) => ({ _id: `u${i}`, n: i })));
      await store.transaction(async (tx) => {
        for (let i = 0; i < TX_BATCH; i++) {
          await tx.insert('ct_log', { _id: `b${i}`, n: i, nested: { at: 'x' } });
          await tx.update('ct_items', `u${i}`, { set: { 'tag.step': 1 }, inc: { n: 1 } });
        }
      });
      expect(await store.count('ct_log')).toBe(TX_BATCH);
      expect(await store.count('ct_items', { 'tag.step': 1 })).toBe(TX_BATCH);
      expect(await store.get('ct_items', `u${TX_BATCH - 1}`)).toMatchObject({ n: TX_BATCH });
    });

    it('makes two transactions that write one document meet: the later sees the earlier', async () => {
      // The close batch and a check-in both re-read and write the invitation (close-job.ts).
      type Inv = StoredDoc & { rev: number; closed: boolean; closedAtRev?: number };
      await store.insert<Inv>('ct_items', { _id: 'inv', rev: 0, closed: false });
      const [checkIn, close] = await Promise.allSettled([
        store.transaction(async (tx) => {
          const inv = await tx.get<Inv>('ct_items', 'inv');
          if (inv!.closed) return 'refused';
          await tx.update('ct_items', 'inv', { inc: { rev: 1 } });
          return 'checked-in';
        }),
        store.transaction(async (tx) => {
          const inv = await tx.get<Inv>('ct_items', 'inv');
          await tx.update('ct_items', 'inv', { set: { closed: true, closedAtRev: inv!.rev } });
          return 'closed';
        }),
      ]);
      const final = (await store.get<Inv>('ct_items', 'inv'))!;
      const checkedIn = checkIn.status === 'fulfilled' && checkIn.value === 'checked-in';
      expect(final.rev).toBe(checkedIn ? 1 : 0);
      // A close that committed counted the check-in if that committed too (or came after it).
      if (close.status === 'fulfilled' && checkedIn) expect(final.closedAtRev).toBe(1);
    });

    it('rolls everything back when the work throws', async () => {
      await seed([{ _id: 'acc1', n: 100 }]);
      const err = await store
        .transaction(async (tx) => {
          await tx.update('ct_items', 'acc1', { set: { n: 0 } });
          await tx.insert('ct_log', { _id: 'm', amount: 1 });
          throw new Error('boom');
        })
        .catch((e: unknown) => e);
      expect((err as Error).message).toBe('boom');
      expect(await store.get('ct_items', 'acc1')).toMatchObject({ n: 100 });
      expect(await store.get('ct_log', 'm')).toBeNull();
    });

    it('fails and rolls back on a duplicate insert', async () => {
      await seed([
        { _id: 'acc1', n: 100 },
        { _id: 'dup', n: 0 },
      ]);
      const err = await store
        .transaction(async (tx) => {
          await tx.update('ct_items', 'acc1', { set: { n: 1 } });
          await tx.insert('ct_items', { _id: 'dup', n: 9 });
        })
        .catch((e: unknown) => e);
      expect(isStoreError(err, 'DUPLICATE')).toBe(true);
      expect(await store.get('ct_items', 'acc1')).toMatchObject({ n: 100 });
    });

    it('ends on a duplicate insert even when the caller catches it (as CloudBase aborts it)', async () => {
      await seed([
        { _id: 'acc1', n: 100 },
        { _id: 'dup', n: 0 },
      ]);
      const err = await store
        .transaction(async (tx) => {
          await tx.update('ct_items', 'acc1', { set: { n: 1 } });
          await tx.insert('ct_items', { _id: 'dup', n: 9 }).catch(() => undefined);
          await tx.insert('ct_items', { _id: 'after', n: 1 });
        })
        .catch((e: unknown) => e);
      expect(isStoreError(err, 'DUPLICATE')).toBe(true);
      expect(await store.get('ct_items', 'acc1')).toMatchObject({ n: 100 });
      expect(await store.get('ct_items', 'after')).toBeNull();
    });

    it('fails on an update of a missing document', async () => {
      const err = await store
        .transaction((tx) => tx.update('ct_items', 'ghost', { set: { n: 1 } }))
        .catch((e: unknown) => e);
      expect(isStoreError(err, 'NOT_FOUND')).toBe(true);
    });

    it('keeps read-modify-write correct under concurrent transactions', async () => {
      await seed([{ _id: 'counter', n: 0 }]);
      await Promise.all(
        Array.from({ length: 12 }, () =>
          store.transaction(async (tx) => {
            const c = await tx.get<Item>('ct_items', 'counter');
            await tx.update('ct_items', 'counter', { set: { n: c!.n + 1 } });
          }),
        ),
      );
      expect(await store.get('ct_items', 'counter')).toMatchObject({ n: 12 });
    });

    it('removes inside a transaction', async () => {
      await seed([{ _id: 'a', n: 1 }]);
      await store.transaction((tx) => tx.remove('ct_items', 'a'));
      expect(await store.get('ct_items', 'a')).toBeNull();
    });
  });
}
