import type { Services } from '../../kernel/action';
import { businessDate, iso } from '../../kernel/clock';
import type { MemberDoc } from '../../kernel/identity';
import { enqueue } from '../notify/outbox';
import type { ProposalDoc } from './model';
import { isOverdue } from './views';

/**
 * Tells the office, once a day, how many accepted proposals are past their handling deadline
 * without the round's reply (the list is on the statistics page). Run by the timer.
 */
export async function alertOverdue(services: Pick<Services, 'store' | 'clock'>): Promise<number> {
  const now = services.clock.now();
  const handling = await services.store.find<ProposalDoc>('proposals', {
    where: { status: 'accepted', 'handling.stage': { $in: ['assigned', 'rehandling'] } },
  });
  const overdue = handling.filter((p) => isOverdue(p, now));
  if (overdue.length === 0) return 0;
  const staff = await services.store.find<MemberDoc>('members', {
    where: { active: true, roles: { $contains: 'staff' } },
  });
  const day = businessDate(now);
  const titles = overdue
    .slice(0, 3)
    .map((p) => `「${p.title}」`)
    .join('、');
  await services.store.transaction((tx) =>
    enqueue(
      tx,
      iso(now),
      staff.map((s) => ({
        key: `proposal.overdue:${day}`,
        memberId: s._id,
        kind: 'proposal.overdue',
        title: `${overdue.length} 件提案超过办理期限`,
        body: `${titles}${overdue.length > 3 ? ` 等 ${overdue.length} 件` : ''}已超过办理期限，尚未答复，请督促承办单位。`,
        link: '/pages/staff/proposal-stats/index',
      })),
    ),
  );
  return overdue.length;
}
