import { type MeetingDetail, type MeetingStatus } from '../../typings/contracts/meetings';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { allowed } from '../../cloudfunctions/kernel/lifecycle';
import {
  MEETING_LIFECYCLE,
  type MeetingAction,
  type MeetingRole,
} from '../../cloudfunctions/modules/meetings/lifecycle';
import type { MeetingDoc } from '../../cloudfunctions/modules/meetings/model';
import { makeHarness, T0, type Harness } from '../support/harness';
import { plenaryBody, publishedMeeting } from './support';

const MEMBER = 'demo-member-01';
const STAFF = 'demo-staff';
/** Each caller above, in the table's words (the plenary invites every member). */
const ROLES: Record<string, MeetingRole[]> = { [MEMBER]: ['invitee'], [STAFF]: ['staff'] };
/** The contract's statuses (the type has no runtime list; the compiler checks this one). */
const STATUSES = { draft: 1, published: 1, cancelled: 1, closed: 1 } satisfies Record<
  MeetingStatus,
  1
>;
/** Inside the morning session's check-in window; after the last session began. */
const MORNING = '2026-03-05T00:35:00.000Z';
const AFTER_START = '2026-03-05T06:30:00.000Z';

let h: Harness;
let memberId: string;
beforeEach(async () => {
  h = await makeHarness();
  memberId = (await h.store.find<MemberDoc>('members', { where: { openid: MEMBER } }))[0]!._id;
});
afterEach(() => h.close());

const read = async (id: string, as: string) => {
  const res = await h.call<MeetingDetail>(as, 'meetings.get', { meetingId: id });
  return res.ok ? res.data : null;
};

/** A new meeting in each status, reached through the commands (the clock back at T0). */
const REACH: Record<MeetingStatus, () => Promise<MeetingDetail>> = {
  draft: () => h.ok(STAFF, 'meetings.create', plenaryBody()),
  published: () => publishedMeeting(h),
  cancelled: async () => {
    const m = await publishedMeeting(h);
    return h.ok(STAFF, 'meetings.cancel', { meetingId: m.id, reason: '因故延期' });
  },
  closed: async () => {
    const m = await publishedMeeting(h);
    h.clock.set(AFTER_START);
    await h.okUntilDone(STAFF, 'meetings.close', { meetingId: m.id });
    h.clock.set(T0);
    return (await read(m.id, STAFF))!;
  },
};

type Flag = keyof MeetingDetail['can'];
/** One way to try an action: who calls which command, when, and how it answers a wrong state. */
type Probe = {
  as: string;
  action: string;
  payload: (m: MeetingDetail) => object;
  /** Codes a refusal may carry (a draft is unknown to invitees: MEETING.NOT_INVITED). */
  refusedWith: string[];
  flag?: Flag;
  /** When to try it (default T0, before the reply deadline). */
  at?: string;
  /** Its effect is on invitations or check-ins: success alone means it acted. */
  elsewhere?: boolean;
};
const ref = (m: MeetingDetail) => ({ meetingId: m.id });

const PROBES: Record<MeetingAction, Probe[]> = {
  edit: [
    {
      as: STAFF,
      action: 'meetings.update',
      payload: (m) => ({ ...ref(m), version: m.version, meeting: plenaryBody() }),
      refusedWith: ['MEETING.NOT_EDITABLE'],
      flag: 'edit',
    },
  ],
  publish: [
    {
      as: STAFF,
      action: 'meetings.publish',
      payload: ref,
      refusedWith: ['MEETING.NOT_EDITABLE'],
      flag: 'publish',
    },
  ],
  cancel: [
    {
      as: STAFF,
      action: 'meetings.cancel',
      payload: (m) => ({ ...ref(m), reason: '因故延期' }),
      refusedWith: ['MEETING.NOT_EDITABLE'],
      flag: 'cancel',
    },
  ],
  close: [
    {
      as: STAFF,
      action: 'meetings.close',
      payload: ref,
      refusedWith: ['MEETING.NOT_PUBLISHED'],
      flag: 'close',
      at: AFTER_START,
    },
  ],
  reopen: [
    {
      as: STAFF,
      action: 'meetings.reopen',
      payload: (m) => ({ ...ref(m), reason: '更正出勤' }),
      refusedWith: ['MEETING.NOT_CLOSED'],
      flag: 'reopen',
    },
  ],
  remind: [
    {
      as: STAFF,
      action: 'meetings.remindUnreplied',
      payload: ref,
      refusedWith: ['MEETING.NOT_PUBLISHED'],
      elsewhere: true,
    },
  ],
  reply: [
    {
      as: MEMBER,
      action: 'meetings.reply',
      payload: (m) => ({ ...ref(m), answer: 'attend' }),
      refusedWith: ['MEETING.NOT_INVITED', 'MEETING.NOT_EDITABLE'],
      flag: 'reply',
      elsewhere: true,
    },
    {
      as: MEMBER,
      action: 'meetings.reply',
      payload: (m) => ({ ...ref(m), answer: 'leave', reason: '出差在外' }),
      refusedWith: ['MEETING.NOT_INVITED', 'MEETING.NOT_EDITABLE'],
      flag: 'askLeave',
      elsewhere: true,
    },
  ],
  // The member's own scan needs the door code, which only a published meeting shows: the
  // view's flag is checked here, the scan itself in checkin-codes.test.ts.
  checkIn: [
    {
      as: MEMBER,
      action: 'meetings.get',
      payload: ref,
      refusedWith: ['MEETING.NOT_INVITED'],
      flag: 'checkIn',
      at: MORNING,
      elsewhere: true,
    },
  ],
  runCheckIn: [
    {
      as: STAFF,
      action: 'meetings.getCheckInCode',
      payload: (m) => ({ ...ref(m), sessionId: 's1' }),
      refusedWith: ['CHECKIN.MEETING_NOT_OPEN'],
      at: MORNING,
      elsewhere: true,
    },
    {
      as: STAFF,
      action: 'meetings.proxyCheckIn',
      payload: (m) => ({ ...ref(m), sessionId: 's1', memberId }),
      refusedWith: ['CHECKIN.MEETING_NOT_OPEN'],
      at: MORNING,
      elsewhere: true,
    },
  ],
};

/** A flag is a boolean, or the session it is offered for. */
const offered = (d: MeetingDetail | null, flag: Flag) => Boolean(d?.can[flag]);

describe('the meeting lifecycle table', () => {
  it('covers every status of the contract', () => {
    expect(Object.keys(MEETING_LIFECYCLE).sort()).toEqual(Object.keys(STATUSES).sort());
  });

  describe.each(Object.keys(REACH) as MeetingStatus[])('in %s', (status) => {
    it.each(Object.keys(PROBES) as MeetingAction[])(
      '%s: the view and the command agree with the table',
      async (action) => {
        for (const pr of PROBES[action]) {
          h.clock.set(T0);
          const m = await REACH[status]();
          expect(m.status).toBe(status);
          if (pr.at) h.clock.set(pr.at);
          const expected = (who: MeetingRole[]) => allowed(MEETING_LIFECYCLE, action, status, who);
          if (pr.flag)
            for (const viewer of [MEMBER, STAFF])
              expect([viewer, offered(await read(m.id, viewer), pr.flag)]).toEqual([
                viewer,
                expected(ROLES[viewer]!),
              ]);
          if (action === 'checkIn') continue;
          const res = await h.call(pr.as, pr.action, pr.payload(m));
          const after = await h.store.get<MeetingDoc>('meetings', m.id);
          const acted = res.ok && (pr.elsewhere || after!.version !== m.version);
          expect(acted).toBe(expected(ROLES[pr.as]!));
          if (!res.ok) expect(pr.refusedWith).toContain(res.error.code);
        }
      },
    );
  });
});
