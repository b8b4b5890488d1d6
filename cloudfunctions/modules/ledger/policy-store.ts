import type { PolicyBody } from '../../../typings/contracts/ledger';
import type { DocumentStore, StoredDoc, TxOps } from '../../store/port';
import { DEFAULT_POLICY } from '../../../typings/contracts/default-policy';

/** `point_policies/<year>:v<n>` (published, immutable) and `<year>:draft` (the admin's draft). */
export interface PolicyDoc extends StoredDoc {
  year: number;
  version: number | null;
  status: 'draft' | 'published';
  body: PolicyBody;
  savedAt: string;
  savedBy: string;
}

/** `point_policy_heads/<year>`: the latest published version, moved in the publish transaction. */
export interface PolicyHeadDoc extends StoredDoc {
  version: number;
}

export interface ActivePolicy {
  year: number;
  /** 0 = the built-in default: nothing published for the year yet. */
  version: number;
  body: PolicyBody;
  doc: PolicyDoc | null;
}

export const publishedId = (year: number, version: number) => `${year}:v${version}`;
export const draftId = (year: number) => `${year}:draft`;

type Reader = Pick<DocumentStore, 'get'> | TxOps;

/** The policy in force for a year: its latest published version, else the built-in default. */
export async function activePolicy(store: Reader, year: number): Promise<ActivePolicy> {
  const head = await store.get<PolicyHeadDoc>('point_policy_heads', String(year));
  if (!head) return { year, version: 0, body: DEFAULT_POLICY, doc: null };
  const doc = await store.get<PolicyDoc>('point_policies', publishedId(year, head.version));
  if (!doc) throw new Error(`policy ${year} v${head.version} is missing`);
  return { year, version: head.version, body: doc.body, doc };
}
