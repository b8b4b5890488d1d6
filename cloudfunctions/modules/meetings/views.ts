import {
  MEETING_KIND_LABELS,
  type MeetingDetail,
  type MeetingSummary,
  type MyInvitation,
} from '../../../typings/contracts/meetings';
import type { Caller } from '../../kernel/identity';
import { meetingCan, rolesOf, type MeetingAction } from './lifecycle';
import { checkInWindow, type CheckInDoc, type InvitationDoc, type MeetingDoc } from './model';

export function toSummary(m: MeetingDoc, inv: InvitationDoc | null): MeetingSummary {
  return {
    id: m._id,
    kind: m.kind,
    kindLabel: MEETING_KIND_LABELS[m.kind],
    title: m.title,
    status: m.status,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    venueName: m.venue.name,
    replyDeadline: m.replyDeadline,
    myReply: inv ? inv.reply : null,
    myLeaveStatus: inv ? inv.leaveStatus : null,
  };
}

/** The meeting as the caller sees it, with what the caller may do now. */
export function toDetail(
  m: MeetingDoc,
  caller: Caller,
  inv: InvitationDoc | null,
  checkIns: CheckInDoc[],
  now: Date,
): MeetingDetail {
  const roles = rolesOf(caller, inv);
  const may = (action: MeetingAction) => meetingCan(action, m.status, roles);
  const beforeDeadline = now.toISOString() <= m.replyDeadline;
  const openSession = m.sessions.find((s) => {
    const w = checkInWindow(m, s);
    return now >= w.opensAt && now <= w.closesAt;
  });
  const mine = new Map(checkIns.map((c) => [c.sessionId, c]));
  const inSession = m.sessions.find((s) => {
    const c = mine.get(s.id);
    return c && (!c.leftEarly || c.leftEarly.status === 'refused') && now.toISOString() < s.endsAt;
  });
  const invitation: MyInvitation | null = inv
    ? {
        active: inv.active,
        reply: inv.reply,
        leaveReason: inv.leaveReason,
        leaveStatus: inv.leaveStatus,
        leaveNote: inv.leaveNote,
        checkIns: Object.fromEntries(
          checkIns.map((c) => [
            c.sessionId,
            { at: c.at, late: c.late, byStaff: c.byStaff, leftEarly: c.leftEarly?.status ?? null },
          ]),
        ),
        outcomes: inv.outcomes,
      }
    : null;
  return {
    ...toSummary(m, inv),
    sessions: m.sessions.map((s) => {
      const w = checkInWindow(m, s);
      return {
        ...s,
        checkInOpensAt: w.opensAt.toISOString(),
        checkInClosesAt: w.closesAt.toISOString(),
      };
    }),
    venue: m.venue,
    requireLocation: m.requireLocation,
    agenda: m.agenda,
    materials: m.materials,
    invitees: m.invitees,
    checkInWindow: m.checkInWindow,
    cancelReason: m.cancelReason,
    version: m.version,
    invitation,
    can: {
      reply: may('reply') && beforeDeadline,
      askLeave: may('reply') && beforeDeadline && inv?.leaveStatus !== 'approved',
      checkIn: may('checkIn') && openSession && !mine.has(openSession.id) ? openSession.id : null,
      requestLeaveEarly: may('checkIn') && inSession ? inSession.id : null,
      edit: may('edit'),
      publish: may('publish'),
      cancel: may('cancel'),
      close: may('close'),
      reopen: may('reopen'),
    },
  };
}
