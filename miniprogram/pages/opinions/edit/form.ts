/** The opinion report editor's fields, checks and save payload. */
import type { Contracts, InputOf } from '../../../../typings/contracts';
import type { LocalDraft } from '../../../utils/drafts';
import { OPINION_LIMITS, OPINION_MINIMUMS, textLength } from '../../../utils/proposals';

export interface OpinionFields {
  title: string;
  body: string;
}

export type OpinionField = keyof OpinionFields;

export function emptyOpinion(): OpinionFields {
  return { title: '', body: '' };
}

export function opinionDraftInput(
  draft: LocalDraft<OpinionFields>,
): InputOf<Contracts['opinions']['saveDraft']> {
  return {
    clientDraftId: draft.clientDraftId,
    revision: draft.revision,
    title: draft.fields.title,
    body: draft.fields.body,
  };
}

export function opinionCounts(f: OpinionFields) {
  const title = textLength(f.title);
  const body = textLength(f.body);
  return {
    title,
    body,
    titleOver: title > OPINION_LIMITS.title,
    bodyOver: body > OPINION_LIMITS.body,
  };
}

export function opinionOverLimit(f: OpinionFields): string {
  const c = opinionCounts(f);
  if (c.titleOver) return `标题超过 ${OPINION_LIMITS.title} 字，请删减后再保存到云端`;
  if (c.bodyOver) return `正文超过 ${OPINION_LIMITS.body} 字，请删减后再保存到云端`;
  return '';
}

/** What keeps the report from being sent, by field: the server's rules (OPINION.INCOMPLETE). */
export function opinionProblems(f: OpinionFields): Partial<Record<OpinionField, string>> {
  const c = opinionCounts(f);
  const problems: Partial<Record<OpinionField, string>> = {};
  if (c.title < OPINION_MINIMUMS.title) problems.title = `标题至少 ${OPINION_MINIMUMS.title} 个字`;
  else if (c.titleOver) problems.title = `标题不能超过 ${OPINION_LIMITS.title} 个字`;
  if (c.body < OPINION_MINIMUMS.body) problems.body = `正文至少 ${OPINION_MINIMUMS.body} 个字`;
  else if (c.bodyOver) problems.body = `正文不能超过 ${OPINION_LIMITS.body} 个字`;
  return problems;
}
