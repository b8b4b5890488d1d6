import type { OpinionDetail, OpinionStatus } from '../../../typings/contracts/opinions';
import type { StoredDoc } from '../../store/port';
import type { DraftOrigin } from '../../../typings/contracts/studios';

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
  return {
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
}
