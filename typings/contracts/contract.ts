import type * as z from 'zod';

/**
 * One action of a cloud function: its input schema (validated on the server, reusable for
 * form checks) and the type of its result. Written once, used by both sides.
 */
export interface ActionContract<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom: only its type matters. */
  output: O;
}

/** Declares the output type of an action: `{ input: schema, output: returns<Profile>() }`. */
export function returns<O>(): O {
  return undefined as unknown as O;
}

export type ModuleContract = Record<string, ActionContract>;

export type InputOf<C> = C extends ActionContract<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends ActionContract<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends ActionContract<z.ZodType, infer O> ? O : never;
