import type { Services } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { TX_BATCH } from '../../kernel/concurrency';
import type { MemberDoc } from '../../kernel/identity';
import {
  batchTransaction,
  jobKind,
  startJob,
  type JobDoc,
  type StepResult,
} from '../../kernel/jobs';
import type { TxOps } from '../../store/port';
import { enqueue, type Notification } from '../notify/outbox';
import { resolveInvitees } from './invitees';
import { upsertInvitation } from './invitations';
import { invitationId, type InvitationDoc, type MeetingDoc } from './model';
import { meetingNotice } from './notices';

/**
 * Telling a meeting's invitees, as a job (one per notice version): `notice` and `change` bring
 * the invitations in line with the invitee rule (new invitees get the notice, those already
 * invited the change, those the rule no longer names that they need not come); `cancel` tells
 * every invitee. Each step is one transaction of at most TX_BATCH members, in member-id order
 * after the cursor (`invite:<id>`, then `drop:<id>`; `tell:<id>` for a cancel).
 */
export const NOTICE_JOB = 'meetings.notices';

export interface NoticeParams {
  meetingId: string;
  kind: 'notice' | 'change' | 'cancel';
  noticeVersion: number;
}

export const noticeJobId = (meetingId: string, noticeVersion: number) =>
  `notices:${meetingId}:v${noticeVersion}`;

/**
 * Starts telling the invitees of this notice version, in the caller's transaction (the one that
 * publishes, edits or cancels the meeting); `restart` sends a finished one again.
 */
export function startNotices(
  tx: TxOps,
  params: NoticeParams,
  now: string,
  restart = false,
): Promise<void> {
  return startJob<NoticeParams>(
    tx,
    { id: noticeJobId(params.meetingId, params.noticeVersion), kind: NOTICE_JOB, params, restart },
    now,
  );
}

type Phase = 'invite' | 'drop' | 'tell';

function readCursor(cursor: string | null, first: Phase): { phase: Phase; after: string } {
  if (!cursor) return { phase: first, after: '' };
  const at = cursor.indexOf(':');
  return { phase: cursor.slice(0, at) as Phase, after: cursor.slice(at + 1) };
}

const byId = <T extends { _id: string }>(a: T, b: T) => (a._id < b._id ? -1 : 1);

async function step(services: Services, job: JobDoc<NoticeParams>): Promise<StepResult> {
  const { store } = services;
  const { meetingId, kind, noticeVersion } = job.params;
  const m = await store.get<MeetingDoc>('meetings', meetingId);
  // A newer notice (or none) supersedes this one: its own job tells people.
  if (!m || m.noticeVersion !== noticeVersion) return { cursor: null, done: 0 };
  const now = iso(services.clock.now());
  const { phase, after } = readCursor(job.cursor, kind === 'cancel' ? 'tell' : 'invite');

  if (phase === 'tell') {
    const batch = await store.find<InvitationDoc>('meeting_invitations', {
      where: { meetingId, active: true, _id: { $gt: after } },
      orderBy: [['_id', 'asc']],
      limit: TX_BATCH,
    });
    await setAndTell(services, m, now, batch, { meetingStatus: m.status }, 'cancel');
    return { cursor: nextCursor('tell', batch, (i) => i._id), done: batch.length };
  }

  const wanted = (await resolveInvitees(store, m.invitees)).sort(byId);
  if (phase === 'invite') {
    const batch = wanted.filter((x) => x._id > after).slice(0, TX_BATCH);
    const had = await store.find<InvitationDoc>('meeting_invitations', {
      where: { meetingId, memberId: { $in: batch.map((x) => x._id) } },
    });
    const byMember = new Map(had.map((i) => [i.memberId, i]));
    await batchTransaction(services.store, async (tx, fresh) => {
      const notes: Notification[] = [];
      for (const member of batch) {
        const prior = fresh ? byMember.get(member._id) : await current(tx, m, member);
        await upsertInvitation(tx, m, member, prior);
        notes.push(
          meetingNotice(m, member._id, prior?.active && kind === 'change' ? 'change' : 'notice'),
        );
      }
      await enqueue(tx, now, notes, { fresh });
    });
    const more = batch.length === TX_BATCH && wanted.some((x) => x._id > batch.at(-1)!._id);
    return {
      cursor: more ? `invite:${batch.at(-1)!._id}` : 'drop:',
      done: batch.length,
      total: wanted.length,
    };
  }

  // drop: invitations the rule no longer names.
  const names = new Set(wanted.map((x) => x._id));
  const batch = (
    await store.find<InvitationDoc>('meeting_invitations', {
      where: { meetingId, active: true, _id: { $gt: after } },
      orderBy: [['_id', 'asc']],
    })
  )
    .filter((i) => !names.has(i.memberId))
    .slice(0, TX_BATCH);
  await setAndTell(services, m, now, batch, { active: false }, 'removed');
  return { cursor: nextCursor('drop', batch, (i) => i._id), done: batch.length };
}

/** One transaction: `set` on each invitation of the batch, and each invitee told `notice`. */
function setAndTell(
  services: Services,
  m: MeetingDoc,
  now: string,
  batch: readonly InvitationDoc[],
  set: Partial<InvitationDoc>,
  notice: 'cancel' | 'removed',
): Promise<void> {
  return batchTransaction(services.store, async (tx, fresh) => {
    for (const inv of batch) await tx.update('meeting_invitations', inv._id, { set });
    await enqueue(
      tx,
      now,
      batch.map((inv) => meetingNotice(m, inv.memberId, notice)),
      { fresh },
    );
  });
}

/** The next cursor after a batch, or null once a batch came back short (the phase is done). */
function nextCursor<T>(phase: Phase, batch: T[], idOf: (x: T) => string): string | null {
  return batch.length < TX_BATCH ? null : `${phase}:${idOf(batch.at(-1)!)}`;
}

async function current(tx: TxOps, m: MeetingDoc, member: MemberDoc) {
  return (
    (await tx.get<InvitationDoc>('meeting_invitations', invitationId(m._id, member._id))) ??
    undefined
  );
}

jobKind<NoticeParams>(NOTICE_JOB, { label: '会议通知', step });
