/** The proposal editor's fields, their counts and checks, and the save payload. */
import type {
  Contracts,
  InputOf,
  ProposalDetail,
  SettingsBody,
} from '../../../../typings/contracts';
import { DEFAULT_SETTINGS, PROPOSAL_LIMITS } from '../../../generated/contract';
import { checkInput, firstError } from '../../../kit/validate';
import type { LocalDraft } from '../../../utils/drafts';
import { textLength } from '../../../utils/proposals';

/** The committee's live rules (settings.proposals): categories, minimums and maximums. */
export type ProposalRules = SettingsBody['proposals'];
export const DEFAULT_PROPOSAL_RULES: ProposalRules = DEFAULT_SETTINGS.proposals;

export type CollectiveKind = 'sector' | 'committee';

export interface CoSignerPick {
  id: string;
  name: string;
  sector: string;
}

/** What the member edits, as kept on the phone. */
export interface ProposalFields {
  title: string;
  /** One of the settings' categories (checked at submission). */
  category: string;
  cause: string;
  suggestion: string;
  coSigners: CoSignerPick[];
  /** null: an individual or joint proposal. */
  collective: { kind: CollectiveKind; name: string } | null;
  /** Files already uploaded (services/files.ts); saved with the draft. */
  attachments: Array<{ fileId: string; name: string }>;
  /**
   * 代录: the member office staff enter this proposal for (from the member's paper), or null
   * for one's own. The member confirms it from the inbox once it is submitted.
   */
  forMember: CoSignerPick | null;
}

export type FieldName =
  | 'title'
  | 'cause'
  | 'suggestion'
  | 'category'
  | 'coSigners'
  | 'collective'
  | 'attachments'
  | 'forMember';

export const COLLECTIVE_KIND_LABELS: Record<CollectiveKind, string> = {
  sector: '界别',
  committee: '专委会',
};

export function emptyFields(): ProposalFields {
  return {
    title: '',
    category: '其他',
    cause: '',
    suggestion: '',
    coSigners: [],
    collective: null,
    attachments: [],
    forMember: null,
  };
}

/** A phone copy written before a field existed gets its empty value. */
export function withDefaults(f: Partial<ProposalFields>): ProposalFields {
  return { ...emptyFields(), ...f };
}

/** The fields of a draft as the server has them (the collective's kind is not returned). */
export function fieldsOf(
  p: ProposalDetail,
  collectiveKind: CollectiveKind = 'sector',
): ProposalFields {
  return {
    title: p.title,
    category: p.category,
    cause: p.cause,
    suggestion: p.suggestion,
    coSigners: p.coSigners.map((c) => ({ id: c.memberId, name: c.name, sector: c.sector ?? '' })),
    collective: p.collectiveName ? { kind: collectiveKind, name: p.collectiveName } : null,
    attachments: p.attachments.map((a) => ({ fileId: a.fileId, name: a.name })),
    forMember: p.submittedByStaff ? { id: p.leadId, name: p.leadName, sector: '' } : null,
  };
}

export type SaveDraftInput = InputOf<Contracts['proposals']['saveDraft']>;

export function saveDraftInput(draft: LocalDraft<ProposalFields>): SaveDraftInput {
  const f = draft.fields;
  const collectiveName = f.collective?.name.trim() ?? '';
  return {
    clientDraftId: draft.clientDraftId,
    revision: draft.revision,
    title: f.title,
    category: f.category,
    cause: f.cause,
    suggestion: f.suggestion,
    attachments: f.attachments.map((a) => ({ fileId: a.fileId, name: a.name })),
    coSignerIds: f.coSigners.map((c) => c.id),
    collective:
      f.collective && collectiveName ? { kind: f.collective.kind, name: collectiveName } : null,
    ...(f.forMember ? { onBehalfOf: f.forMember.id } : {}),
  };
}

export interface Counts {
  title: number;
  cause: number;
  suggestion: number;
  body: number;
  titleOver: boolean;
  bodyOver: boolean;
}

export function countsOf(f: ProposalFields, r: ProposalRules = DEFAULT_PROPOSAL_RULES): Counts {
  const title = textLength(f.title);
  const cause = textLength(f.cause);
  const suggestion = textLength(f.suggestion);
  return {
    title,
    cause,
    suggestion,
    body: cause + suggestion,
    titleOver: title > r.titleMax,
    bodyOver: cause + suggestion > r.bodyMax,
  };
}

/** Why the draft cannot be saved to the server as it is (the server's own check), or ''. */
export function overLimitReason(draft: LocalDraft<ProposalFields>): string {
  const errors = checkInput('proposals', 'saveDraft', saveDraftInput(draft));
  if (errors.title) return `标题超过 ${PROPOSAL_LIMITS.title} 字，请删减后再保存到云端`;
  if (errors.cause || errors.suggestion)
    return `案由和建议合计超过 ${PROPOSAL_LIMITS.body} 字，请删减后再保存到云端`;
  if (errors.coSignerIds) return `联名人不能超过 ${PROPOSAL_LIMITS.coSigners} 位`;
  if (errors.attachments) return `附件不能超过 ${PROPOSAL_LIMITS.attachments} 个`;
  return firstError(errors) ?? '';
}

/** What keeps the draft from being submitted, by field: the settings the server applies. */
export function submitProblems(
  f: ProposalFields,
  r: ProposalRules = DEFAULT_PROPOSAL_RULES,
): Partial<Record<FieldName, string>> {
  const c = countsOf(f, r);
  const problems: Partial<Record<FieldName, string>> = {};
  if (c.title < r.titleMin) problems.title = `标题至少 ${r.titleMin} 个字`;
  else if (c.titleOver) problems.title = `标题不能超过 ${r.titleMax} 个字`;
  if (c.cause < r.causeMin) problems.cause = `案由至少 ${r.causeMin} 个字`;
  if (c.suggestion < r.suggestionMin) problems.suggestion = `建议至少 ${r.suggestionMin} 个字`;
  if (c.bodyOver) problems.suggestion = `案由和建议合计不能超过 ${r.bodyMax} 字`;
  if (!r.categories.includes(f.category)) problems.category = '请选择提案类别';
  if (f.collective && !f.collective.name.trim()) problems.collective = '请填写集体提案的名义';
  return problems;
}

/** The server's `details.fields` of PROPOSAL.INCOMPLETE, as messages by field. */
export function incompleteFields(
  details: unknown,
  r: ProposalRules = DEFAULT_PROPOSAL_RULES,
): Partial<Record<FieldName, string>> {
  const fields =
    typeof details === 'object' &&
    details !== null &&
    Array.isArray((details as { fields?: unknown }).fields)
      ? ((details as { fields: unknown[] }).fields.filter((f) => typeof f === 'string') as string[])
      : [];
  const messages: Partial<Record<FieldName, string>> = {};
  for (const field of fields) {
    if (field === 'title') messages.title = `请填写标题（至少 ${r.titleMin} 个字）`;
    if (field === 'cause') messages.cause = `请填写案由（至少 ${r.causeMin} 个字）`;
    if (field === 'suggestion') messages.suggestion = `请填写建议（至少 ${r.suggestionMin} 个字）`;
  }
  return messages;
}

/** The text the similar-proposal search compares. */
export function similarQuery(f: ProposalFields): { title: string; text: string } {
  return { title: f.title.trim(), text: `${f.cause.trim()}\n${f.suggestion.trim()}`.trim() };
}
