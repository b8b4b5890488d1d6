import type { ApiError } from './errors';

/** What the mini-program sends to a cloud function (and to the local runtime). */
export interface RequestEnvelope<P = unknown> {
  /** `module.verbNoun`, e.g. `members.getMyProfile`. */
  action: string;
  payload?: P;
  /**
   * Chosen by the client before the first attempt and reused on every retry of the same
   * intent: writes keyed by it happen at most once.
   */
  requestId?: string;
}

export type ResponseEnvelope<T = unknown> =
  { ok: true; data: T; requestId: string } | { ok: false; error: ApiError };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
