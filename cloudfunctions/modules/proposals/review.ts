import { proposals, type ProposalStatus } from '../../../typings/contracts/proposals';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { findPage } from '../../kernel/paging';
import type { TxOps } from '../../store/port';
import { recordDutyEvent } from '../ledger/ledger-port';
import { once } from '../../kernel/once';
import { newOpinion } from '../opinions/model';
import { enqueue, type Notification } from '../notify/outbox';
import { mustGet } from './access';
import { settleExpiredCoSigning } from './cosign';
import { recordProposalEvents } from './ledger';
import { requireProposalState } from './lifecycle';
import { confirmedCoSigners, type CounterDoc, type ProposalDoc } from './model';
import { loadDetail } from './queries';
import { similarityIndex } from './similarity';
import { proposalStep } from './step';
import { toSummary } from './views';

/** The review queue, oldest first, each with the most similar proposals to consider merging. */
export const reviewQueue = handle(proposals.reviewQueue, STAFF, async (ctx, input) => {
  await settleExpiredCoSigning(ctx);
  const page = await findPage<ProposalDoc, ProposalDoc>(
    ctx.store,
    'proposals',
    {
      where: { status: input.status },
      orderBy: [['submittedAt', 'asc']],
      page: input.page,
      pageSize: input.pageSize,
    },
    (p) => p,
  );
  const index = similarityIndex(ctx.store);
  const items = await Promise.all(
    page.items.map(async (p) => ({
      ...toSummary(p),
      similar: await index.search(p.title, `${p.cause}${p.suggestion}`, {
        excludeId: p._id,
        limit: 3,
        minScore: 0.3,
      }),
    })),
  );
  return { ...page, items };
});

/**
 * 立案: the proposal gets the next number of its year. The number and the status change in one
 * transaction with the counter, so concurrent acceptances never repeat or skip a number; a
 * reviewer working from a stale copy (`version`) gets STORE.CONFLICT.
 */
export const accept = command(proposals.accept, STAFF, async (ctx, { proposalId, version }) => {
  await decide(ctx, proposalId, version, async (fresh, now, tx) => {
    const counter = await tx.get<CounterDoc>('proposal_counters', String(fresh.year));
    const n = counter?.next ?? 1;
    if (counter) await tx.update('proposal_counters', counter._id, { set: { next: n + 1 } });
    else await tx.insert<CounterDoc>('proposal_counters', { _id: String(fresh.year), next: n + 1 });
    const number = `${fresh.year}-${String(n).padStart(4, '0')}`;
    return {
      status: 'accepted',
      set: { number },
      action: `立案（${number}）`,
      note: null,
      notice: `您的提案已立案，编号 ${number}。`,
      record: (t, after) => recordProposalEvents(t, ctx, after, 'accepted'),
    };
  });
  return loadDetail(ctx, proposalId);
});

/** 不予立案, with the reason the proposer reads. */
export const reject = command(
  proposals.reject,
  STAFF,
  async (ctx, { proposalId, version, reason }) => {
    await decide(ctx, proposalId, version, async () => ({
      status: 'rejected',
      set: { reviewReason: reason },
      action: '不予立案',
      note: reason,
      notice: `您的提案经审查不予立案。理由：${reason}`,
    }));
    return loadDetail(ctx, proposalId);
  },
);

/** Proposes turning it into an opinion report; it happens only with the proposer's consent. */
export const proposeConversion = command(
  proposals.proposeConversion,
  STAFF,
  async (ctx, { proposalId, version, reason }) => {
    await decide(ctx, proposalId, version, async () => ({
      status: 'converting',
      set: { reviewReason: reason },
      action: '建议转为社情民意信息',
      note: reason,
      notice: `经审查，建议将您的提案转为社情民意信息报送，请在小程序中确认是否同意。理由：${reason}`,
    }));
    return loadDetail(ctx, proposalId);
  },
);

/**
 * The proposer consents (the text carries over into a new opinion report, linked both ways) or
 * declines (back to the review queue).
 */
export const consentConversion = command(
  proposals.consentConversion,
  'member',
  async (ctx, { proposalId, consent }) => {
    const p = await mustGet(ctx, proposalId);
    if (p.leadId !== ctx.caller.member!._id) throw fail('PROPOSAL.NOT_FOUND');
    const now = iso(ctx.clock.now());
    const opinionId = `op_${p._id.slice(3)}`;
    await once(ctx, async (tx) => {
      const fresh = (await tx.get<ProposalDoc>('proposals', proposalId))!;
      requireProposalState('consentConvert', fresh.status);
      const timeline = [
        ...fresh.timeline,
        {
          at: now,
          action: consent ? '同意转为社情民意信息' : '不同意转为社情民意信息',
          actorName: ctx.caller.member!.name,
          note: null,
        },
      ];
      if (!consent) {
        await tx.update('proposals', proposalId, {
          set: { status: 'submitted', timeline, updatedAt: now },
          inc: { version: 1 },
        });
        return;
      }
      await tx.insert(
        'opinions',
        newOpinion({
          _id: opinionId,
          year: fresh.year,
          authorId: fresh.leadId,
          authorName: fresh.leadName,
          title: fresh.title,
          body: `${fresh.cause}\n\n${fresh.suggestion}`,
          createdAt: now,
          status: 'submitted',
          submittedAt: now,
          fromProposalId: fresh._id,
          timeline: [
            { at: now, action: '由提案转来', actorName: ctx.caller.member!.name, note: null },
          ],
        }),
      );
      await tx.update('proposals', proposalId, {
        set: { status: 'converted', done: true, convertedTo: opinionId, timeline, updatedAt: now },
        inc: { version: 1 },
      });
      await recordDutyEvent(tx, ctx, {
        key: `opinion:${opinionId}:${p.leadId}:submitted`,
        event: 'opinion.submitted',
        memberId: p.leadId,
        occurredAt: now,
        source: { type: 'opinion', id: opinionId, title: p.title },
        actor: { id: ctx.caller.member!._id, name: ctx.caller.member!.name },
      });
    });
    return loadDetail(ctx, proposalId);
  },
);

/**
 * 并案: proposals on the same issue are handled together with a target. The originals and all
 * their authors are kept and linked; each proposer is told, and still counts as accepted once
 * the target is.
 */
export const merge = command(
  proposals.merge,
  STAFF,
  async (ctx, { targetId, sourceIds, reason }) => {
    await mustGet(ctx, targetId);
    const sources = await Promise.all([...new Set(sourceIds)].map((id) => mustGet(ctx, id)));
    if (sources.some((s) => s._id === targetId)) throw fail('PROPOSAL.MERGE_INVALID');
    const now = iso(ctx.clock.now());
    const actorName = ctx.caller.member!.name;
    // The states are checked in the transaction, so a retry after it committed replays it.
    await once(ctx, async (tx) => {
      const freshTarget = (await tx.get<ProposalDoc>('proposals', targetId))!;
      requireProposalState('receiveMerge', freshTarget.status);
      const notes: Notification[] = [];
      for (const s of sources) {
        const fresh = (await tx.get<ProposalDoc>('proposals', s._id))!;
        requireProposalState('merge', fresh.status);
        // Merged into an accepted proposal, its authors count as accepted.
        if (freshTarget.status === 'accepted')
          await recordProposalEvents(tx, ctx, fresh, 'accepted');
        await tx.update('proposals', s._id, {
          set: {
            status: 'merged',
            done: true,
            mergedInto: targetId,
            reviewReason: reason,
            updatedAt: now,
            timeline: [
              ...fresh.timeline,
              { at: now, action: `并入「${freshTarget.title}」`, actorName, note: reason },
            ],
          },
          inc: { version: 1 },
        });
        notes.push(
          ...[fresh.leadId, ...confirmedCoSigners(fresh).map((c) => c.memberId)].map((memberId) =>
            outcomeNotice(
              fresh,
              memberId,
              `您的提案与「${freshTarget.title}」并案办理，将一并答复。`,
            ),
          ),
        );
      }
      await tx.update('proposals', targetId, {
        set: {
          mergedFrom: [...new Set([...freshTarget.mergedFrom, ...sources.map((s) => s._id)])],
          updatedAt: now,
          timeline: [
            ...freshTarget.timeline,
            { at: now, action: `并案：并入 ${sources.length} 件提案`, actorName, note: reason },
          ],
        },
        inc: { version: 1 },
      });
      await enqueue(tx, now, notes);
      await audit(tx, ctx, {
        targetType: 'proposal',
        targetId,
        before: null,
        after: { merged: sources.map((s) => s._id) },
        reason,
      });
    });
    return loadDetail(ctx, targetId);
  },
);

type Decision = {
  status: ProposalStatus;
  set: Record<string, unknown>;
  action: string;
  note: string | null;
  notice: string;
  /** Duty events of the decision, recorded with it. */
  record?: (tx: TxOps, after: ProposalDoc) => Promise<void>;
};

/** One review decision: from the states `review` allows, at the version the reviewer saw; told and audited. */
async function decide(
  ctx: ActionContext,
  proposalId: string,
  version: number,
  decision: (fresh: ProposalDoc, now: string, tx: TxOps) => Promise<Decision>,
): Promise<void> {
  await mustGet(ctx, proposalId);
  await proposalStep(ctx, proposalId, version, async (fresh, now, tx) => {
    requireProposalState('review', fresh.status);
    const d = await decision(fresh, now, tx);
    const authors = [fresh.leadId, ...confirmedCoSigners(fresh).map((c) => c.memberId)];
    return {
      set: { status: d.status, ...d.set },
      action: d.action,
      note: d.note,
      before: { status: fresh.status },
      after: { status: d.status, ...d.set },
      also: async (t, at, after) => {
        await enqueue(
          t,
          at,
          authors.map((memberId) => outcomeNotice(fresh, memberId, d.notice)),
        );
        if (d.record) await d.record(t, after);
      },
    };
  });
}

function outcomeNotice(p: ProposalDoc, memberId: string, body: string): Notification {
  return {
    key: `proposal.review:${p._id}:v${p.version}`,
    memberId,
    kind: 'proposal.review',
    title: `提案审查结果：${p.title}`,
    body,
    link: `/pages/proposals/detail/index?id=${p._id}`,
  };
}
