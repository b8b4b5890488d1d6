import type { JobView } from '../../typings/contracts/common';
import type { ClosePreview, MeetingDetail } from '../../typings/contracts/meetings';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { makeHarness, type Harness } from '../support/harness';
import { codeFor, plenaryBody, publishedMeeting } from './support';

const AT = (beijing: string) => new Date(`${beijing}+08:00`).toISOString();

describe('closing a meeting', () => {
  let h: Harness;
  let ids: Record<string, string>;
  let m: MeetingDetail;
  beforeEach(async () => {
    h = await makeHarness();
    const all = await h.store.find<MemberDoc>('members', {});
    ids = Object.fromEntries(all.filter((x) => x.openid).map((x) => [x.openid!, x._id]));
    m = await publishedMeeting(h);
  });
  afterEach(() => h.close());

  it('is refused before the last session has started, and scores nobody', async () => {
    h.clock.set(AT('2026-03-05T08:40:00'));
    await h.ok('demo-member-01', 'meetings.checkIn', { token: await codeFor(h, m.id, 's1') });
    h.clock.set(AT('2026-03-05T13:32:00')); // 28 minutes before the afternoon session
    const err = await h.err('demo-staff', 'meetings.close', { meetingId: m.id });
    expect(err.code).toBe('MEETING.NOT_STARTED');
    expect(err.message).toContain('2026-03-05 14:00');
    expect(await h.store.count('point_entries')).toBe(0);
    expect(
      (await h.ok<ClosePreview>('demo-staff', 'meetings.previewClose', { meetingId: m.id }))
        .blockedBy,
    ).toBe('notStarted');
    h.clock.set(AT('2026-03-05T14:00:00'));
    expect(
      (
        await h.okUntilDone<MeetingDetail & { job: JobView | null }>(
          'demo-staff',
          'meetings.close',
          { meetingId: m.id },
        )
      ).status,
    ).toBe('closed');
  });

  it('is refused while a leave request is undecided, naming who; deciding it unblocks', async () => {
    await h.ok('demo-member-02', 'meetings.reply', {
      meetingId: m.id,
      answer: 'leave',
      reason: '住院治疗',
    });
    h.clock.set(AT('2026-03-05T18:00:00'));
    const preview = await h.ok<ClosePreview>('demo-staff', 'meetings.previewClose', {
      meetingId: m.id,
    });
    expect(preview).toMatchObject({
      blockedBy: 'leaveUndecided',
      undecided: [{ memberId: ids['demo-member-02'], reason: '住院治疗' }],
      absentMembers: 40,
    });
    const err = await h.err('demo-staff', 'meetings.close', { meetingId: m.id });
    expect(err.code).toBe('MEETING.LEAVE_UNDECIDED');
    expect(err.details).toMatchObject({ members: [{ memberId: ids['demo-member-02'] }] });
    expect(await h.store.count('point_entries')).toBe(0);
    await h.ok('demo-staff', 'meetings.decideLeave', {
      meetingId: m.id,
      memberId: ids['demo-member-02']!,
      approve: true,
    });
    const ready = await h.ok<ClosePreview>('demo-staff', 'meetings.previewClose', {
      meetingId: m.id,
    });
    expect(ready).toMatchObject({ blockedBy: null, undecided: [], absentMembers: 39 });
    expect(ready.outcomes.excused).toBe(2);
    await h.okUntilDone('demo-staff', 'meetings.close', { meetingId: m.id });
    const inv = await h.ok<MeetingDetail>('demo-member-02', 'meetings.get', { meetingId: m.id });
    expect(inv.invitation!.outcomes).toEqual({ s1: 'excused', s2: 'excused' });
  });

  it('answers a retried create with the meeting it answered first', async () => {
    const first = await h.call<MeetingDetail>(
      'demo-staff',
      'meetings.create',
      plenaryBody(),
      'create-retry-01',
    );
    const again = await h.call<MeetingDetail>(
      'demo-staff',
      'meetings.create',
      plenaryBody(),
      'create-retry-01',
    );
    expect(first.ok && first.data.status).toBe('draft');
    expect(again).toEqual(first);
  });
});
