import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DutyEventType } from '../../typings/contracts/ledger';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import { DEFAULT_POLICY } from '../../typings/contracts/default-policy';
import type { AccountDoc, EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import {
  postDutyEvent,
  retractDutyEvent,
  type DutyEvent,
} from '../../cloudfunctions/modules/ledger/ledger-port';
import { toTenths } from '../../cloudfunctions/modules/ledger/points';
import { replay } from '../../cloudfunctions/modules/ledger/replay';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'ledger-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let dbs = 0;

const MEMBERS = ['mA', 'mB'];
const TYPES: DutyEventType[] = [
  'activity.attended', // capped category
  'activity.absent', // negative in a capped category
  'plenary.attended',
  'plenary.absent',
  'proposal.submitted',
  'proposal.accepted.lead', // "highest only" group
  'proposal.key.lead',
  'proposal.outstanding.coSigner',
  'reading.note',
];

/** One step of a random history: post an event (maybe a duplicate), or retract an earlier one. */
type Op =
  | { op: 'post'; member: number; type: number; source: number; day: number; authors: number }
  | { op: 'repost'; index: number }
  | { op: 'retract'; index: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('post' as const),
      member: fc.nat(1),
      type: fc.nat(TYPES.length - 1),
      source: fc.nat(3),
      day: fc.nat(40),
      authors: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('repost' as const), index: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('retract' as const), index: fc.nat() }) },
);

function eventFor(o: Extract<Op, { op: 'post' }>, i: number): DutyEvent {
  const type = TYPES[o.type]!;
  return {
    key: `k${i}`,
    event: type,
    memberId: MEMBERS[o.member]!,
    occurredAt: new Date(Date.UTC(2026, 2, 1 + o.day, 2)).toISOString(),
    source: {
      type: type.startsWith('proposal') ? 'proposal' : 'meeting',
      id: `s${o.source}`,
      title: `事项${o.source}`,
    },
    share:
      type === 'proposal.submitted'
        ? { role: o.source % 2 ? 'lead' : 'coSigner', authors: o.authors }
        : undefined,
  };
}

async function checkInvariants(store: SqliteStore): Promise<void> {
  const accounts = await store.find<AccountDoc>('point_accounts');
  const entries = await store.find<EntryDoc>('point_entries');
  for (const a of accounts) {
    const mine = entries.filter((e) => e.memberId === a.memberId && e.year === a.year);
    // Totals equal the sum of entries, overall and per category.
    expect(a.total).toBe(mine.reduce((s, e) => s + e.points, 0));
    for (const [cat, pts] of Object.entries(a.byCategory)) {
      expect(pts).toBe(mine.filter((e) => e.category === cat).reduce((s, e) => s + e.points, 0));
    }
    // No cap is exceeded.
    for (const c of DEFAULT_POLICY.categories) {
      if (c.cap !== undefined) expect(a.byCategory[c.id] ?? 0).toBeLessThanOrEqual(toTenths(c.cap));
    }
    // What is credited is exactly what the remaining facts are worth, replayed in order.
    const worth = replay(a.facts, DEFAULT_POLICY);
    for (const f of a.facts) expect(f.credit?.points ?? 0).toBe(worth.get(f.key)?.points ?? 0);
  }
  // At most one first entry per key.
  const firsts = entries.filter((e) => e._id.startsWith('pe_')).map((e) => e.key);
  expect(new Set(firsts).size).toBe(firsts.length);
}

describe('ledger invariants over random histories', () => {
  it('hold for sequential posts, duplicates and reversals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
        const store = new SqliteStore(join(dir, `seq${dbs++}.db`));
        const services = { store, clock: new ManualClock('2026-06-01T00:00:00Z') };
        const posted: DutyEvent[] = [];
        try {
          for (const [i, o] of ops.entries()) {
            if (o.op === 'post') {
              const e = eventFor(o, i);
              posted.push(e);
              await postDutyEvent(services, e);
            } else if (posted.length > 0) {
              const e = posted[o.index % posted.length]!;
              const before = await store.count('point_entries');
              const account = await store.get<AccountDoc>('point_accounts', `2026:${e.memberId}`);
              const isLive = account?.facts.some((f) => f.key === e.key && !f.retracted);
              if (o.op === 'repost') {
                const r = await postDutyEvent(services, e);
                // A duplicate key never adds an entry.
                if (isLive) {
                  expect(r.posted).toBe(false);
                  expect(await store.count('point_entries')).toBe(before);
                }
              } else {
                await retractDutyEvent(
                  services,
                  { key: e.key, memberId: e.memberId, year: 2026 },
                  '测试撤销',
                  null,
                );
              }
            }
            await checkInvariants(store);
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reversing the latest event restores the prior total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          opArb.filter((o) => o.op === 'post'),
          { minLength: 1, maxLength: 25 },
        ),
        async (ops) => {
          const store = new SqliteStore(join(dir, `rev${dbs++}.db`));
          const services = { store, clock: new ManualClock('2026-06-01T00:00:00Z') };
          try {
            const events = ops.map((o, i) => eventFor(o as Extract<Op, { op: 'post' }>, i));
            for (const e of events.slice(0, -1)) await postDutyEvent(services, e);
            const last = events[events.length - 1]!;
            const before =
              (await store.get<AccountDoc>('point_accounts', `2026:${last.memberId}`))?.total ?? 0;
            await postDutyEvent(services, last);
            await retractDutyEvent(
              services,
              { key: last.key, memberId: last.memberId, year: 2026 },
              '撤销',
              null,
            );
            expect(
              (await store.get<AccountDoc>('point_accounts', `2026:${last.memberId}`))!.total,
            ).toBe(before);
            await checkInvariants(store);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('hold when the same and different events are posted concurrently', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          opArb.filter((o) => o.op === 'post'),
          { minLength: 2, maxLength: 30 },
        ),
        async (ops) => {
          const store = new SqliteStore(join(dir, `con${dbs++}.db`));
          const services = { store, clock: new ManualClock('2026-06-01T00:00:00Z') };
          try {
            const events = ops.map((o, i) => eventFor(o as Extract<Op, { op: 'post' }>, i));
            // Every event twice, all at once: retries racing their first attempt.
            await Promise.all([...events, ...events].map((e) => postDutyEvent(services, e)));
            await checkInvariants(store);
            const entries = await store.find<EntryDoc>('point_entries');
            expect(entries.filter((e) => e._id.startsWith('pe_'))).toHaveLength(
              new Set(
                events
                  .filter((e) => DEFAULT_POLICY.rules.some((r) => r.event === e.event))
                  .map((e) => e.key),
              ).size,
            );
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
