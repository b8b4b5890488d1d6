import type { ResponseEnvelope } from '../../typings/contracts/envelope';

/** HTTP status for curl and tools; the body is always the same envelope a cloud function returns. */
export function httpStatus(res: ResponseEnvelope): number {
  if (res.ok) return 200;
  const code = res.error.code;
  if (code === 'SYSTEM.INTERNAL') return 500;
  if (code === 'SYSTEM.UNAVAILABLE') return 503;
  if (code === 'REQUEST.TOO_LARGE') return 413;
  if (code.startsWith('REQUEST.')) return code === 'REQUEST.UNKNOWN_ACTION' ? 404 : 400;
  if (code === 'AUTH.NO_IDENTITY' || code === 'AUTH.NOT_BOUND') return 401;
  if (code.startsWith('AUTH.')) return 403;
  if (code.endsWith('NOT_FOUND')) return 404;
  if (code === 'STORE.CONFLICT') return 409;
  if (code.endsWith('TOO_MANY_ATTEMPTS')) return 429;
  return 422;
}
