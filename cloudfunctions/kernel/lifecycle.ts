import type { AppError } from './errors';

/**
 * A module's lifecycle table: for each state, the actions it allows and who may take them
 * (in the module's own words: 'author', 'staff', 'invitee'...). A state with no entry for an
 * action refuses it. Commands guard their state with it and views derive their `can` flags
 * from it, so each rule is written once. Typed as a `Record` over the states, the compiler
 * refuses a table that forgets one.
 */
export type Lifecycle<State extends string, Action extends string, Who extends string> = Readonly<
  Record<State, Readonly<Partial<Record<Action, readonly Who[]>>>>
>;

/** Whether the state allows the action at all, whoever asks (a command's state guard). */
export function allowsIn<S extends string, A extends string, W extends string>(
  table: Lifecycle<S, A, W>,
  action: A,
  state: S | null | undefined,
): boolean {
  return state !== null && state !== undefined && table[state][action] !== undefined;
}

/** Whether someone in one of the roles `who` may take the action in the state (a `can` flag). */
export function allowed<S extends string, A extends string, W extends string>(
  table: Lifecycle<S, A, W>,
  action: A,
  state: S | null | undefined,
  who: Iterable<W>,
): boolean {
  const by = state === null || state === undefined ? undefined : table[state][action];
  return by !== undefined && [...who].some((w) => by.includes(w));
}

/** Throws the command's own wrong-state error unless the state allows the action. */
export function requireAllowed<S extends string, A extends string, W extends string>(
  table: Lifecycle<S, A, W>,
  action: A,
  state: S | null | undefined,
  wrongState: () => AppError,
): void {
  if (!allowsIn(table, action, state)) throw wrongState();
}
