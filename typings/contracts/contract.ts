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

/**
 * A module's contracts, built the first time one of its inputs is used: a new cloud instance
 * then builds the schemas of the actions it serves, not those of every module its code
 * imports (zod builds each schema at once, and that was most of a bundle's start-up work).
 * `contracts.reading.comment` is available at once, its `input` on first use; listing the
 * module's actions builds it too.
 */
export function lazyContracts<M extends ModuleContract>(build: () => M): M {
  let built: M | undefined;
  const module = () => (built ??= build());
  const stubs = new Map<string, ActionContract>();
  const stub = (name: string): ActionContract => {
    let s = stubs.get(name);
    if (!s) {
      s = {
        get input() {
          return module()[name]!.input;
        },
        output: undefined,
      };
      stubs.set(name, s);
    }
    return s;
  };
  const has = (name: string | symbol) =>
    typeof name === 'string' && Object.prototype.hasOwnProperty.call(module(), name);
  return new Proxy({} as M, {
    // Known action names (the compiler checks them) need no build; anything else asks the module.
    get: (_, name) =>
      typeof name === 'string' && (built === undefined || has(name)) ? stub(name) : undefined,
    has: (_, name) => has(name),
    ownKeys: () => Object.keys(module()),
    getOwnPropertyDescriptor: (_, name) =>
      has(name)
        ? { value: stub(name as string), enumerable: true, configurable: true, writable: false }
        : undefined,
  });
}
