import type {
  ApiError,
  ErrorCode,
  ERROR_MESSAGES as CONTRACT_MESSAGES,
} from '../../typings/contracts';
import { ERROR_MESSAGES as GENERATED_MESSAGES } from '../generated/contract';

/**
 * The contract's messages, from the generated module (files outside the mini-program root are
 * not packaged). The type is the contract's own literal type, so `tsc` fails on any drift.
 */
export const ERROR_MESSAGES: typeof CONTRACT_MESSAGES = GENERATED_MESSAGES;

/** And no code the contract lacks: a stale generated file fails here as well as in its test. */
const _noExtraCodes: Exclude<keyof typeof GENERATED_MESSAGES, ErrorCode> extends never
  ? true
  : false = true;
void _noExtraCodes;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}

/** An API call that ended in an error envelope. Pages branch on `code`. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(error: ApiError) {
    super(error.message || ERROR_MESSAGES[error.code]);
    // Transpiled to ES5, `extends Error` loses the prototype; restore it so `instanceof` works.
    Object.setPrototypeOf(this, ApiCallError.prototype);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details;
    this.requestId = error.requestId;
  }
}

export function isApiCallError(err: unknown): err is ApiCallError {
  return err instanceof ApiCallError;
}

/** The message to show a member for any failure, thrown by us or by the platform. */
export function messageOf(err: unknown): string {
  if (isApiCallError(err)) return err.message;
  return ERROR_MESSAGES['SYSTEM.INTERNAL'];
}
