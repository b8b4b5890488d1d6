import { createHash } from 'node:crypto';
import type { DutyEventType, SourceType } from '../../../typings/contracts/ledger';
import type { Services } from '../../kernel/action';
import { businessYear, iso } from '../../kernel/clock';
import { forEachLimit } from '../../kernel/concurrency';
import { effectConsumer, type RequestEffects } from '../../kernel/effects';
import type { StoredDoc, TxOps } from '../../store/port';
import {
  accountId,
  emptyAccount,
  readAccount,
  type AccountDoc,
  type EntryDoc,
  type Fact,
} from './facts';
import { activePolicy, type ActivePolicy } from './policy-store';
import { toTenths } from './points';
import { settle, type SettleCause } from './settle';

/**
 * The one rail for duty points (ARCHITECTURE principle 10). Other modules describe what
 * happened, in their own transaction: `recordDutyEvent` / `recordRetraction` write a
 * `duty_events` record keyed by the event's idempotency key, next to the module's own change,
 * so a crash after the commit loses nothing. The ledger then applies each record exactly once
 * (`applyDutyEvents`): right after the request (the pipeline does it), or from the timer for
 * what a crash or timeout left pending. The ledger alone decides what an event is worth.
 *
 * A record holds what the ledger should show for its key (posted with this content, or
 * retracted), not a list of operations, so applying is convergent: whatever order or how
 * often it runs, the account ends as the latest record says. A correction lands in the year
 * the event was applied to, and an event whose date moves to another year moves with it.
 */
export interface DutyEvent {
  /** Deterministic, e.g. `meeting:<meetingId>:<sessionId>:<memberId>:plenary.attended`. */
  key: string;
  event: DutyEventType;
  memberId: string;
  /** When it happened: decides the assessment year (in Beijing time). */
  occurredAt: string;
  source: { type: SourceType; id: string; title: string };
  share?: { role: 'lead' | 'coSigner'; authors: number };
  /** Only for `manual.award`: the points and category staff chose. */
  manual?: { points: number; category: string };
  actor?: Actor | null;
}

export interface Actor {
  id: string;
  name: string;
}

/** `duty_events/<id>`: what the ledger should hold for one key, and how far it has applied it. */
export interface DutyEventDoc extends StoredDoc {
  key: string;
  memberId: string;
  wanted: 'posted' | 'retracted';
  /** The content last recorded (null: a retraction of a key posted before this rail existed). */
  event: DutyEvent | null;
  /** The year the event belongs to. */
  year: number;
  why: string | null;
  actor: Actor | null;
  /** Bumped by every change of `wanted` or content. */
  rev: number;
  status: 'pending' | 'applied';
  appliedRev: number;
  /** The year whose account holds the event, once applied. */
  appliedYear: number | null;
  updatedAt: string;
}

export interface PostResult {
  /** False when the account already showed what the record says (nothing changed). */
  posted: boolean;
  entries: EntryDoc[];
  total: number;
}

/** Who records: the clock, and the request's effects when there is a request. */
export interface Recorder {
  clock: Services['clock'];
  effects?: RequestEffects;
}

export const DUTY_EVENT_EFFECT = 'dutyEvent';

export function dutyEventId(key: string): string {
  return `de_${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/**
 * Records, inside the caller's transaction, that `event` happened. Recording the same content
 * again changes nothing; new content for the same key (a session moved, a co-signer dropped)
 * replaces it and the ledger adjusts.
 */
export async function recordDutyEvent(tx: TxOps, by: Recorder, event: DutyEvent): Promise<void> {
  if (!event.key || event.key.length > 200)
    throw new Error('a duty event needs a key of at most 200 characters');
  const _id = dutyEventId(event.key);
  const prior = await tx.get<DutyEventDoc>('duty_events', _id);
  by.effects?.add(DUTY_EVENT_EFFECT, _id);
  const content = normalized(event);
  if (prior?.wanted === 'posted' && sameContent(prior.event, content)) return;
  await save(tx, prior, {
    _id,
    key: event.key,
    memberId: event.memberId,
    wanted: 'posted',
    event: content,
    year: businessYear(event.occurredAt),
    why: null,
    actor: event.actor ?? null,
    updatedAt: iso(by.clock.now()),
  });
}

/**
 * Records, inside the caller's transaction, that a posted event no longer holds (a meeting
 * re-closed with another outcome, a proposal withdrawn, a staff correction): the ledger posts
 * a reversal in the year the event was counted in. `yearHint` is used only for a key posted
 * before this rail existed. Retracting twice, or a key never posted, changes nothing.
 */
export async function recordRetraction(
  tx: TxOps,
  by: Recorder,
  ref: { key: string; memberId: string; yearHint: number },
  why: string,
  actor: Actor | null,
): Promise<void> {
  const _id = dutyEventId(ref.key);
  const prior = await tx.get<DutyEventDoc>('duty_events', _id);
  if (prior?.wanted === 'retracted') return;
  by.effects?.add(DUTY_EVENT_EFFECT, _id);
  await save(tx, prior, {
    _id,
    key: ref.key,
    memberId: ref.memberId,
    wanted: 'retracted',
    event: prior?.event ?? null,
    year: prior?.year ?? ref.yearHint,
    why,
    actor,
    updatedAt: iso(by.clock.now()),
  });
}

async function save(
  tx: TxOps,
  prior: DutyEventDoc | null,
  next: Omit<DutyEventDoc, 'rev' | 'status' | 'appliedRev' | 'appliedYear'>,
): Promise<void> {
  if (!prior) {
    await tx.insert<DutyEventDoc>('duty_events', {
      ...next,
      rev: 1,
      status: 'pending',
      appliedRev: 0,
      appliedYear: null,
    });
    return;
  }
  const { _id, ...fields } = next;
  await tx.update('duty_events', _id, {
    set: { ...fields, status: 'pending', rev: prior.rev + 1 },
  });
}

type LedgerServices = Pick<Services, 'store' | 'clock'>;

/**
 * Applies duty-event records to the ledger, each exactly once: the record's applied revision
 * moves in the same transaction as the account and its entries. Records of one member are
 * applied one after another (they share an account), members in parallel.
 */
export async function applyDutyEvents(
  services: LedgerServices,
  ids: readonly string[],
): Promise<Map<string, PostResult | null>> {
  const unique = [...new Set(ids)];
  const docs = await services.store.find<DutyEventDoc>('duty_events', {
    where: { _id: { $in: unique } },
  });
  return applyInOrder(services, unique, docs);
}

/** The timer's part: applies what is still pending, oldest first. Returns how many it applied. */
export async function applyPendingDutyEvents(
  services: LedgerServices,
  limit = 200,
): Promise<number> {
  const pending = await services.store.find<DutyEventDoc>('duty_events', {
    where: { status: 'pending' },
    orderBy: [['updatedAt', 'asc']],
    limit,
  });
  const results = await applyInOrder(
    services,
    pending.map((d) => d._id),
    pending,
  );
  return [...results.values()].filter((r) => r !== null).length;
}

/** Applies `ids` in their order, one member's one after another, members in parallel. */
async function applyInOrder(
  services: LedgerServices,
  ids: readonly string[],
  docs: readonly DutyEventDoc[],
): Promise<Map<string, PostResult | null>> {
  const memberOf = new Map(docs.map((d) => [d._id, d.memberId]));
  const byMember = new Map<string, string[]>();
  for (const id of ids) {
    const memberId = memberOf.get(id);
    if (memberId !== undefined) byMember.set(memberId, [...(byMember.get(memberId) ?? []), id]);
  }
  const results = new Map<string, PostResult | null>();
  await forEachLimit([...byMember.values()], 8, async (ofMember) => {
    for (const id of ofMember) results.set(id, await applyOne(services, id));
  });
  return results;
}

effectConsumer(DUTY_EVENT_EFFECT, async (services, ids) => {
  await applyDutyEvents(services, ids);
});

/** Records and applies at once: for the ledger's own callers, scripts and tests. */
export async function postDutyEvent(
  services: LedgerServices,
  event: DutyEvent,
): Promise<PostResult> {
  await services.store.transaction((tx) => recordDutyEvent(tx, services, event));
  return settled(services, dutyEventId(event.key), event.memberId, businessYear(event.occurredAt));
}

/** Records a retraction and applies it at once: for the ledger's own callers and tests. */
export async function retractDutyEvent(
  services: LedgerServices,
  ref: { key: string; memberId: string; year: number },
  why: string,
  actor: Actor | null,
): Promise<PostResult> {
  await services.store.transaction((tx) =>
    recordRetraction(tx, services, { ...ref, yearHint: ref.year }, why, actor),
  );
  return settled(services, dutyEventId(ref.key), ref.memberId, ref.year);
}

async function settled(
  services: LedgerServices,
  id: string,
  memberId: string,
  year: number,
): Promise<PostResult> {
  const result = await applyOne(services, id);
  if (result) return result;
  const account = await services.store.get<AccountDoc>('point_accounts', accountId(year, memberId));
  return { posted: false, entries: [], total: account?.total ?? 0 };
}

/** What applying a record does to which year's account. */
type Step = { year: number; change: 'post' | 'retract' };

function stepsOf(doc: DutyEventDoc): Step[] {
  if (doc.wanted === 'retracted') return [{ year: doc.appliedYear ?? doc.year, change: 'retract' }];
  const moved = doc.appliedYear !== null && doc.appliedYear !== doc.year;
  return [
    ...(moved ? [{ year: doc.appliedYear!, change: 'retract' as const }] : []),
    { year: doc.year, change: 'post' },
  ];
}

async function applyOne(services: LedgerServices, id: string): Promise<PostResult | null> {
  const policies = new Map<number, ActivePolicy>();
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await services.store.get<DutyEventDoc>('duty_events', id);
    if (!doc || doc.appliedRev === doc.rev) return null;
    for (const { year } of stepsOf(doc))
      if (!policies.has(year)) policies.set(year, await activePolicy(services.store, year));
    const outcome = await services.store.transaction(async (tx) => {
      const fresh = await tx.get<DutyEventDoc>('duty_events', id);
      if (!fresh || fresh.appliedRev === fresh.rev) return { result: null };
      const steps = stepsOf(fresh);
      if (steps.some((s) => !policies.has(s.year))) return 'again' as const;
      let result: PostResult = { posted: false, entries: [], total: 0 };
      const at = iso(services.clock.now());
      for (const step of steps)
        result = await applyStep(tx, fresh, step, policies.get(step.year)!, at);
      await tx.update('duty_events', id, {
        set: {
          status: 'applied',
          appliedRev: fresh.rev,
          appliedYear: fresh.wanted === 'posted' ? fresh.year : steps[0]!.year,
        },
      });
      return { result };
    });
    if (outcome !== 'again') return outcome.result;
  }
  throw new Error(`duty event ${id} kept moving between years`);
}

async function applyStep(
  tx: TxOps,
  doc: DutyEventDoc,
  step: Step,
  policy: ActivePolicy,
  at: string,
): Promise<PostResult> {
  const stored = await tx.get<AccountDoc>('point_accounts', accountId(step.year, doc.memberId));
  // A recompute moved the account to a newer policy after ours was read: settle under that one
  // (read here, in the transaction), never back under the old.
  if (stored && stored.policyVersion > policy.version) policy = await activePolicy(tx, step.year);
  const account = stored
    ? readAccount(stored)
    : emptyAccount(step.year, doc.memberId, policy.version);
  const existing = account.facts.find((f) => f.key === doc.key);
  const unchanged = { posted: false, entries: [], total: account.total };
  const actorId = doc.actor?.id ?? null;
  const actorName = doc.actor?.name ?? null;
  if (step.change === 'retract') {
    if (!existing || existing.retracted) return unchanged;
    const facts = account.facts.map((f) => (f.key === doc.key ? { ...f, retracted: true } : f));
    const why = doc.wanted === 'retracted' ? doc.why : '事项日期变更，改记入其他年度';
    return write(tx, { ...account, facts }, policy, {
      kind: 'retract',
      key: doc.key,
      ...(why ? { why } : {}),
      actorId,
      actorName,
      at,
    });
  }
  const incoming = toFact(doc.event!, account.seq + 1);
  if (existing && !existing.retracted && sameFact(existing, incoming)) return unchanged;
  const facts = existing
    ? account.facts.map((f) =>
        f.key === doc.key ? { ...incoming, seq: f.seq, credit: f.credit } : f,
      )
    : [...account.facts, incoming];
  return write(tx, { ...account, facts }, policy, {
    kind: 'event',
    key: doc.key,
    actorId,
    actorName,
    at,
  });
}

/** Re-settles one account under a (new) policy: adjustment entries for every difference. */
export async function recomputeAccount(
  tx: TxOps,
  account: AccountDoc,
  policy: ActivePolicy,
  actor: Actor,
  at: string,
): Promise<PostResult> {
  return write(tx, readAccount(account), policy, {
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
): Promise<PostResult> {
  const { account: next, entries } = settle(account, policy.body, policy.version, cause);
  for (const entry of entries) await tx.insert('point_entries', entry);
  if (account.version === 0) await tx.insert('point_accounts', next);
  else {
    const { _id, ...fields } = next;
    await tx.update('point_accounts', _id, { set: fields, unset: ['credited'] });
  }
  return { posted: true, entries, total: next.total };
}

function normalized(event: DutyEvent): DutyEvent {
  return {
    key: event.key,
    event: event.event,
    memberId: event.memberId,
    occurredAt: event.occurredAt,
    source: { type: event.source.type, id: event.source.id, title: event.source.title },
    ...(event.share ? { share: { role: event.share.role, authors: event.share.authors } } : {}),
    ...(event.manual
      ? { manual: { points: event.manual.points, category: event.manual.category } }
      : {}),
    actor: event.actor ?? null,
  };
}

function sameContent(a: DutyEvent | null, b: DutyEvent): boolean {
  if (!a) return false;
  const { actor: _a, ...x } = a;
  const { actor: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
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
    credit: null,
  };
}

function sameFact(a: Fact, b: Fact): boolean {
  return (
    a.event === b.event &&
    a.occurredAt === b.occurredAt &&
    JSON.stringify(a.share) === JSON.stringify(b.share) &&
    JSON.stringify(a.manual) === JSON.stringify(b.manual) &&
    a.source.type === b.source.type &&
    a.source.id === b.source.id &&
    a.source.title === b.source.title
  );
}
