import {
  meetings,
  type CheckInWindow,
  type MeetingBody,
} from '../../../typings/contracts/meetings';
import { command, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import { jobView, resumeJob, runJob } from '../../kernel/jobs';
import type { DocumentStore, TxOps } from '../../store/port';
import { meetingSpan, type MeetingDoc } from './model';
import { noticeJobId, startNotices } from './notice-job';
import { meetingAllows, requireMeetingState } from './lifecycle';
import { loadDetail } from './queries';
import { changeStatus } from './status-step';
import { currentSettings } from '../settings/store';

/** Creates a meeting notice as a draft (nobody is told until it is published). Audited. */
export const create = command(meetings.create, STAFF, async (ctx, body) => {
  const now = iso(ctx.clock.now());
  const window = body.checkInWindow ?? (await defaultCheckInWindow(ctx.store));
  const id = await once(ctx, async (tx) => {
    const doc: MeetingDoc = {
      _id: ctx.ids.next('mt'),
      ...fields(body),
      checkInWindow: window,
      status: 'draft',
      noticeVersion: 0,
      cancelReason: null,
      createdBy: ctx.caller.member!._id,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      version: 1,
    };
    await tx.insert('meetings', doc);
    await audit(tx, ctx, {
      targetType: 'meeting',
      targetId: doc._id,
      before: null,
      after: { title: doc.title, kind: doc.kind },
    });
    return doc._id;
  });
  return loadDetail(ctx, id);
});

/**
 * Edits a meeting (optimistic: `version` must be the one the editor saw). A published meeting's
 * invitees are told of the change; members the edit adds are invited, members it drops are told.
 */
export const update = command(
  meetings.update,
  STAFF,
  async (ctx, { meetingId, version, meeting: body }) => {
    await mustGet(ctx, meetingId);
    const now = iso(ctx.clock.now());
    const published = await once(
      ctx,
      async (tx) => {
        const current = await tx.get<MeetingDoc>('meetings', meetingId);
        if (!current) throw fail('MEETING.NOT_FOUND');
        requireMeetingState('edit', current.status);
        if (current.version !== version)
          throw fail('STORE.CONFLICT', '会议已被他人修改，请刷新后再编辑');
        const isPublished = current.status === 'published';
        await tx.update('meetings', meetingId, {
          set: {
            ...fields(body),
            checkInWindow: body.checkInWindow ?? current.checkInWindow,
            updatedAt: now,
            noticeVersion: current.noticeVersion + (isPublished ? 1 : 0),
          },
          inc: { version: 1 },
        });
        await audit(tx, ctx, {
          targetType: 'meeting',
          targetId: meetingId,
          before: fields(current),
          after: fields(body),
        });
        if (isPublished)
          await startNotices(
            tx,
            { meetingId, kind: 'change', noticeVersion: current.noticeVersion + 1 },
            now,
          );
        return isPublished;
      },
      'update',
    );
    if (published) await advanceNotices(ctx, meetingId);
    return loadDetail(ctx, meetingId);
  },
);

/** Publishes the notice: invites everyone the rule names and tells them. Re-running it is harmless. */
export const publish = command(meetings.publish, STAFF, async (ctx, { meetingId }) => {
  const m = await mustGet(ctx, meetingId);
  // A notice stays sendable while the meeting is editable; publishing again re-sends it.
  requireMeetingState('edit', m.status);
  const now = iso(ctx.clock.now());
  if (meetingAllows('publish', m.status))
    await changeStatus(ctx, meetingId, 'publish', {
      action: 'publish',
      to: 'published',
      set: { noticeVersion: 1 },
      also: (tx) => startNotices(tx, { meetingId, kind: 'notice', noticeVersion: 1 }, now),
    });
  // Published already: the notice goes again to whoever the rule names and has none.
  else
    await once(
      ctx,
      (tx) =>
        startNotices(tx, { meetingId, kind: 'notice', noticeVersion: m.noticeVersion }, now, true),
      'again',
    );
  await advanceNotices(ctx, meetingId);
  return loadDetail(ctx, meetingId);
});

/** Cancels a meeting; every invitee is told, with the reason. */
export const cancel = command(meetings.cancel, STAFF, async (ctx, { meetingId, reason }) => {
  await mustGet(ctx, meetingId);
  // The state is read in the transaction, so a retry after it committed still tells invitees.
  const was = await once(
    ctx,
    async (tx) => {
      const m = await tx.get<MeetingDoc>('meetings', meetingId);
      if (!m) throw fail('MEETING.NOT_FOUND');
      // Cancelled already: a retry, which still tells the invitees below.
      if (m.status === 'cancelled') return 'cancelled';
      requireMeetingState('cancel', m.status);
      await cancelIn(tx, m, reason, iso(ctx.clock.now()));
      await audit(tx, ctx, {
        targetType: 'meeting',
        targetId: meetingId,
        before: { status: m.status },
        after: { status: 'cancelled' },
        reason,
      });
      return m.status;
    },
    'cancel',
  );
  if (was === 'published' || was === 'cancelled') await advanceNotices(ctx, meetingId);
  return loadDetail(ctx, meetingId);
});

/**
 * Cancels `m` in the caller's transaction (read fresh there): a published meeting's invitees
 * are told, as a job of the next notice version. For staff (`cancel`) and a studio's log.
 */
export async function cancelIn(tx: TxOps, m: MeetingDoc, reason: string, now: string) {
  await tx.update('meetings', m._id, {
    set: {
      status: 'cancelled',
      cancelReason: reason,
      noticeVersion: m.noticeVersion + 1,
      updatedAt: now,
    },
    inc: { version: 1 },
  });
  if (m.status === 'published')
    await startNotices(
      tx,
      { meetingId: m._id, kind: 'cancel', noticeVersion: m.noticeVersion + 1 },
      now,
    );
}

export async function mustGet(
  ctx: Pick<ActionContext, 'store'>,
  meetingId: string,
): Promise<MeetingDoc> {
  const m = await ctx.store.get<MeetingDoc>('meetings', meetingId);
  if (!m) throw fail('MEETING.NOT_FOUND');
  return m;
}

/** A new meeting's check-in window when the editor gives none: the committee's settings. */
export async function defaultCheckInWindow(store: DocumentStore): Promise<CheckInWindow> {
  const { meetings: m } = (await currentSettings(store)).body;
  return { beforeMinutes: m.checkInBeforeMinutes, afterMinutes: m.checkInAfterMinutes };
}

function fields(body: MeetingBody) {
  const sessions = [...body.sessions]
    .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1))
    .map((s, i) => ({ id: `s${i + 1}`, ...s }));
  return {
    kind: body.kind,
    title: body.title,
    sessions,
    venue: body.venue,
    requireLocation: body.requireLocation,
    agenda: body.agenda,
    materials: body.materials,
    invitees: body.invitees,
    replyDeadline: body.replyDeadline,
    checkInWindow: body.checkInWindow,
    ...meetingSpan(sessions),
  };
}

/**
 * The current notice's job, a few steps within this invocation's budget (a committee of 600
 * is twelve steps: the page that shows the progress asks for the rest, or the timer finishes it).
 */
export async function advanceNotices(ctx: ActionContext, meetingId: string, steps = NOTICE_STEPS) {
  const m = await mustGet(ctx, meetingId);
  const id = noticeJobId(meetingId, m.noticeVersion);
  await resumeJob(ctx.store, id, iso(ctx.clock.now()));
  return runJob(ctx, id, steps);
}

/** Staff: moves the current notice on (the board asks while it runs); its progress. */
export const sendNotices = command(meetings.sendNotices, STAFF, async (ctx, { meetingId }) =>
  jobView(await advanceNotices(ctx, meetingId)),
);

/** Steps of the notice job one invocation runs (each one transaction of up to TX_BATCH). */
export const NOTICE_STEPS = 2;
