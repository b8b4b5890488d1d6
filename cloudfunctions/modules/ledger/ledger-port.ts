import type { DutyEventType, SourceType } from '../../../typings/contracts/ledger';
import type { Services } from '../../kernel/action';
import { businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { TxOps } from '../../store/port';
import { accountId, emptyAccount, type AccountDoc, type EntryDoc, type Fact } from './facts';
import { activePolicy, type ActivePolicy } from './policy-store';
import { toTenths } from './points';
import { settle, type SettleCause } from './settle';

/**
 * The one way other modules give or take duty points: they describe what happened, the ledger
 * decides what it is worth under the year's policy. Exactly once per key: posting the same
 * event again is a success that changes nothing; the same key with a different content is a
 * conflict (LEDGER.KEY_CONFLICT).
 *
 * Call it right after the module's own transaction commits (CloudBase transactions cannot
 * nest); re-running the module's step re-posts the same keys harmlessly.
 */
export interface DutyEvent {
  /** Deterministic, e.g. `meeting.attended:<meetingId>:<memberId>`. */
  key: string;
  event: DutyEventType;
  memberId: string;
  /** When it happened: decides the assessment year (in Beijing time). */
  occurredAt: string;
  source: { type: SourceType; id: string; title: string };
  share?: { role: 'lead' | 'coSigner'; authors: number };
  /** Only for `manual.award`: the points and category staff chose. */
  manual?: { points: number; category: string };
  actor?: { id: string; name: string } | null;
}

export interface PostResult {
  /** False when this key was already posted (nothing changed). */
  posted: boolean;
  entries: EntryDoc[];
  total: number;
}

type LedgerServices = Pick<Services, 'store' | 'clock'>;

/** Extra writes to make in the same transaction, e.g. the audit record of a staff action. */
export type Within = (tx: TxOps, result: PostResult) => Promise<void>;

export async function postDutyEvent(
  services: LedgerServices,
  event: DutyEvent,
  within?: Within,
): Promise<PostResult> {
  if (!event.key || event.key.length > 200)
    throw new Error('a duty event needs a key of at most 200 characters');
  const year = businessYear(event.occurredAt);
  const policy = await activePolicy(services.store, year);
  return services.store.transaction(async (tx) => {
    const account =
      (await tx.get<AccountDoc>('point_accounts', accountId(year, event.memberId))) ??
      emptyAccount(year, event.memberId, policy.version);
    const incoming = toFact(event, account.seq + 1);
    const existing = account.facts.find((f) => f.key === event.key);
    if (existing && !existing.retracted) {
      if (!sameFact(existing, incoming)) {
        throw fail('LEDGER.KEY_CONFLICT', `履职事件「${event.key}」已记录且内容不同，不能重复记分`);
      }
      return { posted: false, entries: [], total: account.total };
    }
    const facts = existing
      ? account.facts.map((f) => (f.key === event.key ? { ...incoming, seq: f.seq } : f))
      : [...account.facts, incoming];
    const cause: SettleCause = {
      kind: 'event',
      key: event.key,
      actorId: event.actor?.id ?? null,
      actorName: event.actor?.name ?? null,
      at: iso(services.clock.now()),
    };
    return write(tx, { ...account, facts }, policy, cause, within);
  });
}

/**
 * Takes back a posted event (a meeting re-opened, a proposal withdrawn, a staff correction):
 * a reversal entry, never an edit; other entries of the year are re-balanced if caps or
 * "highest only" now give them more. Retracting twice, or an unknown key, changes nothing.
 */
export async function retractDutyEvent(
  services: LedgerServices,
  ref: { key: string; memberId: string; year: number },
  why: string,
  actor: { id: string; name: string } | null,
  within?: Within,
): Promise<PostResult> {
  const policy = await activePolicy(services.store, ref.year);
  return services.store.transaction(async (tx) => {
    const account = await tx.get<AccountDoc>('point_accounts', accountId(ref.year, ref.memberId));
    const fact = account?.facts.find((f) => f.key === ref.key);
    if (!account || !fact || fact.retracted)
      return { posted: false, entries: [], total: account?.total ?? 0 };
    const facts = account.facts.map((f) => (f.key === ref.key ? { ...f, retracted: true } : f));
    const cause: SettleCause = {
      kind: 'retract',
      key: ref.key,
      why,
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      at: iso(services.clock.now()),
    };
    return write(tx, { ...account, facts }, policy, cause, within);
  });
}

/** Re-settles one account under a (new) policy: adjustment entries for every difference. */
export async function recomputeAccount(
  tx: TxOps,
  account: AccountDoc,
  policy: ActivePolicy,
  actor: { id: string; name: string },
  at: string,
): Promise<PostResult> {
  return write(tx, account, policy, {
    kind: 'policy',
    actorId: actor.id,
    actorName: actor.name,
    at,
  });
}

async function write(
  tx: TxOps,
  account: AccountDoc,
  policy: ActivePolicy,
  cause: SettleCause,
  within?: Within,
): Promise<PostResult> {
  const { account: next, entries } = settle(account, policy.body, policy.version, cause);
  for (const entry of entries) await tx.insert('point_entries', entry);
  if (account.version === 0) await tx.insert('point_accounts', next);
  else {
    const { _id, ...fields } = next;
    await tx.update('point_accounts', _id, { set: fields });
  }
  const result = { posted: true, entries, total: next.total };
  if (within) await within(tx, result);
  return result;
}

function toFact(event: DutyEvent, seq: number): Fact {
  return {
    key: event.key,
    event: event.event,
    occurredAt: event.occurredAt,
    seq,
    source: event.source,
    share: event.share ?? null,
    manual: event.manual
      ? { points: toTenths(event.manual.points), category: event.manual.category }
      : null,
    retracted: false,
  };
}

function sameFact(a: Fact, b: Fact): boolean {
  return (
    a.event === b.event &&
    a.occurredAt === b.occurredAt &&
    JSON.stringify(a.share) === JSON.stringify(b.share) &&
    JSON.stringify(a.manual) === JSON.stringify(b.manual) &&
    a.source.type === b.source.type &&
    a.source.id === b.source.id
  );
}
