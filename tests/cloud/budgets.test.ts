import { openCloudCostBench, type CloudCostBench } from '../../scripts/bench/cloud-cost';
import { BUDGET, memberScenarios } from '../../scripts/bench/cloud-scenarios';
import { meteredStore, newMeter } from '../../cloudfunctions/store/metered';
import { DELIVERY } from '../../cloudfunctions/modules/notify/delivery';
import { enqueue } from '../../cloudfunctions/modules/notify/outbox';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What members do from their phones must fit CloudBase: each action at most
 * BUDGET.memberDepth round trips one after another (identity included), none over BUDGET.calls
 * in all. Counted by the metered store as the CloudBase adapter would call (see metered.ts).
 */
describe('CloudBase call budgets of what members do', () => {
  let b: CloudCostBench;
  beforeAll(async () => {
    b = await openCloudCostBench();
  }, 120_000);
  afterAll(() => b.close());

  /**
   * Over the budget still, with the depth they have now (a ratchet: a test fails if they grow;
   * take one off when it is brought inside).
   */
  const STILL_OVER: Record<string, number> = {};

  it('every member action succeeds within its round trips', async () => {
    const costs = await memberScenarios(b);
    const failed = costs.filter((c) => !c.ok).map((c) => `${c.action}: ${c.code}`);
    expect(failed).toEqual([]);
    const over = costs
      .filter((c) => c.depth > (STILL_OVER[c.action] ?? BUDGET.memberDepth))
      .map((c) => `${c.action}: ${c.depth} sequential (${c.trace})`);
    expect(over).toEqual([]);
    expect(costs.filter((c) => c.calls > BUDGET.calls).map((c) => c.action)).toEqual([]);
    // The ratchet names only actions that are still over.
    for (const [action, depth] of Object.entries(STILL_OVER)) {
      const seen = costs.filter((c) => c.action === action);
      expect(seen.length).toBeGreaterThan(0);
      expect(Math.max(...seen.map((c) => c.depth))).toBeGreaterThan(BUDGET.memberDepth);
      expect(Math.max(...seen.map((c) => c.depth))).toBeLessThanOrEqual(depth);
    }
  });

  it('identity is one round trip, and a command’s stored answer is read beside it', async () => {
    const profile = await b.measure('demo-member-01', 'members.getMyProfile');
    expect(profile).toMatchObject({ ok: true, calls: 1, depth: 1 });
    const marked = await b.measure('demo-member-01', 'notify.markRead', { all: true });
    expect(marked.trace.split(' | ')[0]).toBe('find members get idempotency');
  });
});

describe('the timer with a backlog', () => {
  it('delivers 600 queued notices over runs that each stay inside the budget', async () => {
    const b = await openCloudCostBench();
    try {
      const members = await b.services.store.find<{ _id: string }>('members', {
        where: { active: true },
      });
      const notes = Array.from({ length: 600 }, (_, i) => ({
        key: `bench.notice:${Math.floor(i / members.length)}`,
        memberId: members[i % members.length]!._id,
        kind: 'bench.notice',
        title: '通知',
        body: '请按时参加。',
        link: null,
        template: { key: 'meetingNotice' as const, values: { title: '通知' } },
      }));
      for (let i = 0; i < notes.length; i += 100)
        await b.services.store.transaction((tx) =>
          enqueue(tx, b.clock.now().toISOString(), notes.slice(i, i + 100)),
        );
      const queued = await b.services.store.count('outbox', { status: 'pending' });
      expect(queued).toBeGreaterThanOrEqual(600);
      const runs: number[] = [];
      while ((await b.services.store.count('outbox', { status: 'pending' })) > 0) {
        runs.push((await b.measureRun('timer', (s) => onTimer(s))).calls);
        b.clock.set(new Date(b.clock.now().getTime() + 10_000));
        expect(runs.length).toBeLessThan(40);
      }
      expect(Math.max(...runs)).toBeLessThanOrEqual(BUDGET.calls);
      // (the first run also does the demo committee's other timer work)
      expect(runs.length).toBeLessThanOrEqual(Math.ceil(queued / DELIVERY.perRun) + 2);
    } finally {
      await b.close();
    }
  }, 120_000);
});

describe('the metered store counts as CloudBase would call', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-meter-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts calls side by side once on the path, one after another each', async () => {
    const inner = new SqliteStore(join(dir, 'm.db'));
    const meter = newMeter();
    const store = meteredStore(inner, meter);
    await Promise.all([1, 2, 3].map((n) => store.insert('m_items', { _id: `i${n}`, n })));
    expect(meter).toMatchObject({ calls: 3, depth: 1 });
    meter.reset();
    await store.get('m_items', 'i1');
    await store.get('m_items', 'i2');
    expect(meter).toMatchObject({ calls: 2, depth: 2 });
    meter.reset();
    // A transaction: start, each operation, commit.
    await store.transaction(async (tx) => {
      await tx.get('m_items', 'i1');
      await tx.update('m_items', 'i1', { inc: { n: 1 } });
    });
    expect(meter).toMatchObject({ calls: 4, depth: 4 });
    meter.reset();
    // A find reads pages of 1,000 until a short one.
    for (let i = 0; i < 1000; i += 250)
      await inner.transaction(async (tx) => {
        for (let j = i; j < i + 250; j++) await tx.insert('m_many', { _id: `d${j}` });
      });
    await store.find('m_many');
    expect(meter).toMatchObject({ calls: 2, depth: 2 });
    meter.reset();
    await store.find('m_many', { limit: 1000 });
    expect(meter.calls).toBe(1);
    await inner.close();
  });
});
