import type { MeetingKind, MeetingStatus } from '../../../typings/contracts/meetings';
import { MEETING_DEFAULT_RADIUS } from '../../../typings/contracts/meetings';
import { inTransactionBatches } from '../../kernel/concurrency';
import type { DocumentStore } from '../../store/port';
import { enqueue } from '../notify/outbox';
import { resolveInvitees } from './invitees';
import { defaultCheckInWindow, upsertInvitation } from './manage';
import { invitationId, type CheckInDoc, type InvitationDoc, type MeetingDoc } from './model';
import { meetingNotice } from './notices';

/**
 * Meetings another module publishes (a studio's planned consultation): one session, named
 * invitees, published at once. The other module's consumer calls `publishLinkedMeeting` from
 * its rail; every step is keyed (the meeting id, invitation ids, outbox keys), so running it
 * again after a crash finishes what is missing and repeats nothing.
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
  store: DocumentStore,
  spec: LinkedMeeting,
  now: string,
): Promise<void> {
  const window = await defaultCheckInWindow(store);
  await store.transaction(async (tx) => {
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
  });
  const m = (await store.get<MeetingDoc>('meetings', spec.meetingId))!;
  // The office may have cancelled or re-planned it since: then its own commands tell people.
  if (m.status !== 'published' || m.noticeVersion !== 1) return;
  const members = await resolveInvitees(store, m.invitees);
  await inTransactionBatches(store, members, async (tx, batch) => {
    for (const member of batch) {
      const had = await tx.get<InvitationDoc>(
        'meeting_invitations',
        invitationId(m._id, member._id),
      );
      if (!had) await upsertInvitation(tx, m, member, undefined);
    }
    await enqueue(
      tx,
      now,
      batch.map((member) => meetingNotice(m, member._id, 'notice')),
    );
  });
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
  store: DocumentStore,
  meetingId: string,
  reason: string,
  now: string,
): Promise<void> {
  const m = await store.get<MeetingDoc>('meetings', meetingId);
  if (!m || m.status === 'closed') return;
  if (m.status !== 'cancelled')
    await store.transaction(async (tx) => {
      const current = await tx.get<MeetingDoc>('meetings', meetingId);
      if (!current || current.status !== 'published') return;
      await tx.update('meetings', meetingId, {
        set: {
          status: 'cancelled',
          cancelReason: reason,
          noticeVersion: current.noticeVersion + 1,
          updatedAt: now,
        },
        inc: { version: 1 },
      });
    });
  const cancelled = (await store.get<MeetingDoc>('meetings', meetingId))!;
  if (cancelled.status !== 'cancelled') return;
  const invitations = await store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId, active: true },
  });
  await inTransactionBatches(store, invitations, async (tx, batch) => {
    for (const inv of batch)
      await tx.update('meeting_invitations', inv._id, { set: { meetingStatus: 'cancelled' } });
    await enqueue(
      tx,
      now,
      batch.map((inv) => meetingNotice(cancelled, inv.memberId, 'cancel')),
    );
  });
}
