import type { Contracts, FunctionName, InputOf } from '../../typings/contracts';
import { checkInput as checkGenerated } from '../generated/validators';

/** Each dotted field path ('' for the whole form) and the first message the server gives for it. */
export type FieldErrors = Record<string, string>;

/**
 * Checks a form's payload exactly as the server will (the contract's own schema, bundled into
 * `generated/validators.js`). An empty object means the server will accept the input.
 */
export function checkInput<F extends FunctionName, A extends keyof Contracts[F] & string>(
  fn: F,
  action: A,
  input: InputOf<Contracts[F][A]> | unknown,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of checkGenerated(fn, action, input)) {
    if (!(issue.path in errors)) errors[issue.path] = issue.message;
  }
  return errors;
}

/** The message to toast: the first field's, or null when there is nothing wrong. */
export function firstError(errors: FieldErrors): string | null {
  for (const message of Object.values(errors)) return message;
  return null;
}
