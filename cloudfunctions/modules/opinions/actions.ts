import {
  INSTRUCTION_LEVEL_LABELS,
  ADOPTION_LEVEL_LABELS,
  opinions,
  type OpinionSummary,
} from '../../../typings/contracts/opinions';
import type { SettingsBody } from '../../../typings/contracts/settings';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { businessYear, iso } from '../../kernel/clock';
import { authorFor } from '../../kernel/entry';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { currentSettings } from '../settings';
import { opinionAllows, requireOpinionState } from './lifecycle';
import { opinionDraftId } from './linked-draft';
import { newOpinion, writerOf, type OpinionDoc } from './model';
import { searchOpinions, withOpinionSearchTerms } from './search';
import { step } from './step';
import { detail, mustGet, readable, summary } from './views';

/**
 * Autosave, as for proposals: one draft per device draft id; older revisions never win. Staff
 * entering a member's report from their paper (代录) name the member (`onBehalfOf`).
 */
export const saveDraft = command(opinions.saveDraft, 'member', async (ctx, input) => {
  const me = ctx.caller.member!;
  const author = await authorFor(ctx, input.onBehalfOf, () =>
    fail('OPINION.MEMBERS_ONLY', '机关工作人员请以“代委员录入”的方式为委员录入社情民意信息'),
  );
  const id = opinionDraftId(me._id, input.clientDraftId);
  const now = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const existing = await tx.get<OpinionDoc>('opinions', id);
    if (existing) {
      requireOpinionState('edit', existing.status);
      if (existing.revision >= input.revision) return;
      const set = { title: input.title, body: input.body, revision: input.revision };
      await tx.update('opinions', id, {
        set: { ...set, ...withOpinionSearchTerms(existing, set), updatedAt: now },
        inc: { version: 1 },
      });
      return;
    }
    await tx.insert(
      'opinions',
      newOpinion({
        _id: id,
        year: businessYear(now),
        authorId: author._id,
        authorName: author.name,
        enteredBy: author._id === me._id ? null : { id: me._id, name: me.name },
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

/**
 * Submits a draft to the office; submitting again returns it unchanged. Scores
 * `opinion.submitted`. A report staff entered for a member (代录) goes to the member to confirm
 * instead (opinions/entry.ts), and scores only once confirmed.
 */
export const submit = command(opinions.submit, 'member', async (ctx, { opinionId }) => {
  const o = await mustGet(ctx, opinionId);
  const me = ctx.caller.member!._id;
  if (o.authorId !== me && writerOf(o) !== me) throw fail('OPINION.NOT_FOUND');
  if (o.authorId === me) assertMember(ctx);
  if (opinionAllows('submit', o.status)) {
    // Only its writer sends a draft: one the office entered goes back through the office.
    if (writerOf(o) !== me)
      throw fail('OPINION.WRONG_STATE', '这篇信息由工作人员代录，请等工作人员修改后再确认');
    const settings = await currentSettings(ctx.store);
    assertSubmittable(o, settings.body.opinions);
    if (o.authorId !== me) await step(ctx, opinionId, o.version, () => toConfirming(o), false);
    else await step(ctx, opinionId, o.version, () => intoOffice(ctx, settings.version), false);
  }
  return detail(ctx, await mustGet(ctx, opinionId));
});

/** The step that sends a report to the office: submitted, under these settings, scored. */
export function intoOffice(
  ctx: ActionContext,
  settingsVersion: number,
  action = '报送社情民意信息',
  note: string | null = null,
) {
  return {
    set: { status: 'submitted', submittedAt: iso(ctx.clock.now()), settingsVersion },
    action,
    note,
    points: { event: 'opinion.submitted' as const, stage: 'submitted' },
  };
}

/** 代录 entered: it waits for the author, who is told to confirm it. */
function toConfirming(o: OpinionDoc) {
  return {
    set: { status: 'confirming' },
    action: '工作人员代录，待委员确认',
    note: null,
    tell: `${o.enteredBy!.name}根据您提交的材料代录了这篇社情民意信息，请核对后确认报送，或说明原因退回。`,
    tellTo: {
      memberId: o.authorId,
      kind: 'opinion.entry',
      title: `请确认代录的社情民意信息：${o.title}`,
      link: `/pages/opinions/detail/index?id=${o._id}`,
    },
  };
}

/** The committee's minimum and maximum lengths for a report (settings). */
export function assertSubmittable(o: OpinionDoc, rules: SettingsBody['opinions']): void {
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

/** The caller's reports, the latest first; with words, those answering them best first. */
export const listMine = handle(opinions.listMine, 'member', async (ctx, input) => {
  const where: Where = { authorId: ctx.caller.member!._id };
  if (input.keyword?.trim()) return searchOpinions(ctx.store, where, input.keyword, input, summary);
  return findPage<OpinionDoc, OpinionSummary>(
    ctx.store,
    'opinions',
    { where, orderBy: [['updatedAt', 'desc']], page: input.page, pageSize: input.pageSize },
    summary,
  );
});

/** The office's queue by status, the longest waiting first; with words, best first. */
export const reviewQueue = handle(opinions.reviewQueue, STAFF, async (ctx, input) => {
  const where: Where = { status: input.status };
  if (input.keyword?.trim()) return searchOpinions(ctx.store, where, input.keyword, input, summary);
  return findPage<OpinionDoc, OpinionSummary>(
    ctx.store,
    'opinions',
    {
      where,
      orderBy: [[input.status === 'confirming' ? 'updatedAt' : 'submittedAt', 'asc']],
      page: input.page,
      pageSize: input.pageSize,
    },
    summary,
  );
});

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

/** Only members write opinion reports and earn their points; the office enters none of its own. */
function assertMember(ctx: ActionContext): void {
  if (!ctx.caller.member!.roles.includes('member')) throw fail('OPINION.MEMBERS_ONLY');
}
