import type { StoredDoc, TxOps } from '../store/port';
import type { ActionContext, Services } from './action';
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

/**
 * The same record for work a staff member started that runs on as a job (after their request,
 * or from the timer): attributed to them, the job's id in place of the request's.
 */
export async function auditJob(
  tx: TxOps,
  services: Pick<Services, 'ids' | 'clock'>,
  by: { action: string; actor: { id: string; name: string }; jobId: string },
  record: AuditRecord,
): Promise<void> {
  await tx.insert<AuditDoc>('audit_log', {
    _id: services.ids.next('aud'),
    at: iso(services.clock.now()),
    actorId: by.actor.id,
    actorName: by.actor.name,
    actorOpenid: '',
    action: by.action,
    targetType: record.targetType,
    targetId: record.targetId,
    before: record.before ?? null,
    after: record.after ?? null,
    reason: record.reason ?? null,
    requestId: by.jobId,
  });
}
