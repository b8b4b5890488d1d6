import { proposals } from '../../../typings/contracts/proposals';
import type { SettingsBody } from '../../../typings/contracts/settings';
import { command, handle, type ActionContext } from '../../kernel/action';
import { once } from '../../kernel/once';
import { addDays, iso } from '../../kernel/clock';
import { authorFor, entryConfirmer, entryNote } from '../../kernel/entry';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { findPage } from '../../kernel/paging';
import type { TxOps, Where } from '../../store/port';
import { enqueue } from '../notify/outbox';
import { assertCanRead, mustGet } from './access';
import { recordProposalEvents, recordSubmissionWithdrawn } from './ledger';
import { proposalAllows, requireProposalState } from './lifecycle';
import { currentSettings, inPlenaryWindow } from '../settings';
import { newProposalDraft, type CoSigner, type ProposalDoc } from './model';
import { proposalDraftId } from './linked-draft';
import { withSearchTerms } from './search-fields';
import { loadDetail } from './queries';
import { toSummary } from './views';

/**
 * Saves a draft as the member types (autosave). The draft's id comes from the device's draft
 * id, so a save retried after a lost network never creates a second draft, and an older
 * revision arriving late never overwrites a newer one. Once submitted it is no longer editable.
 */
export const saveDraft = command(proposals.saveDraft, 'member', async (ctx, input) => {
  const lead = await leadFor(ctx, input.onBehalfOf);
  const author = ctx.caller.member!._id;
  const id = proposalDraftId(author, input.clientDraftId);
  const coSigners = await coSignersFor(ctx, lead, input.coSignerIds);
  const now = iso(ctx.clock.now());
  const fields = {
    title: input.title,
    category: input.category,
    cause: input.cause,
    suggestion: input.suggestion,
    attachments: input.attachments,
    collective: input.collective,
    coSigners,
    revision: input.revision,
    updatedAt: now,
  };
  await once(ctx, async (tx) => {
    const existing = await tx.get<ProposalDoc>('proposals', id);
    if (existing) {
      requireProposalState('edit', existing.status);
      if (existing.revision >= input.revision) return;
      await tx.update('proposals', id, {
        set: { ...fields, ...withSearchTerms(existing, fields) },
        inc: { version: 1 },
      });
      return;
    }
    await tx.insert<ProposalDoc>(
      'proposals',
      newProposalDraft({
        _id: id,
        clientDraftId: input.clientDraftId,
        leadId: lead._id,
        leadName: lead.name,
        leadSector: lead.sector,
        submittedByStaff: lead._id === author ? null : author,
        createdAt: now,
        ...fields,
      }),
    );
  });
  return loadDetail(ctx, id);
});

export const deleteDraft = command(proposals.deleteDraft, 'member', async (ctx, { proposalId }) => {
  const p = await ctx.store.get<ProposalDoc>('proposals', proposalId);
  if (!p) return { deleted: false };
  assertAuthor(ctx, p);
  requireProposalState('delete', p.status);
  return { deleted: await ctx.store.remove('proposals', proposalId) };
});

/**
 * Submits a complete draft. With co-signers it waits for their confirmation (they are told);
 * otherwise it goes to the review queue. Submitting again (a retry) returns it unchanged.
 */
export const submit = command(proposals.submit, 'member', async (ctx, { proposalId }) => {
  const p = await mustGet(ctx, proposalId);
  assertAuthor(ctx, p);
  const settings = await currentSettings(ctx.store);
  if (proposalAllows('submit', p.status)) assertSubmittable(p, settings.body.proposals);
  const now = iso(ctx.clock.now());
  // One transaction: the status, the co-sign invitations and (without co-signers) the duty
  // event. A retry after it committed replays it and answers the same.
  await once(ctx, async (tx) => {
    const fresh = await tx.get<ProposalDoc>('proposals', proposalId);
    if (!fresh || !proposalAllows('submit', fresh.status)) return false;
    if (!fresh.submittedByStaff) {
      await intoReview(tx, ctx, fresh, settings, { action: '提交提案', note: null });
      return true;
    }
    // 代录: entered by staff from the member's paper; it waits for the member to confirm.
    await tx.update('proposals', proposalId, {
      set: {
        status: 'confirming',
        updatedAt: now,
        timeline: [
          ...fresh.timeline,
          {
            at: now,
            action: '工作人员代录，待委员确认',
            actorName: ctx.caller.member!.name,
            note: null,
          },
        ],
      },
      inc: { version: 1 },
    });
    await enqueue(tx, now, [
      {
        key: `proposal.entry:${proposalId}`,
        memberId: fresh.leadId,
        kind: 'proposal.entry',
        title: `请确认代录的提案：${fresh.title}`,
        body: `${ctx.caller.member!.name}根据您提交的材料代录了这件提案，请核对后确认提交，或说明原因退回。`,
        link: `/pages/proposals/detail/index?id=${proposalId}`,
      },
    ]);
    return true;
  });
  return loadDetail(ctx, proposalId);
});

/**
 * What submitting does once the proposer stands behind it: co-signers invited (the review queue
 * once they answer), or straight into the review queue with its duty event.
 */
async function intoReview(
  tx: TxOps,
  ctx: ActionContext,
  fresh: ProposalDoc,
  settings: Awaited<ReturnType<typeof currentSettings>>,
  step: { action: string; note: string | null },
): Promise<void> {
  const rules = settings.body.proposals;
  const now = ctx.clock.now();
  const cosigning = fresh.coSigners.length > 0;
  const status: ProposalDoc['status'] = cosigning ? 'cosigning' : 'submitted';
  const set = {
    status,
    submittedAt: iso(now),
    plenary: inPlenaryWindow(settings.body, now),
    settingsVersion: settings.version,
    coSignDeadline: cosigning ? iso(addDays(now, rules.coSignDays)) : null,
    coSigners: fresh.coSigners.map((c) => ({
      ...c,
      status: 'invited' as const,
      respondedAt: null,
    })),
    updatedAt: iso(now),
  };
  await tx.update('proposals', fresh._id, {
    set: {
      ...set,
      timeline: [
        ...fresh.timeline,
        { at: iso(now), action: step.action, actorName: ctx.caller.member!.name, note: step.note },
      ],
    },
    inc: { version: 1 },
  });
  await enqueue(
    tx,
    iso(now),
    fresh.coSigners.map((c) => ({
      key: `proposal.cosign:${fresh._id}`,
      memberId: c.memberId,
      kind: 'proposal.cosign',
      title: `联名邀请：${fresh.title}`,
      body: `${fresh.leadName}邀请您联名提案，请于 ${rules.coSignDays} 天内确认。`,
      link: `/pages/proposals/detail/index?id=${fresh._id}`,
    })),
  );
  if (status === 'submitted')
    await recordProposalEvents(tx, ctx, { ...fresh, ...set }, 'submitted');
}

/**
 * 代录 confirmed: by the member, it goes on as their submission; sent back with a reason, it
 * returns to the office as a draft. The office confirms for a member without a phone, saying
 * how the member agreed (a note is then required).
 */
export const confirmEntry = command(proposals.confirmEntry, 'member', async (ctx, input) => {
  const p = await mustGet(ctx, input.proposalId);
  assertCanRead(ctx, p);
  const me = ctx.caller.member!;
  const by = entryConfirmer(ctx, p.leadId, () => fail('PROPOSAL.NOT_FOUND'));
  const lead = by === 'member';
  requireProposalState('confirmEntry', p.status);
  const note = entryNote(by, input, (m) => fail('PROPOSAL.WRONG_STATE', m));
  const settings = await currentSettings(ctx.store);
  if (input.accept) assertSubmittable(p, settings.body.proposals);
  const now = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const fresh = await tx.get<ProposalDoc>('proposals', input.proposalId);
    if (fresh?.status !== 'confirming') throw fail('PROPOSAL.WRONG_STATE');
    if (input.accept) {
      await intoReview(tx, ctx, fresh, settings, {
        action: lead ? '委员确认代录的提案' : '工作人员代委员确认',
        note,
      });
      return;
    }
    await tx.update('proposals', fresh._id, {
      set: {
        status: 'draft',
        updatedAt: now,
        timeline: [
          ...fresh.timeline,
          { at: now, action: '委员退回代录', actorName: me.name, note },
        ],
      },
      inc: { version: 1 },
    });
    if (fresh.submittedByStaff)
      await enqueue(tx, now, [
        {
          key: `proposal.entryReturned:${fresh._id}:${fresh.version}`,
          memberId: fresh.submittedByStaff,
          kind: 'proposal.entryReturned',
          title: `委员退回了代录的提案：${fresh.title}`,
          body: `${me.name}：${note}`,
          link: `/pages/proposals/edit/index?id=${fresh._id}`,
        },
      ]);
  });
  return loadDetail(ctx, input.proposalId);
});

/** The lead takes a proposal back before review. */
export const withdraw = command(
  proposals.withdraw,
  'member',
  async (ctx, { proposalId, reason }) => {
    const p = await mustGet(ctx, proposalId);
    assertAuthor(ctx, p);
    requireProposalState('withdraw', p.status);
    const now = iso(ctx.clock.now());
    await once(ctx, async (tx) => {
      const fresh = await tx.get<ProposalDoc>('proposals', proposalId);
      if (fresh?.version !== p.version) throw fail('STORE.CONFLICT');
      await tx.update('proposals', proposalId, {
        set: {
          status: 'draft',
          submittedAt: null,
          coSignDeadline: null,
          updatedAt: now,
          timeline: [
            ...fresh.timeline,
            { at: now, action: '撤回提案', actorName: ctx.caller.member!.name, note: reason },
          ],
        },
        inc: { version: 1 },
      });
      if (fresh.status === 'submitted')
        await recordSubmissionWithdrawn(tx, ctx, fresh, '提案已撤回');
    });
    return loadDetail(ctx, proposalId);
  },
);

export const get = handle(proposals.get, 'member', async (ctx, { proposalId }) => {
  const p = await mustGet(ctx, proposalId);
  assertCanRead(ctx, p);
  return loadDetail(ctx, proposalId);
});

/** The caller's own proposals: drafts, active (in co-signing, review or handling), closed. */
export const listMine = handle(proposals.listMine, 'member', async (ctx, input) => {
  const where: Where = { leadId: ctx.caller.member!._id };
  if (input.status === 'draft') where.status = 'draft';
  if (input.status === 'active') {
    where.status = { $ne: 'draft' };
    where.done = { $ne: true };
  }
  if (input.status === 'closed') where.done = true;
  return findPage<ProposalDoc, ReturnType<typeof toSummary>>(
    ctx.store,
    'proposals',
    { where, orderBy: [['updatedAt', 'desc']], page: input.page, pageSize: input.pageSize },
    toSummary,
  );
});

function assertAuthor(ctx: ActionContext, p: ProposalDoc): void {
  const me = ctx.caller.member!._id;
  if (p.leadId !== me && p.submittedByStaff !== me) throw fail('PROPOSAL.NOT_FOUND');
}

function leadFor(ctx: ActionContext, onBehalfOf: string | undefined): Promise<MemberDoc> {
  return authorFor(ctx, onBehalfOf, () =>
    fail('AUTH.FORBIDDEN', '机关工作人员请以“代为提交”的方式为委员撰写提案'),
  );
}

async function coSignersFor(
  ctx: ActionContext,
  lead: MemberDoc,
  ids: string[],
): Promise<CoSigner[]> {
  const unique = [...new Set(ids)];
  if (unique.includes(lead._id)) throw fail('PROPOSAL.COSIGNER_INVALID');
  if (unique.length === 0) return [];
  const found = await ctx.store.find<MemberDoc>('members', {
    where: { _id: { $in: unique }, active: true, roles: { $contains: 'member' } },
  });
  if (found.length !== unique.length) throw fail('PROPOSAL.COSIGNER_INVALID');
  const byId = new Map(found.map((m) => [m._id, m]));
  return unique.map((id) => ({
    memberId: id,
    name: byId.get(id)!.name,
    sector: byId.get(id)!.sector,
    status: 'invited',
    respondedAt: null,
  }));
}

/** The committee's rules for a submission (settings): minimum and maximum lengths, categories. */
function assertSubmittable(p: ProposalDoc, rules: SettingsBody['proposals']): void {
  const missing = [
    p.title.length < rules.titleMin && 'title',
    p.cause.length < rules.causeMin && 'cause',
    p.suggestion.length < rules.suggestionMin && 'suggestion',
  ].filter(Boolean);
  if (missing.length)
    throw fail(
      'PROPOSAL.INCOMPLETE',
      `请填写标题（至少 ${rules.titleMin} 字）、案由（至少 ${rules.causeMin} 字）和建议（至少 ${rules.suggestionMin} 字）后再提交`,
      { fields: missing },
    );
  if (p.title.length > rules.titleMax || p.cause.length + p.suggestion.length > rules.bodyMax)
    throw fail(
      'PROPOSAL.TOO_LONG',
      `标题不能超过 ${rules.titleMax} 字，案由和建议合计不能超过 ${rules.bodyMax} 字`,
      { titleMax: rules.titleMax, bodyMax: rules.bodyMax },
    );
  if (!rules.categories.includes(p.category))
    throw fail('PROPOSAL.CATEGORY_INVALID', undefined, { categories: rules.categories });
}
