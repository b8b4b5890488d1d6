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
export function audit(tx: TxOps, ctx: ActionContext, record: AuditRecord): Promise<void> {
  const actor = ctx.caller.member;
  return write(tx, ctx, record, {
    actorId: actor?._id ?? '',
    actorName: actor?.name ?? '',
    actorOpenid: ctx.caller.openid,
    action: ctx.action,
    requestId: ctx.requestId,
  });
}

/**
 * The same record for work a staff member started that runs on as a job (after their request,
 * or from the timer): attributed to them, the job's id in place of the request's.
 */
export function auditJob(
  tx: TxOps,
  services: Pick<Services, 'ids' | 'clock'>,
  by: { action: string; actor: { id: string; name: string }; jobId: string },
  record: AuditRecord,
): Promise<void> {
  return write(tx, services, record, {
    actorId: by.actor.id,
    actorName: by.actor.name,
    actorOpenid: '',
    action: by.action,
    requestId: by.jobId,
  });
}

async function write(
  tx: TxOps,
  { ids, clock }: Pick<Services, 'ids' | 'clock'>,
  record: AuditRecord,
  who: Pick<AuditDoc, 'actorId' | 'actorName' | 'actorOpenid' | 'action' | 'requestId'>,
): Promise<void> {
  await tx.insert<AuditDoc>('audit_log', {
    _id: ids.next('aud'),
    at: iso(clock.now()),
    ...who,
    targetType: record.targetType,
    targetId: record.targetId,
    before: record.before ?? null,
    after: record.after ?? null,
    reason: record.reason ?? null,
  });
}
