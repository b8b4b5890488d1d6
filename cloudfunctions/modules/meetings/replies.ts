import { meetings, type LeaveRequestView } from '../../../typings/contracts/meetings';
import { handle, STAFF, command } from '../../kernel/action';
import { once } from '../../kernel/once';
import { audit } from '../../kernel/audit';
import { businessDate, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { enqueue } from '../notify/outbox';
import { mustGet } from './manage';
import { invitationId, type InvitationDoc, type MeetingDoc } from './model';
import { leaveDecisionNotice, replyReminder } from './notices';
import { requireMeetingState } from './lifecycle';
import { loadDetail } from './queries';

/**
 * A member answers the notice: attend, or ask leave with a reason (the office decides).
 * Changing one's answer is allowed until the reply deadline; answering again the same is a no-op.
 * No transaction: the meeting and the invitation are read side by side, and the invitation is
 * changed only while it is still as read (a leave decided meanwhile reads again), so the
 * member's tap costs five round trips, not nine. A retry finds the answer already given.
 */
export const reply = command(
  meetings.reply,
  'member',
  async (ctx, { meetingId, answer, reason }) => {
    const id = invitationId(meetingId, ctx.caller.member!._id);
    for (let attempt = 1; ; attempt++) {
      const [m, inv] = await Promise.all([
        ctx.store.get<MeetingDoc>('meetings', meetingId),
        ctx.store.get<InvitationDoc>('meeting_invitations', id),
      ]);
      if (!m) throw fail('MEETING.NOT_FOUND');
      if (!inv || !inv.active || m.status === 'draft') throw fail('MEETING.NOT_INVITED');
      requireMeetingState('reply', m.status);
      if (iso(ctx.clock.now()) > m.replyDeadline) throw fail('MEETING.REPLY_CLOSED');
      const set = replyChange(inv, answer, reason, iso(ctx.clock.now()));
      if (!set) break;
      const asRead = {
        active: true,
        reply: inv.reply,
        leaveStatus: inv.leaveStatus,
        leaveReason: inv.leaveReason,
      };
      if (await ctx.store.update('meeting_invitations', id, { set }, { if: asRead })) break;
      if (attempt >= 3) throw fail('STORE.CONFLICT', '回执未能保存，请稍后重试');
    }
    return loadDetail(ctx, meetingId);
  },
);

/** What the answer changes on the invitation, or null when it is the answer already given. */
function replyChange(
  inv: InvitationDoc,
  answer: 'attend' | 'leave',
  reason: string | undefined,
  at: string,
): Partial<InvitationDoc> | null {
  if (answer === 'attend')
    return inv.reply === 'attend'
      ? null
      : {
          reply: 'attend',
          leaveReason: null,
          leaveStatus: null,
          leaveNote: null,
          leaveDecidedBy: null,
          repliedAt: at,
        };
  if (inv.reply === 'leave' && inv.leaveReason === reason && inv.leaveStatus !== 'refused')
    return null;
  return {
    reply: 'leave',
    leaveReason: reason!,
    leaveStatus: 'pending',
    leaveNote: null,
    leaveDecidedBy: null,
    repliedAt: at,
  };
}

/** Staff approve or refuse a leave request; the member is told. Audited. */
export const decideLeave = command(
  meetings.decideLeave,
  STAFF,
  async (ctx, { meetingId, memberId, approve, note }) => {
    const m = await mustGet(ctx, meetingId);
    const id = invitationId(meetingId, memberId);
    const now = iso(ctx.clock.now());
    const inv = await once(ctx, async (tx) => {
      const current = await tx.get<InvitationDoc>('meeting_invitations', id);
      if (!current || current.reply !== 'leave' || !current.leaveStatus)
        throw fail('MEETING.NO_LEAVE_REQUEST');
      const status = approve ? 'approved' : 'refused';
      if (current.leaveStatus === status) return current;
      await tx.update('meeting_invitations', id, {
        set: {
          leaveStatus: status,
          leaveNote: note ?? null,
          leaveDecidedBy: ctx.caller.member!.name,
        },
      });
      await enqueue(tx, now, [leaveDecisionNotice(m, memberId, approve, note ?? null)]);
      await audit(tx, ctx, {
        targetType: 'meeting',
        targetId: meetingId,
        before: { memberId, leaveStatus: current.leaveStatus },
        after: { memberId, leaveStatus: status },
        reason: note ?? null,
      });
      return { ...current, leaveStatus: status, leaveNote: note ?? null } as InvitationDoc;
    });
    return leaveView(m, inv);
  },
);

/** Leave requests to decide (or decided), across meetings or for one. */
export const listLeaveRequests = handle(meetings.listLeaveRequests, STAFF, async (ctx, input) => {
  const where: Where = { reply: 'leave', leaveStatus: input.status, active: true };
  if (input.meetingId) where.meetingId = input.meetingId;
  const page = await findPage<InvitationDoc, InvitationDoc>(
    ctx.store,
    'meeting_invitations',
    {
      where,
      orderBy: [
        ['meetingStartsAt', 'asc'],
        ['repliedAt', 'asc'],
      ],
      page: input.page,
      pageSize: input.pageSize,
    },
    (i) => i,
  );
  const ms = await ctx.store.find<MeetingDoc>('meetings', {
    where: { _id: { $in: [...new Set(page.items.map((i) => i.meetingId))] } },
  });
  const byId = new Map(ms.map((m) => [m._id, m]));
  return {
    ...page,
    items: page.items
      .filter((i) => byId.has(i.meetingId))
      .map((i) => leaveView(byId.get(i.meetingId)!, i)),
  };
});

/** Reminds every invitee who has not replied yet (at most once a day per member). */
export const remindUnreplied = command(
  meetings.remindUnreplied,
  STAFF,
  async (ctx, { meetingId }) => {
    const m = await mustGet(ctx, meetingId);
    requireMeetingState('remind', m.status);
    const silent = await ctx.store.find<InvitationDoc>('meeting_invitations', {
      where: { meetingId, active: true, reply: 'none' },
    });
    const day = businessDate(ctx.clock.now());
    await once(ctx, (tx) =>
      enqueue(
        tx,
        iso(ctx.clock.now()),
        silent.map((i) => replyReminder(m, i.memberId, day)),
      ),
    );
    return { reminded: silent.length };
  },
);

function leaveView(m: MeetingDoc, inv: InvitationDoc): LeaveRequestView {
  return {
    meetingId: m._id,
    meetingTitle: m.title,
    startsAt: m.startsAt,
    memberId: inv.memberId,
    name: inv.name,
    sector: inv.sector,
    reason: inv.leaveReason ?? '',
    status: inv.leaveStatus ?? 'pending',
    repliedAt: inv.repliedAt ?? '',
  };
}
