import {
  meetings,
  type MeetingDetail,
  type MeetingSummary,
} from '../../../typings/contracts/meetings';
import { handle, type ActionContext } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { invitationId, type CheckInDoc, type InvitationDoc, type MeetingDoc } from './model';
import { toDetail, toSummary } from './views';

const isStaff = (ctx: ActionContext) =>
  ctx.caller.roles.has('staff') || ctx.caller.roles.has('admin');

/**
 * Meetings: a member's own (upcoming: not yet over; past), with their reply; staff may list
 * every meeting (`all`), drafts included.
 */
export const list = handle(meetings.list, 'member', async (ctx, input) => {
  const now = iso(ctx.clock.now());
  const upcoming = input.scope === 'upcoming';
  if (input.all) {
    if (!isStaff(ctx)) throw fail('AUTH.FORBIDDEN');
    const where: Where = { endsAt: upcoming ? { $gte: now } : { $lt: now } };
    return findPage<MeetingDoc, MeetingSummary>(
      ctx.store,
      'meetings',
      {
        where,
        orderBy: [['startsAt', upcoming ? 'asc' : 'desc']],
        page: input.page,
        pageSize: input.pageSize,
      },
      (m) => toSummary(m, null),
    );
  }
  const where: Where = {
    memberId: ctx.caller.member!._id,
    active: true,
    meetingStatus: { $in: ['published', 'closed', 'cancelled'] },
    meetingEndsAt: upcoming ? { $gte: now } : { $lt: now },
  };
  const page = await findPage<InvitationDoc, InvitationDoc>(
    ctx.store,
    'meeting_invitations',
    {
      where,
      orderBy: [['meetingStartsAt', upcoming ? 'asc' : 'desc']],
      page: input.page,
      pageSize: input.pageSize,
    },
    (i) => i,
  );
  const docs = await ctx.store.find<MeetingDoc>('meetings', {
    where: { _id: { $in: page.items.map((i) => i.meetingId) } },
  });
  const byId = new Map(docs.map((m) => [m._id, m]));
  return {
    ...page,
    items: page.items
      .filter((i) => byId.has(i.meetingId))
      .map((i) => toSummary(byId.get(i.meetingId)!, i)),
  };
});

/** One meeting: invited members (and staff) only; drafts are for staff. */
export const get = handle(meetings.get, 'member', async (ctx, { meetingId }) =>
  loadDetail(ctx, meetingId),
);

/** The meeting, the caller's invitation and check-ins: three reads side by side (one round trip). */
export async function loadDetail(ctx: ActionContext, meetingId: string): Promise<MeetingDetail> {
  const memberId = ctx.caller.member!._id;
  const [m, inv, checkIns] = await Promise.all([
    ctx.store.get<MeetingDoc>('meetings', meetingId),
    ctx.store.get<InvitationDoc>('meeting_invitations', invitationId(meetingId, memberId)),
    ctx.store.find<CheckInDoc>('meeting_checkins', { where: { meetingId, memberId } }),
  ]);
  if (!m) throw fail('MEETING.NOT_FOUND');
  if (!isStaff(ctx) && (!inv || m.status === 'draft')) throw fail('MEETING.NOT_INVITED');
  return toDetail(m, ctx.caller, inv, inv ? checkIns : [], ctx.clock.now());
}
