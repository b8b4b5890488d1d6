import type { PolicyBody, PointRule } from '../../../typings/contracts/ledger';
import type { Fact } from './facts';
import { toTenths, type Tenths } from './points';

/** What one fact is worth under a policy, after splits, "highest only" and caps. */
export interface Worth {
  category: string;
  points: Tenths;
  /** Before caps and "highest only": the rule's points, split among authors. */
  requested: Tenths;
  notes: string[];
}

/**
 * Replays a member's year under a policy, in the order things happened, and says what each
 * fact is worth. Deterministic: the same facts and policy always give the same answer, which
 * is what lets the ledger post only differences (adjustments) when facts or policy change.
 */
export function replay(facts: readonly Fact[], policy: PolicyBody): Map<string, Worth> {
  const rules = new Map(policy.rules.map((r) => [r.event, r]));
  const caps = new Map(
    policy.categories.map((c) => [c.id, c.cap === undefined ? null : toTenths(c.cap)]),
  );
  const labels = new Map(policy.categories.map((c) => [c.id, c.label]));
  // Caps limit the points earned in a category; deductions count in full on top, so only
  // positive points fill a cap (no published table lets a cap absorb a penalty).
  const earned = new Map<string, Tenths>();
  const groupBest = new Map<string, Tenths>();
  const worth = new Map<string, Worth>();

  const ordered = facts
    .filter((f) => !f.retracted)
    .sort((a, b) =>
      a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.seq - b.seq,
    );
  for (const fact of ordered) {
    const rule = rules.get(fact.event);
    if (!rule && !fact.manual) continue;
    const category = fact.manual?.category ?? rule!.category;
    const requested = fact.manual ? fact.manual.points : share(rule!, fact);
    const notes: string[] = [];
    if (!fact.manual && fact.share && fact.share.authors > 1 && rule!.split !== 'each') {
      notes.push(`${fact.share.authors} 人联名，按规则分得`);
    }
    let points = requested;
    if (rule?.group && !fact.manual) {
      const groupKey = `${rule.group}|${fact.source.type}:${fact.source.id}`;
      const best = groupBest.get(groupKey) ?? 0;
      points = Math.max(0, requested - best);
      groupBest.set(groupKey, Math.max(best, requested));
      if (best > 0)
        notes.push(points > 0 ? '同一事项按最高项计分，补足差额' : '同一事项已按更高项计分');
    }
    const cap = caps.get(category) ?? null;
    if (points > 0) {
      const sofar = earned.get(category) ?? 0;
      if (cap !== null && sofar + points > cap) {
        points = Math.max(0, cap - sofar);
        notes.push(`「${labels.get(category) ?? category}」已达年度加分上限 ${cap / 10} 分`);
      }
      earned.set(category, sofar + points);
    }
    worth.set(fact.key, { category, points, requested, notes });
  }
  return worth;
}

/** The rule's points for this member, split among joint authors; remainders go to the lead. */
function share(rule: PointRule, fact: Fact): Tenths {
  const total = toTenths(rule.points);
  const authors = fact.share?.authors ?? 1;
  if (authors <= 1 || rule.split === 'each') return total;
  const isLead = fact.share?.role === 'lead';
  const others = authors - 1;
  const pool = rule.split === 'leadHalf' ? total - truncHalf(total) : total;
  const each = rule.split === 'leadHalf' ? trunc(pool / others) : trunc(total / authors);
  return isLead ? total - each * others : each;
}

function trunc(n: number): number {
  return n < 0 ? -Math.floor(-n) : Math.floor(n);
}

function truncHalf(n: number): number {
  return trunc(n / 2);
}
