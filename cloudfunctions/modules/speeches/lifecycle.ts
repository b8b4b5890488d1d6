import type { ErrorCode } from '../../../typings/contracts/errors';
import type { SpeechStatus } from '../../../typings/contracts/speeches';
import { fail } from '../../kernel/errors';
import type { Caller } from '../../kernel/identity';
import { allowed, allowsIn, requireAllowed, type Lifecycle } from '../../kernel/lifecycle';
import type { SpeechDoc } from './model';

/** Who the caller is to a speech: its `author`, or the office (`staff`). */
export type SpeechRole = 'author' | 'staff';

export type SpeechAction =
  | 'edit' // the author's autosave (a draft, or a speech returned for revision)
  | 'delete' // a draft never submitted
  | 'submit'
  | 'review' // the office accepts (收录) or returns it
  | 'choose'; // the office chooses it to be delivered or printed

/** The speech's status × action → who. */
export const SPEECH_LIFECYCLE: Lifecycle<SpeechStatus, SpeechAction, SpeechRole> = {
  draft: { edit: ['author'], delete: ['author'], submit: ['author'] },
  submitted: { review: ['staff'] },
  returned: { edit: ['author'], submit: ['author'] },
  accepted: { choose: ['staff'] },
};

/** `submit` has none: submitting again is a retry and answers the speech unchanged. */
const WRONG_STATE: Record<Exclude<SpeechAction, 'submit'>, ErrorCode> = {
  edit: 'SPEECH.NOT_EDITABLE',
  delete: 'SPEECH.NOT_EDITABLE',
  review: 'SPEECH.WRONG_STATE',
  choose: 'SPEECH.WRONG_STATE',
};

export type GuardedSpeechAction = keyof typeof WRONG_STATE;

export const speechAllows = (action: SpeechAction, status: SpeechStatus) =>
  allowsIn(SPEECH_LIFECYCLE, action, status);

export function requireSpeechState(action: GuardedSpeechAction, status: SpeechStatus): void {
  requireAllowed(SPEECH_LIFECYCLE, action, status, () => fail(WRONG_STATE[action]));
}

export function rolesOf(s: SpeechDoc, caller: Caller): Set<SpeechRole> {
  const roles = new Set<SpeechRole>();
  if (s.authorId === caller.member?._id) roles.add('author');
  if (caller.roles.has('staff') || caller.roles.has('admin')) roles.add('staff');
  return roles;
}

export const speechCan = (action: SpeechAction, s: SpeechDoc, roles: Set<SpeechRole>) =>
  allowed(SPEECH_LIFECYCLE, action, s.status, roles);
