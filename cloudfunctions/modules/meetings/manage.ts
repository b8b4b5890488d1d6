import {
  meetings,
  type CheckInWindow,
  type MeetingBody,
} from '../../../typings/contracts/meetings';
import { command, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { once, onceInBatches } from '../../kernel/once';
import type { DocumentStore, TxOps } from '../../store/port';
import { enqueue, type Notification } from '../notify/outbox';
import { resolveInvitees } from './invitees';
import { invitationId, meetingSpan, type InvitationDoc, type MeetingDoc } from './model';
import { meetingNotice } from './notices';
import { meetingAllows, requireMeetingState } from './lifecycle';
import { loadDetail } from './queries';
import { changeStatus } from './status-step';
import { currentSettings } from '../settings/store';
import { TX_BATCH } from '../../kernel/concurrency';

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
            updatedAt: iso(ctx.clock.now()),
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
        return isPublished;
      },
      'update',
    );
    if (published) await syncInvitations(ctx, meetingId, 'change');
    return loadDetail(ctx, meetingId);
  },
);

/** Publishes the notice: invites everyone the rule names and tells them. Re-running it is harmless. */
export const publish = command(meetings.publish, STAFF, async (ctx, { meetingId }) => {
  const m = await mustGet(ctx, meetingId);
  // A notice stays sendable while the meeting is editable; publishing again re-sends it.
  requireMeetingState('edit', m.status);
  if (meetingAllows('publish', m.status))
    await changeStatus(ctx, meetingId, 'publish', {
      action: 'publish',
      to: 'published',
      set: { noticeVersion: 1 },
    });
  await syncInvitations(ctx, meetingId, 'notice');
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
      await tx.update('meetings', meetingId, {
        set: {
          status: 'cancelled',
          cancelReason: reason,
          noticeVersion: m.noticeVersion + 1,
          updatedAt: iso(ctx.clock.now()),
        },
        inc: { version: 1 },
      });
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
  if (was === 'published') await tellInvitees(ctx, meetingId, 'cancel');
  return loadDetail(ctx, meetingId);
});

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
 * Brings the invitations in line with the meeting's invitee rule and tells people: new
 * invitees get the notice, existing ones the change (`change`), dropped ones that they need
 * not come. Each batch writes its invitations and outbox records in one transaction.
 */
async function syncInvitations(
  ctx: ActionContext,
  meetingId: string,
  kind: 'notice' | 'change',
): Promise<void> {
  const m = await mustGet(ctx, meetingId);
  const members = await resolveInvitees(ctx.store, m.invitees);
  const wanted = new Set(members.map((x) => x._id));
  const existing = await ctx.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId },
  });
  const byMember = new Map(existing.map((i) => [i.memberId, i]));
  const dropped = existing.filter((i) => i.active && !wanted.has(i.memberId));
  const now = iso(ctx.clock.now());
  await onceInBatches(ctx, 'invite', members, TX_BATCH, async (tx, batch) => {
    const notes: Notification[] = [];
    for (const member of batch) {
      const had = byMember.get(member._id);
      await upsertInvitation(tx, m, member, had);
      notes.push(
        meetingNotice(m, member._id, had?.active && kind === 'change' ? 'change' : 'notice'),
      );
    }
    await enqueue(tx, now, notes);
  });
  await onceInBatches(ctx, 'uninvite', dropped, TX_BATCH, async (tx, batch) => {
    for (const inv of batch)
      await tx.update('meeting_invitations', inv._id, { set: { active: false } });
    await enqueue(
      tx,
      now,
      batch.map((inv) => meetingNotice(m, inv.memberId, 'removed')),
    );
  });
}

export async function upsertInvitation(
  tx: TxOps,
  m: MeetingDoc,
  member: MemberDoc,
  had: InvitationDoc | undefined,
): Promise<void> {
  const copy = {
    name: member.name,
    sector: member.sector,
    specialCommittee: member.specialCommittee,
    active: true,
    meetingStartsAt: m.startsAt,
    meetingEndsAt: m.endsAt,
    meetingStatus: m.status,
  };
  if (had) {
    await tx.update('meeting_invitations', had._id, { set: copy });
    return;
  }
  await tx.insert<InvitationDoc>('meeting_invitations', {
    _id: invitationId(m._id, member._id),
    meetingId: m._id,
    memberId: member._id,
    ...copy,
    reply: 'none',
    leaveReason: null,
    leaveStatus: null,
    leaveNote: null,
    leaveDecidedBy: null,
    repliedAt: null,
    outcomes: null,
    ledgerKeys: [],
  });
}

/** Tells every current invitee (cancellation), and copies the meeting's status onto the invitations. */
export async function tellInvitees(
  ctx: ActionContext,
  meetingId: string,
  kind: 'cancel',
): Promise<void> {
  const m = await mustGet(ctx, meetingId);
  const invitations = await ctx.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId, active: true },
  });
  const now = iso(ctx.clock.now());
  await onceInBatches(ctx, 'tell', invitations, TX_BATCH, async (tx, batch) => {
    for (const inv of batch)
      await tx.update('meeting_invitations', inv._id, { set: { meetingStatus: m.status } });
    await enqueue(
      tx,
      now,
      batch.map((inv) => meetingNotice(m, inv.memberId, kind)),
    );
  });
}
