/**
 * The document store port: the only way the domain reads or writes data.
 *
 * Two adapters implement it (embedded SQLite, CloudBase) and one contract suite
 * (tests/store/contract.ts) holds them to the same behaviour. Documents are plain JSON;
 * instants are stored as ISO-8601 UTC strings so they sort and compare as text.
 */

export type Scalar = string | number | boolean | null;
export type JsonValue = Scalar | JsonValue[] | { [key: string]: JsonValue };

export interface StoredDoc {
  _id: string;
}

/** Conditions on one field (a dotted path such as `author.id`). */
export interface FieldOps {
  $eq?: Scalar;
  $ne?: Scalar;
  $gt?: string | number;
  $gte?: string | number;
  $lt?: string | number;
  $lte?: string | number;
  $in?: Scalar[];
  $nin?: Scalar[];
  /** The field is an array holding this value. */
  $contains?: Scalar;
  /** The field is an array holding every one of these values (at least one). */
  $all?: Scalar[];
  $exists?: boolean;
  /** The text field contains this substring (case-insensitive for Latin letters). */
  $search?: string;
}

/** All conditions must hold. A bare value means equality; `null` matches a missing field too. */
export type Where = Record<string, Scalar | FieldOps>;

export type SortDirection = 'asc' | 'desc';

export interface FindOptions {
  where?: Where;
  orderBy?: Array<[field: string, direction: SortDirection]>;
  skip?: number;
  /** Omitted: every matching document (adapters page through large results). */
  limit?: number;
}

/**
 * A partial update: set fields (dotted paths allowed) to JSON values, add to numeric fields,
 * remove fields.
 */
export interface Patch {
  set?: Record<string, unknown>;
  inc?: Record<string, number>;
  unset?: string[];
}

export interface UpdateOptions {
  /** Conditional update: applies only while the document still matches (optimistic concurrency). */
  if?: Where;
}

/** Single-document operations, the only kind CloudBase allows inside a transaction. */
export interface TxOps {
  get<T extends StoredDoc>(collection: string, id: string): Promise<T | null>;
  /**
   * Fails with StoreError 'DUPLICATE' when the id exists. Inside a transaction that failure is
   * final (CloudBase aborts it): every later operation and the commit fail with it, so a caller
   * that means to go on after an existing id reads it first.
   */
  insert<T extends StoredDoc>(collection: string, doc: T): Promise<void>;
  /** Fails with StoreError 'NOT_FOUND' when the id does not exist. */
  update(collection: string, id: string, patch: Patch): Promise<void>;
  remove(collection: string, id: string): Promise<void>;
}

export interface DocumentStore extends Omit<TxOps, 'update' | 'remove'> {
  find<T extends StoredDoc>(collection: string, options?: FindOptions): Promise<T[]>;
  count(collection: string, where?: Where): Promise<number>;
  /** Returns false when no document with this id matched (`if` included). */
  update(collection: string, id: string, patch: Patch, options?: UpdateOptions): Promise<boolean>;
  /** Returns false when there was nothing to remove. */
  remove(collection: string, id: string): Promise<boolean>;
  /**
   * Runs `work` atomically. It may run more than once (CloudBase retries on conflict), so it
   * must have no side effect other than through `tx`. A `StoreError` of kind 'CONFLICT'
   * reaches the caller when the store gives up.
   */
  transaction<R>(work: (tx: TxOps) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

export type StoreErrorKind = 'DUPLICATE' | 'NOT_FOUND' | 'CONFLICT' | 'INVALID';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(e: unknown, kind?: StoreErrorKind): e is StoreError {
  return e instanceof StoreError && (kind === undefined || e.kind === kind);
}

const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62}){0,7}$/;

export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) throw new StoreError('INVALID', `bad collection name: ${name}`);
}

export function assertFieldPath(path: string): void {
  if (!FIELD_PATH.test(path)) throw new StoreError('INVALID', `bad field path: ${path}`);
}

export function isFieldOps(v: unknown): v is FieldOps {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Server-side page size limit of CloudBase; adapters page through larger results with it. */
export const MAX_PAGE = 1000;
