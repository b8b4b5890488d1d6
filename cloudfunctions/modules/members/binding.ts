import type { ActionContext } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { BindingDoc, MemberDoc } from '../../kernel/identity';
import type { TxOps } from '../../store/port';

/**
 * Binds the caller's WeChat account to a roster entry inside a transaction. Binding again to
 * the same entry is a success that changes nothing, so a retried bind is harmless.
 */
export async function bindCaller(
  tx: TxOps,
  ctx: ActionContext,
  memberId: string,
  method: BindingDoc['method'],
): Promise<MemberDoc> {
  const { openid } = ctx.caller;
  const member = await tx.get<MemberDoc>('members', memberId);
  if (!member) throw fail('MEMBER.NOT_FOUND');
  if (member.openid === openid) return member;
  if (member.openid) throw fail('BIND.MEMBER_TAKEN');
  if (!member.active) throw fail('AUTH.INACTIVE');
  const existing = await tx.get<BindingDoc>('bindings', openid);
  if (existing) {
    const other = await tx.get<MemberDoc>('members', existing.memberId);
    if (other?.openid === openid) throw fail('BIND.ALREADY_BOUND');
    await tx.remove('bindings', openid); // left behind by an entry unbound meanwhile
  }
  const now = iso(ctx.clock.now());
  await tx.insert<BindingDoc>('bindings', { _id: openid, memberId, method, boundAt: now });
  await tx.update('members', memberId, {
    set: { openid, boundAt: now, updatedAt: now },
    inc: { version: 1 },
  });
  return { ...member, openid, boundAt: now, updatedAt: now, version: member.version + 1 };
}
