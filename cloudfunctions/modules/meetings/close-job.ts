import type { DutyEventType } from '../../../typings/contracts/ledger';
import type { MeetingKind, Outcome } from '../../../typings/contracts/meetings';
import type { Services } from '../../kernel/action';
import { businessYear, iso } from '../../kernel/clock';
import { TX_BATCH } from '../../kernel/concurrency';
import { RequestEffects } from '../../kernel/effects';
import { jobKind, startJob, type JobDoc, type StepResult } from '../../kernel/jobs';
import type { TxOps } from '../../store/port';
import {
  applyDutyEvents,
  recordDutyEvent,
  recordRetraction,
  type Actor,
  type Recorder,
} from '../ledger/ledger-port';
import type { CheckInDoc, InvitationDoc, MeetingDoc, SessionDoc } from './model';

/**
 * Closing a meeting, as a job (one per close round): `meetings.close` sets the meeting closed
 * and starts it; each step gives CLOSE_BATCH invitees their outcome per session and records the
 * matching duty events in the same transaction, then applies those events to the ledger. A
 * reopen keeps the round and starts its own job, which puts the invitations' copy of the status
 * back; the next close is the next round and supersedes whatever of the last one still runs.
 *
 * Racing check-ins: a check-in writes its invitation in its own transaction (bumping
 * `attendanceRev`, refusing once `closedRound` passed the round it saw), and a close batch
 * reads every invitation again in its transaction: whichever commits second sees the other.
 */
export const CLOSE_JOB = 'meetings.close';
export const REOPEN_JOB = 'meetings.reopen';

export interface CloseParams {
  meetingId: string;
  round: number;
  actor: Actor;
}

export const closeJobId = (meetingId: string, round: number) => `close:${meetingId}:r${round}`;
export const reopenJobId = (meetingId: string, round: number) => `reopen:${meetingId}:r${round}`;

/** Starts a round's close (or, after a reopen, the putting back of its status copies). */
export function startRound(
  tx: TxOps,
  which: 'close' | 'reopen',
  params: CloseParams,
  now: string,
): Promise<void> {
  const id = (which === 'close' ? closeJobId : reopenJobId)(params.meetingId, params.round);
  const kind = which === 'close' ? CLOSE_JOB : REOPEN_JOB;
  return startJob<CloseParams>(tx, { id, kind, params }, now);
}

/** Invitations per close step: each writes its outcomes and a few duty-event records. */
export const CLOSE_BATCH = 20;

/** A close batch met a check-in or a leave decision made after it read: it reads again. */
class AttendanceMoved extends Error {}

async function closeStep(services: Services, job: JobDoc<CloseParams>): Promise<StepResult> {
  const { meetingId, round } = job.params;
  const m = await services.store.get<MeetingDoc>('meetings', meetingId);
  if (!isRound(m, 'closed', round)) return { cursor: null, done: 0 };
  const total =
    job.cursor === null
      ? await services.store.count('meeting_invitations', { meetingId, active: true })
      : undefined;
  for (let attempt = 1; ; attempt++) {
    const batch = await services.store.find<InvitationDoc>('meeting_invitations', {
      where: { meetingId, active: true, _id: { $gt: job.cursor ?? '' } },
      orderBy: [['_id', 'asc']],
      limit: CLOSE_BATCH,
    });
    try {
      const eventIds = await closeBatch(services, m, job.params, batch);
      await applyDutyEvents(services, eventIds);
      return {
        cursor: batch.length < CLOSE_BATCH ? null : batch.at(-1)!._id,
        done: batch.length,
        ...(total !== undefined ? { total } : {}),
      };
    } catch (e) {
      if (!(e instanceof AttendanceMoved) || attempt >= 3) throw e;
    }
  }
}

/** One close transaction for `batch`; answers the duty-event records it touched. */
async function closeBatch(
  services: Services,
  m: MeetingDoc,
  params: CloseParams,
  batch: readonly InvitationDoc[],
): Promise<string[]> {
  const checkIns = batch.length
    ? await services.store.find<CheckInDoc>('meeting_checkins', {
        where: { meetingId: m._id, memberId: { $in: batch.map((i) => i.memberId) } },
      })
    : [];
  const byKey = new Map(checkIns.map((c) => [`${c.sessionId}:${c.memberId}`, c]));
  const effects = new RequestEffects();
  const recorder: Recorder = { clock: services.clock, effects };
  const superseded = await services.store.transaction(async (tx) => {
    // Written below too: a reopen racing this batch conflicts with it instead of being undone.
    const fresh = await tx.get<MeetingDoc>('meetings', m._id);
    if (!isRound(fresh, 'closed', params.round)) return true;
    const now = await Promise.all(
      batch.map((inv) => tx.get<InvitationDoc>('meeting_invitations', inv._id)),
    );
    for (const [i, inv] of batch.entries()) {
      const current = now[i];
      if (
        !current ||
        (current.attendanceRev ?? 0) !== (inv.attendanceRev ?? 0) ||
        current.leaveStatus !== inv.leaveStatus
      )
        throw new AttendanceMoved();
      const outcomes = Object.fromEntries(
        m.sessions.map((s) => [s.id, outcomeOf(inv, byKey.get(`${s.id}:${inv.memberId}`))]),
      );
      const ledgerKeys = await recordAttendance(tx, recorder, m, current, outcomes, params.actor);
      await tx.update('meeting_invitations', inv._id, {
        set: { outcomes, ledgerKeys, meetingStatus: 'closed', closedRound: params.round },
      });
    }
    await tx.update('meetings', m._id, { set: { updatedAt: iso(services.clock.now()) } });
    return false;
  });
  return superseded ? [] : effects.list().map((e) => e.id);
}

/** Puts the invitations' copy of the status back to published after a reopen. */
async function reopenStep(services: Services, job: JobDoc<CloseParams>): Promise<StepResult> {
  const { meetingId, round } = job.params;
  const m = await services.store.get<MeetingDoc>('meetings', meetingId);
  if (!isRound(m, 'published', round)) return { cursor: null, done: 0 };
  const batch = await services.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId, _id: { $gt: job.cursor ?? '' } },
    orderBy: [['_id', 'asc']],
    limit: TX_BATCH,
  });
  await services.store.transaction(async (tx) => {
    const fresh = await tx.get<MeetingDoc>('meetings', meetingId);
    if (!isRound(fresh, 'published', round)) return;
    for (const inv of batch)
      await tx.update('meeting_invitations', inv._id, { set: { meetingStatus: 'published' } });
  });
  return { cursor: batch.length < TX_BATCH ? null : batch.at(-1)!._id, done: batch.length };
}

function isRound(
  m: MeetingDoc | null,
  status: 'closed' | 'published',
  round: number,
): m is MeetingDoc {
  return !!m && m.status === status && (m.closeRound ?? 0) === round;
}

export function outcomeOf(inv: InvitationDoc, c: CheckInDoc | undefined): Outcome {
  if (c) {
    if (c.leftEarly?.status === 'confirmed') return 'leftEarly';
    return c.late ? 'late' : 'present';
  }
  return inv.leaveStatus === 'approved' ? 'excused' : 'absent';
}

/** `none`: attendance earns nothing of its own (a studio's consultation: its log scores). */
type Tier = 'plenary' | 'standing' | 'activity' | 'reading.activity' | 'none';
const TIER: Record<MeetingKind, Tier> = {
  plenary: 'plenary',
  standing: 'standing',
  chairs: 'standing',
  consultation: 'activity',
  inspection: 'activity',
  research: 'activity',
  training: 'activity',
  activity: 'activity',
  reading: 'reading.activity',
  studio: 'none',
};

/** The duty events one outcome earns: attendance, and a mark for lateness or leaving early. */
function eventsFor(kind: MeetingKind, outcome: Outcome): DutyEventType[] {
  const tier = TIER[kind];
  if (tier === 'none') return [];
  const attended: DutyEventType = `${tier}.attended`;
  switch (outcome) {
    case 'present':
      return [attended];
    case 'late':
    case 'leftEarly':
      return [attended, 'meeting.lateOrLeftEarly'];
    case 'excused':
      return tier === 'plenary' || tier === 'standing' ? [`${tier}.excused`] : [];
    case 'absent':
      // A reading activity is voluntary: missing one costs nothing.
      return tier === 'reading.activity' ? [] : [`${tier}.absent`];
  }
}

/**
 * Records, in the close transaction, this invitation's duty events and retracts those a
 * re-close no longer gives (in the year each was counted in). Returns the keys it now holds.
 */
async function recordAttendance(
  tx: TxOps,
  by: Recorder,
  m: MeetingDoc,
  inv: InvitationDoc,
  outcomes: Record<string, Outcome>,
  actor: Actor,
): Promise<string[]> {
  const wanted = new Map<string, { event: DutyEventType; session: SessionDoc }>();
  for (const session of m.sessions) {
    const outcome = outcomes[session.id];
    if (!outcome) continue;
    for (const event of eventsFor(m.kind, outcome))
      wanted.set(`meeting:${m._id}:${session.id}:${inv.memberId}:${event}`, { event, session });
  }
  for (const key of inv.ledgerKeys) {
    if (wanted.has(key)) continue;
    const session = m.sessions.find((s) => key.startsWith(`meeting:${m._id}:${s.id}:`));
    await recordRetraction(
      tx,
      by,
      { key, memberId: inv.memberId, yearHint: businessYear(session?.startsAt ?? m.startsAt) },
      '会议重新结束后出勤结果变更',
      actor,
    );
  }
  for (const [key, { event, session }] of wanted) {
    await recordDutyEvent(tx, by, {
      key,
      event,
      memberId: inv.memberId,
      occurredAt: session.startsAt,
      source: {
        type: 'meeting',
        id: m._id,
        title: m.sessions.length > 1 ? `${m.title}（${session.label}）` : m.title,
      },
      actor,
    });
  }
  return [...wanted.keys()];
}

jobKind<CloseParams>(CLOSE_JOB, { label: '结束会议', step: closeStep });
jobKind<CloseParams>(REOPEN_JOB, { label: '重新开放', step: reopenStep });
