/**
 * Changes to a sent note, kept on the phone until the server has them: a lost network or a
 * closed app loses nothing, and sending again after a restart is the same request (the
 * request id is kept with the changes). Kept per post and per version it was started from.
 */
import { readStored, removeStored, writeStored } from '../../../utils/storage';
import type { NoteFields } from '../edit/form';

export interface Revision {
  postId: string;
  /** The post's version the changes were made to: the server refuses them if it moved on. */
  version: number;
  requestId: string;
  fields: NoteFields;
}

const keyOf = (postId: string) => `reading-revise:${postId}`;

export function loadRevision(postId: string, version: number): Revision | null {
  const stored = readStored(keyOf(postId)) as Revision | '' | null;
  return stored && stored.version === version ? stored : null;
}

export function keepRevision(revision: Revision): void {
  // Storage full: the changes stay on the page until sent.
  writeStored(keyOf(revision.postId), revision);
}

export function dropRevision(postId: string): void {
  removeStored(keyOf(postId));
}
