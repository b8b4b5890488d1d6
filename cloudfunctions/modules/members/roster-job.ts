import { createHash } from 'node:crypto';
import type { Services } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { TX_BATCH } from '../../kernel/concurrency';
import type { MemberDoc } from '../../kernel/identity';
import { batchTransaction, jobKind, type JobDoc, type StepResult } from '../../kernel/jobs';
import { nameKeysOf, type NameKeys } from '../../kernel/people-order';
import type { StoredDoc, TxOps } from '../../store/port';
import type { RosterRow } from './roster-file';

/**
 * A roster import, applied as a job once the whole file was checked (import-roster.ts): the
 * checked rows are kept in `roster_imports/<id>`, and each step writes TX_BATCH of them in one
 * transaction. A new entry's id is derived from the import and the row, so a step run twice
 * creates nobody twice. One import runs at a time (`roster_imports/current` names it).
 */
export const ROSTER_JOB = 'members.importRoster';

export const ROSTER_FIELDS = [
  'name',
  'gender',
  'sector',
  'specialCommittee',
  'standingMember',
  'phone',
  'term',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** A checked row: create an entry, or update `existingId` (only the file's columns). */
export interface ImportRow {
  row: number;
  data: RosterRow;
  existingId: string | null;
}

export interface RosterImportDoc extends StoredDoc {
  fileName: string;
  /** The columns the file has (an update leaves the others as they are). */
  given: RosterField[];
  rows: ImportRow[];
  counts: { total: number; created: number; updated: number; unchanged: number };
  jobId: string;
  by: { id: string; name: string };
  at: string;
}

/** `roster_imports/current`: the latest import (a new one waits while it runs). */
export interface CurrentImportDoc extends StoredDoc {
  importId: string;
  jobId: string;
}

export interface RosterJobParams {
  importId: string;
}

export const rosterJobId = (importId: string) => `roster:${importId}`;

export function importedMemberId(importId: string, row: number): string {
  return `m_${createHash('sha256').update(`${importId}:${row}`).digest('hex').slice(0, 24)}`;
}

async function step(services: Services, job: JobDoc<RosterJobParams>): Promise<StepResult> {
  const { store } = services;
  const imp = await store.get<RosterImportDoc>('roster_imports', job.params.importId);
  if (!imp) return { cursor: null, done: 0 };
  const from = Number(job.cursor ?? 0);
  const batch = imp.rows.slice(from, from + TX_BATCH);
  // Entries made since the file was checked (by hand, or a bind) are updated, not doubled.
  const phones = batch.filter((r) => !r.existingId && r.data.phone).map((r) => r.data.phone!);
  const arrived = phones.length
    ? await store.find<MemberDoc>('members', { where: { phone: { $in: phones } } })
    : [];
  const byPhone = new Map(arrived.map((m) => [m.phone!, m]));
  const now = iso(services.clock.now());
  // The names' sort and search keys, worked out before the transaction (which may run twice).
  const keys = new Map(
    await Promise.all(batch.map(async (r) => [r.row, await nameKeysOf(r.data.name)] as const)),
  );
  await batchTransaction(store, async (tx, fresh) => {
    for (const r of batch) {
      const existingId =
        r.existingId ?? (r.data.phone ? byPhone.get(r.data.phone)?._id : undefined);
      const nameKeys = keys.get(r.row)!;
      if (existingId) await updateEntry(tx, existingId, r, imp.given, nameKeys, now);
      else await createEntry(tx, imp._id, r, nameKeys, now, fresh);
    }
  });
  const next = from + batch.length;
  return {
    cursor: next < imp.rows.length ? String(next) : null,
    done: batch.length,
    total: imp.rows.length,
  };
}

async function createEntry(
  tx: TxOps,
  importId: string,
  r: ImportRow,
  nameKeys: NameKeys,
  now: string,
  fresh: boolean,
): Promise<void> {
  const _id = importedMemberId(importId, r.row);
  if (!fresh && (await tx.get('members', _id))) return; // written by a step cut short
  await tx.insert<MemberDoc>('members', {
    _id,
    ...fieldsOf(r.data),
    nameKeys,
    roles: r.data.roles,
    active: true,
    openid: null,
    boundAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}

/**
 * Sets the file's columns and adds its roles (a new name with its keys); a second run finds
 * nothing to change.
 */
async function updateEntry(
  tx: TxOps,
  id: string,
  r: ImportRow,
  given: readonly RosterField[],
  nameKeys: NameKeys,
  now: string,
): Promise<void> {
  const current = await tx.get<MemberDoc>('members', id);
  if (!current) return;
  if (!differs(current, r.data, given)) return;
  await tx.update('members', id, {
    set: {
      ...fieldsOf(r.data, given),
      ...(given.includes('name') ? { nameKeys } : {}),
      roles: mergeRoles(current.roles, r.data.roles),
      updatedAt: now,
    },
    inc: { version: 1 },
  });
}

export function fieldsOf(data: RosterRow, fields: readonly RosterField[] = ROSTER_FIELDS) {
  return Object.fromEntries(fields.map((f) => [f, data[f]])) as Pick<MemberDoc, RosterField>;
}

export function mergeRoles(
  current: MemberDoc['roles'],
  fromFile: RosterRow['roles'],
): MemberDoc['roles'] {
  return [...new Set([...current, ...fromFile])];
}

export function differs(m: MemberDoc, data: RosterRow, fields: readonly RosterField[]): boolean {
  return (
    fields.some((f) => m[f] !== data[f]) ||
    mergeRoles(m.roles, data.roles).length !== m.roles.length
  );
}

jobKind<RosterJobParams>(ROSTER_JOB, { label: '名册导入', step });
