/** The opinion report editor's fields, checks and save payload. */
import type { Contracts, InputOf, SettingsBody } from '../../../../typings/contracts';
import { DEFAULT_SETTINGS, OPINION_LIMITS } from '../../../generated/contract';
import { checkInput, firstError } from '../../../kit/validate';
import type { PickedMember } from '../../../components/member-picker/index';
import type { LocalDraft } from '../../../utils/drafts';
import { textLength } from '../../../utils/proposals';

export interface OpinionFields {
  title: string;
  body: string;
  /**
   * 代录: the member office staff enter this report for (from the member's paper), or null
   * (absent on drafts kept before 代录 existed).
   */
  forMember?: PickedMember | null;
}

export type OpinionField = keyof OpinionFields;

/** The committee's live length rules (settings.opinions). */
export type OpinionRules = SettingsBody['opinions'];
export const DEFAULT_OPINION_RULES: OpinionRules = DEFAULT_SETTINGS.opinions;

export function emptyOpinion(): OpinionFields {
  return { title: '', body: '', forMember: null };
}

export function opinionDraftInput(
  draft: LocalDraft<OpinionFields>,
): InputOf<Contracts['opinions']['saveDraft']> {
  return {
    clientDraftId: draft.clientDraftId,
    revision: Math.max(1, draft.revision),
    title: draft.fields.title,
    body: draft.fields.body,
    ...(draft.fields.forMember ? { onBehalfOf: draft.fields.forMember.id } : {}),
  };
}

export function opinionCounts(f: OpinionFields, r: OpinionRules = DEFAULT_OPINION_RULES) {
  const title = textLength(f.title);
  const body = textLength(f.body);
  return { title, body, titleOver: title > r.titleMax, bodyOver: body > r.bodyMax };
}

/** Why the draft cannot be saved to the server as it is (the server's own check), or ''. */
export function opinionOverLimit(draft: LocalDraft<OpinionFields>): string {
  const errors = checkInput('opinions', 'saveDraft', opinionDraftInput(draft));
  if (errors.title) return `标题超过 ${OPINION_LIMITS.title} 字，请删减后再保存到云端`;
  if (errors.body) return `正文超过 ${OPINION_LIMITS.body} 字，请删减后再保存到云端`;
  return firstError(errors) ?? '';
}

/** What keeps the report from being sent, by field: the settings' minimums and maximums. */
export function opinionProblems(
  f: OpinionFields,
  r: OpinionRules = DEFAULT_OPINION_RULES,
): Partial<Record<OpinionField, string>> {
  const c = opinionCounts(f, r);
  const problems: Partial<Record<OpinionField, string>> = {};
  if (c.title < r.titleMin) problems.title = `标题至少 ${r.titleMin} 个字`;
  else if (c.titleOver) problems.title = `标题不能超过 ${r.titleMax} 个字`;
  if (c.body < r.bodyMin) problems.body = `正文至少 ${r.bodyMin} 个字`;
  else if (c.bodyOver) problems.body = `正文不能超过 ${r.bodyMax} 个字`;
  return problems;
}
