import { ERROR_MESSAGES, type ApiError, type ErrorCode } from '../../typings/contracts/errors';

/** An expected failure with a stable code; the pipeline turns it into an error envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toApiError(requestId: string): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
      requestId,
    };
  }
}

export function fail(code: ErrorCode, message?: string, details?: unknown): AppError {
  return new AppError(code, message, details);
}
