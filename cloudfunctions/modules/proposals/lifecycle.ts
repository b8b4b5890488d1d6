import type { HandlingStage, ProposalStatus } from '../../../typings/contracts/proposals';
import type { ErrorCode } from '../../../typings/contracts/errors';
import { fail } from '../../kernel/errors';
import type { Caller } from '../../kernel/identity';
import { allowed, allowsIn, requireAllowed, type Lifecycle } from '../../kernel/lifecycle';
import type { ProposalDoc } from './model';

/**
 * Who the caller is to a proposal. `author`: the lead, or the staff member who wrote it on the
 * lead's behalf; `lead`: the member in whose name it stands (only they consent to a
 * conversion); `coSigner`: on its co-signer list; `evaluator`: rates the reply (see
 * `evaluatorsOf`); `system`: the timer.
 */
export type ProposalRole = 'author' | 'lead' | 'coSigner' | 'staff' | 'evaluator' | 'system';

export type ProposalAction =
  | 'edit' // saveDraft
  | 'delete' // deleteDraft
  | 'submit'
  | 'withdraw'
  | 'confirmEntry' // the member (or the office for them) confirms a proposal entered by staff
  | 'coSign' // respondCoSign (also before the deadline: a time rule, not a state)
  | 'closeCoSigning' // the deadline passed: settleExpiredCoSigning
  | 'review' // accept, reject, proposeConversion
  | 'consentConvert' // consentConversion
  | 'merge' // merged away into another proposal (a merge's source)
  | 'receiveMerge' // a merge's target
  | 'handle'; // assign, markKey

/** The proposal's status × action → who. */
export const PROPOSAL_LIFECYCLE: Lifecycle<ProposalStatus, ProposalAction, ProposalRole> = {
  draft: { edit: ['author'], delete: ['author'], submit: ['author'] },
  confirming: { confirmEntry: ['lead', 'staff'] },
  cosigning: { withdraw: ['author'], coSign: ['coSigner'], closeCoSigning: ['system'] },
  submitted: {
    withdraw: ['author'],
    review: ['staff'],
    merge: ['staff'],
    receiveMerge: ['staff'],
  },
  accepted: { receiveMerge: ['staff'], handle: ['staff'] },
  rejected: {},
  converting: { consentConvert: ['lead'] },
  converted: {},
  merged: {},
};

export type HandlingAction = 'reply' | 'evaluate';

/** An accepted proposal's handling stage × action → who. */
export const HANDLING_LIFECYCLE: Lifecycle<HandlingStage, HandlingAction, ProposalRole> = {
  unassigned: {},
  assigned: { reply: ['staff'] },
  // A unit may replace its reply until the evaluations come in.
  replied: { reply: ['staff'], evaluate: ['evaluator'] },
  rehandling: { reply: ['staff'] },
  closed: {},
};

/**
 * The error each command has always answered for a wrong state (clients depend on the codes).
 * `submit` and `closeCoSigning` have none: outside a draft (or co-signing) they are retries
 * and replay quietly.
 */
const WRONG_STATE: Record<Exclude<ProposalAction, 'submit' | 'closeCoSigning'>, ErrorCode> = {
  edit: 'PROPOSAL.NOT_EDITABLE',
  delete: 'PROPOSAL.NOT_EDITABLE',
  withdraw: 'PROPOSAL.WRONG_STATE',
  confirmEntry: 'PROPOSAL.WRONG_STATE',
  coSign: 'PROPOSAL.COSIGN_CLOSED',
  review: 'PROPOSAL.WRONG_STATE',
  consentConvert: 'PROPOSAL.WRONG_STATE',
  merge: 'PROPOSAL.MERGE_INVALID',
  receiveMerge: 'PROPOSAL.MERGE_INVALID',
  handle: 'PROPOSAL.NOT_ACCEPTED',
};

const HANDLING_WRONG_STAGE: Record<HandlingAction, ErrorCode> = {
  reply: 'PROPOSAL.NOT_ASSIGNED',
  evaluate: 'PROPOSAL.NOT_REPLIED',
};

/** Whether the status allows the action (for the guards that replay instead of refusing). */
export const proposalAllows = (action: ProposalAction, status: ProposalStatus | undefined) =>
  allowsIn(PROPOSAL_LIFECYCLE, action, status);

/** A command's state guard: throws the action's wrong-state error unless the status allows it. */
export function requireProposalState(
  action: keyof typeof WRONG_STATE,
  status: ProposalStatus | undefined,
): void {
  requireAllowed(PROPOSAL_LIFECYCLE, action, status, () => fail(WRONG_STATE[action]));
}

/** The same for handling steps; a proposal not yet assigned has no stage. */
export function requireHandlingStage(
  action: HandlingAction,
  p: Pick<ProposalDoc, 'handling'>,
): void {
  requireAllowed(HANDLING_LIFECYCLE, action, p.handling?.stage, () =>
    fail(HANDLING_WRONG_STAGE[action]),
  );
}

/** Who the caller is to this proposal (the views' side of the table). */
export function rolesOf(
  p: ProposalDoc,
  caller: Caller,
  evaluators: Set<string>,
): Set<ProposalRole> {
  const me = caller.member?._id;
  const staff = caller.roles.has('staff') || caller.roles.has('admin');
  const roles = new Set<ProposalRole>(staff ? ['staff'] : []);
  if (me === undefined) return roles;
  if (p.leadId === me) roles.add('lead');
  // A staff member who wrote it for the lead acts as its author only while still staff.
  if (p.leadId === me || (staff && p.submittedByStaff === me)) roles.add('author');
  if (p.coSigners.some((c) => c.memberId === me)) roles.add('coSigner');
  if (evaluators.has(me)) roles.add('evaluator');
  return roles;
}

/** Whether one of `roles` may take the action now, by status. */
export const proposalCan = (action: ProposalAction, p: ProposalDoc, roles: Set<ProposalRole>) =>
  allowed(PROPOSAL_LIFECYCLE, action, p.status, roles);

/** Whether one of `roles` may take the handling action now, by stage. */
export const handlingCan = (action: HandlingAction, p: ProposalDoc, roles: Set<ProposalRole>) =>
  allowed(HANDLING_LIFECYCLE, action, p.handling?.stage, roles);
