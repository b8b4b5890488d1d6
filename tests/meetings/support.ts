import type { MeetingBody, MeetingDetail } from '../../typings/contracts/meetings';
import type { Harness } from '../support/harness';

/** A plenary on 2026-03-05 in Beijing: morning 08:30–12:00, afternoon 14:00–17:30. */
export const VENUE = {
  name: '区政协会议中心',
  address: '人民路 1 号',
  latitude: 30.2741,
  longitude: 120.1551,
  radiusMeters: 300,
};

export function plenaryBody(over: Partial<MeetingBody> = {}): Record<string, unknown> {
  return {
    kind: 'plenary',
    title: '区政协十五届三次全体会议',
    sessions: [
      { label: '上午', startsAt: '2026-03-05T08:30:00+08:00', endsAt: '2026-03-05T12:00:00+08:00' },
      { label: '下午', startsAt: '2026-03-05T14:00:00+08:00', endsAt: '2026-03-05T17:30:00+08:00' },
    ],
    venue: VENUE,
    agenda: '一、听取常委会工作报告\n二、审议提案工作报告',
    invitees: { mode: 'all' },
    replyDeadline: '2026-03-04T18:00:00+08:00',
    ...over,
  };
}

export async function publishedMeeting(
  h: Harness,
  over: Partial<MeetingBody> = {},
): Promise<MeetingDetail> {
  const draft = await h.ok<MeetingDetail>('demo-staff', 'meetings.create', plenaryBody(over));
  return h.ok<MeetingDetail>('demo-staff', 'meetings.publish', { meetingId: draft.id });
}

export async function codeFor(h: Harness, meetingId: string, sessionId = 's1'): Promise<string> {
  return (
    await h.ok<{ token: string }>('demo-staff', 'meetings.getCheckInCode', { meetingId, sessionId })
  ).token;
}
