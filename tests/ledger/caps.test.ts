import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { DEFAULT_POLICY } from '../../typings/contracts/default-policy';
import type { AccountDoc, EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import { healAccounts } from '../../cloudfunctions/modules/ledger/heal';
import { postDutyEvent } from '../../cloudfunctions/modules/ledger/ledger-port';
import { makeHarness, type Harness } from '../support/harness';
import { anEvent } from './support';

/** The default table: activities +2 each capped at 10 a year, an unexcused activity absence −2. */
describe('yearly caps', () => {
  let h: Harness;
  let member: MemberDoc;
  beforeEach(async () => {
    h = await makeHarness();
    member = (await h.store.find<MemberDoc>('members', { where: { phone: '13800000001' } }))[0]!;
  });
  afterEach(() => h.close());

  const activities = () => h.store.get<AccountDoc>('point_accounts', `2026:${member._id}`);
  const at = (day: number) => `2026-04-${String(day).padStart(2, '0')}T02:00:00.000Z`;

  it('limit the points earned; deductions count in full on top', async () => {
    const cap = DEFAULT_POLICY.categories.find((c) => c.id === 'activities')!.cap!;
    expect(cap).toBe(10);
    await postDutyEvent(h.services, anEvent(member._id, 'activity.absent', { occurredAt: at(1) }));
    await postDutyEvent(h.services, anEvent(member._id, 'activity.absent', { occurredAt: at(2) }));
    for (let d = 3; d <= 10; d++)
      await postDutyEvent(
        h.services,
        anEvent(member._id, 'activity.attended', { occurredAt: at(d) }),
      );
    // Earned 16, capped at 10, minus the two absences: 6. (It was 10: the cap swallowed them.)
    expect((await activities())!.byCategory.activities).toBe(60);
    const withoutAbsence = await makeHarness();
    const other = (
      await withoutAbsence.store.find<MemberDoc>('members', { where: { phone: '13800000001' } })
    )[0]!;
    for (let d = 3; d <= 10; d++)
      await postDutyEvent(
        withoutAbsence.services,
        anEvent(other._id, 'activity.attended', { occurredAt: at(d) }),
      );
    const clean = await withoutAbsence.store.get<AccountDoc>('point_accounts', `2026:${other._id}`);
    expect(clean!.byCategory.activities).toBe(100);
    await withoutAbsence.close();
  });

  it('heal accounts settled under the old rule through adjustment entries, never edits', async () => {
    await postDutyEvent(h.services, anEvent(member._id, 'activity.absent', { occurredAt: at(1) }));
    for (let d = 2; d <= 8; d++)
      await postDutyEvent(
        h.services,
        anEvent(member._id, 'activity.attended', { occurredAt: at(d) }),
      );
    // Write the account back as the old rules left it: credits in a map keyed by fact keys,
    // the cap having absorbed the deduction (10 instead of 8), no rules version.
    const account = (await activities())!;
    const entriesBefore = await h.store.count('point_entries');
    // Old rule: −2, then six +2 fit under the cap of 10 (the sixth "filling" what the absence
    // took); the new rule gives the sixth nothing (earned 10 already) and keeps the −2.
    const sixth = account.facts[6]!;
    expect(sixth.credit).toEqual({ category: 'activities', points: 0 });
    const credited = Object.fromEntries(
      account.facts.map((f) => [
        f.key,
        f.key === sixth.key ? { category: 'activities', points: 20 } : f.credit!,
      ]),
    );
    // The store refuses such keys now, so the old document is written as SQLite holds it.
    const { _id, replayRules: _r, ...rest } = account;
    const legacy = {
      ...rest,
      facts: account.facts.map(({ credit: _c, ...f }) => f),
      credited,
      total: account.total + 20,
      byCategory: { ...account.byCategory, activities: 100 },
    };
    (h.store as unknown as { db: { prepare(sql: string): { run(...a: unknown[]): void } } }).db
      .prepare('UPDATE "point_accounts" SET doc = ? WHERE _id = ?')
      .run(JSON.stringify(legacy), _id);
    expect(await healAccounts(h.services)).toBe(1);
    const healed = (await activities())!;
    expect(healed.byCategory.activities).toBe(80);
    expect(healed.replayRules).toBe(2);
    expect(healed).not.toHaveProperty('credited');
    const fixes = await h.store.find<EntryDoc>('point_entries', { where: { kind: 'adjustment' } });
    expect(fixes.map((e) => e.points)).toEqual([-20]);
    expect(await h.store.count('point_entries')).toBe(entriesBefore + 1);
    expect(await healAccounts(h.services)).toBe(0);
  });
});
