import type { ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore, TxOps } from '../../store/port';

/** What the office's actions on a roster entry share: read it, change it with its audit record. */

export async function mustGet(tx: Pick<TxOps, 'get'>, memberId: string): Promise<MemberDoc> {
  const member = await tx.get<MemberDoc>('members', memberId);
  if (!member) throw fail('MEMBER.NOT_FOUND');
  return member;
}

/** Active admins now (read before the transaction; `holdAdmin` closes the race inside it). */
export function countAdmins(store: DocumentStore): Promise<number> {
  return store.count('members', { roles: { $contains: 'admin' }, active: true });
}

/**
 * Inside a transaction that takes an admin away: the acting admin must still be one, and their
 * own entry is written too. Two admins removing each other at once then write the same two
 * entries, so one of them fails instead of both committing and leaving the committee none.
 */
export async function holdAdmin(tx: TxOps, ctx: ActionContext): Promise<void> {
  const me = ctx.caller.member ? await tx.get<MemberDoc>('members', ctx.caller.member._id) : null;
  if (!me?.active || !me.roles.includes('admin')) throw fail('AUTH.FORBIDDEN');
  await tx.update('members', me._id, { set: { adminHeldAt: iso(ctx.clock.now()) } });
}

/**
 * Applies a staff change to a roster entry with its audit record (before and after of the
 * fields in `set`; `unaudited` is written too, e.g. a new name's sort keys); returns the entry
 * after.
 */
export async function change(
  tx: TxOps,
  ctx: ActionContext,
  member: MemberDoc,
  set: Partial<MemberDoc>,
  reason: string | null,
  unaudited: Partial<MemberDoc> = {},
): Promise<MemberDoc> {
  const now = iso(ctx.clock.now());
  await tx.update('members', member._id, {
    set: { ...set, ...unaudited, updatedAt: now },
    inc: { version: 1 },
  });
  const before = Object.fromEntries(
    Object.keys(set).map((k) => [k, member[k as keyof MemberDoc] ?? null]),
  );
  await audit(tx, ctx, {
    targetType: 'member',
    targetId: member._id,
    before,
    after: set,
    reason,
  });
  return { ...member, ...set, ...unaudited, updatedAt: now, version: member.version + 1 };
}
