import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { COLLECTIONS, type IndexSpec } from './indexes';
import { applyPatchInPlace, assertStorableKeys, validatePatch } from './patch';
import {
  assertCollectionName,
  assertFieldPath,
  isFieldOps,
  isStoreError,
  StoreError,
  type DocumentStore,
  type FieldOps,
  type FindOptions,
  type Patch,
  type Scalar,
  type StoredDoc,
  type TxOps,
  type UpdateOptions,
  type Where,
} from './port';

type Param = string | number | null;

/**
 * The embedded adapter: one SQLite database file in WAL mode, one table per collection
 * (`_id` primary key, the document as JSON). Every operation runs under one async lock, so a
 * transaction (BEGIN IMMEDIATE … COMMIT) sees and makes changes no other call interleaves with.
 */
interface TxAttempt {
  failed: StoreError | null;
}

export class SqliteStore implements DocumentStore {
  private readonly db: Database.Database;
  private readonly tables = new Set<string>();
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly holdsLock = new AsyncLocalStorage<boolean>();

  constructor(path: string, indexes: Record<string, IndexSpec[]> = COLLECTIONS) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    for (const [collection, specs] of Object.entries(indexes)) {
      this.ensureTable(collection);
      for (const spec of specs) this.createIndex(collection, spec);
    }
  }

  get<T extends StoredDoc>(collection: string, id: string): Promise<T | null> {
    return this.exclusive(() => this.tx.get<T>(collection, id));
  }

  insert<T extends StoredDoc>(collection: string, doc: T): Promise<void> {
    return this.exclusive(() => this.tx.insert(collection, doc));
  }

  find<T extends StoredDoc>(collection: string, options: FindOptions = {}): Promise<T[]> {
    return this.exclusive(() => {
      const params: Param[] = [];
      const where = whereSql(options.where ?? {}, params);
      const order = (options.orderBy ?? [])
        .map(([field, dir]) => `${fieldExpr(field)} ${dir === 'desc' ? 'DESC' : 'ASC'}`)
        .concat('_id ASC')
        .join(', ');
      const limit = options.limit ?? -1;
      const skip = options.skip ?? 0;
      if (limit !== -1 && (!Number.isInteger(limit) || limit < 0))
        throw new StoreError('INVALID', 'bad limit');
      if (!Number.isInteger(skip) || skip < 0) throw new StoreError('INVALID', 'bad skip');
      const sql = `SELECT _id, doc FROM ${this.table(collection)} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${skip}`;
      const rows = this.stmt(sql).all(...params) as Array<{ _id: string; doc: string }>;
      return rows.map((r) => toDoc<T>(r));
    });
  }

  count(collection: string, where: Where = {}): Promise<number> {
    return this.exclusive(() => {
      const params: Param[] = [];
      const sql = `SELECT COUNT(*) AS n FROM ${this.table(collection)} WHERE ${whereSql(where, params)}`;
      return (this.stmt(sql).get(...params) as { n: number }).n;
    });
  }

  update(
    collection: string,
    id: string,
    patch: Patch,
    options: UpdateOptions = {},
  ): Promise<boolean> {
    return this.exclusive(() => this.patchDoc(collection, id, patch, options.if));
  }

  remove(collection: string, id: string): Promise<boolean> {
    return this.exclusive(() => this.removeDoc(collection, id));
  }

  transaction<R>(work: (tx: TxOps) => Promise<R>): Promise<R> {
    return this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      const attempt: TxAttempt = { failed: null };
      try {
        const result = await work(this.txOps(attempt));
        // As on CloudBase (MongoDB), a failed write ends the transaction, caught or not.
        if (attempt.failed) throw attempt.failed;
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        this.db.exec('ROLLBACK');
        this.tables.clear(); // tables created inside the transaction are gone too
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.exclusive(() => this.db.close());
  }

  /** Raw SQL for benchmarks that compare against the floor; not part of the port. */
  rawQuery(sql: string, ...params: Param[]): unknown[] {
    return this.db.prepare(sql).all(...params);
  }

  /**
   * The operations one transaction gets; they run inside the lock the transaction holds. After
   * a failed insert (DUPLICATE) every further operation fails with it, and so does the commit.
   */
  private txOps(attempt: TxAttempt): TxOps {
    const live =
      <A extends unknown[], R>(op: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (attempt.failed) throw attempt.failed;
        try {
          return await op(...args);
        } catch (e) {
          if (isStoreError(e, 'DUPLICATE')) attempt.failed = e;
          throw e;
        }
      };
    return {
      get: live(this.tx.get) as TxOps['get'],
      insert: live(this.tx.insert),
      update: live(this.tx.update),
      remove: live(this.tx.remove),
    };
  }

  /** Single-document operations without the transaction's bookkeeping (also the store's own). */
  private readonly tx: TxOps = {
    get: async <T extends StoredDoc>(collection: string, id: string) => {
      const row = this.stmt(`SELECT _id, doc FROM ${this.table(collection)} WHERE _id = ?`).get(
        id,
      ) as { _id: string; doc: string } | undefined;
      return row ? toDoc<T>(row) : null;
    },
    insert: async <T extends StoredDoc>(collection: string, doc: T) => {
      const { _id, ...rest } = doc;
      if (typeof _id !== 'string' || _id.length === 0)
        throw new StoreError('INVALID', 'a document needs an _id');
      assertStorableKeys(rest);
      try {
        this.stmt(`INSERT INTO ${this.table(collection)} (_id, doc) VALUES (?, ?)`).run(
          _id,
          JSON.stringify(rest),
        );
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          throw new StoreError('DUPLICATE', `${collection}/${_id} exists`);
        }
        throw e;
      }
    },
    update: async (collection: string, id: string, patch: Patch) => {
      if (!this.patchDoc(collection, id, patch))
        throw new StoreError('NOT_FOUND', `${collection}/${id} not found`);
    },
    remove: async (collection: string, id: string) => {
      this.removeDoc(collection, id);
    },
  };

  private patchDoc(collection: string, id: string, patch: Patch, condition?: Where): boolean {
    validatePatch(patch);
    const params: Param[] = [id];
    const where = condition ? whereSql(condition, params) : '1';
    const row = this.stmt(
      `SELECT doc FROM ${this.table(collection)} WHERE _id = ? AND ${where}`,
    ).get(...params) as { doc: string } | undefined;
    if (!row) return false;
    const next = applyPatchInPlace(JSON.parse(row.doc) as object, patch);
    this.stmt(`UPDATE ${this.table(collection)} SET doc = ? WHERE _id = ?`).run(
      JSON.stringify(next),
      id,
    );
    return true;
  }

  private removeDoc(collection: string, id: string): boolean {
    return this.stmt(`DELETE FROM ${this.table(collection)} WHERE _id = ?`).run(id).changes > 0;
  }

  private exclusive<R>(fn: () => R | Promise<R>): Promise<R> {
    if (this.holdsLock.getStore()) {
      return Promise.reject(
        new StoreError(
          'INVALID',
          'inside a transaction, use the transaction operations (tx), not the store',
        ),
      );
    }
    const run = this.queue.then(() => this.holdsLock.run(true, fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private table(collection: string): string {
    this.ensureTable(collection);
    return `"${collection}"`;
  }

  private ensureTable(collection: string): void {
    if (this.tables.has(collection)) return;
    assertCollectionName(collection);
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS "${collection}" (_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`,
    );
    this.tables.add(collection);
  }

  private createIndex(collection: string, spec: IndexSpec): void {
    if (spec.multikey) return; // an array's elements cannot be indexed by an expression
    const cols = spec.fields
      .map(([f, d]) => `${fieldExpr(f)} ${d === 'desc' ? 'DESC' : 'ASC'}`)
      .join(', ');
    const unique = spec.unique ? 'UNIQUE ' : '';
    this.db.exec(
      `CREATE ${unique}INDEX IF NOT EXISTS "ix_${collection}_${spec.name}" ON "${collection}" (${cols})`,
    );
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}

function toDoc<T>(row: { _id: string; doc: string }): T {
  return { _id: row._id, ...(JSON.parse(row.doc) as object) } as T;
}

function fieldExpr(path: string): string {
  if (path === '_id') return '_id';
  assertFieldPath(path);
  return `json_extract(doc, '$.${path}')`;
}

function param(v: Scalar): Param {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' && !Number.isFinite(v))
    throw new StoreError('INVALID', 'numbers must be finite');
  if (v !== null && typeof v !== 'string' && typeof v !== 'number')
    throw new StoreError('INVALID', 'bad filter value');
  return v;
}

function whereSql(where: Where, params: Param[]): string {
  const parts: string[] = [];
  for (const [field, cond] of Object.entries(where)) {
    const expr = fieldExpr(field);
    if (isFieldOps(cond)) parts.push(...opsSql(field, expr, cond, params));
    else parts.push(eqSql(expr, cond, params));
  }
  return parts.length ? parts.join(' AND ') : '1';
}

function eqSql(expr: string, value: Scalar, params: Param[]): string {
  if (value === null) return `${expr} IS NULL`;
  params.push(param(value));
  return `${expr} = ?`;
}

function opsSql(field: string, expr: string, ops: FieldOps, params: Param[]): string[] {
  const parts: string[] = [];
  for (const [op, value] of Object.entries(ops) as Array<[keyof FieldOps, unknown]>) {
    switch (op) {
      case '$eq':
        parts.push(eqSql(expr, value as Scalar, params));
        break;
      case '$ne':
        if (value === null) parts.push(`${expr} IS NOT NULL`);
        else {
          params.push(param(value as Scalar));
          parts.push(`(${expr} IS NULL OR ${expr} != ?)`);
        }
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        const sym = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
        params.push(param(value as Scalar));
        parts.push(`${expr} ${sym} ?`);
        break;
      }
      case '$in':
      case '$nin': {
        const list = value as Scalar[];
        if (!Array.isArray(list)) throw new StoreError('INVALID', `${op} needs an array`);
        const values = list.filter((v) => v !== null);
        const hasNull = values.length !== list.length;
        params.push(...values.map(param));
        const marks = values.map(() => '?').join(', ');
        if (op === '$in') {
          const inList = values.length ? `${expr} IN (${marks})` : '0';
          parts.push(hasNull ? `(${inList} OR ${expr} IS NULL)` : inList);
        } else {
          const notIn = values.length ? `${expr} NOT IN (${marks})` : '1';
          parts.push(
            hasNull ? `(${expr} IS NOT NULL AND ${notIn})` : `(${expr} IS NULL OR ${notIn})`,
          );
        }
        break;
      }
      case '$contains':
        params.push(param(value as Scalar));
        parts.push(
          field === '_id'
            ? '_id = ?'
            : `EXISTS (SELECT 1 FROM json_each(doc, '$.${field}') WHERE json_each.value = ?)`,
        );
        break;
      case '$all': {
        if (!Array.isArray(value) || value.length === 0)
          throw new StoreError('INVALID', '$all needs at least one value');
        for (const v of value as Scalar[]) {
          params.push(param(v));
          parts.push(
            `EXISTS (SELECT 1 FROM json_each(doc, '$.${field}') WHERE json_each.value = ?)`,
          );
        }
        break;
      }
      case '$search':
        if (typeof value !== 'string') throw new StoreError('INVALID', '$search needs a string');
        params.push(value.toLowerCase());
        parts.push(`instr(lower(${expr}), ?) > 0`);
        break;
      case '$exists':
        if (field === '_id') parts.push(value ? '1' : '0');
        else parts.push(`json_type(doc, '$.${field}') IS ${value ? 'NOT ' : ''}NULL`);
        break;
      default:
        throw new StoreError('INVALID', `unknown operator ${String(op)}`);
    }
  }
  return parts;
}
