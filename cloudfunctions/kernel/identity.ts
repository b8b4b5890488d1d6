import type { Gender, Role } from '../../typings/contracts/members';
import type { DocumentStore, StoredDoc } from '../store/port';
import type { NameKeys } from './people-order';

/** A person on the committee's roster: a member, or an office staff account. */
export interface MemberDoc extends StoredDoc {
  name: string;
  gender: Gender | null;
  sector: string | null;
  specialCommittee: string | null;
  standingMember: boolean;
  phone: string | null;
  term: string | null;
  roles: Role[];
  active: boolean;
  openid: string | null;
  boundAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * The name's sort and search keys (kernel/people-order.ts), written with the name; absent or
   * older on documents written before, until the timer fills them in (`healNameKeys`).
   */
  nameKeys?: NameKeys;
  /** A handling unit's contact (role `unit`): the unit whose work the account does. */
  unitId?: string | null;
}

/** `bindings/<openid>`: the id makes one WeChat account bind to at most one roster entry. */
export interface BindingDoc extends StoredDoc {
  memberId: string;
  method: 'invite' | 'phone';
  boundAt: string;
}

/** Who is calling, established by the pipeline from the trusted WeChat context. */
export interface Caller {
  openid: string;
  /** The bound roster entry, or null when this WeChat account is not bound yet. */
  member: MemberDoc | null;
  roles: ReadonlySet<Role>;
}

/**
 * The caller's roster entry, in one indexed read: binding writes the openid onto the entry in
 * the same transaction as the `bindings` record that keeps it unique, and unbinding clears both.
 * (Two entries with one openid cannot happen; should they, the caller counts as unbound.)
 */
export async function loadCaller(store: DocumentStore, openid: string): Promise<Caller> {
  const found = await store.find<MemberDoc>('members', { where: { openid }, limit: 2 });
  const bound = found.length === 1 ? found[0]! : null;
  return { openid, member: bound, roles: new Set(bound?.active ? bound.roles : []) };
}
