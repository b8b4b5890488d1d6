import { ledger } from '../../../typings/contracts/ledger';
import { handle, type ActionContext } from '../../kernel/action';
import { businessYear } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { findPage } from '../../kernel/paging';
import type { Where } from '../../store/port';
import type { EntryDoc } from './facts';
import { activePolicy } from './policy-store';
import { entryView, memberYearRecord } from './records';

/** 我的履职: the caller's total, grade, categories with caps, rank when the policy shows it. */
export const getMyRecord = handle(ledger.getMyRecord, 'member', async (ctx, input) => {
  const member = assessedCaller(ctx);
  const year = input.year ?? businessYear(ctx.clock.now());
  const policy = await activePolicy(ctx.store, year);
  return memberYearRecord(ctx.store, member, year, { withRank: policy.body.showRank, policy });
});

/** The caller's entries, newest first, each with its reason and source. */
export const listMyEntries = handle(ledger.listMyEntries, 'member', async (ctx, input) => {
  const member = assessedCaller(ctx);
  const year = input.year ?? businessYear(ctx.clock.now());
  const policy = await activePolicy(ctx.store, year);
  const where: Where = { memberId: member._id, year };
  if (input.category) where.category = input.category;
  return findPage<EntryDoc, ReturnType<typeof entryView>>(
    ctx.store,
    'point_entries',
    {
      where,
      orderBy: [
        ['at', 'desc'],
        ['seq', 'desc'],
      ],
      page: input.page,
      pageSize: input.pageSize,
    },
    (e) => entryView(policy.body, e),
  );
});

function assessedCaller(ctx: ActionContext): MemberDoc {
  const member = ctx.caller.member!;
  if (!member.roles.includes('member')) throw fail('LEDGER.NOT_A_MEMBER');
  return member;
}
