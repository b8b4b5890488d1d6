import type { StoredDoc, TxOps } from '../store/port';
import type { ActionContext } from './action';
import { iso } from './clock';

export interface AuditDoc extends StoredDoc {
  at: string;
  actorId: string;
  actorName: string;
  actorOpenid: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string;
}

export interface AuditRecord {
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason?: string | null;
}

/** Records a staff action (who, what, when, before/after) in the same transaction as the change. */
export async function audit(tx: TxOps, ctx: ActionContext, record: AuditRecord): Promise<void> {
  const actor = ctx.caller.member;
  await tx.insert<AuditDoc>('audit_log', {
    _id: ctx.ids.next('aud'),
    at: iso(ctx.clock.now()),
    actorId: actor?._id ?? '',
    actorName: actor?.name ?? '',
    actorOpenid: ctx.caller.openid,
    action: ctx.action,
    targetType: record.targetType,
    targetId: record.targetId,
    before: record.before ?? null,
    after: record.after ?? null,
    reason: record.reason ?? null,
    requestId: ctx.requestId,
  });
}
