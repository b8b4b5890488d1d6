import type { Services } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { readAccount, REPLAY_RULES, type AccountDoc } from './facts';
import { recomputeAccount } from './ledger-port';
import { activePolicy, type ActivePolicy } from './policy-store';

/**
 * Brings accounts settled under older replay rules (`REPLAY_RULES`) in line with today's, a
 * batch at a time, through adjustment entries (never edits), so points already posted heal:
 * e.g. rules 1 let a yearly cap absorb a deduction. The timer calls it; an account touched by a
 * post in the meantime is already settled under the current rules and is skipped.
 */
export async function healAccounts(
  services: Pick<Services, 'store' | 'clock'>,
  limit = 50,
): Promise<number> {
  // Accounts written before the rules were versioned have no `replayRules` (null matches it).
  const stale = await services.store.find<AccountDoc>('point_accounts', {
    where: { replayRules: null },
    limit,
  });
  const policies = new Map<number, ActivePolicy>();
  const at = iso(services.clock.now());
  let healed = 0;
  for (const { _id, year } of stale) {
    if (!policies.has(year)) policies.set(year, await activePolicy(services.store, year));
    const policy = policies.get(year)!;
    healed += await services.store.transaction(async (tx) => {
      const stored = await tx.get<AccountDoc>('point_accounts', _id);
      if (!stored) return 0;
      const account = readAccount(stored);
      if (account.replayRules >= REPLAY_RULES) return 0;
      await recomputeAccount(tx, account, policy, { id: 'system', name: '系统' }, at);
      return 1;
    });
  }
  return healed;
}
