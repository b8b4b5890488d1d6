import type { Services } from '../../kernel/action';
import { addDays, businessDate, iso } from '../../kernel/clock';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore } from '../../store/port';
import { enqueue, type Notification } from '../notify/outbox';
import { currentSettings } from '../settings';
import type { ProposalDoc } from './model';

/** The page a unit's account works a proposal on. */
export const unitLink = (proposalId: string) => `/pages/unit/proposal/index?id=${proposalId}`;
const officeLink = (proposalId: string) => `/pages/staff/proposal-handle/index?id=${proposalId}`;

/** The active contact accounts of the given handling units (role `unit`). */
export async function unitContacts(
  store: Pick<DocumentStore, 'find'>,
  unitIds: string[],
): Promise<MemberDoc[]> {
  if (!unitIds.length) return [];
  const found = await store.find<MemberDoc>('members', {
    where: { unitId: { $in: unitIds }, active: true },
  });
  return found.filter((m) => m.roles.includes('unit'));
}

/** The office's staff accounts, who hear of objections, replies to review and extension requests. */
export async function officeStaff(store: Pick<DocumentStore, 'find'>): Promise<MemberDoc[]> {
  return store.find<MemberDoc>('members', {
    where: { active: true, roles: { $contains: 'staff' } },
  });
}

type Notice = Omit<Notification, 'memberId' | 'link'>;

/** One notice to each contact of the named units, opening the unit's proposal page. */
export function toUnits(
  contacts: MemberDoc[],
  unitIds: string[],
  proposalId: string,
  notice: Notice,
): Notification[] {
  return contacts
    .filter((c) => c.unitId && unitIds.includes(c.unitId))
    .map((c) => ({ ...notice, memberId: c._id, link: unitLink(proposalId) }));
}

/** One notice to each staff account, opening the proposal's handling page. */
export function toOffice(staff: MemberDoc[], proposalId: string, notice: Notice): Notification[] {
  return staff.map((s) => ({ ...notice, memberId: s._id, link: officeLink(proposalId) }));
}

/** The notice a unit gets when a proposal is assigned to it (交办). */
export function assignedNotice(p: ProposalDoc, assignedAt: string, deadline: string): Notice {
  return {
    key: `proposal.assigned:${p._id}:${assignedAt}`,
    kind: 'proposal.assigned',
    title: `交办提案：${p.title}`,
    body: `${p.number ? `第 ${p.number} 号提案` : '提案'}已交贵单位办理，请签收；答复期限 ${businessDate(new Date(deadline))}。`,
    // Also by SMS where the committee's settings say so (settings.sms.unitAssigned).
    sms: {
      template: 'unitAssigned',
      params: { title: p.title, note: `请于${businessDate(new Date(deadline))}前答复` },
    },
  };
}

/**
 * Reminds the units of proposals whose handling deadline is within the settings' days and whose
 * round they have not answered, once per deadline (an extension brings a new reminder). The mark
 * is kept on the proposal without a version change, so no one's open page goes stale. Run by the
 * timer; bounded to 50 proposals a run.
 */
export async function remindUnitDeadlines(
  services: Pick<Services, 'store' | 'clock'>,
): Promise<number> {
  const now = services.clock.now();
  const { deadlineReminderDays } = (await currentSettings(services.store)).body.proposals;
  const soon = iso(addDays(now, deadlineReminderDays));
  const due = await services.store.find<ProposalDoc & { deadlineReminded?: string }>('proposals', {
    where: {
      status: 'accepted',
      'handling.stage': { $in: ['assigned', 'rehandling'] },
      'handling.deadline': { $lte: soon },
    },
    orderBy: [['handling.deadline', 'asc']],
    limit: 50,
  });
  const waiting = due.filter((p) => {
    const h = p.handling!;
    return h.deadline! > iso(now) && p.deadlineReminded !== `${h.round}:${h.deadline}`;
  });
  if (!waiting.length) return 0;
  const contacts = await unitContacts(services.store, [
    ...new Set(waiting.flatMap((p) => p.handling!.units.map((u) => u.unitId))),
  ]);
  for (const p of waiting) {
    const h = p.handling!;
    // Joint handling is open until the lead replies, and the co-handlers sign that reply off.
    const open = h.units
      .filter((u) => h.mode === 'joint' || !u.replies.some((r) => r.round === h.round))
      .map((u) => u.unitId);
    const day = businessDate(new Date(h.deadline!));
    const notices = toUnits(contacts, open, p._id, {
      key: `proposal.deadline:${p._id}:r${h.round}:${day}`,
      kind: 'proposal.deadline',
      title: `提案即将到期：${p.title}`,
      body: `答复期限 ${day}，请按时答复；确需延期的，请在期限前提出延期申请。`,
    });
    await services.store.transaction(async (tx) => {
      await enqueue(tx, iso(now), notices);
      await tx.update('proposals', p._id, {
        set: { deadlineReminded: `${h.round}:${h.deadline}` },
      });
    });
  }
  return waiting.length;
}
