import type {
  CheckInWindow,
  Invitees,
  LeaveStatus,
  MeetingBody,
  MeetingKind,
  MeetingStatus,
  Outcome,
  Reply,
} from '../../../typings/contracts/meetings';
import type { StoredDoc } from '../../store/port';

export interface SessionDoc {
  id: string;
  label: string;
  startsAt: string;
  endsAt: string;
}

export interface MeetingDoc extends StoredDoc {
  kind: MeetingKind;
  title: string;
  sessions: SessionDoc[];
  venue: MeetingBody['venue'];
  requireLocation: boolean;
  agenda: string;
  materials: MeetingBody['materials'];
  invitees: Invitees;
  replyDeadline: string;
  checkInWindow: CheckInWindow;
  status: MeetingStatus;
  /** Bumped each time invitees are told something (publish, change, cancel): one message per version. */
  noticeVersion: number;
  startsAt: string;
  endsAt: string;
  cancelReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /**
   * How many times the meeting was closed (absent before the first). Each close is a job of
   * this round; a reopen keeps the round, the next close starts the next.
   */
  closeRound?: number;
  version: number;
}

/** `meeting_invitations/<meetingId>:<memberId>` */
export interface InvitationDoc extends StoredDoc {
  meetingId: string;
  memberId: string;
  name: string;
  sector: string | null;
  specialCommittee: string | null;
  /** False once an edit took this member off the list. */
  active: boolean;
  reply: Reply;
  leaveReason: string | null;
  leaveStatus: LeaveStatus | null;
  leaveNote: string | null;
  leaveDecidedBy: string | null;
  repliedAt: string | null;
  outcomes: Record<string, Outcome> | null;
  /** Ledger keys posted for this invitation at the last close. */
  ledgerKeys: string[];
  /** The close round that wrote `outcomes`: a check-in that saw an earlier round is too late. */
  closedRound?: number;
  /**
   * Bumped by every check-in and left-early decision for this invitee, in the same transaction:
   * a close batch that read the check-ins before one of them sees the change and reads again.
   */
  attendanceRev?: number;
  /** Copies of the meeting's, for the member's list. */
  meetingStartsAt: string;
  meetingEndsAt: string;
  meetingStatus: MeetingStatus;
}

/** `meeting_checkins/<meetingId>:<sessionId>:<memberId>`: the id makes a second check-in impossible. */
export interface CheckInDoc extends StoredDoc {
  meetingId: string;
  sessionId: string;
  memberId: string;
  at: string;
  late: boolean;
  byStaff: boolean;
  actorId: string;
  actorName: string;
  note: string | null;
  location: { latitude: number; longitude: number; accuracy?: number } | null;
  leftEarly: {
    status: 'pending' | 'confirmed' | 'refused';
    reason: string;
    requestedAt: string;
    decidedBy: string | null;
  } | null;
}

export const invitationId = (meetingId: string, memberId: string) => `${meetingId}:${memberId}`;
export const checkInId = (meetingId: string, sessionId: string, memberId: string) =>
  `${meetingId}:${sessionId}:${memberId}`;

export function meetingSpan(sessions: SessionDoc[]): { startsAt: string; endsAt: string } {
  const starts = sessions.map((s) => s.startsAt).sort();
  const ends = sessions.map((s) => s.endsAt).sort();
  return { startsAt: starts[0]!, endsAt: ends[ends.length - 1]! };
}

export function checkInWindow(
  meeting: Pick<MeetingDoc, 'checkInWindow'>,
  session: SessionDoc,
): { opensAt: Date; closesAt: Date } {
  const start = new Date(session.startsAt).getTime();
  return {
    opensAt: new Date(start - meeting.checkInWindow.beforeMinutes * 60_000),
    closesAt: new Date(start + meeting.checkInWindow.afterMinutes * 60_000),
  };
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
