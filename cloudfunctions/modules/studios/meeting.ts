import { MEETING_LIMITS } from '../../../typings/contracts/meetings';
import { studios } from '../../../typings/contracts/studios';
import { command, type ActionContext, type Services } from '../../kernel/action';
import { businessDate, iso } from '../../kernel/clock';
import { forEachLimit } from '../../kernel/concurrency';
import { effectConsumer } from '../../kernel/effects';
import { fail } from '../../kernel/errors';
import { describeError } from '../../kernel/logger';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import type { DocumentStore, TxOps } from '../../store/port';
import {
  cancelLinkedMeeting,
  linkedMeetingState,
  publishLinkedMeeting,
  type LinkedMeeting,
} from '../meetings/linked';
import { assertWorker, mustConsultation, mustStudio, personOf } from './access';
import { C, hashId, type ConsultationDoc, type MeetingLinkDoc, type StudioDoc } from './model';
import { detailOf, meetingViewOf } from './views';

/**
 * A planned consultation published as a meeting of kind 协商活动: the members reply and check in
 * as for any meeting. The request is written with the log; the meetings module makes and
 * publishes the meeting through the `studioMeeting` rail (right after, or from the timer).
 */
export const MEETING_EFFECT = 'studioMeeting';

const clip = (text: string, max: number) => [...text].slice(0, max).join('');

function specOf(
  c: ConsultationDoc,
  s: StudioDoc,
  meetingId: string,
  at: { startsAt: string; endsAt: string; replyDeadline: string },
  createdBy: string,
): LinkedMeeting {
  return {
    meetingId,
    kind: 'studio',
    title: clip(`${c.topic}（${s.name}）`, MEETING_LIMITS.title),
    ...at,
    venue: {
      name: clip(c.place, MEETING_LIMITS.venueName),
      address: s.address,
      location: s.location,
    },
    agenda: clip(
      [
        `协商议题：${c.topic}`,
        c.sourceNote && `议题来源：${c.sourceNote}`,
        `主持委员：${c.hostName}`,
      ]
        .filter(Boolean)
        .join('\n'),
      MEETING_LIMITS.agenda,
    ),
    memberIds: [c.hostMemberId, ...c.members.map((m) => m.id)],
    createdBy,
  };
}

export const publishMeeting = command(studios.publishMeeting, 'member', async (ctx, input) => {
  const c = await mustConsultation(ctx.store, input.consultationId);
  const s = await mustStudio(ctx.store, c.studioId);
  assertWorker(ctx, s);
  const now = ctx.clock.now();
  if (businessDate(input.startsAt) !== c.date || input.startsAt <= iso(now))
    throw fail('STUDIO.MEETING_INVALID');
  const live = await liveMeeting(ctx.store, c);
  await once(ctx, async (tx) => {
    const before = (await tx.get<ConsultationDoc>(C.consultations, c._id))!;
    if (before.status !== 'planned') throw fail('STUDIO.WRONG_STATE');
    if (before.version !== input.version)
      throw fail('STORE.CONFLICT', '协商活动记录已被他人修改，请刷新后重试');
    if (live && before.meetingId === live)
      throw fail('STUDIO.WRONG_STATE', '已发布为会议；改期或调整名单请联系政协办公室');
    const round = (before.meetingRound ?? 0) + 1;
    const meetingId = hashId('mt', before._id, String(round));
    const at = iso(now);
    await tx.insert<MeetingLinkDoc>(C.meetings, {
      _id: meetingId,
      studioId: s._id,
      consultationId: before._id,
      want: 'publish',
      applied: false,
      spec: specOf(before, s, meetingId, input, ctx.caller.member!._id),
      createdAt: at,
      updatedAt: at,
    });
    await tx.update(C.consultations, before._id, {
      set: { meetingId, meetingRound: round, updatedAt: at },
      inc: { version: 1 },
    });
    ctx.effects.add(MEETING_EFFECT, meetingId);
  });
  // Published now, so the answer shows it; a failure leaves it to the timer (shown as 发布中).
  await ctx.effects
    .apply(ctx)
    .catch((e: unknown) => ctx.log.error('studio meeting deferred to the timer', describeError(e)));
  return detailOf(ctx, await mustConsultation(ctx.store, c._id), s);
});

/** The log's meeting while it still stands (published, or on its way), else null. */
async function liveMeeting(store: DocumentStore, c: ConsultationDoc): Promise<string | null> {
  const view = await meetingViewOf(store, c);
  return view && view.status !== 'cancelled' ? view.id : null;
}

/** In the deleting transaction: a meeting the log was published as is to be cancelled. */
export async function dropMeeting(
  tx: TxOps,
  ctx: Pick<ActionContext, 'clock' | 'effects'>,
  c: ConsultationDoc,
): Promise<void> {
  if (!c.meetingId) return;
  const link = await tx.get<MeetingLinkDoc>(C.meetings, c.meetingId);
  if (!link || link.want === 'cancel') return;
  await tx.update(C.meetings, link._id, {
    set: { want: 'cancel', applied: false, updatedAt: iso(ctx.clock.now()) },
  });
  ctx.effects.add(MEETING_EFFECT, link._id);
}

/** The members who checked in at the log's meeting and are not listed yet (for `hold`). */
export async function arrivedMembers(
  store: DocumentStore,
  c: ConsultationDoc,
): Promise<ConsultationDoc['members']> {
  if (!c.meetingId) return [];
  const state = await linkedMeetingState(store, c.meetingId);
  const listed = new Set([c.hostMemberId, ...c.members.map((m) => m.id)]);
  const ids = (state?.checkedIn ?? []).filter((id) => !listed.has(id));
  const found = await Promise.all(ids.map((id) => store.get<MemberDoc>('members', id)));
  return found.flatMap((m) => (m ? [personOf(m)] : []));
}

/** Carries out what the records ask, each once. */
export async function applyMeetingLinks(services: Services, ids: string[]): Promise<void> {
  await forEachLimit(ids, 2, async (id) => {
    const link = await services.store.get<MeetingLinkDoc>(C.meetings, id);
    if (!link || link.applied) return;
    const now = iso(services.clock.now());
    if (link.want === 'publish') await publishLinkedMeeting(services, link.spec, now);
    else await cancelLinkedMeeting(services, id, '工作室已取消该协商活动', now);
    await services.store.transaction(async (tx) => {
      const current = await tx.get<MeetingLinkDoc>(C.meetings, id);
      // A delete that came meanwhile asks for the cancel: left pending for it.
      if (current && current.want === link.want)
        await tx.update(C.meetings, id, { set: { applied: true, updatedAt: now } });
    });
  });
}

effectConsumer(MEETING_EFFECT, applyMeetingLinks);

/** From the timer: meetings a crash or timeout left unpublished or uncancelled. */
export async function applyPendingMeetingLinks(services: Services, limit = 20): Promise<number> {
  const pending = await services.store.find<MeetingLinkDoc>(C.meetings, {
    where: { applied: false },
    limit,
  });
  await applyMeetingLinks(
    services,
    pending.map((l) => l._id),
  );
  return pending.length;
}
