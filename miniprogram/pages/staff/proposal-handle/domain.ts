/** What the 提案办理 page and its panels share: the proposal's refusals and the panels' view of it. */
import type { ProposalDetail } from '../../../../typings/contracts';
import { UNIT_REPLY_STATUS_LABELS, UNIT_ROLE_LABELS } from '../../../generated/contract';
import { PROPOSAL_CONFLICT_MESSAGE } from '../../../utils/proposals';
import type { Domain } from './handling';

export const PROPOSAL_DOMAIN: Domain = {
  topic: 'proposals',
  notFoundCode: 'PROPOSAL.NOT_FOUND',
  staleCodes: ['STORE.CONFLICT', 'PROPOSAL.WRONG_STATE', 'PROPOSAL.NOT_ACCEPTED'],
  conflictMessage: PROPOSAL_CONFLICT_MESSAGE,
};

/** What the panels need of the proposal. */
export interface ProposalTarget {
  id: string;
  version: number;
  title: string;
  text: string;
  stage: string;
  /** When it was assigned and the reply deadline: 延期 stays within the longest handling time. */
  assignedAt: string | null;
  deadline: string | null;
  isKey: boolean;
  /** 优秀提案: the year it was marked for (null: not marked), and what the office may do. */
  excellent: { year: number | null; canMark: boolean; canUnmark: boolean };
  units: TargetUnit[];
  /** A unit's extension request waiting for the office ('' fields when none). */
  extension: { unitName: string; days: number; reason: string } | null;
}

/** An assigned unit as the panels show it: its online work, when its account does it. */
export interface TargetUnit {
  unitId: string;
  name: string;
  roleLabel: string;
  /** `已签收`, `提出异议：…`, `答复待提案办审核`…: where the unit's own work stands ('' for none). */
  statusText: string;
  /** The unit's reply waits for the office's review (审核答复). */
  reviewable: boolean;
  /** The reply under review: its proposed class, text, letter and sign-offs. */
  draft: {
    replyClass: string;
    text: string;
    letter: { fileId: string; name: string } | null;
    signOffs: string[];
  } | null;
}

type AssignedUnit = NonNullable<ProposalDetail['handling']>['units'][number];

function unitStatus(u: AssignedUnit, round: number): string {
  if (u.objection) return `提出异议：${u.objection.reason}`;
  const draft = u.draft && u.draft.round === round ? u.draft : null;
  if (draft) return UNIT_REPLY_STATUS_LABELS[draft.status];
  if (u.replies.some((r) => r.round === round)) return '已答复';
  return u.acceptedAt ? '已签收，办理中' : '';
}

export function toTarget(p: ProposalDetail): ProposalTarget {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    text: `${p.cause}\n${p.suggestion}`,
    stage: p.handling?.stage ?? '',
    assignedAt: p.handling?.assignedAt ?? null,
    deadline: p.handling?.deadline ?? null,
    isKey: Boolean(p.handling?.key),
    excellent: {
      year: p.excellentMark?.year ?? null,
      canMark: Boolean(p.can.markExcellent),
      canUnmark: Boolean(p.can.unmarkExcellent),
    },
    units: (p.handling?.units ?? []).map((u) => {
      const round = p.handling!.round;
      const draft = u.draft && u.draft.round === round ? u.draft : null;
      return {
        unitId: u.unitId,
        name: u.name,
        roleLabel: UNIT_ROLE_LABELS[u.role],
        statusText: unitStatus(u, round),
        reviewable: draft?.status === 'review',
        draft: draft
          ? {
              replyClass: draft.replyClass,
              text: draft.text,
              letter: draft.letter,
              signOffs: draft.signOffs.map((s) => `${s.name} 已会签${s.note ? `：${s.note}` : ''}`),
            }
          : null,
      };
    }),
    extension:
      p.handling?.extension?.status === 'pending'
        ? {
            unitName: p.handling.extension.unitName,
            days: p.handling.extension.days,
            reason: p.handling.extension.reason,
          }
        : null,
  };
}
