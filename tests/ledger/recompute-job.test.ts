import { DEFAULT_POLICY } from '../../typings/contracts/default-policy';
import type { JobView } from '../../typings/contracts/common';
import type { PolicyBody } from '../../typings/contracts/ledger';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import type { AccountDoc } from '../../cloudfunctions/modules/ledger/facts';
import { postDutyEvent } from '../../cloudfunctions/modules/ledger/ledger-port';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import { openCloudCostBench } from '../../scripts/bench/cloud-cost';
import { BUDGET } from '../../scripts/bench/cloud-scenarios';
import { rosterOf } from '../support/harness';
import { anEvent } from './support';

const richer: PolicyBody = {
  ...DEFAULT_POLICY,
  title: '2026 年修订版',
  rules: DEFAULT_POLICY.rules.map((r) => (r.event === 'reading.note' ? { ...r, points: 2 } : r)),
};

describe('recomputing 600 accounts as a job', () => {
  it('each call stays inside the budget; the timer finishes what the page leaves', async () => {
    const b = await openCloudCostBench();
    try {
      const members = await b.services.store.count('members');
      await b.call('demo-staff', 'members.importRoster', rosterOf(600 - members, { phone: '133' }));
      await b.finishJobs();
      const all = await b.services.store.find<MemberDoc>('members', { where: { active: true } });
      for (const m of all) await postDutyEvent(b.services, anEvent(m._id, 'reading.note'));
      const accounts = await b.services.store.count('point_accounts', { year: 2026 });
      expect(accounts).toBeGreaterThanOrEqual(600);
      await b.call('demo-admin', 'ledger.saveDraftPolicy', { year: 2026, policy: richer });
      const version = (
        await b.call<{ version: number }>('demo-admin', 'ledger.publishPolicy', { year: 2026 })
      ).version;

      // The page asks three times, then is closed: the timer does the rest.
      for (let ask = 0; ask < 3; ask++) {
        const cost = await b.measure('demo-staff', 'ledger.applyRecompute', { year: 2026 });
        expect(cost.ok).toBe(true);
        expect(cost.calls).toBeLessThanOrEqual(BUDGET.calls);
      }
      for (let run = 0; run < 40; run++) {
        const cost = await b.measureRun('timer', (s) => onTimer(s));
        expect(cost.calls).toBeLessThanOrEqual(BUDGET.calls);
        b.clock.set(new Date(b.clock.now().getTime() + 10_000));
      }
      const stale = await b.services.store.count('point_accounts', {
        year: 2026,
        policyVersion: { $ne: version },
      });
      expect(stale).toBe(0);
      const job = await b.call<JobView | null>('demo-staff', 'ledger.applyRecompute', {
        year: 2026,
      });
      expect(job).toMatchObject({ label: '重算积分' });
      const sample = (
        await b.services.store.find<AccountDoc>('point_accounts', {
          where: { year: 2026 },
          limit: 1,
        })
      )[0]!;
      expect(sample.policyVersion).toBe(version);
    } finally {
      await b.close();
    }
  }, 240_000);
});
