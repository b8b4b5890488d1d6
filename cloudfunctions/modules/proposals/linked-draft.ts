import { createHash } from 'node:crypto';
import type { DraftOrigin } from '../../../typings/contracts/studios';
import type { MemberDoc } from '../../kernel/identity';
import type { TxOps } from '../../store/port';
import { newProposalDraft, type ProposalDoc } from './model';

/** A draft's id, from its author and the phone's draft id (as `saveDraft` derives it). */
export function proposalDraftId(authorId: string, clientDraftId: string): string {
  return `pp_${createHash('sha256').update(`${authorId}|${clientDraftId}`).digest('hex').slice(0, 24)}`;
}

/**
 * A proposal draft started elsewhere for `author` (a studio's consultation outcome), in the
 * caller's transaction: the member goes on with it in the proposal editor under
 * `clientDraftId`. Its timeline and `origin` say where it came from. Made once; a second call
 * finds it there.
 */
export async function insertLinkedProposalDraft(
  tx: TxOps,
  author: MemberDoc,
  draft: { clientDraftId: string; title: string; cause: string; suggestion: string },
  origin: DraftOrigin,
  now: string,
): Promise<string> {
  const id = proposalDraftId(author._id, draft.clientDraftId);
  if (await tx.get(`proposals`, id)) return id;
  await tx.insert<ProposalDoc>(
    'proposals',
    newProposalDraft({
      _id: id,
      clientDraftId: draft.clientDraftId,
      leadId: author._id,
      leadName: author.name,
      leadSector: author.sector,
      title: draft.title,
      category: '其他',
      cause: draft.cause,
      suggestion: draft.suggestion,
      attachments: [],
      timeline: [
        {
          at: now,
          action: '由委员工作室协商成果形成草稿',
          actorName: author.name,
          note: `${origin.studioName}：${origin.topic}`,
        },
      ],
      origin,
      createdAt: now,
    }),
  );
  return id;
}
