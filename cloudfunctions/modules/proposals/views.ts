import {
  PROPOSAL_STATUS_LABELS,
  type ProposalDetail,
  type ProposalSummary,
} from '../../../typings/contracts/proposals';
import type { Caller } from '../../kernel/identity';
import { handlingCan, proposalCan, rolesOf } from './lifecycle';
import { confirmedCoSigners, kindOf, type ProposalDoc } from './model';
import { excellentView, isExcellent } from './excellent';

/** Who rates the reply: the lead and confirmed co-signers, and those of proposals merged into it. */
export function evaluatorsOf(p: ProposalDoc, mergedFrom: ProposalDoc[]): Set<string> {
  return new Set(
    [p, ...mergedFrom].flatMap((x) => [x.leadId, ...confirmedCoSigners(x).map((c) => c.memberId)]),
  );
}

export function isOverdue(p: ProposalDoc, now: Date): boolean {
  const h = p.handling;
  return Boolean(
    h?.deadline &&
    (h.stage === 'assigned' || h.stage === 'rehandling') &&
    now.toISOString() > h.deadline,
  );
}

export function toSummary(p: ProposalDoc): ProposalSummary {
  return {
    id: p._id,
    number: p.number,
    title: p.title,
    category: p.category,
    status: p.status,
    statusLabel: PROPOSAL_STATUS_LABELS[p.status],
    leadName: p.leadName,
    kind: kindOf(p),
    collectiveName: p.collective?.name ?? null,
    coSignerCount: p.coSigners.filter((c) => c.status === 'confirmed' || c.status === 'invited')
      .length,
    submittedAt: p.submittedAt,
    plenary: p.plenary,
    excellent: isExcellent(p),
  };
}

export function toDetail(
  p: ProposalDoc,
  caller: Caller,
  now: Date,
  related: { mergedInto: ProposalDoc | null; mergedFrom: ProposalDoc[] },
): ProposalDetail {
  const roles = rolesOf(p, caller, evaluatorsOf(p, related.mergedFrom));
  const invite = p.coSigners.find((c) => c.memberId === caller.member?._id);
  const open = p.coSignDeadline !== null && now.toISOString() <= p.coSignDeadline;
  const excellent = excellentView(p, caller);
  return {
    ...toSummary(p),
    leadId: p.leadId,
    cause: p.cause,
    suggestion: p.suggestion,
    attachments: p.attachments,
    coSigners: p.coSigners.map((c) => ({ ...c })),
    coSignDeadline: p.coSignDeadline,
    submittedByStaff: p.submittedByStaff,
    reviewReason: p.reviewReason,
    mergedInto: related.mergedInto
      ? {
          id: related.mergedInto._id,
          number: related.mergedInto.number,
          title: related.mergedInto.title,
        }
      : null,
    mergedFrom: related.mergedFrom.map((s) => ({
      id: s._id,
      title: s.title,
      leadName: s.leadName,
    })),
    convertedTo: p.convertedTo,
    timeline: p.timeline,
    handling: p.handling
      ? { ...handlingFor(p.handling, roles.has('staff')), overdue: isOverdue(p, now) }
      : p.status === 'accepted'
        ? {
            stage: 'unassigned',
            round: 0,
            units: [],
            assignedAt: null,
            deadline: null,
            overdue: false,
            key: null,
            supervision: [],
            evaluations: [],
          }
        : null,
    excellentMark: excellent.mark,
    revision: p.revision,
    settingsVersion: p.settingsVersion ?? null,
    clientDraftId: roles.has('author') ? p.clientDraftId : null,
    collective: p.collective,
    updatedAt: p.updatedAt,
    version: p.version,
    can: {
      edit: proposalCan('edit', p, roles),
      submit: proposalCan('submit', p, roles),
      withdraw: proposalCan('withdraw', p, roles),
      // The buttons are for an invitation not yet answered, before the deadline.
      coSign: proposalCan('coSign', p, roles) && invite?.status === 'invited' && open,
      review: proposalCan('review', p, roles),
      consentConvert: proposalCan('consentConvert', p, roles),
      evaluate: handlingCan('evaluate', p, roles),
      confirmEntry: proposalCan('confirmEntry', p, roles),
      ...excellent.can,
    },
  };
}

/**
 * The handling as the caller may see it: a unit's reply in the making and extension requests
 * are between the unit and the office; members see the replies once recorded.
 */
function handlingFor(h: NonNullable<ProposalDoc['handling']>, staff: boolean) {
  if (staff) return h;
  return { ...h, extension: null, units: h.units.map((u) => ({ ...u, draft: null })) };
}
