import { proposals } from '../../../typings/contracts/proposals';
import type { DutyEventType } from '../../../typings/contracts/ledger';
import { command, STAFF, type ActionContext } from '../../kernel/action';
import type { Caller } from '../../kernel/identity';
import { businessYear } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { TxOps } from '../../store/port';
import { recordDutyEvent, recordRetraction } from '../ledger/ledger-port';
import { mustGet } from './access';
import { confirmedCoSigners, type ProposalDoc } from './model';
import { loadDetail } from './queries';
import { proposalStep } from './step';

/**
 * 优秀提案: the office names a proposal outstanding for its year once it has been answered (an
 * accepted proposal whose handling is replied or closed: a proposal is judged by what came of
 * it). The mark and its duty events (the lead's `proposal.outstanding.lead`, each confirmed
 * co-signer's `proposal.outstanding.coSigner`, as the policy scores them, "highest only" with
 * the proposal's other merits) are written in one transaction; unmarking writes their
 * retractions with the reason. Both ride the ledger's one rail.
 */

/** `proposals/<id>.excellent`: the mark, and whom it scored (so unmarking retracts exactly those). */
export interface ExcellentDoc {
  year: number;
  markedAt: string;
  markedBy: string;
  note: string | null;
  authors: Array<{ memberId: string; lead: boolean }>;
}

type WithExcellent = ProposalDoc & { excellent?: ExcellentDoc | null };

/** Whether the proposal may be marked: accepted, and answered (replied or closed). */
export function excellentEligible(p: ProposalDoc): boolean {
  return (
    p.status === 'accepted' && (p.handling?.stage === 'replied' || p.handling?.stage === 'closed')
  );
}

/** What the detail shows of the mark, and what the caller may do about it. */
export function excellentView(p: ProposalDoc, caller: Caller) {
  const mark = (p as WithExcellent).excellent ?? null;
  const staff = caller.roles.has('staff') || caller.roles.has('admin');
  return {
    mark: mark
      ? { year: mark.year, markedAt: mark.markedAt, markedBy: mark.markedBy, note: mark.note }
      : null,
    can: {
      markExcellent: staff && !mark && excellentEligible(p),
      unmarkExcellent: staff && Boolean(mark),
    },
  };
}

export const isExcellent = (p: ProposalDoc) => Boolean((p as WithExcellent).excellent);

export const markExcellent = command(
  proposals.markExcellent,
  STAFF,
  async (ctx, { proposalId, version, note }) => {
    await mustGet(ctx, proposalId);
    await proposalStep(ctx, proposalId, version, (fresh, now) => {
      if ((fresh as WithExcellent).excellent)
        throw fail('PROPOSAL.WRONG_STATE', '该提案已评为优秀提案');
      if (!excellentEligible(fresh)) throw fail('PROPOSAL.NOT_EXCELLENT_YET');
      const mark: ExcellentDoc = {
        year: fresh.year,
        markedAt: now,
        markedBy: ctx.caller.member!.name,
        note: note || null,
        authors: [
          { memberId: fresh.leadId, lead: true },
          ...confirmedCoSigners(fresh).map((c) => ({ memberId: c.memberId, lead: false })),
        ],
      };
      return {
        set: { excellent: mark },
        action: `评为 ${fresh.year} 年度优秀提案`,
        note: note || null,
        before: { excellent: false },
        after: { excellent: true, year: fresh.year },
        also: (tx) => scoreExcellent(tx, ctx, fresh, mark),
      };
    });
    return loadDetail(ctx, proposalId);
  },
);

export const unmarkExcellent = command(
  proposals.unmarkExcellent,
  STAFF,
  async (ctx, { proposalId, version, reason }) => {
    await mustGet(ctx, proposalId);
    await proposalStep(ctx, proposalId, version, (fresh) => {
      const mark = (fresh as WithExcellent).excellent;
      if (!mark) throw fail('PROPOSAL.WRONG_STATE', '该提案不是优秀提案');
      return {
        set: { excellent: null },
        action: '撤销优秀提案',
        note: reason,
        before: { excellent: true, year: mark.year },
        after: { excellent: false },
        also: (tx) => retractExcellent(tx, ctx, fresh, mark, reason),
      };
    });
    return loadDetail(ctx, proposalId);
  },
);

function excellentKey(p: ProposalDoc, a: { memberId: string; lead: boolean }) {
  return `proposal:${p._id}:${a.memberId}:${eventOf(a)}`;
}

function eventOf(a: { lead: boolean }): DutyEventType {
  return a.lead ? 'proposal.outstanding.lead' : 'proposal.outstanding.coSigner';
}

function actorOf(ctx: ActionContext) {
  return { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
}

/**
 * The authors' events, counted in the proposal's year (when it was submitted, as its other
 * merits are), so "highest only" keeps one merit per proposal.
 */
async function scoreExcellent(
  tx: TxOps,
  ctx: ActionContext,
  p: ProposalDoc,
  mark: ExcellentDoc,
): Promise<void> {
  for (const a of mark.authors)
    await recordDutyEvent(tx, ctx, {
      key: excellentKey(p, a),
      event: eventOf(a),
      memberId: a.memberId,
      occurredAt: p.submittedAt ?? mark.markedAt,
      source: { type: 'proposal', id: p._id, title: p.title },
      actor: actorOf(ctx),
    });
}

async function retractExcellent(
  tx: TxOps,
  ctx: ActionContext,
  p: ProposalDoc,
  mark: ExcellentDoc,
  reason: string,
): Promise<void> {
  for (const a of mark.authors)
    await recordRetraction(
      tx,
      ctx,
      {
        key: excellentKey(p, a),
        memberId: a.memberId,
        yearHint: businessYear(p.submittedAt ?? mark.markedAt),
      },
      `撤销优秀提案：${reason}`,
      actorOf(ctx),
    );
}
