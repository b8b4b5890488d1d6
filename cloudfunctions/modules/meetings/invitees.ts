import type { Invitees } from '../../../typings/contracts/meetings';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore, Where } from '../../store/port';

/** The active committee members an invitee rule names (in no order: the notice job takes them by id). */
export async function resolveInvitees(store: DocumentStore, rule: Invitees): Promise<MemberDoc[]> {
  const where: Where = { active: true, roles: { $contains: 'member' } };
  if (rule.mode === 'sectors') where.sector = { $in: rule.sectors };
  if (rule.mode === 'committees') where.specialCommittee = { $in: rule.committees };
  if (rule.mode === 'standing') where.standingMember = true;
  if (rule.mode === 'named') where._id = { $in: rule.memberIds };
  return store.find<MemberDoc>('members', { where });
}
