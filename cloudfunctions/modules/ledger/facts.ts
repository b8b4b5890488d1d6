import type { DutyEventType, SourceType } from '../../../typings/contracts/ledger';
import type { StoredDoc } from '../../store/port';
import type { Tenths } from './points';

/** A duty event as the ledger remembers it: what happened, never how many points it gave. */
export interface Fact {
  /** The idempotency key, e.g. `meeting.attended:<meeting>:<member>`. */
  key: string;
  event: DutyEventType;
  occurredAt: string;
  /** Posting order within the account; breaks ties of `occurredAt`. */
  seq: number;
  source: { type: SourceType; id: string; title: string };
  /** For joint works: this member's role and how many authors share the rule's points. */
  share: { role: 'lead' | 'coSigner'; authors: number } | null;
  /** For staff-awarded items: the points and category staff chose. */
  manual: { points: Tenths; category: string } | null;
  retracted: boolean;
  /**
   * What has been credited for this fact so far (the sum of its entries). Kept on the fact,
   * not in a map keyed by the fact key: keys contain dots, which document stores refuse as
   * field names.
   */
  credit: Credit | null;
}

export interface Credit {
  category: string;
  points: Tenths;
}

/**
 * `point_accounts/<year>:<memberId>`: one member's year. Every post, retraction or policy
 * recomputation reads and writes it in one transaction with the entries it produces, so caps
 * and "highest only" hold under concurrency and the totals always equal the entries' sum.
 */
export interface AccountDoc extends StoredDoc {
  memberId: string;
  year: number;
  facts: Fact[];
  /** Sum of all entries, and per category (category ids hold no dots). */
  total: Tenths;
  byCategory: Record<string, Tenths>;
  policyVersion: number;
  /** The replay rules the credits follow (`REPLAY_RULES`); older accounts are re-settled. */
  replayRules: number;
  seq: number;
  version: number;
}

/**
 * Version of the replay rules themselves (not of a year's policy). 2: caps limit the points
 * earned in a category, deductions count in full on top.
 */
export const REPLAY_RULES = 2;

export type EntryKind = 'event' | 'reversal' | 'adjustment';

/** `point_entries/<id>`: append-only. Corrections are new entries, never edits. */
export interface EntryDoc extends StoredDoc {
  key: string;
  memberId: string;
  year: number;
  kind: EntryKind;
  event: DutyEventType;
  category: string;
  points: Tenths;
  policyVersion: number;
  source: Fact['source'];
  reason: string;
  actorId: string | null;
  actorName: string | null;
  occurredAt: string;
  at: string;
  seq: number;
}

export function accountId(year: number, memberId: string): string {
  return `${year}:${memberId}`;
}

export function emptyAccount(year: number, memberId: string, policyVersion: number): AccountDoc {
  return {
    _id: accountId(year, memberId),
    memberId,
    year,
    facts: [],
    total: 0,
    byCategory: {},
    policyVersion,
    replayRules: REPLAY_RULES,
    seq: 0,
    version: 0,
  };
}

interface LegacyAccount extends Omit<AccountDoc, 'facts' | 'replayRules'> {
  facts: Array<Omit<Fact, 'credit'> & { credit?: Credit | null }>;
  credited?: Record<string, Credit>;
  replayRules?: number;
}

/**
 * An account as stored, in today's shape: accounts written before credits moved onto the facts
 * kept them in `credited` (keyed by fact key) and have no `replayRules`.
 */
export function readAccount(doc: AccountDoc | LegacyAccount): AccountDoc {
  const legacy = doc as LegacyAccount;
  if (!legacy.credited && legacy.replayRules !== undefined) return doc as AccountDoc;
  const { credited, ...rest } = legacy;
  return {
    ...rest,
    replayRules: legacy.replayRules ?? 1,
    facts: legacy.facts.map((f) => ({ ...f, credit: f.credit ?? credited?.[f.key] ?? null })),
  };
}
