import { applyPatch, assertStorableKeys, validatePatch } from './patch';
import {
  assertCollectionName,
  assertFieldPath,
  isFieldOps,
  MAX_PAGE,
  StoreError,
  type DocumentStore,
  type FieldOps,
  type FindOptions,
  type Patch,
  type Scalar,
  type SortDirection,
  type StoredDoc,
  type TxOps,
  type UpdateOptions,
  type Where,
} from './port';

/*
 * The CloudBase adapter: the document store port on the CloudBase (Tencent Cloud / WeChat cloud
 * development) document database, through wx-server-sdk.
 *
 * What follows was checked against the SDK source installed here (wx-server-sdk 4.0.2, which
 * wraps @cloudbase/node-sdk 3.17 and @cloudbase/database 1.4.3) and the CloudBase / WeChat docs:
 *
 * - The query builder sends `limit 100` when `limit` is unset *or 0* (`if (limit)`), and clamps
 *   to 1000; so `limit: 0` is answered here without a call, and larger reads page with `skip`.
 * - `where()` flattens nested plain objects into dotted paths and keeps dotted keys as they are;
 *   several commands on one field are joined with `_.and(...)`, which the encoder turns into a
 *   top-level `$and`. A JS RegExp is encoded as `$regularExpression`.
 * - `update({ data })` flattens nested plain objects too, so setting `meta: { city }` would merge
 *   into `meta` instead of replacing it: object and array values are wrapped in `_.set(value)`.
 *   An empty plain object would be dropped silently, which `_.set({})` also avoids.
 * - wx-server-sdk turns every server error into an Error with a numeric `errCode` and an
 *   `errMsg`; string codes it does not know (DATABASE_DUPLICATE_WRITE,
 *   DATABASE_TRANSACTION_CONFLICT, …) become the generic -501001/-502001 and survive only in the
 *   message text. The classifiers below therefore look at codes *and* message text.
 * - `doc(id).get()` rejects for a missing document unless the database was opened with
 *   `throwOnNotFound: false` (the factory does); both shapes are handled.
 * - Transactions allow only single-document operations (`doc().get/set/update/remove`, `add`).
 *   `db.runTransaction` retries only on the string code DATABASE_TRANSACTION_CONFLICT, which the
 *   wx-server-sdk wrappers of the operations hide, so this adapter drives `startTransaction`,
 *   `commit` and `rollback` itself and retries with jittered backoff.
 */

// ---------------------------------------------------------------------------------------------
// The subset of the SDK this adapter uses (structural, so nothing outside this file imports it)
// ---------------------------------------------------------------------------------------------

/** `db.command`: builds query and update commands. The values it returns are opaque here. */
export interface CloudBaseCommand {
  eq(value: unknown): unknown;
  neq(value: unknown): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  in(values: unknown[]): unknown;
  nin(values: unknown[]): unknown;
  /** An array field holding every one of the values. */
  all(values: unknown[]): unknown;
  exists(value: boolean): unknown;
  and(...expressions: unknown[]): unknown;
  set(value: unknown): unknown;
  inc(by: number): unknown;
  remove(): unknown;
}

export interface CloudBaseUpdateResult {
  stats?: { updated?: unknown };
}

export interface CloudBaseRemoveResult {
  stats?: { removed?: unknown };
}

export interface CloudBaseQuery {
  where(condition: Record<string, unknown>): CloudBaseQuery;
  orderBy(field: string, direction: SortDirection): CloudBaseQuery;
  skip(offset: number): CloudBaseQuery;
  limit(max: number): CloudBaseQuery;
  get(): Promise<{ data?: unknown }>;
  /** Resolves `{ total }`. */
  count(): Promise<{ total?: unknown }>;
  /** Updates every match; resolves `{ stats: { updated } }`. */
  update(options: { data: Record<string, unknown> }): Promise<CloudBaseUpdateResult>;
  /** Removes every match (server side only); used to clear test collections. */
  remove(): Promise<CloudBaseRemoveResult>;
}

export interface CloudBaseDocumentRef {
  /** Resolves `{ data }`: the document (an object, or a one-element array), or null. */
  get(): Promise<{ data?: unknown }>;
  update(options: { data: Record<string, unknown> }): Promise<CloudBaseUpdateResult>;
  remove(): Promise<CloudBaseRemoveResult>;
}

export interface CloudBaseCollection extends CloudBaseQuery {
  doc(id: string): CloudBaseDocumentRef;
  /** `data` may carry a caller-chosen `_id`. */
  add(options: { data: Record<string, unknown> }): Promise<unknown>;
}

export interface CloudBaseTransaction {
  collection(name: string): Pick<CloudBaseCollection, 'doc' | 'add'>;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

/** What `cloud.database()` of wx-server-sdk gives. */
export interface CloudBaseDatabase {
  readonly command: CloudBaseCommand;
  collection(name: string): CloudBaseCollection;
  createCollection(name: string): Promise<unknown>;
  startTransaction(): Promise<CloudBaseTransaction>;
}

// ---------------------------------------------------------------------------------------------
// Opening a store
// ---------------------------------------------------------------------------------------------

export interface CloudBaseStoreOptions {
  /** Attempts of a transaction that keeps meeting write conflicts (default 5). */
  maxTransactionAttempts?: number;
  /** Base of the exponential, fully jittered backoff between attempts, in ms (default 25). */
  retryBaseDelayMs?: number;
}

export interface OpenCloudBaseOptions extends CloudBaseStoreOptions {
  /** CloudBase environment id; default: the environment the cloud function runs in. */
  env?: string;
}

interface WxServerSdk {
  init(config: { env?: unknown }): void;
  database(config?: { env?: string; throwOnNotFound?: boolean }): unknown;
  readonly DYNAMIC_CURRENT_ENV: unknown;
}

/**
 * Loads wx-server-sdk (lazily, so processes and tests that never touch CloudBase do not pay for
 * it) and returns its database. Credentials come from the runtime, or outside a cloud function
 * from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY, which @cloudbase/node-sdk reads itself.
 */
export function connectWxServerSdk(env?: string): CloudBaseDatabase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxServerSdk;
  // init() is once per process (later calls are ignored), so the env is also given to
  // database(), which then uses an instance for that env.
  cloud.init({ env: env ?? cloud.DYNAMIC_CURRENT_ENV });
  const config = env === undefined ? { throwOnNotFound: false } : { env, throwOnNotFound: false };
  return cloud.database(config) as CloudBaseDatabase;
}

export function openCloudBaseStore(options: OpenCloudBaseOptions = {}): CloudBaseStore {
  return new CloudBaseStore(connectWxServerSdk(options.env), options);
}

// ---------------------------------------------------------------------------------------------
// Translation of the port's Where and Patch (pure; unit-tested against a recording command)
// ---------------------------------------------------------------------------------------------

/** Translates a port `Where` into a `where()` condition built with `db.command`. */
export function translateWhere(where: Where, _: CloudBaseCommand): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, cond] of Object.entries(where)) {
    assertFieldPath(field);
    if (!isFieldOps(cond)) {
      // Bare value: equality; `null` matches null or a missing field, as in MongoDB.
      out[field] = scalar(cond, field);
      continue;
    }
    const entries = Object.entries(cond) as Array<[keyof FieldOps, unknown]>;
    if (entries.length === 1 && entries[0]![0] === '$contains') {
      // An array field "contains" v: plain equality does it in CloudBase (MongoDB matches v
      // against the elements of an array).
      out[field] = scalar(entries[0]![1], field);
      continue;
    }
    const commands = entries.map(([op, value]) => fieldCommand(field, op, value, _));
    if (commands.length === 1) out[field] = commands[0];
    else if (commands.length > 1) out[field] = _.and(...commands);
    // `{}`: no condition on this field.
  }
  return out;
}

function fieldCommand(
  field: string,
  op: keyof FieldOps,
  value: unknown,
  _: CloudBaseCommand,
): unknown {
  switch (op) {
    case '$eq':
    case '$contains':
      return _.eq(scalar(value, field));
    case '$ne':
      // MongoDB $ne also matches a missing field; $ne null means "present and not null".
      return _.neq(scalar(value, field));
    case '$gt':
      return _.gt(ordered(value, field));
    case '$gte':
      return _.gte(ordered(value, field));
    case '$lt':
      return _.lt(ordered(value, field));
    case '$lte':
      return _.lte(ordered(value, field));
    case '$in':
      return _.in(scalarList(value, field, op));
    case '$nin':
      return _.nin(scalarList(value, field, op));
    case '$all': {
      const list = scalarList(value, field, op);
      if (!list.length) throw new StoreError('INVALID', '$all needs at least one value');
      return _.all(list);
    }
    case '$exists':
      if (typeof value !== 'boolean')
        throw new StoreError('INVALID', `$exists on ${field} needs a boolean`);
      return _.exists(value);
    case '$search':
      if (typeof value !== 'string') throw new StoreError('INVALID', '$search needs a string');
      // Case-insensitive substring. where() accepts a JS RegExp, alone or inside _.and, and
      // sends it as $regularExpression. Unlike SQLite's lower()/instr() it matches strings only.
      return new RegExp(escapeRegExp(value), 'i');
    default:
      throw new StoreError('INVALID', `unknown operator ${String(op)}`);
  }
}

/**
 * Translates a port `Patch` into `update({ data })`: `set` (dotted paths kept as they are; object
 * and array values wrapped in `_.set` so they replace instead of merging), `inc` → `_.inc`,
 * `unset` → `_.remove()`.
 */
export function translatePatch(patch: Patch, _: CloudBaseCommand): Record<string, unknown> {
  validatePatch(patch);
  assertNoPathConflict(patch);
  const data: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(patch.set ?? {})) {
    data[path] = typeof value === 'object' && value !== null ? _.set(value) : value;
  }
  for (const [path, by] of Object.entries(patch.inc ?? {})) data[path] = _.inc(by);
  for (const path of patch.unset ?? []) data[path] = _.remove();
  return data;
}

/**
 * MongoDB refuses one update touching a path twice, or a path and a path inside it ("would
 * create a conflict"); say so before sending it. (applyPatch would apply them in sequence.)
 */
function assertNoPathConflict(patch: Patch): void {
  const paths = [
    ...Object.keys(patch.set ?? {}),
    ...Object.keys(patch.inc ?? {}),
    ...new Set(patch.unset ?? []),
  ];
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i]!;
      const b = paths[j]!;
      if (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)) {
        throw new StoreError('INVALID', `patch touches ${a} and ${b} together`);
      }
    }
  }
}

function scalar(value: unknown, field: string): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new StoreError('INVALID', `bad filter value for ${field}`);
}

function ordered(value: unknown, field: string): string | number {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
    return value;
  throw new StoreError('INVALID', `bad range value for ${field}`);
}

function scalarList(value: unknown, field: string, op: string): Scalar[] {
  if (!Array.isArray(value)) throw new StoreError('INVALID', `${op} needs an array`);
  return value.map((v) => scalar(v, field));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Recognising SDK errors
// ---------------------------------------------------------------------------------------------

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (typeof e !== 'object' || e === null) return '';
  const r = e as Record<string, unknown>;
  return [r.code, r.errCode, r.errMsg, r.message].filter((v) => v !== undefined).join(' ');
}

function errorCode(e: unknown): unknown {
  if (typeof e !== 'object' || e === null) return undefined;
  const r = e as Record<string, unknown>;
  return r.code ?? r.errCode;
}

/**
 * The id (or a unique index) already exists. The docs name DATABASE_DUPLICATE_WRITE; through
 * wx-server-sdk it arrives, as reported from real runs, as errCode -502001 with MongoDB's
 * "E11000 duplicate key error …" in the message. Not verified here (no credentials).
 */
export function isDuplicateKeyError(e: unknown): boolean {
  const code = errorCode(e);
  return (
    code === 'DATABASE_DUPLICATE_WRITE' ||
    code === 11000 ||
    /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i.test(errorText(e))
  );
}

/** errCode -502005 "database collection not exists" ([ResourceNotFound] Db or Table not exist). */
export function isCollectionMissingError(e: unknown): boolean {
  const code = errorCode(e);
  return (
    code === -502005 ||
    code === 'DATABASE_COLLECTION_NOT_EXIST' ||
    /DATABASE_COLLECTION_NOT_EXIST|collection not exist|Db or Table not exist/i.test(errorText(e))
  );
}

/**
 * A write conflict between transactions (DATABASE_TRANSACTION_CONFLICT in the SDK; MongoDB's
 * WriteConflict underneath). Raised by an operation (the code is then only in the message, see
 * above) or by commit (the raw `{ code, message }` object). The message wording through
 * wx-server-sdk is a guess; the patterns are deliberately broad.
 */
export function isTransactionConflictError(e: unknown): boolean {
  const code = errorCode(e);
  // Only SDK errors (they carry a code): the caller's own errors are never retried.
  if (code === undefined || e instanceof StoreError) return false;
  return (
    code === 'DATABASE_TRANSACTION_CONFLICT' ||
    /TRANSACTION_CONFLICT|transaction ?conflict|write ?conflict/i.test(errorText(e))
  );
}

/** wx-server-sdk's doc().get() with throwOnNotFound (its default). */
function isDocumentMissingError(e: unknown): boolean {
  return /document with _id .* does not exist/i.test(errorText(e));
}

/** -602001 "database query result size exceed limit (1MB)": retried with smaller pages. */
function isResultTooLargeError(e: unknown): boolean {
  return errorCode(e) === -602001 || /result size exceed/i.test(errorText(e));
}

// ---------------------------------------------------------------------------------------------
// The store
// ---------------------------------------------------------------------------------------------

/** Thrown inside a transaction attempt to start the whole attempt again (not a conflict). */
class RetryAttempt extends Error {}

const MAX_IDEMPOTENT_UPDATE_ROUNDS = 5;

export class CloudBaseStore implements DocumentStore {
  private readonly _: CloudBaseCommand;
  private readonly maxAttempts: number;
  private readonly retryBaseDelayMs: number;

  constructor(
    private readonly db: CloudBaseDatabase,
    options: CloudBaseStoreOptions = {},
  ) {
    this._ = db.command;
    this.maxAttempts = Math.max(1, options.maxTransactionAttempts ?? 5);
    this.retryBaseDelayMs = Math.max(0, options.retryBaseDelayMs ?? 25);
  }

  async get<T extends StoredDoc>(collection: string, id: string): Promise<T | null> {
    return readDoc<T>(this.collection(collection).doc(id));
  }

  async insert<T extends StoredDoc>(collection: string, doc: T): Promise<void> {
    const data = docData(doc);
    const col = this.collection(collection);
    try {
      await addDoc(col, collection, data);
    } catch (e) {
      if (!isCollectionMissingError(e)) throw e;
      // A new collection: create it once, then try again.
      const createError = await this.createCollection(collection);
      try {
        await addDoc(col, collection, data);
      } catch (again) {
        // Still missing: the creation error says why.
        throw isCollectionMissingError(again) && createError !== undefined ? createError : again;
      }
    }
  }

  async find<T extends StoredDoc>(collection: string, options: FindOptions = {}): Promise<T[]> {
    const col = this.collection(collection);
    const skip = options.skip ?? 0;
    const limit = options.limit;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
      throw new StoreError('INVALID', 'bad limit');
    if (!Number.isInteger(skip) || skip < 0) throw new StoreError('INVALID', 'bad skip');
    let query: CloudBaseQuery = col;
    const where = translateWhere(options.where ?? {}, this._);
    if (Object.keys(where).length > 0) query = query.where(where);
    for (const [field, direction] of sortKeys(options.orderBy ?? []))
      query = query.orderBy(field, direction);
    // Never ask for 0: the SDK would send limit(0) as limit 100.
    if (limit === 0) return [];

    // Page with skip in steps of at most MAX_PAGE (the server clamps there) until `limit`
    // documents came back or a page comes back short. Pages are consistent only while nobody
    // writes in between; the `_id` tie-break keeps the order total.
    const out: T[] = [];
    let pageSize = MAX_PAGE;
    while (limit === undefined || out.length < limit) {
      const want = limit === undefined ? pageSize : Math.min(pageSize, limit - out.length);
      let page: unknown[];
      try {
        const res = await query
          .skip(skip + out.length)
          .limit(want)
          .get();
        page = Array.isArray(res.data) ? res.data : [];
      } catch (e) {
        if (isCollectionMissingError(e)) return [];
        if (isResultTooLargeError(e) && pageSize > 1) {
          pageSize = Math.ceil(pageSize / 2);
          continue;
        }
        throw e;
      }
      for (const raw of page) out.push(toDoc<T>(raw));
      if (page.length < want) break;
    }
    return out;
  }

  async count(collection: string, where: Where = {}): Promise<number> {
    const col = this.collection(collection);
    const condition = translateWhere(where, this._);
    try {
      const res = await (Object.keys(condition).length > 0 ? col.where(condition) : col).count();
      return typeof res.total === 'number' ? res.total : 0;
    } catch (e) {
      if (isCollectionMissingError(e)) return 0;
      throw e;
    }
  }

  async update(
    collection: string,
    id: string,
    patch: Patch,
    options: UpdateOptions = {},
  ): Promise<boolean> {
    const col = this.collection(collection);
    const data = translatePatch(patch, this._);
    let filter: Record<string, unknown> | undefined;
    if (options.if !== undefined) {
      const where = whereWithId(options.if, id);
      if (where === null) return false; // the condition names another _id
      filter = translateWhere(where, this._);
    }
    // Unconditional: doc(id).update. Conditional: where({ _id: id, ...condition }).update, atomic
    // on the server, so of several racing updates with the same condition only one matches.
    const write = () =>
      filter ? col.where(filter).update({ data }) : col.doc(id).update({ data });
    const current = async (): Promise<StoredDoc | null> => {
      if (!filter) return readDoc(col.doc(id));
      const res = await col.where(filter).limit(1).get();
      return Array.isArray(res.data) && res.data.length > 0 ? toDoc<StoredDoc>(res.data[0]) : null;
    };

    try {
      if (Object.keys(data).length === 0) return (await current()) !== null; // nothing to write
      // `stats.updated` may count *modified* documents, as MongoDB's nModified does (the HTTP API
      // reports `updated` and `matched` apart; the SDK drops `matched`): a matched document the
      // patch leaves unchanged then reports 0. A non-zero `inc` always changes a matched
      // document, so 0 means "no match". Otherwise look: if the document matches now and the
      // patch would not change it, the update matched. If it matches but the patch would change
      // it, it changed meanwhile: write again (such a patch is idempotent).
      const idempotent = Object.values(patch.inc ?? {}).every((by) => by === 0);
      for (let round = 0; round < MAX_IDEMPOTENT_UPDATE_ROUNDS; round++) {
        if (updatedCount(await write()) > 0) return true;
        if (!idempotent) return false;
        const doc = await current();
        if (doc === null) return false;
        if (sameJson(applyPatch(doc, patch), doc)) return true;
      }
    } catch (e) {
      if (isCollectionMissingError(e)) return false;
      throw e;
    }
    throw new StoreError('CONFLICT', `${collection}/${id} keeps changing under the update`);
  }

  async remove(collection: string, id: string): Promise<boolean> {
    const ref = this.collection(collection).doc(id);
    try {
      const res = await ref.remove();
      return typeof res.stats?.removed === 'number' && res.stats.removed > 0;
    } catch (e) {
      if (isCollectionMissingError(e)) return false;
      throw e;
    }
  }

  async transaction<R>(work: (tx: TxOps) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const transaction = await this.db.startTransaction();
      let committed = false;
      try {
        const result = await work(this.txOps(transaction));
        await transaction.commit();
        committed = true;
        return result;
      } catch (e) {
        // Release the transaction's locks; its own failure changes nothing for the caller. (After
        // a commit that failed for another reason than a conflict, e.g. a lost response, the
        // outcome is unknown: the error goes to the caller as it is.)
        if (!committed) await transaction.rollback().catch(() => undefined);
        if (!(e instanceof RetryAttempt) && !isTransactionConflictError(e)) throw e;
        if (attempt >= this.maxAttempts) {
          throw new StoreError(
            'CONFLICT',
            `transaction gave up after ${attempt} attempts (write conflicts)`,
          );
        }
        await sleep(Math.random() * Math.min(2000, this.retryBaseDelayMs * 2 ** attempt));
      }
    }
  }

  async close(): Promise<void> {
    // Nothing to release: the SDK opens HTTP requests per call.
  }

  /** TxOps on one transaction attempt; only single-document operations, as CloudBase allows. */
  private txOps(transaction: CloudBaseTransaction): TxOps {
    const col = (name: string) => {
      assertCollectionName(name);
      return transaction.collection(name);
    };
    return {
      get: <T extends StoredDoc>(collection: string, id: string) =>
        readDoc<T>(col(collection).doc(id)),

      insert: async <T extends StoredDoc>(collection: string, doc: T) => {
        const data = docData(doc);
        const c = col(collection);
        // No read first (one round trip saved per insert): `add` with the caller's `_id`
        // (insertDocument with the transaction id, per SDK source and docs) meets an existing or
        // concurrently inserted id at the unique `_id` index. The failed write ends the MongoDB
        // transaction, which the port says: DUPLICATE inside a transaction is final (a caller
        // that wants to go on reads first, as `enqueue` does).
        try {
          await addDoc(c, collection, data);
        } catch (e) {
          if (!isCollectionMissingError(e)) throw e;
          // Whether a transaction may create a collection is not documented: create it outside
          // and run the whole attempt again.
          await this.createCollection(collection);
          throw new RetryAttempt('collection created');
        }
      },

      update: async (collection: string, id: string, patch: Patch) => {
        const data = translatePatch(patch, this._);
        const ref = col(collection).doc(id);
        let updated = 0;
        if (Object.keys(data).length > 0) {
          try {
            updated = updatedCount(await ref.update({ data }));
          } catch (e) {
            if (!isCollectionMissingError(e)) throw e;
          }
        }
        // 0 may also mean "matched, nothing changed" (see update()); inside the transaction's
        // snapshot a read settles it.
        if (updated === 0 && (await readDoc(ref)) === null) {
          throw new StoreError('NOT_FOUND', `${collection}/${id} not found`);
        }
      },

      remove: async (collection: string, id: string) => {
        try {
          await col(collection).doc(id).remove();
        } catch (e) {
          if (!isCollectionMissingError(e)) throw e;
        }
      },
    };
  }

  private collection(name: string): CloudBaseCollection {
    assertCollectionName(name);
    return this.db.collection(name);
  }

  /**
   * Creates a collection. Resolves the error instead of throwing it: a concurrent creator may
   * have won ("already exists"), which the retried operation shows.
   */
  private async createCollection(name: string): Promise<unknown> {
    try {
      await this.db.createCollection(name);
      return undefined;
    } catch (e) {
      return e ?? new Error(`createCollection ${name} failed`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface DocData extends Record<string, unknown> {
  _id: string;
}

function docData(doc: StoredDoc): DocData {
  if (typeof doc !== 'object' || doc === null)
    throw new StoreError('INVALID', 'a document must be an object');
  const { _id, ...rest } = doc as unknown as Record<string, unknown>;
  if (typeof _id !== 'string' || _id.length === 0)
    throw new StoreError('INVALID', 'a document needs an _id');
  assertStorableKeys(rest);
  return { _id, ...rest };
}

async function addDoc(
  col: Pick<CloudBaseCollection, 'add'>,
  collection: string,
  data: DocData,
): Promise<void> {
  try {
    await col.add({ data });
  } catch (e) {
    if (isDuplicateKeyError(e)) throw duplicate(collection, data._id);
    throw e;
  }
}

function duplicate(collection: string, id: string): StoreError {
  return new StoreError('DUPLICATE', `${collection}/${id} exists`);
}

async function readDoc<T extends StoredDoc>(ref: CloudBaseDocumentRef): Promise<T | null> {
  try {
    const { data } = await ref.get();
    // doc().get() gives an array outside a transaction and an object inside one.
    const raw: unknown = Array.isArray(data) ? data[0] : data;
    return raw === undefined || raw === null ? null : toDoc<T>(raw);
  } catch (e) {
    if (isDocumentMissingError(e) || isCollectionMissingError(e)) return null;
    throw e;
  }
}

/** A stored document as the port returns it: `_id` kept, fields the SDK adds (`_openid`) removed. */
function toDoc<T>(raw: unknown): T {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error('CloudBase returned something other than a document');
  }
  const { _openid: _ignored, ...doc } = raw as Record<string, unknown>;
  return doc as T;
}

function updatedCount(res: CloudBaseUpdateResult): number {
  const n = res.stats?.updated;
  return typeof n === 'number' ? n : 0;
}

/** The sort keys, with `_id` ascending last as the tie-break unless already given. */
function sortKeys(orderBy: Array<[string, SortDirection]>): Array<[string, SortDirection]> {
  for (const [field, direction] of orderBy) {
    assertFieldPath(field);
    if (direction !== 'asc' && direction !== 'desc')
      throw new StoreError('INVALID', `bad sort direction ${String(direction)}`);
  }
  return orderBy.some(([field]) => field === '_id') ? orderBy : [...orderBy, ['_id', 'asc']];
}

/** `where` narrowed to document `id`, or null when `where` itself rules that id out. */
function whereWithId(where: Where, id: string): Where | null {
  const cond = where._id;
  if (cond === undefined) return { ...where, _id: id };
  if (!isFieldOps(cond)) return cond === id ? where : null;
  if (cond.$eq !== undefined && cond.$eq !== id) return null;
  return { ...where, _id: { ...cond, $eq: id } };
}

/** JSON equality, ignoring the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => sameJson(v, b[i]))
    );
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const rb = b as Record<string, unknown>;
  return (
    ka.length === kb.length &&
    ka.every((k) => k in rb && sameJson((a as Record<string, unknown>)[k], rb[k]))
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
