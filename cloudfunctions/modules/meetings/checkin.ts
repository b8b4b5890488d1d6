import { meetings, type CheckInResult } from '../../../typings/contracts/meetings';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { businessDateTime, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { describeError } from '../../kernel/logger';
import { signingKey } from '../../kernel/secrets';
import {
  MiniProgramCodeError,
  type CodeImage,
  type MiniProgramCodePort,
} from '../../ports/mini-program-code';
import { isStoreError, type StoredDoc, type TxOps } from '../../store/port';
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
import { requireMeetingState } from './lifecycle';
import { loadDetail } from './queries';
import {
  doorOf,
  makePass,
  makeTicket,
  makeToken,
  PASS_TTL_MS,
  readScannedCode,
  SLOT_GRACE,
  SLOT_MS,
  slotOf,
  verifyPass,
  verifyTicket,
  verifyToken,
} from './token';

/** The page a door code opens (in the main package, so the camera reaches it at once). */
export const CHECKIN_PAGE = 'pages/meetings/checkin/index';

/** `checkin_doors/<door>`: the meeting session a ticket's door names (see token.ts). */
interface DoorDoc extends StoredDoc {
  meetingId: string;
  sessionId: string;
  createdAt: string;
}

/**
 * The rotating code staff show at the door: a fresh ticket every 10 seconds drawn as a
 * mini-program code (or the configured link's QR), with the same code in the older token form.
 * The staff screen asks again after `refreshAfterMs`.
 */
export const getCheckInCode = handle(
  meetings.getCheckInCode,
  STAFF,
  async (ctx, { meetingId, sessionId }) => {
    const m = await mustGet(ctx, meetingId);
    requireMeetingState('runCheckIn', m.status);
    sessionOf(m, sessionId);
    const now = ctx.clock.now();
    const slot = slotOf(now);
    const key = await signingKey(ctx.store);
    const scene = makeTicket(
      key,
      await openDoor(ctx, doorOf(key, meetingId, sessionId), m, sessionId),
      slot,
    );
    const image = await drawCode(ctx, scene);
    return {
      token: makeToken(key, meetingId, sessionId, slot),
      scene,
      qrDataUrl: `data:${image.contentType};base64,${image.buffer.toString('base64')}`,
      opensFromCamera: ctx.miniProgramCodes.opensFromCamera,
      validUntil: new Date((slot + 1 + SLOT_GRACE) * SLOT_MS).toISOString(),
      refreshAfterMs: (slot + 1) * SLOT_MS - now.getTime(),
    };
  },
);

/** The door's record, made the first time the session's code is shown (the id is derived). */
async function openDoor(
  ctx: ActionContext,
  door: string,
  m: MeetingDoc,
  sessionId: string,
): Promise<string> {
  if (await ctx.store.get<DoorDoc>('checkin_doors', door)) return door;
  try {
    await ctx.store.insert<DoorDoc>('checkin_doors', {
      _id: door,
      meetingId: m._id,
      sessionId,
      createdAt: iso(ctx.clock.now()),
    });
  } catch (e) {
    if (!isStoreError(e, 'DUPLICATE')) throw e; // another screen opened it first
  }
  return door;
}

/** Recent images per adapter: several screens at one door share a slot's code. */
const drawn = new WeakMap<MiniProgramCodePort, Map<string, Promise<CodeImage>>>();
const DRAWN_KEPT = 16;

async function drawCode(ctx: ActionContext, scene: string): Promise<CodeImage> {
  const port = ctx.miniProgramCodes;
  let cache = drawn.get(port);
  if (!cache) drawn.set(port, (cache = new Map()));
  let image = cache.get(scene);
  if (!image) {
    image = port.draw({ page: CHECKIN_PAGE, scene });
    cache.set(scene, image);
    if (cache.size > DRAWN_KEPT) cache.delete(cache.keys().next().value!);
  }
  try {
    return await image;
  } catch (e) {
    cache.delete(scene);
    if (!(e instanceof MiniProgramCodeError)) throw e;
    ctx.log.warn('check-in code not drawn', { errCode: e.errCode, ...describeError(e) });
    throw fail('CHECKIN.CODE_UNAVAILABLE');
  }
}

/** A scanned code, verified: which session, and when the member stood at the door with it. */
interface Arrival {
  kind: 'ticket' | 'token' | 'pass';
  meetingId: string;
  sessionId: string;
  at: Date;
  /** The pass it came as, if it did. */
  pass: string | null;
}

async function arrivalOf(ctx: ActionContext, raw: string): Promise<Arrival> {
  const now = ctx.clock.now();
  const key = await signingKey(ctx.store);
  const code = readScannedCode(raw);
  if (!code) throw fail('CHECKIN.CODE_INVALID');
  const refused = (reason: 'malformed' | 'forged' | 'expired') =>
    fail(reason === 'expired' ? 'CHECKIN.CODE_EXPIRED' : 'CHECKIN.CODE_INVALID');
  if (code.kind === 'token') {
    const c = verifyToken(key, code.value, now);
    if (!c.ok) throw refused(c.reason);
    return { kind: 'token', meetingId: c.meetingId, sessionId: c.sessionId, at: now, pass: null };
  }
  if (code.kind === 'ticket') {
    const c = verifyTicket(key, code.value, now);
    if (!c.ok) throw refused(c.reason);
    const door = await ctx.store.get<DoorDoc>('checkin_doors', c.door);
    if (!door) throw fail('CHECKIN.CODE_INVALID');
    return {
      kind: 'ticket',
      meetingId: door.meetingId,
      sessionId: door.sessionId,
      at: now,
      pass: null,
    };
  }
  const c = verifyPass(key, code.value, ctx.caller.openid, now);
  if (!c.ok) throw fail(c.reason === 'expired' ? 'CHECKIN.PASS_EXPIRED' : 'CHECKIN.CODE_INVALID');
  return {
    kind: 'pass',
    meetingId: c.meetingId,
    sessionId: c.sessionId,
    at: c.issuedAt,
    pass: code.value,
  };
}

async function openMeeting(
  ctx: ActionContext,
  arrival: Arrival,
): Promise<{ m: MeetingDoc; session: SessionDoc }> {
  return openSession(await ctx.store.get<MeetingDoc>('meetings', arrival.meetingId), arrival);
}

function openSession(
  m: MeetingDoc | null,
  arrival: Arrival,
): { m: MeetingDoc; session: SessionDoc } {
  if (!m) throw fail('CHECKIN.MEETING_NOT_OPEN');
  requireMeetingState('checkIn', m.status);
  const session = m.sessions.find((s) => s.id === arrival.sessionId);
  if (!session) throw fail('CHECKIN.CODE_INVALID');
  return { m, session };
}

/**
 * WeChat's camera opened the check-in page with the door's code (or the in-app scan read it):
 * while the code is fresh, tell the page what it opens and hand this WeChat account a pass to
 * check in with during the next 10 minutes, bound or not yet. The pass is what lets a member
 * bind first, or allow location, without the 30-second code expiring meanwhile; it is signed
 * for this account alone, so forwarding it gets nobody checked in. A pass given back returns
 * itself (it is never extended).
 */
export const resolveCheckInCode = handle(
  meetings.resolveCheckInCode,
  'anyone',
  async (ctx, { code }) => {
    const arrival = await arrivalOf(ctx, code);
    const { m, session } = await openMeeting(ctx, arrival);
    const pass =
      arrival.pass ??
      makePass(await signingKey(ctx.store), m._id, session.id, ctx.caller.openid, arrival.at);
    return {
      pass,
      passExpiresAt: iso(new Date(arrival.at.getTime() + PASS_TTL_MS)),
      meetingId: m._id,
      meetingTitle: m.title,
      sessionId: session.id,
      sessionLabel: session.label,
      venueName: m.venue.name,
      requireLocation: m.requireLocation,
      bound: ctx.caller.member !== null,
    };
  },
);

/**
 * A member checks in with what they scanned: the door's ticket (mini-program code, link or
 * page path), a pass from `resolveCheckInCode`, or an old token. Checked in order: the code's
 * form and signature, its freshness, the meeting (and that it is the one the member had open),
 * the invitation, the check-in window (after the start counts late), and the geofence when the
 * meeting requires it. With a pass, the member arrived when the code was scanned: that time is
 * recorded and judged against the window. A second scan is a success that changes nothing.
 */
export const checkIn = command(meetings.checkIn, 'member', async (ctx, input) => {
  const arrival = await arrivalOf(ctx, input.token);
  if (input.meetingId && input.meetingId !== arrival.meetingId) throw fail('CHECKIN.WRONG_MEETING');
  const memberId = ctx.caller.member!._id;
  // The meeting, the invitation and a check-in already made, side by side (one round trip).
  const [meeting, inv, existing] = await Promise.all([
    ctx.store.get<MeetingDoc>('meetings', arrival.meetingId),
    ctx.store.get<InvitationDoc>('meeting_invitations', invitationId(arrival.meetingId, memberId)),
    ctx.store.get<CheckInDoc>(
      'meeting_checkins',
      checkInId(arrival.meetingId, arrival.sessionId, memberId),
    ),
  ]);
  const { m, session } = openSession(meeting, arrival);
  if (!inv?.active) throw fail('CHECKIN.NOT_INVITED');
  if (existing) return result(m, session, existing, true);
  const window = checkInWindow(m, session);
  if (arrival.at < window.opensAt || arrival.at > window.closesAt) {
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
    at: arrival.at,
  });
});

/** Staff check in a member who cannot scan (no phone, phone flat), recorded as such. */
export const proxyCheckIn = command(
  meetings.proxyCheckIn,
  STAFF,
  async (ctx, { meetingId, sessionId, memberId, note, late }) => {
    const m = await mustGet(ctx, meetingId);
    requireMeetingState('runCheckIn', m.status);
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
      await touchAttendance(tx, m, memberId);
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
  how: {
    byStaff: boolean;
    note: string | null;
    location: CheckInDoc['location'];
    late?: boolean;
    /** When the member arrived (default: now). */
    at?: Date;
  },
): Promise<CheckInResult> {
  const now = how.at ?? ctx.clock.now();
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
      await touchAttendance(tx, m, memberId);
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

/**
 * In a check-in's transaction: refuses when a close of a later round than the one `m` shows has
 * reached this invitee (they would be scored without it), and marks the invitation changed, so a
 * close batch that read the check-ins before this one reads them again (close-job.ts).
 */
async function touchAttendance(tx: TxOps, m: MeetingDoc, memberId: string): Promise<void> {
  const id = invitationId(m._id, memberId);
  const inv = await tx.get<InvitationDoc>('meeting_invitations', id);
  if (!inv?.active) throw fail('CHECKIN.NOT_INVITED');
  if ((inv.closedRound ?? 0) > (m.closeRound ?? 0))
    throw fail('CHECKIN.MEETING_NOT_OPEN', '会议已结束，不能再签到');
  await tx.update('meeting_invitations', id, { inc: { attendanceRev: 1 } });
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
