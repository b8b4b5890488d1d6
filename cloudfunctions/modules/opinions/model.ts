import type { OpinionDetail, OpinionStatus } from '../../../typings/contracts/opinions';
import type { StoredDoc } from '../../store/port';
import type { DraftOrigin } from '../../../typings/contracts/studios';
import { withOpinionSearchTerms } from './search';

/** `opinions/<id>`: an opinion report (社情民意信息); a draft's id derives from the device's draft id. */
export interface OpinionDoc extends StoredDoc {
  year: number;
  status: OpinionStatus;
  clientDraftId: string | null;
  revision: number;
  authorId: string;
  authorName: string;
  title: string;
  body: string;
  originalBody: string | null;
  fromProposalId: string | null;
  /** 代录: the staff member who entered it for the author (absent or null: the author wrote it). */
  enteredBy?: { id: string; name: string } | null;
  /** Started from a studio's consultation outcome (absent on most reports). */
  origin?: DraftOrigin | null;
  issue: string | null;
  declineReason: string | null;
  forwards: OpinionDetail['forwards'];
  instructions: OpinionDetail['instructions'];
  feedback: OpinionDetail['feedback'];
  timeline: OpinionDetail['timeline'];
  submittedAt: string | null;
  /** The committee settings version it was submitted under (absent on older documents). */
  settingsVersion?: number | null;
  /** The words it is found by (search.ts) and their recipe's version. */
  searchTerms?: string[];
  searchV?: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function newOpinion(
  fields: Pick<
    OpinionDoc,
    '_id' | 'year' | 'authorId' | 'authorName' | 'title' | 'body' | 'createdAt'
  > &
    Partial<OpinionDoc>,
): OpinionDoc {
  const doc: OpinionDoc = {
    status: 'draft',
    clientDraftId: null,
    revision: 0,
    originalBody: null,
    fromProposalId: null,
    issue: null,
    declineReason: null,
    forwards: [],
    instructions: [],
    feedback: [],
    timeline: [],
    submittedAt: null,
    updatedAt: fields.createdAt,
    version: 1,
    ...fields,
  };
  return { ...doc, ...withOpinionSearchTerms(null, doc) };
}

/** Whose device draft it is: the staff member who entered it (代录), or its author. */
export const writerOf = (o: Pick<OpinionDoc, 'authorId' | 'enteredBy'>) =>
  o.enteredBy?.id ?? o.authorId;
