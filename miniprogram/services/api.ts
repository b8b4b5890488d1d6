import type { Contracts, FunctionName, InputOf, OutputOf } from '../../typings/contracts';
import { config } from '../config';
import { ACTIONS as GENERATED_ACTIONS } from '../generated/contract';
import { ApiCallError } from './errors';
import { send } from './transport';

export { ApiCallError, isApiCallError } from './errors';

type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

/** `api.members.getMyProfile({})`: resolves to the action's output, rejects with ApiCallError. */
export type ModuleClient<F extends FunctionName> = {
  [A in ActionName<F>]: (input: InputOf<Contracts[F][A]>) => Promise<OutputOf<Contracts[F][A]>>;
};
export type ApiClient = { [F in FunctionName]: ModuleClient<F> };

/**
 * Every action of every function, from the generated module: the contract's schemas are not
 * bundled (zod stays on the server), so its action names are generated into the mini-program.
 */
const ACTIONS: { readonly [F in FunctionName]: readonly ActionName<F>[] } = GENERATED_ACTIONS;

/** Both ways: the generated list names every action of the contract and nothing else. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ListsMatch = {
  [F in FunctionName]: Same<(typeof GENERATED_ACTIONS)[F][number], ActionName<F>>;
}[FunctionName];
const _actionsMatch: Same<keyof typeof GENERATED_ACTIONS, FunctionName> extends true
  ? false extends ListsMatch
    ? false
    : true
  : false = true;
void _actionsMatch;

/** 20 characters of base36: time first (roughly sortable in logs), then randomness. */
export function newRequestId(): string {
  let id = Date.now().toString(36);
  while (id.length < 20) id += Math.floor(Math.random() * 36).toString(36);
  return id.slice(0, 20);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One intent, one requestId: the id is chosen before the first attempt and reused on every
 * retry, so the server applies a retried write at most once. A caller that must survive an
 * app restart chooses the id itself and keeps it (see `callWith`).
 */
export async function call(
  fn: FunctionName,
  action: string,
  payload: unknown,
  requestId: string = newRequestId(),
): Promise<unknown> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await send({ fn, action: `${fn}.${action}`, payload, requestId });
    if (response.ok) return response.data;
    const wait = config.retryDelaysMs[attempt];
    if (response.error.code !== 'SYSTEM.UNAVAILABLE' || wait === undefined) {
      throw new ApiCallError(response.error);
    }
    await delay(wait);
  }
}

function moduleClient<F extends FunctionName>(fn: F, requestId?: string): ModuleClient<F> {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const action of ACTIONS[fn]) {
    client[action] = (input) => call(fn, action, input, requestId);
  }
  // Each entry was built from the contract's own action list with the matching name.
  return client as ModuleClient<F>;
}

/** One entry per cloud function; the type makes a new function in the contract a compile error here. */
export const api: ApiClient = {
  members: moduleClient('members'),
  ledger: moduleClient('ledger'),
  notify: moduleClient('notify'),
  meetings: moduleClient('meetings'),
  proposals: moduleClient('proposals'),
  opinions: moduleClient('opinions'),
  settings: moduleClient('settings'),
  reading: moduleClient('reading'),
  studios: moduleClient('studios'),
};

/**
 * The same client, sending under a requestId the caller chose and kept (with a local draft):
 * `callWith(id).proposals.submit(...)` sent again after the app was killed is the same
 * request, so the server answers it once.
 */
export function callWith(requestId: string): ApiClient {
  return {
    members: moduleClient('members', requestId),
    ledger: moduleClient('ledger', requestId),
    notify: moduleClient('notify', requestId),
    meetings: moduleClient('meetings', requestId),
    proposals: moduleClient('proposals', requestId),
    opinions: moduleClient('opinions', requestId),
    settings: moduleClient('settings', requestId),
    reading: moduleClient('reading', requestId),
    studios: moduleClient('studios', requestId),
  };
}
