import { createHash } from 'node:crypto';
import type { PolicyBody } from '../../../typings/contracts/ledger';
import {
  REPLAY_RULES,
  type AccountDoc,
  type Credit,
  type EntryDoc,
  type EntryKind,
  type Fact,
} from './facts';
import { signedPoints } from './points';
import { replay } from './replay';

export interface SettleCause {
  kind: 'event' | 'retract' | 'policy';
  /** The fact posted or retracted (absent for a policy recomputation). */
  key?: string;
  /** Why, for retractions and staff corrections. */
  why?: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface Settlement {
  account: AccountDoc;
  entries: EntryDoc[];
}

/**
 * Brings an account's credits in line with what its facts are worth under `policy`: one entry
 * per difference, each with a reason a member can read. Pure; the caller writes the result in
 * one transaction. Applying it twice posts nothing the second time.
 */
export function settle(
  account: AccountDoc,
  policy: PolicyBody,
  policyVersion: number,
  cause: SettleCause,
): Settlement {
  const worth = replay(account.facts, policy);
  const labels = new Map(policy.rules.map((r) => [r.event, r.label]));
  const seq = account.seq + 1;
  const credited = new Map<string, Credit>();
  for (const f of account.facts) if (f.credit) credited.set(f.key, f.credit);
  const byCategory = { ...account.byCategory };
  let total = account.total;
  const entries: EntryDoc[] = [];

  const post = (
    fact: Fact,
    kind: EntryKind,
    category: string,
    points: number,
    reason: string,
    firstOfKey: boolean,
  ) => {
    const id = firstOfKey ? eventEntryId(fact.key) : `pa_${hash(`${fact.key}|${seq}|${category}`)}`;
    entries.push({
      _id: id,
      key: fact.key,
      memberId: account.memberId,
      year: account.year,
      kind,
      event: fact.event,
      category,
      points,
      policyVersion,
      source: fact.source,
      reason,
      actorId: cause.actorId,
      actorName: cause.actorName,
      occurredAt: fact.occurredAt,
      at: cause.at,
      seq,
    });
    byCategory[category] = (byCategory[category] ?? 0) + points;
    total += points;
  };

  for (const fact of account.facts) {
    const w = worth.get(fact.key);
    const before = credited.get(fact.key);
    const label = fact.manual ? fact.source.title : (labels.get(fact.event) ?? fact.event);
    const what = fact.manual ? label : `${label}：${fact.source.title}`;
    const isTrigger = cause.key === fact.key;
    const firstPost = isTrigger && cause.kind === 'event' && before === undefined;
    const target = w ?? { category: before?.category ?? '', points: 0, requested: 0, notes: [] };
    const kind: EntryKind = isTrigger
      ? cause.kind === 'retract'
        ? 'reversal'
        : 'event'
      : 'adjustment';
    const reasonFor = (points: number) =>
      describe(kind, what, points, target.notes, cause, policyVersion, account.year);

    if (firstPost && w) {
      post(fact, 'event', w.category, w.points, reasonFor(w.points), true);
      credited.set(fact.key, { category: w.category, points: w.points });
      continue;
    }
    if (!before) {
      if (w && w.points !== 0) {
        post(fact, kind, w.category, w.points, reasonFor(w.points), false);
        credited.set(fact.key, { category: w.category, points: w.points });
      }
      continue;
    }
    if (before.category === target.category || !w) {
      const diff = target.points - before.points;
      if (diff !== 0) post(fact, kind, before.category, diff, reasonFor(diff), false);
      credited.set(fact.key, { category: before.category, points: before.points + diff });
    } else {
      // The policy moved this event to another category: take it out of one, put it in the other.
      if (before.points !== 0)
        post(fact, kind, before.category, -before.points, reasonFor(-before.points), false);
      post(fact, kind, w.category, w.points, reasonFor(w.points), false);
      credited.set(fact.key, { category: w.category, points: w.points });
    }
  }

  return {
    account: {
      ...account,
      facts: account.facts.map((f) => ({ ...f, credit: credited.get(f.key) ?? null })),
      byCategory,
      total,
      seq,
      policyVersion,
      replayRules: REPLAY_RULES,
      version: account.version + 1,
    },
    entries,
  };
}

export function eventEntryId(key: string): string {
  return `pe_${hash(key)}`;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}

function describe(
  kind: EntryKind,
  what: string,
  points: number,
  notes: string[],
  cause: SettleCause,
  policyVersion: number,
  year: number,
): string {
  const noted = notes.length ? `（${notes.join('；')}）` : '';
  if (kind === 'event') return `${what}，${signedPoints(points)}${noted}`;
  if (kind === 'reversal')
    return `撤销「${what}」，${signedPoints(points)}${cause.why ? `。原因：${cause.why}` : ''}`;
  if (cause.kind === 'policy') {
    return `按 ${year} 年第 ${policyVersion} 版考核办法重算「${what}」，${signedPoints(points)}${noted}`;
  }
  return `因其他记录变动重算「${what}」，${signedPoints(points)}${noted}`;
}
