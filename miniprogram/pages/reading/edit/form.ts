/** The reading note editor's fields, checks and save payload. */
import type { Contracts, InputOf, SettingsBody } from '../../../../typings/contracts';
import { DEFAULT_SETTINGS, READING_LIMITS } from '../../../generated/contract';
import { checkInput, firstError } from '../../../kit/validate';
import type { LocalDraft } from '../../../utils/drafts';
import { textLength } from '../../../utils/proposals';

export interface NoteFields {
  groupId: string;
  kind: 'note' | 'guide';
  bookId: string | null;
  title: string;
  body: string;
  photos: Array<{ fileId: string; name: string }>;
}

export type NoteRules = SettingsBody['posts'];
export const DEFAULT_NOTE_RULES: NoteRules = DEFAULT_SETTINGS.posts;

export function emptyNote(groupId: string, kind: string): NoteFields {
  return {
    groupId,
    kind: kind === 'guide' ? 'guide' : 'note',
    bookId: null,
    title: '',
    body: '',
    photos: [],
  };
}

export function noteDraftInput(
  draft: LocalDraft<NoteFields>,
): InputOf<Contracts['reading']['saveDraft']> {
  const f = draft.fields;
  return {
    clientDraftId: draft.clientDraftId,
    revision: Math.max(1, draft.revision),
    groupId: f.groupId,
    kind: f.kind,
    bookId: f.bookId,
    title: f.title,
    body: f.body,
    photos: f.photos,
  };
}

export function noteCounts(f: NoteFields, r: NoteRules = DEFAULT_NOTE_RULES) {
  const title = textLength(f.title);
  const body = textLength(f.body);
  return {
    title,
    body,
    bodyOver: body > r.noteMax,
    photosLeft: READING_LIMITS.photos - f.photos.length,
  };
}

/** Why the draft cannot go to the server as it is (the server's own check), or ''. */
export function noteOverLimit(draft: LocalDraft<NoteFields>): string {
  const errors = checkInput('reading', 'saveDraft', noteDraftInput(draft));
  if (errors.title) return `标题超过 ${READING_LIMITS.title} 字，请删减后再保存到云端`;
  if (errors.body) return `正文超过 ${READING_LIMITS.body} 字，请删减后再保存到云端`;
  return firstError(errors) ?? '';
}

/** What keeps the note from being published, by field. */
export function noteProblems(
  f: NoteFields,
  r: NoteRules = DEFAULT_NOTE_RULES,
): Record<string, string> {
  const c = noteCounts(f, r);
  const problems: Record<string, string> = {};
  if (c.title < 2) problems.title = '标题至少 2 个字';
  if (c.body < 1) problems.body = '请写下读书心得';
  else if (c.bodyOver) problems.body = `正文不能超过 ${r.noteMax} 个字`;
  return problems;
}
