import type { MeetingDetail } from '../../typings/contracts/meetings';
import type { JobView } from '../../typings/contracts/common';
import type { Services } from '../../cloudfunctions/kernel/action';
import { runJob, type JobDoc } from '../../cloudfunctions/kernel/jobs';
import { noticeJobId } from '../../cloudfunctions/modules/meetings/notice-job';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import { openCloudCostBench } from '../../scripts/bench/cloud-cost';
import { BUDGET } from '../../scripts/bench/cloud-scenarios';
import { makeHarness, rosterOf, type Harness } from '../support/harness';
import { faultyStore, InjectedFault } from '../support/faulty-store';
import { plenaryBody } from './support';

const STAFF = 'demo-staff';

const roster = (rows: number) => rosterOf(rows, { phone: '137' });

async function draftPlenary(call: (a: string, p: unknown) => Promise<unknown>) {
  return (await call('meetings.create', plenaryBody())) as MeetingDetail;
}

describe('telling 600 invitees as a job', () => {
  it('publish and the board’s asks each stay inside the budget; all 600 are invited and told once', async () => {
    const b = await openCloudCostBench();
    try {
      const members = await b.services.store.count('members');
      await b.call(STAFF, 'members.importRoster', roster(600 - members));
      await b.finishJobs();
      const invited = await b.services.store.count('members', {
        active: true,
        roles: { $contains: 'member' },
      });
      const m = await draftPlenary((a, p) => b.call(STAFF, a, p));
      const published = await b.measure(STAFF, 'meetings.publish', { meetingId: m.id });
      expect(published.ok).toBe(true);
      expect(published.calls).toBeLessThanOrEqual(BUDGET.calls);
      let report = await b.call<{ job: JobView }>(STAFF, 'meetings.getNoticeReport', {
        meetingId: m.id,
      });
      expect(report.job).toMatchObject({
        label: '会议通知',
        status: 'running',
        done: 100,
        total: invited,
      });
      // The board asks while it runs: two batches of 50 an ask.
      const { costs } = await b.measureUntilDone<JobView | null>(
        STAFF,
        'meetings.sendNotices',
        { meetingId: m.id },
        (job) => job,
        12,
      );
      expect(costs.length).toBeLessThan(12);
      expect(costs.length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...costs.map((c) => c.calls))).toBeLessThanOrEqual(BUDGET.calls);
      report = await b.call(STAFF, 'meetings.getNoticeReport', { meetingId: m.id });
      expect(report.job).toMatchObject({ status: 'done', done: invited, total: invited });
      expect(await b.services.store.count('meeting_invitations', { meetingId: m.id })).toBe(
        invited,
      );
      expect(
        await b.services.store.count('outbox', { kind: 'meeting.notice' }),
      ).toBeGreaterThanOrEqual(invited);
    } finally {
      await b.close();
    }
  }, 120_000);
});

describe('a notice job killed at any point', () => {
  let h: Harness;
  afterEach(() => h.close());

  /** Invitations and notices of the meeting: each member once. */
  async function told(meetingId: string) {
    const invitations = await h.store.count('meeting_invitations', { meetingId });
    const notices = await h.store.find<{ _id: string; memberId: string; link: string }>('outbox', {
      where: { kind: 'meeting.notice' },
    });
    const mine = notices.filter((n) => n.link.includes(meetingId));
    return {
      invitations,
      notices: mine.length,
      members: new Set(mine.map((n) => n.memberId)).size,
    };
  }

  it('resumes after the lease runs out, with nobody invited or told twice', async () => {
    h = await makeHarness();
    await h.ok(STAFF, 'members.importRoster', roster(80)); // 120 with the demo committee
    const invited = await h.store.count('members', {
      active: true,
      roles: { $contains: 'member' },
    });
    const counting = faultyStore(h.store, Infinity);
    const m = await draftPlenary((a, p) => h.ok(STAFF, a, p));
    await h.ok(STAFF, 'meetings.publish', { meetingId: m.id }); // two steps: 100 of 120
    const id = noticeJobId(m.id, 1);
    const services = (store: Services['store']): Services => ({ ...h.services, store });
    await runJob(services(counting), id, 1);
    const stepCalls = counting.calls();
    expect(stepCalls).toBeGreaterThan(10);
    expect(await told(m.id)).toEqual({ invitations: invited, notices: invited, members: invited });

    // Again on fresh meetings, killed at each point of the last step, then resumed.
    for (let failAt = 1; failAt <= stepCalls; failAt += 3) {
      const again = await draftPlenary((a, p) => h.ok(STAFF, a, p));
      await h.ok(STAFF, 'meetings.publish', { meetingId: again.id });
      const jobId = noticeJobId(again.id, 1);
      await runJob(services(faultyStore(h.store, failAt)), jobId, 1).catch((e: unknown) => {
        if (!(e instanceof InjectedFault)) throw e;
      });
      h.clock.set(new Date(h.clock.now().getTime() + 61_000)); // the dead runner's lease ends
      for (let run = 0; run < 8; run++) await onTimer(h.services); // a step a run
      const job = (await h.store.get<JobDoc>('jobs', jobId))!;
      expect({ failAt, status: job.status }).toEqual({ failAt, status: 'done' });
      expect(await told(again.id)).toEqual({
        invitations: invited,
        notices: invited,
        members: invited,
      });
    }
  }, 180_000);

  it('lets one runner at a time step it', async () => {
    h = await makeHarness();
    await h.ok(STAFF, 'members.importRoster', roster(80));
    const m = await draftPlenary((a, p) => h.ok(STAFF, a, p));
    await h.ok(STAFF, 'meetings.publish', { meetingId: m.id });
    const id = noticeJobId(m.id, 1);
    const before = (await h.store.get<JobDoc>('jobs', id))!.done;
    // Two runners at once: the second finds it held and does nothing.
    const [a, b] = await Promise.all([runJob(h.services, id, 1), runJob(h.services, id, 1)]);
    const after = (await h.store.get<JobDoc>('jobs', id))!;
    expect(after.done - before).toBe(20); // the last batch once, not twice
    expect([a, b].every(Boolean)).toBe(true);
    expect(after.cursor).toBe('drop:');
  });
});
