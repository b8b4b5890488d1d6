/** The speech editor's fields, checks and save payload. */
import type { Contracts, InputOf, SettingsBody } from '../../../../typings/contracts';
import { DEFAULT_SETTINGS, SPEECH_LIMITS } from '../../../generated/contract';
import { checkInput, firstError } from '../../../kit/validate';
import type { LocalDraft } from '../../../utils/drafts';
import { textLength } from '../../../utils/proposals';

export interface SpeechFields {
  title: string;
  body: string;
  attachments: Array<{ fileId: string; name: string }>;
  /** The plenary it is for ('' for the year only). */
  meetingId: string;
  /** The year, when not for a plenary (0: this year). */
  year: number;
}

export type SpeechField = keyof SpeechFields;

/** The committee's live limits (settings.speeches). */
export type SpeechRules = SettingsBody['speeches'];
export const DEFAULT_SPEECH_RULES: SpeechRules = DEFAULT_SETTINGS.speeches;

export function emptySpeech(): SpeechFields {
  return { title: '', body: '', attachments: [], meetingId: '', year: 0 };
}

/** A phone copy written before a field existed gets its empty value. */
export function withSpeechDefaults(f: Partial<SpeechFields>): SpeechFields {
  return { ...emptySpeech(), ...f };
}

export function speechDraftInput(
  draft: LocalDraft<SpeechFields>,
): InputOf<Contracts['proposals']['saveSpeech']> {
  const f = draft.fields;
  return {
    clientDraftId: draft.clientDraftId,
    revision: Math.max(1, draft.revision),
    title: f.title,
    body: f.body,
    attachments: f.attachments.map((a) => ({ fileId: a.fileId, name: a.name })),
    meetingId: f.meetingId || null,
    ...(f.meetingId || !f.year ? {} : { year: f.year }),
  };
}

export function speechCounts(f: SpeechFields, r: SpeechRules = DEFAULT_SPEECH_RULES) {
  const title = textLength(f.title);
  const body = textLength(f.body);
  return {
    title,
    body,
    titleOver: title > SPEECH_LIMITS.title,
    bodyOver: body > r.bodyMax,
  };
}

/** Why the draft cannot be saved to the server as it is (the server's own check), or ''. */
export function speechOverLimit(draft: LocalDraft<SpeechFields>): string {
  const errors = checkInput('proposals', 'saveSpeech', speechDraftInput(draft));
  if (errors.title) return `标题超过 ${SPEECH_LIMITS.title} 字，请删减后再保存到云端`;
  if (errors.body) return `正文超过 ${SPEECH_LIMITS.body} 字，请删减后再保存到云端`;
  if (errors.attachments) return `附件不能超过 ${SPEECH_LIMITS.attachments} 个`;
  return firstError(errors) ?? '';
}

/** What keeps the speech from being submitted, by field: the settings' minimums and maximums. */
export function speechProblems(
  f: SpeechFields,
  r: SpeechRules = DEFAULT_SPEECH_RULES,
): Partial<Record<SpeechField, string>> {
  const c = speechCounts(f, r);
  const problems: Partial<Record<SpeechField, string>> = {};
  if (c.title < r.titleMin) problems.title = `标题至少 ${r.titleMin} 个字`;
  else if (c.titleOver) problems.title = `标题不能超过 ${SPEECH_LIMITS.title} 个字`;
  if (c.body < r.bodyMin) problems.body = `正文至少 ${r.bodyMin} 个字`;
  else if (c.bodyOver) problems.body = `正文不能超过 ${r.bodyMax} 个字`;
  return problems;
}

/** The occasions to choose from: the plenaries the server lists, then this year and the next. */
export function occasionChips(
  plenaries: Array<{ meetingId: string; title: string }>,
  thisYear: number,
): Array<{ value: string; label: string }> {
  return [
    ...plenaries.map((p) => ({ value: p.meetingId, label: p.title })),
    { value: `y${thisYear}`, label: `${thisYear} 年度` },
    { value: `y${thisYear + 1}`, label: `${thisYear + 1} 年度` },
  ];
}

/** The chip the fields stand for. */
export function occasionValue(f: SpeechFields, thisYear: number): string {
  return f.meetingId || `y${f.year || thisYear}`;
}

/** The fields a tapped chip sets. */
export function occasionPatch(value: string): Pick<SpeechFields, 'meetingId' | 'year'> {
  return value.startsWith('y') && /^y\d{4}$/.test(value)
    ? { meetingId: '', year: Number(value.slice(1)) }
    : { meetingId: value, year: 0 };
}
