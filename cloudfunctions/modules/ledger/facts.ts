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
  /** Points so far credited per fact key (the sum of that key's entries). */
  credited: Record<string, Credit>;
  /** Sum of all entries, and per category. */
  total: Tenths;
  byCategory: Record<string, Tenths>;
  policyVersion: number;
  seq: number;
  version: number;
}

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
    credited: {},
    total: 0,
    byCategory: {},
    policyVersion,
    seq: 0,
    version: 0,
  };
}
