import type { MeetingKind, MeetingStatus } from '../../../typings/contracts/meetings';
import { MEETING_DEFAULT_RADIUS } from '../../../typings/contracts/meetings';
import type { Services } from '../../kernel/action';
import { runJob } from '../../kernel/jobs';
import type { DocumentStore } from '../../store/port';
import { cancelIn, defaultCheckInWindow } from './manage';
import type { CheckInDoc, MeetingDoc } from './model';
import { noticeJobId, startNotices } from './notice-job';

/**
 * Meetings another module publishes (a studio's planned consultation): one session, named
 * invitees, published at once. The other module's consumer calls `publishLinkedMeeting` from
 * its rail: the meeting and its notice job are written together, and the job tells the
 * invitees as for any meeting (the timer finishes it after a crash).
 */
export interface LinkedMeeting {
  meetingId: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string;
  replyDeadline: string;
  venue: {
    name: string;
    address: string;
    location: { latitude: number; longitude: number } | null;
  };
  agenda: string;
  memberIds: string[];
  /** The member who asked for it (the meeting's creator). */
  createdBy: string;
}

export async function publishLinkedMeeting(
  services: Services,
  spec: LinkedMeeting,
  now: string,
): Promise<void> {
  const window = await defaultCheckInWindow(services.store);
  await services.store.transaction(async (tx) => {
    if (await tx.get<MeetingDoc>('meetings', spec.meetingId)) return;
    await tx.insert<MeetingDoc>('meetings', {
      _id: spec.meetingId,
      kind: spec.kind,
      title: spec.title,
      sessions: [{ id: 's1', label: '全天', startsAt: spec.startsAt, endsAt: spec.endsAt }],
      venue: {
        name: spec.venue.name,
        address: spec.venue.address,
        latitude: spec.venue.location?.latitude ?? null,
        longitude: spec.venue.location?.longitude ?? null,
        radiusMeters: MEETING_DEFAULT_RADIUS,
      },
      requireLocation: false,
      agenda: spec.agenda,
      materials: [],
      invitees: { mode: 'named', memberIds: spec.memberIds },
      replyDeadline: spec.replyDeadline,
      checkInWindow: window,
      status: 'published',
      noticeVersion: 1,
      startsAt: spec.startsAt,
      endsAt: spec.endsAt,
      cancelReason: null,
      createdBy: spec.createdBy,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      version: 1,
    });
    await startNotices(tx, { meetingId: spec.meetingId, kind: 'notice', noticeVersion: 1 }, now);
  });
  await finishNotices(services, spec.meetingId);
}

/** Runs the meeting's current notice job to its end (a studio's few invitees: a step or two). */
async function finishNotices(services: Services, meetingId: string): Promise<void> {
  const m = await services.store.get<MeetingDoc>('meetings', meetingId);
  if (m) await runJob(services, noticeJobId(meetingId, m.noticeVersion), 5);
}

/** What the other module shows of its meeting: live status, invitations and check-ins. */
export async function linkedMeetingState(
  store: DocumentStore,
  meetingId: string,
): Promise<{
  status: MeetingStatus;
  startsAt: string;
  endsAt: string;
  replyDeadline: string;
  invited: number;
  checkedIn: string[];
} | null> {
  const m = await store.get<MeetingDoc>('meetings', meetingId);
  if (!m) return null;
  const [invited, checkIns] = await Promise.all([
    store.count('meeting_invitations', { meetingId, active: true }),
    store.find<CheckInDoc>('meeting_checkins', { where: { meetingId } }),
  ]);
  return {
    status: m.status,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    replyDeadline: m.replyDeadline,
    invited,
    checkedIn: [...new Set(checkIns.map((c) => c.memberId))],
  };
}

/** Cancels a linked meeting its source no longer wants (the log was deleted), telling invitees. */
export async function cancelLinkedMeeting(
  services: Services,
  meetingId: string,
  reason: string,
  now: string,
): Promise<void> {
  await services.store.transaction(async (tx) => {
    const m = await tx.get<MeetingDoc>('meetings', meetingId);
    if (m?.status === 'published') await cancelIn(tx, m, reason, now);
  });
  await finishNotices(services, meetingId);
}
