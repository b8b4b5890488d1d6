import type { ErrorCode } from '../../../typings/contracts/errors';
import type { OpinionStatus } from '../../../typings/contracts/opinions';
import { fail } from '../../kernel/errors';
import type { Caller } from '../../kernel/identity';
import { allowed, allowsIn, requireAllowed, type Lifecycle } from '../../kernel/lifecycle';
import { writerOf, type OpinionDoc } from './model';

/**
 * Who the caller is to a report: its `author`; its `writer`, whose device draft it is (the
 * author, or the staff member who entered it for them: 代录); the office (`staff`).
 */
export type OpinionRole = 'author' | 'writer' | 'staff';

export type OpinionAction =
  | 'edit' // the author's autosave
  | 'submit' // by the author: to the office; by staff who entered it: to the author to confirm
  | 'confirmEntry' // 代录 confirmed by the author (or by the office for them), or sent back
  | 'review' // the office edits the text, adopts or declines
  | 'forward' // sent up to a higher body
  | 'instruct' // a leader's written instruction recorded
  | 'feedback'; // what came of it, told to the author

/** The report's status × action → who. */
export const OPINION_LIFECYCLE: Lifecycle<OpinionStatus, OpinionAction, OpinionRole> = {
  draft: { edit: ['writer'], submit: ['writer'] },
  confirming: { confirmEntry: ['author', 'staff'] },
  submitted: { review: ['staff'], feedback: ['staff'] },
  adopted: { forward: ['staff'], instruct: ['staff'], feedback: ['staff'] },
  declined: { feedback: ['staff'] },
};

/**
 * The error each command has always answered for a wrong state (clients depend on them).
 * `submit` has none: submitting again is a retry and answers the report unchanged.
 */
const WRONG_STATE: Record<Exclude<OpinionAction, 'submit'>, [ErrorCode, string?]> = {
  edit: ['OPINION.NOT_EDITABLE'],
  confirmEntry: ['OPINION.WRONG_STATE'],
  review: ['OPINION.WRONG_STATE'],
  forward: ['OPINION.WRONG_STATE', '信息须先被本会采用，才能向上报送'],
  instruct: ['OPINION.WRONG_STATE', '信息须先被采用，才能记录领导批示'],
  feedback: ['OPINION.WRONG_STATE'],
};

export type GuardedOpinionAction = keyof typeof WRONG_STATE;

/** Whether the status allows the action (for the guard that replays instead of refusing). */
export const opinionAllows = (action: OpinionAction, status: OpinionStatus) =>
  allowsIn(OPINION_LIFECYCLE, action, status);

/** A command's state guard: throws the action's wrong-state error unless the status allows it. */
export function requireOpinionState(action: GuardedOpinionAction, status: OpinionStatus): void {
  requireAllowed(OPINION_LIFECYCLE, action, status, () => fail(...WRONG_STATE[action]));
}

/** Who the caller is to this report (the views' side of the table). */
export function rolesOf(o: OpinionDoc, caller: Caller): Set<OpinionRole> {
  const roles = new Set<OpinionRole>();
  if (o.authorId === caller.member?._id) roles.add('author');
  if (writerOf(o) === caller.member?._id) roles.add('writer');
  if (caller.roles.has('staff') || caller.roles.has('admin')) roles.add('staff');
  return roles;
}

/** Whether one of `roles` may take the action now. */
export const opinionCan = (action: OpinionAction, o: OpinionDoc, roles: Set<OpinionRole>) =>
  allowed(OPINION_LIFECYCLE, action, o.status, roles);
