import type {
  CategoryScore,
  LedgerEntryView,
  MemberYearRecord,
  PolicyBody,
} from '../../../typings/contracts/ledger';
import type { MemberDoc } from '../../kernel/identity';
import type { DocumentStore, StoredDoc, TxOps } from '../../store/port';
import type { AccountDoc, EntryDoc } from './facts';
import { accountId } from './facts';
import { activePolicy, type ActivePolicy } from './policy-store';
import { toPoints, toTenths, type Tenths } from './points';

/** The grade band a total falls in (bands are checked from the highest threshold down). */
export function gradeOf(policy: PolicyBody, total: Tenths): string {
  const bands = [...policy.grades].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity));
  return (
    bands.find((b) => b.min === undefined || total >= toTenths(b.min)) ?? bands[bands.length - 1]!
  ).label;
}

/** Base score plus the account's entries, in tenths. */
export function totalOf(policy: PolicyBody, account: AccountDoc | null): Tenths {
  return toTenths(policy.baseScore) + (account?.total ?? 0);
}

export function categoryScores(policy: PolicyBody, account: AccountDoc | null): CategoryScore[] {
  const known = policy.categories.map((c) => ({
    id: c.id,
    label: c.label,
    points: toPoints(account?.byCategory[c.id] ?? 0),
    cap: c.cap ?? null,
  }));
  // Points in a category a later policy dropped still show, so the parts add up to the total.
  const extra = Object.entries(account?.byCategory ?? {})
    .filter(([id, pts]) => pts !== 0 && !policy.categories.some((c) => c.id === id))
    .map(([id, pts]) => ({ id, label: id, points: toPoints(pts), cap: null }));
  return [...known, ...extra];
}

export function entryView(policy: PolicyBody, e: EntryDoc): LedgerEntryView {
  return {
    id: e._id,
    at: e.at,
    kind: e.kind,
    event: e.event,
    category: e.category,
    categoryLabel: policy.categories.find((c) => c.id === e.category)?.label ?? e.category,
    points: toPoints(e.points),
    reason: e.reason,
    source: e.source,
    policyVersion: e.policyVersion,
    actorName: e.actorName,
  };
}

/**
 * `point_years/<year>`: the office closed the year's assessment (or an admin reopened it).
 * No document: the year is open. Grades are shown only while `closed`.
 */
export interface YearDoc extends StoredDoc {
  year: number;
  closed: boolean;
  closedAt: string | null;
  closedById: string | null;
  closedBy: string | null;
  reopenedAt: string | null;
  reopenedById: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
  version: number;
}

export const yearDocId = (year: number) => String(year);

export function readYear(
  store: Pick<DocumentStore, 'get'> | TxOps,
  year: number,
): Promise<YearDoc | null> {
  return store.get<YearDoc>('point_years', yearDocId(year));
}

/** Whether the year's assessment is closed, and since when. */
export async function yearStatus(
  store: Pick<DocumentStore, 'get'> | TxOps,
  year: number,
): Promise<{ closed: boolean; closedAt: string | null }> {
  const doc = await readYear(store, year);
  return { closed: doc?.closed ?? false, closedAt: doc?.closed ? doc.closedAt : null };
}

/** Members whose duty is assessed: active roster entries holding the member role. */
export const ASSESSED = { active: true, roles: { $contains: 'member' } } as const;

export async function memberYearRecord(
  store: DocumentStore,
  member: MemberDoc,
  year: number,
  options: { withRank: boolean; policy?: ActivePolicy },
): Promise<MemberYearRecord> {
  const [policy, account, status] = await Promise.all([
    options.policy ?? activePolicy(store, year),
    store.get<AccountDoc>('point_accounts', accountId(year, member._id)),
    yearStatus(store, year),
  ]);
  const total = totalOf(policy.body, account);
  const memberCount = await store.count('members', { ...ASSESSED });
  let rank: number | null = null;
  if (options.withRank) {
    const above = await store.count('point_accounts', {
      year,
      total: { $gt: account?.total ?? 0 },
    });
    const withAccounts = await store.count('point_accounts', { year });
    // Members with no entries yet stand at the base score, so they rank above a negative account.
    rank = 1 + above + ((account?.total ?? 0) < 0 ? Math.max(0, memberCount - withAccounts) : 0);
  }
  return {
    year,
    memberId: member._id,
    memberName: member.name,
    sector: member.sector,
    specialCommittee: member.specialCommittee,
    policyVersion: policy.version,
    baseScore: policy.body.baseScore,
    total: toPoints(total),
    // A grade is a year-end judgement: none until the office closes the year.
    grade: status.closed ? gradeOf(policy.body, total) : null,
    passed: total >= toTenths(policy.body.passLine),
    closed: status.closed,
    closedAt: status.closedAt,
    categories: categoryScores(policy.body, account),
    rank,
    memberCount,
  };
}
