/**
 * 代录: the office enters a member's proposal or opinion report from their paper, the member
 * confirms it from the inbox (or sends it back with a reason), and for a member without a phone
 * the office confirms it, saying how the member agreed. The rules both modules share.
 */
import type { ActionContext } from './action';
import { fail, type AppError } from './errors';
import type { MemberDoc } from './identity';

const isStaff = (ctx: ActionContext) =>
  ctx.caller.roles.has('staff') || ctx.caller.roles.has('admin');

/**
 * Whose text it is: the caller's own (a member), or, for the office writing on a member's
 * behalf (`onBehalfOf`), that active member's. A caller who is not a member and names no one
 * gets `notMember()`; only staff may name someone.
 */
export async function authorFor(
  ctx: ActionContext,
  onBehalfOf: string | undefined,
  notMember: () => AppError,
): Promise<MemberDoc> {
  if (!onBehalfOf) {
    if (!ctx.caller.member!.roles.includes('member')) throw notMember();
    return ctx.caller.member!;
  }
  if (!isStaff(ctx)) throw fail('AUTH.FORBIDDEN');
  const author = await ctx.store.get<MemberDoc>('members', onBehalfOf);
  if (!author?.active || !author.roles.includes('member')) throw fail('MEMBER.NOT_FOUND');
  return author;
}

/** Who is confirming: the member themself, or the office for them; anyone else is told "not found". */
export function entryConfirmer(
  ctx: ActionContext,
  authorId: string,
  notFound: () => AppError,
): 'member' | 'staff' {
  if (authorId === ctx.caller.member!._id) return 'member';
  if (isStaff(ctx)) return 'staff';
  throw notFound();
}

/**
 * The note of a confirmation, checked: only the member sends an entry back, and says why; the
 * office confirming for them says how they agreed.
 */
export function entryNote(
  by: 'member' | 'staff',
  input: { accept: boolean; note?: string | undefined },
  wrongState: (message: string) => AppError,
): string | null {
  const note = input.note?.trim() || null;
  if (by === 'staff' && !input.accept) throw wrongState('退回只能由委员本人操作');
  if (!note && (by === 'staff' || !input.accept))
    throw fail('REQUEST.INVALID', by === 'member' ? '请说明退回的原因' : '请说明委员是如何确认的');
  return note;
}
