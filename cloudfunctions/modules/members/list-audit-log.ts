import { members, type AuditEntry } from '../../../typings/contracts/members';
import type { Page } from '../../../typings/contracts/envelope';
import { handle, STAFF } from '../../kernel/action';
import type { AuditDoc } from '../../kernel/audit';
import { findPage } from '../../kernel/paging';
import type { DocumentStore, Where } from '../../store/port';

/** The office's audit trail, newest first, optionally for one target. */
export const listAuditLog = handle(members.listAuditLog, STAFF, (ctx, input) =>
  auditPage(ctx.store, input.targetId ?? null, input.page, input.pageSize),
);

/** One page of the audit trail, newest first: everything, or what was done to one target. */
export function auditPage(
  store: DocumentStore,
  targetId: string | null,
  page: number,
  pageSize: number,
): Promise<Page<AuditEntry>> {
  const where: Where = targetId ? { targetId } : {};
  return findPage<AuditDoc, AuditEntry>(
    store,
    'audit_log',
    // Ids are time-ordered: two records of one instant keep the order they were written in.
    {
      where,
      orderBy: [
        ['at', 'desc'],
        ['_id', 'desc'],
      ],
      page,
      pageSize,
    },
    (d) => ({
      id: d._id,
      at: d.at,
      actorId: d.actorId,
      actorName: d.actorName,
      action: d.action,
      targetType: d.targetType,
      targetId: d.targetId,
      before: d.before,
      after: d.after,
      reason: d.reason,
    }),
  );
}
