import {
  STUDIO_LIMITS,
  studios,
  type ConsultationStatus,
} from '../../../typings/contracts/studios';
import type { ParsedInputOf } from '../../../typings/contracts/contract';
import { command, handle, type ActionContext } from '../../kernel/action';
import { businessDate, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import type { TxOps, Where } from '../../store/port';
import {
  activeMembers,
  assertWorker,
  isWorker,
  mustConsultation,
  mustStudio,
  personOf,
  studiosOnce,
} from './access';
import { C, type ConsultationDoc, type MatterDoc, type OutcomeDoc } from './model';
import { arrivedMembers, dropMeeting } from './meeting';
import { scoreConsultation } from './points';
import { detailOf, meetingViewOf, summaryOf } from './views';

type SaveInput = ParsedInputOf<typeof studios.saveConsultation>;

/** After it was held: following up while an outcome is not carried out, else held. */
function heldState(outcomes: OutcomeDoc[]): ConsultationStatus {
  return outcomes.some((o) => !o.done) ? 'followingUp' : 'held';
}

/** Reminders already sent stand for outcomes whose deadline did not move. */
function stillReminded(before: ConsultationDoc | null, outcomes: OutcomeDoc[]) {
  const kept: Record<string, 'soon' | 'overdue'> = {};
  for (const [id, stage] of Object.entries(before?.reminded ?? {})) {
    const was = before!.outcomes.find((o) => o.id === id)?.deadline;
    if (outcomes.some((o) => o.id === id && o.deadline === was)) kept[id] = stage;
  }
  return kept;
}

function nextDeadline(outcomes: OutcomeDoc[]): string | null {
  const open = outcomes.filter((o) => !o.done && o.deadline).map((o) => o.deadline!);
  return open.length ? open.sort()[0]! : null;
}

async function load(ctx: ActionContext, consultationId: string) {
  const c = await mustConsultation(ctx.store, consultationId);
  const s = await mustStudio(ctx.store, c.studioId);
  return { c, s };
}

/** The log and its studio, for someone who keeps the studio's records. */
async function forWorker(ctx: ActionContext, consultationId: string) {
  const found = await load(ctx, consultationId);
  assertWorker(ctx, found.s);
  return found;
}

export const listConsultations = handle(studios.listConsultations, 'anyone', async (ctx, input) => {
  const where: Where = {};
  if (input.studioId) where.studioId = input.studioId;
  if (input.status) where.status = input.status;
  const found = await ctx.store.find<ConsultationDoc>(C.consultations, {
    where,
    orderBy: [['date', 'desc']],
    limit: 200,
  });
  const studioOf = studiosOnce(ctx.store);
  const visible: ConsultationDoc[] = [];
  for (const c of found) {
    const s = await studioOf(c.studioId);
    // Plans are the studio's own business; what was held is public.
    if (c.status !== 'planned' || isWorker(ctx, s)) visible.push(c);
  }
  const today = businessDate(ctx.clock.now());
  return visible.map((c) => summaryOf(c, today));
});

export const getConsultation = handle(
  studios.getConsultation,
  'anyone',
  async (ctx, { consultationId }) => {
    const { c, s } = await load(ctx, consultationId);
    if (c.status === 'planned' && !isWorker(ctx, s)) throw fail('STUDIO.CONSULTATION_NOT_FOUND');
    return detailOf(ctx, c, s);
  },
);

/** The outcomes as typed, keeping each kept one's follow-ups, state and id. */
function outcomesOf(ctx: ActionContext, input: SaveInput, before: OutcomeDoc[]): OutcomeDoc[] {
  return input.outcomes.map((o) => {
    const kept = o.id ? before.find((b) => b.id === o.id) : undefined;
    if (o.id && !kept) throw fail('STUDIO.OUTCOME_NOT_FOUND');
    return {
      id: kept?.id ?? ctx.ids.next('soc'),
      text: o.text,
      unit: o.unit,
      deadline: o.deadline,
      done: kept?.done ?? false,
      followUps: kept?.followUps ?? [],
    };
  });
}

/**
 * Matters taken into the log wait no longer (merged, the raiser told); matters taken out of it
 * wait again. Only the studio's own matters, pending or already in this log, can be listed.
 */
async function linkMatters(
  tx: TxOps,
  c: ConsultationDoc,
  before: string[],
  at: string,
): Promise<void> {
  for (const id of c.matterIds) {
    if (before.includes(id)) continue;
    const m = await tx.get<MatterDoc>(C.matters, id);
    if (!m || m.studioId !== c.studioId || m.status !== 'pending')
      throw fail('STUDIO.MATTER_INVALID');
    await tx.update(C.matters, id, {
      set: {
        status: 'merged',
        consultationId: c._id,
        progress: [...m.progress, { at, text: `已纳入协商议题“${c.topic}”` }],
        updatedAt: at,
      },
    });
  }
  for (const id of before) {
    if (c.matterIds.includes(id)) continue;
    await releaseMatter(tx, id, c._id, at, '不再纳入该协商议题，重新等待处理');
  }
}

async function releaseMatter(
  tx: TxOps,
  id: string,
  consultationId: string,
  at: string,
  text: string,
) {
  const m = await tx.get<MatterDoc>(C.matters, id);
  if (!m || m.consultationId !== consultationId) return;
  await tx.update(C.matters, id, {
    set: {
      status: 'pending',
      consultationId: null,
      progress: [...m.progress, { at, text }],
      updatedAt: at,
    },
  });
}

export const saveConsultation = command(studios.saveConsultation, 'member', async (ctx, input) => {
  const s = await mustStudio(ctx.store, input.studioId);
  assertWorker(ctx, s);
  const existing = input.consultationId
    ? await mustConsultation(ctx.store, input.consultationId)
    : null;
  if (existing && existing.studioId !== s._id) throw fail('STUDIO.CONSULTATION_NOT_FOUND');
  if (existing?.status === 'closed')
    throw fail('STUDIO.WRONG_STATE', '已办结的协商活动请先重新打开再修改');
  const [host] = await activeMembers(ctx.store, [input.hostMemberId], 'STUDIO.HOST_INVALID');
  const members = await activeMembers(
    ctx.store,
    input.memberIds.filter((id) => id !== input.hostMemberId),
    'STUDIO.MEMBER_INVALID',
  );
  const outcomes = outcomesOf(ctx, input, existing?.outcomes ?? []);
  const meeting = existing ? await meetingViewOf(ctx.store, existing) : null;
  if (
    meeting &&
    meeting.status !== 'cancelled' &&
    (input.date !== existing!.date || input.place !== existing!.place)
  )
    throw fail('STUDIO.WRONG_STATE', '已发布为会议，改期或更换地点请联系政协办公室调整会议');
  const at = iso(ctx.clock.now());
  const id = existing?._id ?? ctx.ids.next('scn');
  await once(ctx, async (tx) => {
    const before = await tx.get<ConsultationDoc>(C.consultations, id);
    if (before && input.version !== undefined && before.version !== input.version)
      throw fail('STORE.CONFLICT', '协商活动记录已被他人修改，请刷新后重试');
    const status = !before || before.status === 'planned' ? 'planned' : heldState(outcomes);
    const after: ConsultationDoc = {
      _id: id,
      studioId: s._id,
      studioName: s.name,
      topic: input.topic,
      source: input.source,
      sourceNote: input.sourceNote,
      date: input.date,
      place: input.place,
      hostMemberId: host!._id,
      hostName: host!.name,
      minuteTaker: input.minuteTaker,
      members: members.map(personOf),
      residents: input.residents,
      officials: input.officials,
      experts: input.experts,
      issues: input.issues,
      outcomes,
      feedback: before?.feedback ?? '',
      photos: input.photos,
      signInSheet: input.signInSheet,
      matterIds: [...new Set(input.matterIds)],
      status,
      nextDeadline: nextDeadline(outcomes),
      reminded: stillReminded(before, outcomes),
      meetingId: before?.meetingId ?? null,
      meetingRound: before?.meetingRound ?? 0,
      createdAt: before?.createdAt ?? at,
      updatedAt: at,
      version: (before?.version ?? 0) + 1,
    };
    if (before) await tx.update(C.consultations, id, { set: withoutId(after) });
    else await tx.insert<ConsultationDoc>(C.consultations, after);
    await linkMatters(tx, after, before?.matterIds ?? [], at);
    await scoreConsultation(tx, ctx, before, after);
  });
  const { c } = await load(ctx, id);
  return detailOf(ctx, c, s);
});

/** One state change of a log, checked against the version the page showed. */
async function change(
  ctx: ActionContext,
  consultationId: string,
  version: number | null,
  next: (c: ConsultationDoc, at: string) => Partial<ConsultationDoc>,
  after?: (tx: TxOps, c: ConsultationDoc, at: string) => Promise<void>,
) {
  const { s } = await forWorker(ctx, consultationId);
  const at = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const before = (await tx.get<ConsultationDoc>(C.consultations, consultationId))!;
    if (version !== null && before.version !== version)
      throw fail('STORE.CONFLICT', '协商活动记录已被他人修改，请刷新后重试');
    const updated = { ...before, ...next(before, at), updatedAt: at, version: before.version + 1 };
    updated.nextDeadline = nextDeadline(updated.outcomes);
    await tx.update(C.consultations, consultationId, { set: withoutId(updated) });
    await scoreConsultation(tx, ctx, before, updated);
    await after?.(tx, updated, at);
  });
  const { c } = await load(ctx, consultationId);
  return detailOf(ctx, c, s);
}

function withoutId({ _id: _, ...fields }: ConsultationDoc): Omit<ConsultationDoc, '_id'> {
  return fields;
}

function requireStatus(c: ConsultationDoc, ...allowed: ConsultationStatus[]): void {
  if (!allowed.includes(c.status)) throw fail('STUDIO.WRONG_STATE');
}

/** Held: the members who checked in at its meeting (if it was published as one) join the log. */
export const holdConsultation = command(studios.holdConsultation, 'member', async (ctx, input) => {
  const arrived = await arrivedMembers(
    ctx.store,
    await mustConsultation(ctx.store, input.consultationId),
  );
  return change(ctx, input.consultationId, input.version, (c, at) => {
    requireStatus(c, 'planned');
    if (c.date > businessDate(at))
      throw fail('STUDIO.WRONG_STATE', '协商活动尚未到召开日期，召开后再登记');
    const listed = new Set(c.members.map((m) => m.id));
    const members = [...c.members, ...arrived.filter((m) => !listed.has(m.id))];
    return { status: heldState(c.outcomes), members: members.slice(0, STUDIO_LIMITS.members) };
  });
});

export const addFollowUp = command(studios.addFollowUp, 'member', (ctx, input) =>
  change(ctx, input.consultationId, null, (c, at) => {
    requireStatus(c, 'held', 'followingUp');
    if (!c.outcomes.some((o) => o.id === input.outcomeId)) throw fail('STUDIO.OUTCOME_NOT_FOUND');
    const byName = ctx.caller.member!.name;
    const outcomes = c.outcomes.map((o) =>
      o.id === input.outcomeId
        ? {
            ...o,
            done: o.done || input.done,
            followUps: [...o.followUps, { at, text: input.text, byName }],
          }
        : o,
    );
    return { outcomes, status: heldState(outcomes) };
  }),
);

export const closeConsultation = command(studios.closeConsultation, 'member', (ctx, input) =>
  change(
    ctx,
    input.consultationId,
    input.version,
    (c) => {
      requireStatus(c, 'held', 'followingUp');
      return { status: 'closed', feedback: input.feedback };
    },
    async (tx, c, at) => {
      // The residents whose matters it took up read what came of them.
      for (const id of c.matterIds) {
        const m = await tx.get<MatterDoc>(C.matters, id);
        if (!m || m.consultationId !== c._id) continue;
        await tx.update(C.matters, id, {
          set: {
            progress: [...m.progress, { at, text: `协商已办结：${input.feedback}` }],
            updatedAt: at,
          },
        });
      }
    },
  ),
);

export const reopenConsultation = command(studios.reopenConsultation, 'member', (ctx, input) =>
  change(ctx, input.consultationId, input.version, (c) => {
    requireStatus(c, 'closed');
    return { status: heldState(c.outcomes) };
  }),
);

export const deleteConsultation = command(
  studios.deleteConsultation,
  'member',
  async (ctx, { consultationId }) => {
    const c = await ctx.store.get<ConsultationDoc>(C.consultations, consultationId);
    if (!c) return { deleted: false };
    assertWorker(ctx, await mustStudio(ctx.store, c.studioId));
    const at = iso(ctx.clock.now());
    let deleted = false;
    await once(ctx, async (tx) => {
      const before = await tx.get<ConsultationDoc>(C.consultations, consultationId);
      if (!before) return;
      for (const id of before.matterIds)
        await releaseMatter(tx, id, before._id, at, '原协商活动已取消，重新等待处理');
      await scoreConsultation(tx, ctx, before, null);
      await dropMeeting(tx, ctx, before);
      await tx.remove(C.consultations, consultationId);
      deleted = true;
    });
    return { deleted };
  },
);
