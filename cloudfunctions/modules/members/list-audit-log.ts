import { members, type AuditEntry } from '../../../typings/contracts/members';
import { handle, STAFF } from '../../kernel/action';
import type { AuditDoc } from '../../kernel/audit';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';

/** The office's audit trail, newest first, optionally for one target. */
export const listAuditLog = handle(members.listAuditLog, STAFF, async (ctx, input) => {
  const where: Where = input.targetId ? { targetId: input.targetId } : {};
  return findPage<AuditDoc, AuditEntry>(
    ctx.store,
    'audit_log',
    { where, orderBy: [['at', 'desc']], page: input.page, pageSize: input.pageSize },
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
});
