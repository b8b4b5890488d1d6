import type { MemberYearRecord } from '../../typings/contracts/ledger';
import { postDutyEvent } from '../../cloudfunctions/modules/ledger/ledger-port';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';
import { anEvent } from './support';

/**
 * The default policy (typings/contracts/default-policy.ts) applied to one member's
 * 2026, and the score the office would work out by hand from the same table:
 *
 *   base score                                                              20
 *   会议出勤  plenary: 3 half-days attended × 5 = 15, 1 unexcused × −10 = −10   5
 *             standing: 3 attended × 3 = 9, 1 on leave × −2 = −2              7
 *             late once × −1                                                −1   → 11
 *   视察调研  7 activities × 2 = 14, capped at 10                                 → 10
 *   提案工作  2 sole proposals × 5 = 10; a joint one led among 3 authors: lead
 *             keeps half of 5 plus the remainder of the others' shares: 5 − 2×1.2
 *             = 2.6; accepted as lead × 2 = 20; one of them key (20, highest
 *             only: +10 over 10): 10 + 2.6 + 20 + 10 = 42.6, capped at 30          → 30
 *   社情民意  3 reports × 2 = 6; one adopted by the committee (3) and then by the
 *             city (5, highest only: +2)                                          → 11
 *   书香政协  7 reading notes × 1 = 7, capped at 5                                  → 5
 *   其他履职  a written speech at the plenary, awarded 3 by the office               → 3
 *   total  20 + 11 + 10 + 30 + 11 + 5 + 3                                      90 → 优秀 (≥ 90)
 */
describe('the default policy on a worked example', () => {
  let h: Harness;
  let me: MemberDoc;
  beforeAll(async () => {
    h = await makeHarness();
    me = (await h.store.find<MemberDoc>('members', { where: { phone: '13800000001' } }))[0]!;
  });
  afterAll(() => h.close());

  const post = (...args: Parameters<typeof anEvent>) => postDutyEvent(h.services, anEvent(...args));

  it('gives the score the published table gives by hand', async () => {
    const id = me._id;
    for (let i = 0; i < 3; i++) await post(id, 'plenary.attended');
    await post(id, 'plenary.absent');
    for (let i = 0; i < 3; i++) await post(id, 'standing.attended');
    await post(id, 'standing.excused');
    await post(id, 'meeting.lateOrLeftEarly');
    for (let i = 0; i < 7; i++) await post(id, 'activity.attended');

    const sole1 = { type: 'proposal' as const, id: 'p1', title: '关于加快老旧小区加装电梯的建议' };
    const sole2 = { type: 'proposal' as const, id: 'p2', title: '关于完善社区养老服务的建议' };
    const joint = { type: 'proposal' as const, id: 'p3', title: '关于优化营商环境的建议' };
    await post(id, 'proposal.submitted', { source: sole1, share: { role: 'lead', authors: 1 } });
    await post(id, 'proposal.submitted', { source: sole2 });
    await post(id, 'proposal.submitted', { source: joint, share: { role: 'lead', authors: 3 } });
    await post(id, 'proposal.accepted.lead', { source: sole1 });
    await post(id, 'proposal.accepted.lead', { source: sole2 });
    await post(id, 'proposal.key.lead', { source: sole1 });

    const report = { type: 'opinion' as const, id: 'o1', title: '关于校园周边交通安全的情况反映' };
    await post(id, 'opinion.submitted', { source: report });
    await post(id, 'opinion.submitted');
    await post(id, 'opinion.submitted');
    await post(id, 'opinion.adopted.committee', { source: report });
    await post(id, 'opinion.adopted.city', { source: report });

    for (let i = 0; i < 7; i++) await post(id, 'reading.note');
    await post(id, 'manual.award', {
      manual: { points: 3, category: 'other' },
      source: { type: 'manual', id: 'm1', title: '全会书面发言' },
    });

    // The grade is the year-end judgement: the office closes 2026 in the new year.
    h.clock.set('2027-01-08T02:00:00.000Z');
    await h.ok('demo-staff', 'ledger.closeYear', { year: 2026, confirm: true });
    const record = await h.ok<MemberYearRecord>('demo-member-01', 'ledger.getMyRecord', {
      year: 2026,
    });
    const byCategory = Object.fromEntries(record.categories.map((c) => [c.id, c.points]));
    expect(byCategory).toEqual({
      meetings: 11,
      activities: 10,
      proposals: 30,
      opinions: 11,
      reading: 5,
      studio: 0,
      // 大会发言 (no speech chosen here: the written one is an office award below).
      speeches: 0,
      other: 3,
    });
    expect(record.total).toBe(90);
    expect(record.grade).toBe('优秀');
    expect(record.passed).toBe(true);
    expect(record.rank).toBeNull();
  });
});
