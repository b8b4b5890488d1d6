import type { JobView } from '../../typings/contracts/common';
import type { CheckInResult, MeetingDetail, Outcome } from '../../typings/contracts/meetings';
import type { Services } from '../../cloudfunctions/kernel/action';
import { runJob, type JobDoc } from '../../cloudfunctions/kernel/jobs';
import type { EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import { closeJobId } from '../../cloudfunctions/modules/meetings/close-job';
import type { InvitationDoc } from '../../cloudfunctions/modules/meetings/model';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import type { DocumentStore } from '../../cloudfunctions/store/port';
import { openCloudCostBench } from '../../scripts/bench/cloud-cost';
import { BUDGET } from '../../scripts/bench/cloud-scenarios';
import { makeHarness, rosterOf, type Harness } from '../support/harness';
import { faultyStore, InjectedFault } from '../support/faulty-store';
import { callWith, pausing } from '../support/pausing-store';
import { codeFor, plenaryBody } from './support';

const STAFF = 'demo-staff';
const AT = (local: string) => new Date(`${local}+08:00`);
type Closed = MeetingDetail & { outcomes: Record<Outcome, number>; job: JobView | null };

const roster = (rows: number) => rosterOf(rows, { phone: '136' });

/** One session, 09:00–12:00 on 5 March. */
const oneSession = () =>
  plenaryBody({
    sessions: [
      { label: '全天', startsAt: '2026-03-05T09:00:00+08:00', endsAt: '2026-03-05T12:00:00+08:00' },
    ],
  });

describe('closing a meeting of 600 as a job', () => {
  it('each close call stays inside the budget; every invitee is scored once', async () => {
    const b = await openCloudCostBench();
    try {
      const members = await b.services.store.count('members');
      await b.call(STAFF, 'members.importRoster', roster(600 - members));
      await b.finishJobs();
      const m = await b.call<MeetingDetail>(STAFF, 'meetings.create', oneSession());
      await b.call(STAFF, 'meetings.publish', { meetingId: m.id });
      while (
        (await b.call<JobView | null>(STAFF, 'meetings.sendNotices', { meetingId: m.id }))
          ?.status === 'running'
      );
      const invited = await b.services.store.count('meeting_invitations', { meetingId: m.id });
      b.clock.set(AT('2026-03-05T18:00:00'));

      // The dialog asks on until the close is done.
      const { costs, last } = await b.measureUntilDone<Closed>(
        STAFF,
        'meetings.close',
        { meetingId: m.id },
        (c) => c.job,
        80,
      );
      expect(costs.length).toBeLessThan(80);
      expect(Math.max(...costs.map((c) => c.calls))).toBeLessThanOrEqual(BUDGET.calls);
      expect(last.status).toBe('closed');
      expect(last.job).toMatchObject({ label: '结束会议', status: 'done', total: invited });
      expect(last.outcomes.absent).toBe(invited);

      const entries = await b.services.store.find<EntryDoc>('point_entries', {
        where: { 'source.id': m.id, kind: 'event' },
      });
      expect(entries).toHaveLength(invited);
      expect(new Set(entries.map((e) => e.memberId)).size).toBe(invited);
    } finally {
      await b.close();
    }
  }, 180_000);
});

describe('a close job killed at any point', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('resumes from the timer with every invitee scored once', async () => {
    h = await makeHarness();
    await h.ok(STAFF, 'members.importRoster', roster(30)); // 70 with the demo committee
    const services = (store: DocumentStore): Services => ({ ...h.services, store });
    const step = async (meetingId: string, store: DocumentStore) => {
      const round = (await h.store.get<{ _id: string; closeRound: number }>(
        'meetings',
        meetingId,
      ))!;
      return runJob(services(store), closeJobId(meetingId, round.closeRound), 1);
    };
    const publishAndClose = async () => {
      h.clock.set(AT('2026-03-01T09:00:00'));
      const m = await h.ok<MeetingDetail>(STAFF, 'meetings.create', oneSession());
      await h.ok(STAFF, 'meetings.publish', { meetingId: m.id }); // 70: all in this call
      h.clock.set(AT('2026-03-05T18:00:00'));
      await h.ok(STAFF, 'meetings.close', { meetingId: m.id }); // the first 20
      return m;
    };
    const scored = async (meetingId: string) => {
      const entries = await h.store.find<EntryDoc>('point_entries', {
        where: { 'source.id': meetingId, kind: 'event' },
      });
      const invitations = await h.store.find<InvitationDoc>('meeting_invitations', {
        where: { meetingId },
      });
      return {
        entries: entries.length,
        members: new Set(entries.map((e) => e.memberId)).size,
        withOutcome: invitations.filter((i) => i.outcomes?.s1 === 'absent').length,
      };
    };

    const first = await publishAndClose();
    const counting = faultyStore(h.store, Infinity);
    await step(first.id, counting);
    const stepCalls = counting.calls();
    expect(stepCalls).toBeGreaterThan(20);

    for (let failAt = 1; failAt <= stepCalls; failAt += 7) {
      const m = await publishAndClose();
      await step(m.id, faultyStore(h.store, failAt)).catch((e: unknown) => {
        if (!(e instanceof InjectedFault)) throw e;
      });
      h.clock.set(new Date(h.clock.now().getTime() + 61_000)); // the dead runner's lease ends
      for (let run = 0; run < 12; run++) await onTimer(h.services); // a job step a run
      const round = (await h.store.get<{ _id: string; closeRound: number }>('meetings', m.id))!
        .closeRound;
      const job = (await h.store.get<JobDoc>('jobs', closeJobId(m.id, round)))!;
      const invited = await h.store.count('meeting_invitations', { meetingId: m.id });
      expect({ failAt, status: job.status }).toEqual({ failAt, status: 'done' });
      expect({ failAt, ...(await scored(m.id)) }).toEqual({
        failAt,
        entries: invited,
        members: invited,
        withOutcome: invited,
      });
    }
  }, 240_000);
});

describe('a check-in racing the close', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('is counted, though the close read the check-ins before it landed', async () => {
    h = await makeHarness();
    const m = await h.ok<MeetingDetail>(STAFF, 'meetings.create', oneSession());
    await h.ok(STAFF, 'meetings.publish', { meetingId: m.id });
    h.clock.set(AT('2026-03-05T09:05:00')); // started: closable, and check-in still open
    const token = await codeFor(h, m.id, 's1');

    // The member's check-in has read the meeting (still published) and waits to write.
    const member = pausing(h.store, () => true);
    const checkIn = callWith(h, member)<CheckInResult>('demo-member-01', 'meetings.checkIn', {
      token,
    });
    await member.reached;
    // The close reads the check-ins (none yet) and waits before writing outcomes.
    const staff = pausing(h.store, (calls) => calls.includes('find meeting_checkins'));
    const closing = callWith(h, staff)<Closed>(STAFF, 'meetings.close', { meetingId: m.id });
    await staff.reached;
    member.release();
    const checkedIn = await checkIn;
    staff.release();
    expect((await closing).ok).toBe(true);
    await h.okUntilDone(STAFF, 'meetings.close', { meetingId: m.id });

    const mine = await h.ok<MeetingDetail>('demo-member-01', 'meetings.get', { meetingId: m.id });
    expect(checkedIn.ok).toBe(true);
    expect(mine.invitation!.outcomes).toEqual({ s1: 'late' });
  });

  it('after the close reached the member, is refused clearly', async () => {
    h = await makeHarness();
    const m = await h.ok<MeetingDetail>(STAFF, 'meetings.create', oneSession());
    await h.ok(STAFF, 'meetings.publish', { meetingId: m.id });
    h.clock.set(AT('2026-03-05T09:05:00'));
    const token = await codeFor(h, m.id, 's1');
    // Read the meeting while it was open, write after the close scored everyone.
    const member = pausing(h.store, () => true);
    const checkIn = callWith(h, member)<CheckInResult>('demo-member-01', 'meetings.checkIn', {
      token,
    });
    await member.reached;
    await h.okUntilDone(STAFF, 'meetings.close', { meetingId: m.id });
    member.release();
    const refused = await checkIn;
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('CHECKIN.MEETING_NOT_OPEN');
    const mine = await h.ok<MeetingDetail>('demo-member-01', 'meetings.get', { meetingId: m.id });
    expect(mine.invitation!.outcomes).toEqual({ s1: 'absent' });
  });
});
