import { members } from '../../../typings/contracts/members';
import { command } from '../../kernel/action';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { bindCaller } from './binding';
import { toMyProfile } from './views';

/**
 * Binds the caller by the phone number WeChat vouches for (the phone-number button's one-time
 * code, exchanged server-side) when exactly one active roster entry has that number.
 * Outcomes: bound | BIND.PHONE_CODE_INVALID | BIND.PHONE_NOT_ON_ROSTER | BIND.PHONE_AMBIGUOUS |
 * BIND.ALREADY_BOUND | BIND.MEMBER_TAKEN.
 */
export const bindByPhone = command(members.bindByPhone, 'anyone', async (ctx, { phoneCode }) => {
  const phone = await ctx.phoneNumbers.resolve(phoneCode);
  const matches = await ctx.store.find<MemberDoc>('members', {
    where: { phone, active: true },
    limit: 2,
  });
  if (matches.length === 0) throw fail('BIND.PHONE_NOT_ON_ROSTER');
  if (matches.length > 1) throw fail('BIND.PHONE_AMBIGUOUS');
  const member = await ctx.store.transaction((tx) => bindCaller(tx, ctx, matches[0]!._id, 'phone'));
  return toMyProfile(member);
});
