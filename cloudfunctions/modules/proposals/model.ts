import type {
  AssignedUnit,
  CoSignerStatus,
  HandlingView,
  ProposalStatus,
  TimelineItem,
} from '../../../typings/contracts/proposals';
import type { StoredDoc } from '../../store/port';
import type { DraftOrigin } from '../../../typings/contracts/studios';
import { businessYear } from '../../kernel/clock';
import { withSearchTerms } from './search-fields';

export interface CoSigner {
  memberId: string;
  name: string;
  sector: string | null;
  status: CoSignerStatus;
  respondedAt: string | null;
}

/** `proposals/<id>`: a draft's id is derived from the device's draft id, so re-saves never fork it. */
export interface ProposalDoc extends StoredDoc {
  year: number;
  status: ProposalStatus;
  clientDraftId: string;
  revision: number;
  leadId: string;
  leadName: string;
  leadSector: string | null;
  /** Staff member who wrote it on the lead's behalf. */
  submittedByStaff: string | null;
  collective: { kind: 'sector' | 'committee'; name: string } | null;
  coSigners: CoSigner[];
  coSignDeadline: string | null;
  title: string;
  category: string;
  cause: string;
  suggestion: string;
  attachments: Array<{ fileId: string; name: string }>;
  number: string | null;
  plenary: boolean;
  /** The committee settings version it was submitted under (absent on older documents). */
  settingsVersion?: number | null;
  submittedAt: string | null;
  reviewReason: string | null;
  mergedInto: string | null;
  mergedFrom: string[];
  convertedTo: string | null;
  /** Ledger keys posted for this proposal. */
  ledgerKeys: string[];
  /** Set once accepted: units, replies, evaluations, key-proposal supervision. */
  handling: HandlingDoc | null;
  /** The assigned units' ids, kept with `handling` so the office's queues filter by unit. */
  unitIds?: string[];
  /** `isDone`, kept on the document so lists can filter on it (absent on older documents). */
  done?: boolean;
  timeline: TimelineItem[];
  /** Started from a studio's consultation outcome (absent on most proposals). */
  origin?: DraftOrigin | null;
  /** The words it is found by (search-fields.ts) and their recipe's version. */
  searchTerms?: string[];
  searchV?: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * A new draft: what its author wrote, and all a proposal gains later (number, co-signing,
 * review, handling) not yet set. Saved drafts and drafts started from a studio's outcome alike.
 */
export function newProposalDraft(
  fields: Pick<
    ProposalDoc,
    | '_id'
    | 'clientDraftId'
    | 'leadId'
    | 'leadName'
    | 'leadSector'
    | 'title'
    | 'category'
    | 'cause'
    | 'suggestion'
    | 'attachments'
    | 'createdAt'
  > &
    Partial<ProposalDoc>,
): ProposalDoc {
  const doc: ProposalDoc = {
    year: businessYear(fields.createdAt),
    status: 'draft',
    revision: 1,
    submittedByStaff: null,
    collective: null,
    coSigners: [],
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
    updatedAt: fields.createdAt,
    version: 1,
    ...fields,
  };
  return { ...doc, ...withSearchTerms(null, doc) };
}

/** `proposal_counters/<year>`: the next number; moved in the accepting transaction. */
export interface CounterDoc extends StoredDoc {
  next: number;
}

/** Finished for its proposer: not accepted (rejected, converted, merged) or handled to the end. */
export function isDone(p: Pick<ProposalDoc, 'status' | 'handling'>): boolean {
  return (
    p.status === 'rejected' ||
    p.status === 'converted' ||
    p.status === 'merged' ||
    p.handling?.stage === 'closed'
  );
}

export function kindOf(
  p: Pick<ProposalDoc, 'collective' | 'coSigners'>,
): 'individual' | 'joint' | 'collective' {
  if (p.collective) return 'collective';
  return p.coSigners.some((c) => c.status !== 'declined' && c.status !== 'dropped')
    ? 'joint'
    : 'individual';
}

export function confirmedCoSigners(p: Pick<ProposalDoc, 'coSigners'>): CoSigner[] {
  return p.coSigners.filter((c) => c.status === 'confirmed');
}

export interface HandlingDoc extends Omit<HandlingView, 'overdue'> {
  mode: 'joint' | 'separate';
  units: AssignedUnit[];
}

/** `handling_units/<id>`: the government departments that handle proposals. */
export interface UnitDoc extends StoredDoc {
  name: string;
  contactName: string | null;
  contactPhone: string | null;
  active: boolean;
}

// Co-sign, objection, handling and re-handling times are committee settings (modules/settings).
