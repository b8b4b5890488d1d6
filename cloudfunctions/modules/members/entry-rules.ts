import {
  EDITABLE_ROLES,
  ROLES,
  type RoleChoice,
  type MemberEntryView,
  type Role,
} from '../../../typings/contracts/members';
import type { ErrorCode } from '../../../typings/contracts/errors';
import type { Caller, MemberDoc } from '../../kernel/identity';

/**
 * Who may change what on a roster entry: one place that the commands' guards and the member
 * page's `can` flags both read, so a button is shown exactly when the command would accept it.
 * - Staff manage members' entries; an office account (staff, admin) only an admin changes.
 * - Roles are set by an admin, never `unit` (unit contacts are managed from the units page).
 * - Nobody deactivates or unbinds their own entry or drops their own admin role; the last admin
 *   stays one.
 */
const OFFICE_ROLES: readonly Role[] = ['staff', 'admin'];

export type Admins = number;

const isAdmin = (caller: Caller) => caller.roles.has('admin');
const isSelf = (caller: Caller, m: MemberDoc) => caller.member?._id === m._id;
const isOfficeAccount = (m: MemberDoc) => m.roles.some((r) => OFFICE_ROLES.includes(r));
const isLastAdmin = (m: MemberDoc, admins: Admins) =>
  m.active && m.roles.includes('admin') && admins <= 1;

/** MEMBER.OFFICE_ACCOUNT when the caller may not change this entry at all. */
export function manageProblem(caller: Caller, m: MemberDoc): ErrorCode | null {
  return isAdmin(caller) || !isOfficeAccount(m) ? null : 'MEMBER.OFFICE_ACCOUNT';
}

/** Why the entry cannot be unbound (解除绑定) by the caller, or null. */
export function unbindProblem(caller: Caller, m: MemberDoc): ErrorCode | null {
  return manageProblem(caller, m) ?? (isSelf(caller, m) ? 'MEMBER.OWN_ENTRY' : null);
}

/** Why the entry cannot be deactivated (停用) by the caller, or null. */
export function deactivateProblem(caller: Caller, m: MemberDoc, admins: Admins): ErrorCode | null {
  const problem = manageProblem(caller, m);
  if (problem) return problem;
  if (isSelf(caller, m)) return 'MEMBER.OWN_ENTRY';
  return isLastAdmin(m, admins) ? 'MEMBER.LAST_ADMIN' : null;
}

/** The roles the entry ends with: the ones set here, and those managed elsewhere kept. */
export function rolesAfter(m: MemberDoc, wanted: readonly Role[]): Role[] {
  const keep = m.roles.filter((r) => !EDITABLE_ROLES.includes(r));
  const all = new Set<Role>([...wanted, ...keep]);
  return ROLES.filter((r) => all.has(r));
}

/** Why the caller may not give the entry `wanted` (the roles set here), or null. */
export function rolesProblem(
  caller: Caller,
  m: MemberDoc,
  wanted: readonly Role[],
  admins: Admins,
): ErrorCode | null {
  if (wanted.some((r) => !EDITABLE_ROLES.includes(r))) return 'MEMBER.ROLE_MANAGED_ELSEWHERE';
  if (m.roles.includes('admin') && !wanted.includes('admin')) {
    if (isSelf(caller, m)) return 'MEMBER.OWN_ADMIN';
    if (isLastAdmin(m, admins)) return 'MEMBER.LAST_ADMIN';
  }
  return null;
}

/** The change takes an admin away (the committee must keep one: see `holdAdmin`). */
export function removesAdmin(m: MemberDoc, after: { roles?: Role[]; active?: boolean }): boolean {
  if (!m.active || !m.roles.includes('admin')) return false;
  return after.active === false || (after.roles !== undefined && !after.roles.includes('admin'));
}

const LOCKED: Partial<Record<ErrorCode, string>> = {
  'MEMBER.OWN_ADMIN': '不能取消自己的管理员角色',
  'MEMBER.LAST_ADMIN': '这是最后一位管理员',
};

/** The roles editor's rows: each role set here, held or not, and why it is locked. */
export function roleChoices(caller: Caller, m: MemberDoc, admins: Admins): RoleChoice[] {
  return EDITABLE_ROLES.map((role) => {
    const held = m.roles.includes(role);
    const without = m.roles.filter((r) => r !== role && EDITABLE_ROLES.includes(r));
    const problem = held && role === 'admin' ? rolesProblem(caller, m, without, admins) : null;
    return { role, held, lockedReason: problem ? (LOCKED[problem] ?? null) : null };
  });
}

/** What the caller may do with the entry now. */
export function entryCan(caller: Caller, m: MemberDoc, admins: Admins): MemberEntryView['can'] {
  const manages = manageProblem(caller, m) === null;
  const bound = m.openid !== null;
  return {
    edit: manages,
    setRoles: isAdmin(caller),
    deactivate: m.active && deactivateProblem(caller, m, admins) === null,
    reactivate: !m.active && manages,
    unbind: bound && manages && !isSelf(caller, m),
    issueInvite: !bound && m.active && manages,
  };
}
