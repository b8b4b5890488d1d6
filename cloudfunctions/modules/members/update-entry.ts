import { members } from '../../../typings/contracts/members';
import { command, STAFF } from '../../kernel/action';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import { nameKeysOf } from '../../kernel/people-order';
import { change, mustGet } from './entry-change';
import { manageProblem } from './entry-rules';
import { normalizeName } from './roster-file';
import { ROSTER_FIELDS, type RosterField } from './roster-job';
import { toRosterEntry } from './views';

type Fields = Pick<MemberDoc, RosterField>;

/**
 * Corrects a roster entry's fields as the office's form shows them (a misspelt name, a new
 * phone, another sector), guarded by the version the form was filled from. A new name is
 * written with its sort and search keys, so lists keep their order. Only what differs is
 * written and audited. Outcomes: updated | unchanged (no write, no audit) | MEMBER.NOT_FOUND |
 * MEMBER.OFFICE_ACCOUNT | MEMBER.PHONE_TAKEN | STORE.CONFLICT (changed meanwhile).
 */
export const updateEntry = command(members.updateEntry, STAFF, async (ctx, input) => {
  const { memberId, version, ...typed } = input;
  const wanted: Fields = { ...typed, name: normalizeName(typed.name) };
  // Worked out before the transaction (which may run twice): the dictionaries load on first use.
  const nameKeys = await nameKeysOf(wanted.name);
  const holders = wanted.phone
    ? await ctx.store.find<MemberDoc>('members', { where: { phone: wanted.phone }, limit: 2 })
    : [];
  return once(ctx, async (tx) => {
    const member = await mustGet(tx, memberId);
    const problem = manageProblem(ctx.caller, member);
    if (problem) throw fail(problem);
    const set = differences(member, wanted);
    if (Object.keys(set).length === 0) return toRosterEntry(member);
    if (member.version !== version)
      throw fail('STORE.CONFLICT', '该人员的信息已被他人修改，请刷新后再编辑');
    // Only a new phone is checked: entries that shared one before keep it through other edits.
    if (set.phone && holders.some((m) => m._id !== memberId)) throw fail('MEMBER.PHONE_TAKEN');
    const keys = set.name !== undefined ? { nameKeys } : {};
    return toRosterEntry(await change(tx, ctx, member, set, null, keys));
  });
});

function differences(member: MemberDoc, wanted: Fields): Partial<Fields> {
  const set: Record<string, unknown> = {};
  for (const f of ROSTER_FIELDS) if (member[f] !== wanted[f]) set[f] = wanted[f];
  return set as Partial<Fields>;
}
