import type { DirectoryEntry, MyProfile, RosterEntry } from '../../../typings/contracts/members';
import type { MemberDoc } from '../../kernel/identity';

/** What another member may see: never the phone number. */
export function toDirectoryEntry(m: MemberDoc): DirectoryEntry {
  return {
    id: m._id,
    name: m.name,
    gender: m.gender,
    sector: m.sector,
    specialCommittee: m.specialCommittee,
    standingMember: m.standingMember,
  };
}

export function toMyProfile(m: MemberDoc): MyProfile {
  return {
    ...toDirectoryEntry(m),
    phone: m.phone,
    term: m.term,
    roles: m.roles,
    boundAt: m.boundAt,
  };
}

export function toRosterEntry(m: MemberDoc): RosterEntry {
  return {
    ...toDirectoryEntry(m),
    phone: m.phone,
    term: m.term,
    roles: m.roles,
    active: m.active,
    bound: m.openid !== null,
    boundAt: m.boundAt,
  };
}
