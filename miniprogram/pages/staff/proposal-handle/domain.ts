/** What the 提案办理 page and its panels share: the proposal's refusals and the panels' view of it. */
import type { ProposalDetail } from '../../../../typings/contracts';
import { UNIT_ROLE_LABELS } from '../../../generated/contract';
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
  units: Array<{ unitId: string; name: string; roleLabel: string }>;
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
    units: (p.handling?.units ?? []).map((u) => ({
      unitId: u.unitId,
      name: u.name,
      roleLabel: UNIT_ROLE_LABELS[u.role],
    })),
  };
}
