import type { DutyEventType } from '../../../typings/contracts/ledger';
import type { ActionContext } from '../../kernel/action';
import { startOfBusinessDay, businessYear, iso } from '../../kernel/clock';
import type { TxOps } from '../../store/port';
import { recordDutyEvent, recordRetraction } from '../ledger/ledger-port';
import type { ConsultationDoc } from './model';

function keyOf(c: ConsultationDoc, memberId: string, event: DutyEventType): string {
  return `consultation:${c._id}:${memberId}:${event}`;
}

/** Who earns what for a log as it stands: nothing until it was held, then host and attendees. */
function wanted(c: ConsultationDoc | null): Map<string, DutyEventType> {
  const out = new Map<string, DutyEventType>();
  if (!c || c.status === 'planned') return out;
  for (const m of c.members) out.set(m.id, 'studio.consultation.attended');
  out.set(c.hostMemberId, 'studio.consultation.hosted');
  return out;
}

/**
 * Records, in the caller's transaction, the duty events of a consultation log as it is after
 * the change (`after`, null when deleted), and takes back those of `before` that no longer
 * hold (a member removed, the host changed, the log deleted). Keys make each count once.
 */
export async function scoreConsultation(
  tx: TxOps,
  ctx: ActionContext,
  before: ConsultationDoc | null,
  after: ConsultationDoc | null,
): Promise<void> {
  const now = wanted(after);
  const actor = ctx.caller.member
    ? { id: ctx.caller.member._id, name: ctx.caller.member.name }
    : null;
  const doc = (after ?? before)!;
  const occurredAt = iso(startOfBusinessDay(doc.date));
  for (const [memberId, event] of now)
    await recordDutyEvent(tx, ctx, {
      key: keyOf(doc, memberId, event),
      event,
      memberId,
      occurredAt,
      source: { type: 'consultation', id: doc._id, title: doc.topic },
      actor,
    });
  for (const [memberId, event] of wanted(before)) {
    if (now.get(memberId) === event) continue;
    await recordRetraction(
      tx,
      ctx,
      { key: keyOf(doc, memberId, event), memberId, yearHint: businessYear(occurredAt) },
      after ? '协商活动记录已更正' : '协商活动记录已删除',
      actor,
    );
  }
}
