/**
 * Changes to a sent note, kept on the phone until the server has them: a lost network or a
 * closed app loses nothing, and sending again after a restart is the same request (the
 * request id is kept with the changes). Kept per post and per version it was started from.
 */
import { dropKeptForm, keepForm, readKeptForm } from '../../../utils/drafts';
import type { NoteFields } from '../edit/form';

export interface Revision {
  postId: string;
  /** The post's version the changes were made to: the server refuses them if it moved on. */
  version: number;
  requestId: string;
  fields: NoteFields;
}

type Kept = Pick<Revision, 'requestId' | 'fields'>;
const keyOf = (postId: string) => `revise:${postId}`;

export function loadRevision(postId: string, version: number): Revision | null {
  const kept = readKeptForm<Kept>('reading', keyOf(postId));
  return kept && kept.version === version ? { postId, version, ...kept.fields } : null;
}

/** Storage full: the changes stay on the page until sent. */
export function keepRevision({ postId, version, requestId, fields }: Revision): void {
  keepForm<Kept>('reading', keyOf(postId), version, { requestId, fields });
}

export function dropRevision(postId: string): void {
  dropKeptForm('reading', keyOf(postId));
}
