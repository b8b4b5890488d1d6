import { createHash } from 'node:crypto';
import { proposals } from '../../../typings/contracts/proposals';
import { command, handle, type ActionContext } from '../../kernel/action';
import { addDays, businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import { enqueue } from '../notify/outbox';
import { assertCanRead, isStaff, mustGet } from './access';
import { postProposalEvents } from './ledger';
import { confirmedCoSigners, COSIGN_DAYS, type CoSigner, type ProposalDoc } from './model';
import { retractDutyEvent } from '../ledger/ledger-port';
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
  const id = `pp_${createHash('sha256').update(`${author}|${input.clientDraftId}`).digest('hex').slice(0, 24)}`;
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
  await ctx.store.transaction(async (tx) => {
    const existing = await tx.get<ProposalDoc>('proposals', id);
    if (existing) {
      if (existing.status !== 'draft') throw fail('PROPOSAL.NOT_EDITABLE');
      if (existing.revision >= input.revision) return;
      await tx.update('proposals', id, { set: fields, inc: { version: 1 } });
      return;
    }
    await tx.insert<ProposalDoc>('proposals', {
      _id: id,
      year: businessYear(now),
      status: 'draft',
      clientDraftId: input.clientDraftId,
      leadId: lead._id,
      leadName: lead.name,
      leadSector: lead.sector,
      submittedByStaff: lead._id === author ? null : author,
      coSignDeadline: null,
      number: null,
      plenary: false,
      submittedAt: null,
      reviewReason: null,
      mergedInto: null,
      mergedFrom: [],
      convertedTo: null,
      ledgerKeys: [],
      handling: null,
      timeline: [],
      createdAt: now,
      version: 1,
      ...fields,
    });
  });
  return loadDetail(ctx, id);
});

export const deleteDraft = command(proposals.deleteDraft, 'member', async (ctx, { proposalId }) => {
  const p = await ctx.store.get<ProposalDoc>('proposals', proposalId);
  if (!p) return { deleted: false };
  assertAuthor(ctx, p);
  if (p.status !== 'draft') throw fail('PROPOSAL.NOT_EDITABLE');
  return { deleted: await ctx.store.remove('proposals', proposalId) };
});

/**
 * Submits a complete draft. With co-signers it waits for their confirmation (they are told);
 * otherwise it goes to the review queue. Submitting again (a retry) returns it unchanged.
 */
export const submit = command(proposals.submit, 'member', async (ctx, { proposalId }) => {
  const p = await mustGet(ctx, proposalId);
  assertAuthor(ctx, p);
  if (p.status !== 'draft') return loadDetail(ctx, proposalId);
  const missing = [
    p.title.length < 5 && 'title',
    p.cause.length < 20 && 'cause',
    p.suggestion.length < 20 && 'suggestion',
  ].filter(Boolean);
  if (missing.length)
    throw fail(
      'PROPOSAL.INCOMPLETE',
      '请填写标题（至少 5 字）、案由和建议（各至少 20 字）后再提交',
      { fields: missing },
    );
  const now = ctx.clock.now();
  const cosigning = p.coSigners.length > 0;
  const status = cosigning ? 'cosigning' : 'submitted';
  const plenary = await isPlenary(ctx, now);
  const submitted = await ctx.store.transaction(async (tx) => {
    const fresh = await tx.get<ProposalDoc>('proposals', proposalId);
    if (fresh?.status !== 'draft') return false;
    await tx.update('proposals', proposalId, {
      set: {
        status,
        submittedAt: iso(now),
        plenary,
        coSignDeadline: cosigning ? iso(addDays(now, COSIGN_DAYS)) : null,
        coSigners: fresh.coSigners.map((c) => ({ ...c, status: 'invited', respondedAt: null })),
        updatedAt: iso(now),
        timeline: [
          ...fresh.timeline,
          {
            at: iso(now),
            action: fresh.submittedByStaff ? '工作人员代为提交' : '提交提案',
            actorName: ctx.caller.member!.name,
            note: null,
          },
        ],
      },
      inc: { version: 1 },
    });
    await enqueue(
      tx,
      iso(now),
      fresh.coSigners.map((c) => ({
        key: `proposal.cosign:${proposalId}`,
        memberId: c.memberId,
        kind: 'proposal.cosign',
        title: `联名邀请：${fresh.title}`,
        body: `${fresh.leadName}邀请您联名提案，请于 ${COSIGN_DAYS} 天内确认。`,
        link: `/pages/proposals/detail/index?id=${proposalId}`,
      })),
    );
    return true;
  });
  if (submitted && status === 'submitted')
    await postProposalEvents(ctx, await mustGet(ctx, proposalId), 'submitted');
  return loadDetail(ctx, proposalId);
});

/** The lead takes a proposal back before review. */
export const withdraw = command(
  proposals.withdraw,
  'member',
  async (ctx, { proposalId, reason }) => {
    const p = await mustGet(ctx, proposalId);
    assertAuthor(ctx, p);
    if (p.status !== 'cosigning' && p.status !== 'submitted') throw fail('PROPOSAL.WRONG_STATE');
    const now = iso(ctx.clock.now());
    const ok = await ctx.store.update(
      'proposals',
      proposalId,
      {
        set: {
          status: 'draft',
          submittedAt: null,
          coSignDeadline: null,
          updatedAt: now,
          timeline: [
            ...p.timeline,
            { at: now, action: '撤回提案', actorName: ctx.caller.member!.name, note: reason },
          ],
        },
        inc: { version: 1 },
      },
      { if: { version: p.version } },
    );
    if (!ok) throw fail('STORE.CONFLICT');
    if (p.status === 'submitted') {
      const actor = { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
      for (const memberId of [p.leadId, ...confirmedCoSigners(p).map((c) => c.memberId)]) {
        const key = `proposal:${p._id}:${memberId}:proposal.submitted`;
        await retractDutyEvent(
          ctx,
          { key, memberId, year: businessYear(p.submittedAt!) },
          '提案已撤回',
          actor,
        );
      }
    }
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

async function leadFor(ctx: ActionContext, onBehalfOf: string | undefined): Promise<MemberDoc> {
  if (!onBehalfOf) {
    if (!ctx.caller.member!.roles.includes('member'))
      throw fail('AUTH.FORBIDDEN', '机关工作人员请以“代为提交”的方式为委员撰写提案');
    return ctx.caller.member!;
  }
  if (!isStaff(ctx)) throw fail('AUTH.FORBIDDEN');
  const lead = await ctx.store.get<MemberDoc>('members', onBehalfOf);
  if (!lead?.active || !lead.roles.includes('member')) throw fail('MEMBER.NOT_FOUND');
  return lead;
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

/** Proposals submitted in the window before the plenary (settings) are plenary proposals. */
async function isPlenary(ctx: ActionContext, now: Date): Promise<boolean> {
  const settings = await ctx.store.get<{ _id: string; plenaryStart?: string; plenaryEnd?: string }>(
    'settings',
    'proposals',
  );
  if (!settings?.plenaryStart || !settings.plenaryEnd) return false;
  const t = iso(now);
  return t >= settings.plenaryStart && t <= settings.plenaryEnd;
}
