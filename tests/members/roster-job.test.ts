import type { RosterImportResult } from '../../typings/contracts/members';
import type { Services } from '../../cloudfunctions/kernel/action';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { runJob, type JobDoc } from '../../cloudfunctions/kernel/jobs';
import type { CurrentImportDoc } from '../../cloudfunctions/modules/members/roster-job';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import type { DocumentStore } from '../../cloudfunctions/store/port';
import { openCloudCostBench } from '../../scripts/bench/cloud-cost';
import { BUDGET } from '../../scripts/bench/cloud-scenarios';
import { makeHarness, rosterOf, type Harness } from '../support/harness';
import { faultyStore, InjectedFault } from '../support/faulty-store';
import { callWith, pausing } from '../support/pausing-store';

const STAFF = 'demo-staff';

const roster = (rows: number, from = 0) => rosterOf(rows, { from, phone: '135' });

/** Entries per phone among the imported ones: each exactly once. */
async function phonesOnce(store: DocumentStore, prefix = '135') {
  const all = await store.find<MemberDoc>('members', {});
  const phones = all.map((m) => m.phone).filter((p): p is string => !!p?.startsWith(prefix));
  return { entries: phones.length, phones: new Set(phones).size };
}

describe('importing 3,000 rows as a job', () => {
  it('each call stays inside the budget; every row lands once', async () => {
    const b = await openCloudCostBench();
    try {
      const first = await b.measure(STAFF, 'members.importRoster', roster(3000));
      expect(first.ok).toBe(true);
      expect(first.calls).toBeLessThanOrEqual(BUDGET.calls);
      // The roster page asks on until the import is done.
      const { costs, last } = await b.measureUntilDone<RosterImportResult | null>(
        STAFF,
        'members.continueImport',
        {},
        (r) => r?.job ?? null,
        40,
      );
      expect(costs.length).toBeLessThan(40);
      expect(Math.max(...costs.map((c) => c.calls))).toBeLessThanOrEqual(BUDGET.calls);
      expect(last).toMatchObject({
        created: 3000,
        job: { status: 'done', done: 3000, total: 3000 },
      });
      expect(await phonesOnce(b.services.store)).toEqual({ entries: 3000, phones: 3000 });
    } finally {
      await b.close();
    }
  }, 180_000);
});

describe('a roster import', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('reads an uploaded file by its id: checked, then applied', async () => {
    h = await makeHarness();
    const csv = Buffer.from(roster(80, 90_000).contentBase64, 'base64');
    const fileId = await h.upload('名册.csv', csv);
    const preview = await h.ok<RosterImportResult>(STAFF, 'members.importRoster', {
      fileName: '名册.csv',
      fileId,
      dryRun: true,
    });
    expect(preview).toMatchObject({ dryRun: true, created: 80, job: null });
    await h.ok(STAFF, 'members.importRoster', { fileName: '名册.csv', fileId });
    expect(await phonesOnce(h.store)).toEqual({ entries: 80, phones: 80 });
    // Gone, or never uploaded: said so, nothing written.
    const missing = await h.err(STAFF, 'members.importRoster', {
      fileName: '名册.csv',
      fileId: `local://${'0'.repeat(32)}`,
    });
    expect(missing).toMatchObject({ code: 'ROSTER.FILE_UNREADABLE' });
    expect(missing.message).toContain('找不到上传的名册文件');
    // Both or neither: refused by the schema.
    expect((await h.err(STAFF, 'members.importRoster', { fileName: '名册.csv' })).code).toBe(
      'REQUEST.INVALID',
    );
  });

  it('killed at any point of a step, resumes from the timer with nobody twice', async () => {
    h = await makeHarness();
    const services = (store: DocumentStore): Services => ({ ...h.services, store });
    // Learn how many store calls one step makes.
    await h.ok(STAFF, 'members.importRoster', roster(260, 0)); // 200 now, 60 left
    const current = async () => (await h.store.get<CurrentImportDoc>('roster_imports', 'current'))!;
    const counting = faultyStore(h.store, Infinity);
    await runJob(services(counting), (await current()).jobId, 1);
    const stepCalls = counting.calls();
    expect(stepCalls).toBeGreaterThan(10);
    await h.okUntilDone(STAFF, 'members.continueImport', {});

    for (let failAt = 1; failAt <= stepCalls; failAt += 9) {
      const from = 1000 * failAt;
      await h.ok(STAFF, 'members.importRoster', roster(260, from));
      const { jobId } = await current();
      await runJob(services(faultyStore(h.store, failAt)), jobId, 1).catch((e: unknown) => {
        if (!(e instanceof InjectedFault)) throw e;
      });
      h.clock.set(new Date(h.clock.now().getTime() + 61_000)); // the dead runner's lease ends
      for (let run = 0; run < 8; run++) await onTimer(h.services);
      expect({ failAt, status: (await h.store.get<JobDoc>('jobs', jobId))!.status }).toEqual({
        failAt,
        status: 'done',
      });
      const mine = (await h.store.find<MemberDoc>('members', {})).filter((m) => {
        const n = Number(m.name.replace('委员', ''));
        return n >= from && n < from + 260;
      });
      expect({
        failAt,
        entries: mine.length,
        phones: new Set(mine.map((m) => m.phone)).size,
      }).toEqual({ failAt, entries: 260, phones: 260 });
    }
  }, 240_000);

  it('two at once: one is applied, the other refused, and nobody is entered twice', async () => {
    h = await makeHarness();
    const file = roster(300, 50_000);
    const [a, b] = await Promise.all([
      h.call<RosterImportResult>(STAFF, 'members.importRoster', file),
      h.call<RosterImportResult>(STAFF, 'members.importRoster', file),
    ]);
    const refused = [a, b].filter((r) => !r.ok);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect(refused.map((r) => (r.ok ? null : r.error.code))).toEqual(['ROSTER.IMPORT_RUNNING']);
    await h.okUntilDone(STAFF, 'members.continueImport', {});
    expect(await phonesOnce(h.store)).toEqual({ entries: 300, phones: 300 });
  });

  it('checked before another import landed, updates what that one made', async () => {
    h = await makeHarness();
    const file = roster(120, 70_000);
    // The first checks the file against the roster (nobody yet) and waits to start.
    const slow = pausing(h.store, () => true);
    const first = callWith(h, slow)<RosterImportResult>(STAFF, 'members.importRoster', file);
    await slow.reached;
    // Meanwhile the same file is imported in full.
    await h.ok(STAFF, 'members.importRoster', file);
    await h.okUntilDone(STAFF, 'members.continueImport', {});
    slow.release();
    expect((await first).ok).toBe(true);
    await h.okUntilDone(STAFF, 'members.continueImport', {});
    expect(await phonesOnce(h.store)).toEqual({ entries: 120, phones: 120 });
  });
});
