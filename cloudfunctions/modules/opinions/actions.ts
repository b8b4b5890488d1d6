import type { DutyEventType } from '../../../typings/contracts/ledger';
import {
  ADOPTION_LEVEL_LABELS,
  ADOPTION_LEVELS,
  INSTRUCTION_LEVEL_LABELS,
  opinions,
  OPINION_STATUS_LABELS,
  type AdoptionLevel,
  type OpinionDetail,
  type OpinionSummary,
} from '../../../typings/contracts/opinions';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { findPage } from '../../kernel/paging';
import { recordDutyEvent } from '../ledger/ledger-port';
import type { TxOps } from '../../store/port';
import { once } from '../../kernel/once';
import { enqueue } from '../notify/outbox';
import { currentSettings } from '../settings';
import type { SettingsBody } from '../../../typings/contracts/settings';
import {
  opinionAllows,
  opinionCan,
  requireOpinionState,
  rolesOf,
  type GuardedOpinionAction,
} from './lifecycle';
import { opinionDraftId } from './linked-draft';
import { newOpinion, type OpinionDoc } from './model';

/** Autosave, as for proposals: one draft per device draft id; older revisions never win. */
export const saveDraft = command(opinions.saveDraft, 'member', async (ctx, input) => {
  const me = ctx.caller.member!;
  assertMember(ctx);
  const id = opinionDraftId(me._id, input.clientDraftId);
  const now = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const existing = await tx.get<OpinionDoc>('opinions', id);
    if (existing) {
      requireOpinionState('edit', existing.status);
      if (existing.revision >= input.revision) return;
      await tx.update('opinions', id, {
        set: { title: input.title, body: input.body, revision: input.revision, updatedAt: now },
        inc: { version: 1 },
      });
      return;
    }
    await tx.insert(
      'opinions',
      newOpinion({
        _id: id,
        year: businessYear(now),
        authorId: me._id,
        authorName: me.name,
        title: input.title,
        body: input.body,
        createdAt: now,
        clientDraftId: input.clientDraftId,
        revision: input.revision,
      }),
    );
  });
  return detail(ctx, await mustGet(ctx, id));
});

/** Submits a draft to the office; submitting again returns it unchanged. Scores `opinion.submitted`. */
export const submit = command(opinions.submit, 'member', async (ctx, { opinionId }) => {
  const o = await mustGet(ctx, opinionId);
  if (o.authorId !== ctx.caller.member!._id) throw fail('OPINION.NOT_FOUND');
  assertMember(ctx);
  if (opinionAllows('submit', o.status)) {
    const settings = await currentSettings(ctx.store);
    assertSubmittable(o, settings.body.opinions);
    const submittedAt = iso(ctx.clock.now());
    await step(
      ctx,
      opinionId,
      o.version,
      () => ({
        set: { status: 'submitted', submittedAt, settingsVersion: settings.version },
        action: '报送社情民意信息',
        note: null,
        points: { event: 'opinion.submitted', stage: 'submitted' },
      }),
      false,
    );
  }
  return detail(ctx, await mustGet(ctx, opinionId));
});

/** The committee's minimum and maximum lengths for a report (settings). */
function assertSubmittable(o: OpinionDoc, rules: SettingsBody['opinions']): void {
  if (o.title.length < rules.titleMin || o.body.length < rules.bodyMin)
    throw fail(
      'OPINION.INCOMPLETE',
      `请填写标题（至少 ${rules.titleMin} 字）和正文（至少 ${rules.bodyMin} 字）后再报送`,
    );
  if (o.title.length > rules.titleMax || o.body.length > rules.bodyMax)
    throw fail(
      'OPINION.TOO_LONG',
      `标题不能超过 ${rules.titleMax} 字，正文不能超过 ${rules.bodyMax} 字`,
    );
}

/** The author's own report, or any report for staff. Others see nothing. */
export const get = handle(opinions.get, 'member', async (ctx, { opinionId }) =>
  detail(ctx, await readable(ctx, opinionId)),
);

export const listMine = handle(opinions.listMine, 'member', async (ctx, input) =>
  findPage<OpinionDoc, OpinionSummary>(
    ctx.store,
    'opinions',
    {
      where: { authorId: ctx.caller.member!._id },
      orderBy: [['updatedAt', 'desc']],
      page: input.page,
      pageSize: input.pageSize,
    },
    summary,
  ),
);

export const reviewQueue = handle(opinions.reviewQueue, STAFF, async (ctx, input) =>
  findPage<OpinionDoc, OpinionSummary>(
    ctx.store,
    'opinions',
    {
      where: { status: input.status },
      orderBy: [['submittedAt', 'asc']],
      page: input.page,
      pageSize: input.pageSize,
    },
    summary,
  ),
);

/** Staff edit the text for publication; the author's original is kept. */
export const edit = command(
  opinions.edit,
  STAFF,
  async (ctx, { opinionId, version, title, body, note }) => {
    const o = await mustGet(ctx, opinionId);
    requireOpinionState('review', o.status);
    await step(ctx, opinionId, version, (fresh) => ({
      set: { title, body, originalBody: fresh.originalBody ?? fresh.body },
      action: '编辑修改',
      note: note ?? null,
    }));
    return detail(ctx, await mustGet(ctx, opinionId));
  },
);

/** Adopted into a numbered issue of the committee's 《社情民意》; the author is told. */
export const adopt = command(opinions.adopt, STAFF, async (ctx, { opinionId, version, issue }) => {
  await mustGet(ctx, opinionId);
  await step(ctx, opinionId, version, () => ({
    requires: 'review',
    set: { status: 'adopted', issue },
    action: `采用，编入《社情民意》${issue}`,
    note: null,
    tell: `您报送的信息已被采用，编入《社情民意》${issue}。`,
    points: { event: 'opinion.adopted.committee', stage: 'adopted' },
  }));
  return detail(ctx, await mustGet(ctx, opinionId));
});

/** Not adopted, with the reason the author reads. */
export const decline = command(
  opinions.decline,
  STAFF,
  async (ctx, { opinionId, version, reason }) => {
    await mustGet(ctx, opinionId);
    await step(ctx, opinionId, version, () => ({
      requires: 'review',
      set: { status: 'declined', declineReason: reason },
      action: '未采用',
      note: reason,
      tell: `您报送的信息未被采用。说明：${reason}`,
    }));
    return detail(ctx, await mustGet(ctx, opinionId));
  },
);

/** Sent up to a higher body, and whether it adopted it (points by the highest level reached). */
export const forward = command(
  opinions.forward,
  STAFF,
  async (ctx, { opinionId, level, adopted }) => {
    const o = await mustGet(ctx, opinionId);
    requireOpinionState('forward', o.status);
    const now = iso(ctx.clock.now());
    const label = ADOPTION_LEVEL_LABELS[level];
    await step(ctx, opinionId, o.version, (fresh) => ({
      set: {
        forwards: [
          ...fresh.forwards.filter((f) => f.level !== level),
          { level, at: now, adopted, by: ctx.caller.member!.name },
        ],
      },
      action: adopted ? `被${label}采用` : `报送${label}`,
      note: null,
      tell: adopted ? `您的信息已被${label}采用。` : undefined,
      points: adopted
        ? { event: `opinion.adopted.${level}`, stage: `adopted.${level}` }
        : undefined,
    }));
    return detail(ctx, await mustGet(ctx, opinionId));
  },
);

/** A leader's written instruction on the report (who, at what level, what). */
export const recordInstruction = command(
  opinions.recordInstruction,
  STAFF,
  async (ctx, { opinionId, level, leader, text }) => {
    const o = await mustGet(ctx, opinionId);
    requireOpinionState('instruct', o.status);
    const now = iso(ctx.clock.now());
    await step(ctx, opinionId, o.version, (fresh) => ({
      set: { instructions: [...fresh.instructions, { level, leader, text, at: now }] },
      action: `获${INSTRUCTION_LEVEL_LABELS[level]}批示（${leader}）`,
      note: text,
      tell: `您的信息获${INSTRUCTION_LEVEL_LABELS[level]}批示。`,
      points: { event: `opinion.instruction.${level}`, stage: `instruction.${level}` },
    }));
    return detail(ctx, await mustGet(ctx, opinionId));
  },
);

/** Feedback to the author (what came of it). */
export const feedback = command(opinions.feedback, STAFF, async (ctx, { opinionId, text }) => {
  const o = await mustGet(ctx, opinionId);
  requireOpinionState('feedback', o.status);
  const now = iso(ctx.clock.now());
  await step(ctx, opinionId, o.version, (fresh) => ({
    set: { feedback: [...fresh.feedback, { text, at: now, by: ctx.caller.member!.name }] },
    action: '反馈办理情况',
    note: text,
    tell: text,
  }));
  return detail(ctx, await mustGet(ctx, opinionId));
});

type Step = {
  set: Record<string, unknown>;
  action: string;
  note: string | null;
  tell?: string;
  /** The action whose states the step starts from (checked in its transaction). */
  requires?: GuardedOpinionAction;
  /** The author's duty event for this step, recorded with it. */
  points?: { event: DutyEventType; stage: string };
};

/**
 * One change at the version read, with timeline, audit (staff), a message to the author and
 * the duty event, in one transaction; a retry after it committed replays it.
 */
async function step(
  ctx: ActionContext,
  opinionId: string,
  version: number,
  change: (fresh: OpinionDoc) => Step,
  audited = true,
): Promise<void> {
  const now = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const fresh = await tx.get<OpinionDoc>('opinions', opinionId);
    if (!fresh) throw fail('OPINION.NOT_FOUND');
    const c = change(fresh);
    // Checked on the fresh copy, before the version: a wrong state says so, and a retry after
    // the step committed replays it instead of failing here.
    if (c.requires) requireOpinionState(c.requires, fresh.status);
    if (fresh.version !== version)
      throw fail('STORE.CONFLICT', '该信息已被他人处理或修改，请刷新后重试');
    const timeline = [
      ...fresh.timeline,
      { at: now, action: c.action, actorName: ctx.caller.member!.name, note: c.note },
    ];
    await tx.update('opinions', opinionId, {
      set: { ...c.set, timeline, updatedAt: now },
      inc: { version: 1 },
    });
    if (c.points) await score(tx, ctx, { ...fresh, ...c.set } as OpinionDoc, c.points);
    if (c.tell) {
      await enqueue(tx, now, [
        {
          key: `opinion:${opinionId}:v${fresh.version}`,
          memberId: fresh.authorId,
          kind: 'opinion.update',
          title: `社情民意信息：${fresh.title}`,
          body: c.tell,
          link: `/pages/opinions/detail/index?id=${opinionId}`,
        },
      ]);
    }
    if (audited)
      await audit(tx, ctx, {
        targetType: 'opinion',
        targetId: opinionId,
        before: { status: fresh.status },
        after: { action: c.action, ...c.set },
        reason: c.note,
      });
  });
}

/** Only members write opinion reports and earn their points; the office enters none of its own. */
function assertMember(ctx: ActionContext): void {
  if (!ctx.caller.member!.roles.includes('member')) throw fail('OPINION.MEMBERS_ONLY');
}

async function score(
  tx: TxOps,
  ctx: ActionContext,
  o: OpinionDoc,
  { event, stage }: { event: DutyEventType; stage: string },
): Promise<void> {
  await recordDutyEvent(tx, ctx, {
    key: `opinion:${o._id}:${o.authorId}:${stage}`,
    event,
    memberId: o.authorId,
    occurredAt: o.submittedAt ?? o.updatedAt,
    source: { type: 'opinion', id: o._id, title: o.title },
    actor: { id: ctx.caller.member!._id, name: ctx.caller.member!.name },
  });
  // A studio consultation's outcome that became an adopted report scores once, at any level.
  if (event.startsWith('opinion.adopted') && o.origin)
    await recordDutyEvent(tx, ctx, {
      key: `opinion:${o._id}:${o.authorId}:studio.outcome.adopted`,
      event: 'studio.outcome.adopted',
      memberId: o.authorId,
      occurredAt: o.submittedAt ?? o.updatedAt,
      source: { type: 'consultation', id: o.origin.consultationId, title: o.origin.topic },
      actor: { id: ctx.caller.member!._id, name: ctx.caller.member!.name },
    });
}

async function mustGet(ctx: Pick<ActionContext, 'store'>, id: string): Promise<OpinionDoc> {
  const o = await ctx.store.get<OpinionDoc>('opinions', id);
  if (!o) throw fail('OPINION.NOT_FOUND');
  return o;
}

async function readable(ctx: ActionContext, id: string): Promise<OpinionDoc> {
  const o = await mustGet(ctx, id);
  const staff = ctx.caller.roles.has('staff') || ctx.caller.roles.has('admin');
  if (o.authorId === ctx.caller.member!._id || (staff && o.status !== 'draft')) return o;
  throw fail('OPINION.NOT_FOUND');
}

function summary(o: OpinionDoc): OpinionSummary {
  const adopted = o.forwards.filter((f) => f.adopted).map((f) => f.level);
  const levels: AdoptionLevel[] = o.status === 'adopted' ? ['committee', ...adopted] : [];
  const highest = ADOPTION_LEVELS.filter((l) => levels.includes(l)).pop() ?? null;
  return {
    id: o._id,
    title: o.title,
    status: o.status,
    statusLabel: OPINION_STATUS_LABELS[o.status],
    authorName: o.authorName,
    submittedAt: o.submittedAt,
    issue: o.issue,
    highestLevel: highest,
  };
}

function detail(ctx: ActionContext, o: OpinionDoc): OpinionDetail {
  const roles = rolesOf(o, ctx.caller);
  const mine = roles.has('author');
  return {
    ...summary(o),
    authorId: o.authorId,
    body: o.body,
    originalBody: o.originalBody,
    fromProposalId: o.fromProposalId,
    declineReason: o.declineReason,
    forwards: o.forwards,
    instructions: o.instructions,
    feedback: o.feedback,
    timeline: o.timeline,
    clientDraftId: mine ? o.clientDraftId : null,
    revision: mine ? o.revision : 0,
    settingsVersion: o.settingsVersion ?? null,
    version: o.version,
    can: {
      edit: opinionCan('edit', o, roles),
      submit: opinionCan('submit', o, roles),
      review: opinionCan('review', o, roles),
    },
  };
}
