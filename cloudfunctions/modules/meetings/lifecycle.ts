import type { ErrorCode } from '../../../typings/contracts/errors';
import type { MeetingStatus } from '../../../typings/contracts/meetings';
import { fail } from '../../kernel/errors';
import type { Caller } from '../../kernel/identity';
import { allowed, allowsIn, requireAllowed, type Lifecycle } from '../../kernel/lifecycle';
import type { InvitationDoc } from './model';

/** Who the caller is to a meeting: the office (`staff`), or an `invitee` (active invitation). */
export type MeetingRole = 'staff' | 'invitee';

export type MeetingAction =
  | 'edit' // update; also what keeps a notice (re)sendable by publish
  | 'publish' // draft → published
  | 'cancel'
  | 'close' // published → closed (plus the time and leave rules in closeBlocker)
  | 'reopen' // closed → published
  | 'remind' // remindUnreplied
  | 'reply' // attend or ask leave (before the reply deadline: a time rule)
  | 'checkIn' // an invitee scans in (within the window: a time rule), may then leave early
  | 'runCheckIn'; // staff show the door code, check in a member by proxy

/** The meeting's status × action → who. */
export const MEETING_LIFECYCLE: Lifecycle<MeetingStatus, MeetingAction, MeetingRole> = {
  draft: { edit: ['staff'], publish: ['staff'], cancel: ['staff'] },
  published: {
    edit: ['staff'],
    cancel: ['staff'],
    close: ['staff'],
    remind: ['staff'],
    reply: ['invitee'],
    checkIn: ['invitee'],
    runCheckIn: ['staff'],
  },
  cancelled: {},
  closed: { reopen: ['staff'] },
};

/**
 * The error each command has always answered for a wrong state (clients depend on them).
 * `publish` and `close` have none of their own: outside their state they replay (publish
 * re-sends to the invitees, close answers the outcomes) or fall to the `edit` rule.
 */
const WRONG_STATE: Record<Exclude<MeetingAction, 'publish' | 'close'>, [ErrorCode, string?]> = {
  edit: ['MEETING.NOT_EDITABLE'],
  cancel: ['MEETING.NOT_EDITABLE'],
  reopen: ['MEETING.NOT_CLOSED'],
  remind: ['MEETING.NOT_PUBLISHED'],
  reply: ['MEETING.NOT_EDITABLE', '会议已结束或已取消'],
  checkIn: ['CHECKIN.MEETING_NOT_OPEN'],
  runCheckIn: ['CHECKIN.MEETING_NOT_OPEN'],
};

/** Whether the status allows the action (for the guards that replay instead of refusing). */
export const meetingAllows = (action: MeetingAction, status: MeetingStatus | undefined) =>
  allowsIn(MEETING_LIFECYCLE, action, status);

/** A command's state guard: throws the action's wrong-state error unless the status allows it. */
export function requireMeetingState(
  action: keyof typeof WRONG_STATE,
  status: MeetingStatus | undefined,
): void {
  requireAllowed(MEETING_LIFECYCLE, action, status, () => fail(...WRONG_STATE[action]));
}

/** Who the caller is to this meeting (the views' side of the table). */
export function rolesOf(caller: Caller, inv: InvitationDoc | null): Set<MeetingRole> {
  const roles = new Set<MeetingRole>();
  if (caller.roles.has('staff') || caller.roles.has('admin')) roles.add('staff');
  if (inv?.active) roles.add('invitee');
  return roles;
}

/** Whether one of `roles` may take the action now, by status. */
export const meetingCan = (action: MeetingAction, status: MeetingStatus, roles: Set<MeetingRole>) =>
  allowed(MEETING_LIFECYCLE, action, status, roles);
