import { createHash } from 'node:crypto';
import type { DraftOrigin } from '../../../typings/contracts/studios';
import { businessYear } from '../../kernel/clock';
import type { MemberDoc } from '../../kernel/identity';
import type { TxOps } from '../../store/port';
import { newOpinion } from './model';

/** A draft's id, from its author and the phone's draft id (as `saveDraft` derives it). */
export function opinionDraftId(authorId: string, clientDraftId: string): string {
  return `op_${createHash('sha256').update(`${authorId}|${clientDraftId}`).digest('hex').slice(0, 24)}`;
}

/**
 * An opinion report draft started for `author` from a studio's consultation outcome, in the
 * caller's transaction; the member goes on with it in the report editor under `clientDraftId`.
 * Made once; a second call finds it there.
 */
export async function insertLinkedOpinionDraft(
  tx: TxOps,
  author: MemberDoc,
  draft: { clientDraftId: string; title: string; body: string },
  origin: DraftOrigin,
  now: string,
): Promise<string> {
  const id = opinionDraftId(author._id, draft.clientDraftId);
  if (await tx.get('opinions', id)) return id;
  await tx.insert(
    'opinions',
    newOpinion({
      _id: id,
      year: businessYear(now),
      authorId: author._id,
      authorName: author.name,
      title: draft.title,
      body: draft.body,
      createdAt: now,
      clientDraftId: draft.clientDraftId,
      revision: 1,
      origin,
      timeline: [
        {
          at: now,
          action: '由委员工作室协商成果形成草稿',
          actorName: author.name,
          note: `${origin.studioName}：${origin.topic}`,
        },
      ],
    }),
  );
  return id;
}
