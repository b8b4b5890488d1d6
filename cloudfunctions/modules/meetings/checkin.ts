import qrcode from 'qrcode-generator';
import { meetings, type CheckInResult } from '../../../typings/contracts/meetings';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { businessDateTime, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { signingKey } from '../../kernel/secrets';
import { isStoreError } from '../../store/port';
import { attendanceBoard } from './attendance';
import { mustGet } from './manage';
import {
  checkInId,
  checkInWindow,
  distanceMeters,
  invitationId,
  type CheckInDoc,
  type InvitationDoc,
  type MeetingDoc,
  type SessionDoc,
} from './model';
import { loadDetail } from './queries';
import { makeToken, SLOT_GRACE, SLOT_MS, slotOf, verifyToken } from './token';

/**
 * The rotating code staff show at the door: a fresh signed token every 10 seconds, and its QR
 * image. The staff screen asks again after `refreshAfterMs`.
 */
export const getCheckInCode = handle(
  meetings.getCheckInCode,
  STAFF,
  async (ctx, { meetingId, sessionId }) => {
    const m = await mustGet(ctx, meetingId);
    if (m.status !== 'published') throw fail('CHECKIN.MEETING_NOT_OPEN');
    sessionOf(m, sessionId);
    const now = ctx.clock.now();
    const slot = slotOf(now);
    const token = makeToken(await signingKey(ctx.store), meetingId, sessionId, slot);
    const qr = qrcode(0, 'M');
    qr.addData(token);
    qr.make();
    return {
      token,
      qrDataUrl: qr.createDataURL(8, 16),
      validUntil: new Date((slot + 1 + SLOT_GRACE) * SLOT_MS).toISOString(),
      refreshAfterMs: (slot + 1) * SLOT_MS - now.getTime(),
    };
  },
);

/**
 * A member scans the code at the venue. Checked in order: the code's form and signature, its
 * freshness, the meeting (and that it is the one the member had open), the invitation, the
 * check-in window (after the start counts late), and the geofence when the meeting requires
 * it. A second scan is a success that changes nothing.
 */
export const checkIn = command(meetings.checkIn, 'member', async (ctx, input) => {
  const now = ctx.clock.now();
  const check = verifyToken(await signingKey(ctx.store), input.token, now);
  if (!check.ok)
    throw fail(check.reason === 'expired' ? 'CHECKIN.CODE_EXPIRED' : 'CHECKIN.CODE_INVALID');
  if (input.meetingId && input.meetingId !== check.meetingId) throw fail('CHECKIN.WRONG_MEETING');
  const m = await ctx.store.get<MeetingDoc>('meetings', check.meetingId);
  if (!m || m.status !== 'published') throw fail('CHECKIN.MEETING_NOT_OPEN');
  const session = m.sessions.find((s) => s.id === check.sessionId);
  if (!session) throw fail('CHECKIN.CODE_INVALID');
  const memberId = ctx.caller.member!._id;
  const inv = await ctx.store.get<InvitationDoc>(
    'meeting_invitations',
    invitationId(m._id, memberId),
  );
  if (!inv?.active) throw fail('CHECKIN.NOT_INVITED');
  const existing = await ctx.store.get<CheckInDoc>(
    'meeting_checkins',
    checkInId(m._id, session.id, memberId),
  );
  if (existing) return result(m, session, existing, true);
  const window = checkInWindow(m, session);
  if (now < window.opensAt || now > window.closesAt) {
    throw fail(
      'CHECKIN.WINDOW_CLOSED',
      `签到时间为 ${businessDateTime(window.opensAt)} 至 ${businessDateTime(window.closesAt)}`,
    );
  }
  if (m.requireLocation) {
    if (!input.location) throw fail('CHECKIN.LOCATION_REQUIRED');
    const venue = { latitude: m.venue.latitude!, longitude: m.venue.longitude! };
    const distance = distanceMeters(venue, input.location);
    // A fix is uncertain by its accuracy radius; give the benefit of up to 100 m of it.
    if (distance - Math.min(input.location.accuracy ?? 0, 100) > m.venue.radiusMeters) {
      throw fail(
        'CHECKIN.OUT_OF_RANGE',
        `您距会场约 ${Math.round(distance)} 米，请到达会场后再签到`,
      );
    }
  }
  return record(ctx, m, session, memberId, {
    byStaff: false,
    note: null,
    location: input.location ?? null,
  });
});

/** Staff check in a member who cannot scan (no phone, phone flat), recorded as such. */
export const proxyCheckIn = command(
  meetings.proxyCheckIn,
  STAFF,
  async (ctx, { meetingId, sessionId, memberId, note, late }) => {
    const m = await mustGet(ctx, meetingId);
    if (m.status !== 'published') throw fail('CHECKIN.MEETING_NOT_OPEN');
    const session = sessionOf(m, sessionId);
    const inv = await ctx.store.get<InvitationDoc>(
      'meeting_invitations',
      invitationId(meetingId, memberId),
    );
    if (!inv?.active) throw fail('CHECKIN.NOT_INVITED', '该委员不在本次会议的参会名单中');
    return record(ctx, m, session, memberId, {
      byStaff: true,
      note: note ?? null,
      location: null,
      late,
    });
  },
);

/** A checked-in member says they must leave before the end; staff confirm or refuse it. */
export const requestLeaveEarly = command(
  meetings.requestLeaveEarly,
  'member',
  async (ctx, { meetingId, sessionId, reason }) => {
    const m = await mustGet(ctx, meetingId);
    sessionOf(m, sessionId);
    const id = checkInId(meetingId, sessionId, ctx.caller.member!._id);
    await ctx.store.transaction(async (tx) => {
      const c = await tx.get<CheckInDoc>('meeting_checkins', id);
      if (!c) throw fail('CHECKIN.NOT_CHECKED_IN');
      if (c.leftEarly && c.leftEarly.status !== 'refused') return;
      await tx.update('meeting_checkins', id, {
        set: {
          leftEarly: {
            status: 'pending',
            reason,
            requestedAt: iso(ctx.clock.now()),
            decidedBy: null,
          },
        },
      });
    });
    return loadDetail(ctx, meetingId);
  },
);

export const confirmLeaveEarly = command(
  meetings.confirmLeaveEarly,
  STAFF,
  async (ctx, { meetingId, sessionId, memberId, confirm }) => {
    const m = await mustGet(ctx, meetingId);
    sessionOf(m, sessionId);
    const id = checkInId(meetingId, sessionId, memberId);
    await ctx.store.transaction(async (tx) => {
      const c = await tx.get<CheckInDoc>('meeting_checkins', id);
      if (!c?.leftEarly) throw fail('CHECKIN.NOT_CHECKED_IN', '该委员没有早退申请');
      const status = confirm ? 'confirmed' : 'refused';
      await tx.update('meeting_checkins', id, {
        set: { 'leftEarly.status': status, 'leftEarly.decidedBy': ctx.caller.member!.name },
      });
      await audit(tx, ctx, {
        targetType: 'meeting',
        targetId: meetingId,
        before: { memberId, leftEarly: c.leftEarly.status },
        after: { memberId, sessionId, leftEarly: status },
      });
    });
    return attendanceBoard(ctx, m, sessionId);
  },
);

export function sessionOf(m: MeetingDoc, sessionId: string): SessionDoc {
  const s = m.sessions.find((x) => x.id === sessionId);
  if (!s) throw fail('MEETING.SESSION_NOT_FOUND');
  return s;
}

async function record(
  ctx: ActionContext,
  m: MeetingDoc,
  session: SessionDoc,
  memberId: string,
  how: { byStaff: boolean; note: string | null; location: CheckInDoc['location']; late?: boolean },
): Promise<CheckInResult> {
  const now = ctx.clock.now();
  const doc: CheckInDoc = {
    _id: checkInId(m._id, session.id, memberId),
    meetingId: m._id,
    sessionId: session.id,
    memberId,
    at: iso(now),
    late: how.late ?? iso(now) > session.startsAt,
    byStaff: how.byStaff,
    actorId: ctx.caller.member!._id,
    actorName: ctx.caller.member!.name,
    note: how.note,
    location: how.location,
    leftEarly: null,
  };
  try {
    await ctx.store.transaction(async (tx) => {
      await tx.insert('meeting_checkins', doc);
      if (how.byStaff) {
        await audit(tx, ctx, {
          targetType: 'meeting',
          targetId: m._id,
          before: null,
          after: { memberId, sessionId: session.id, checkedInBy: ctx.caller.member!.name },
          reason: how.note,
        });
      }
    });
  } catch (e) {
    if (!isStoreError(e, 'DUPLICATE')) throw e;
    // Two scans raced: the first one stands.
    const first = await ctx.store.get<CheckInDoc>('meeting_checkins', doc._id);
    return result(m, session, first!, true);
  }
  return result(m, session, doc, false);
}

function result(
  m: MeetingDoc,
  session: SessionDoc,
  c: CheckInDoc,
  already: boolean,
): CheckInResult {
  return {
    meetingId: m._id,
    meetingTitle: m.title,
    sessionId: session.id,
    sessionLabel: session.label,
    late: c.late,
    at: c.at,
    already,
  };
}
