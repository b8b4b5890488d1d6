import type {
  ApiError,
  FunctionName,
  RequestEnvelope,
  ResponseEnvelope,
} from '../../typings/contracts';
import { config } from '../config';
import { ERROR_MESSAGES, isErrorCode } from './errors';

/**
 * The only code that talks to the backend: one attempt, no retries (the api client retries).
 * Always resolves; every failure becomes an error envelope.
 */
export interface TransportRequest {
  /** Cloud function name, e.g. `members`. */
  fn: FunctionName;
  /** Full action name, e.g. `members.getMyProfile`. */
  action: string;
  payload: unknown;
  requestId: string;
}

export function send(request: TransportRequest): Promise<ResponseEnvelope> {
  const envelope: RequestEnvelope = {
    action: request.action,
    payload: request.payload,
    requestId: request.requestId,
  };
  return config.transport === 'cloud'
    ? sendToCloud(request.fn, envelope)
    : sendToLocal(request.fn, envelope);
}

function sendToCloud(fn: FunctionName, envelope: RequestEnvelope): Promise<ResponseEnvelope> {
  return new Promise((resolve) => {
    wx.cloud.callFunction({
      name: fn,
      data: { ...envelope },
      success: (res) => resolve(toEnvelope(res.result)),
      // Also covers a function that crashed or timed out: the platform answers without our
      // envelope. The retry is safe because writes are keyed by requestId.
      fail: (err) => resolve(unavailable(err.errMsg)),
    });
  });
}

function sendToLocal(fn: FunctionName, envelope: RequestEnvelope): Promise<ResponseEnvelope> {
  return new Promise((resolve) => {
    wx.request({
      url: `${config.localBaseUrl}/${fn}`,
      method: 'POST',
      data: { ...envelope },
      header: { 'content-type': 'application/json', 'X-WX-OPENID': config.devOpenid },
      timeout: config.requestTimeoutMs,
      success: (res) => {
        if (isEnvelope(res.data)) resolve(toEnvelope(res.data));
        else if (res.statusCode >= 500 || res.statusCode === 0)
          resolve(unavailable(`HTTP ${res.statusCode}`));
        else resolve(internal(`HTTP ${res.statusCode}: unexpected response`));
      },
      fail: (err) => resolve(unavailable(err.errMsg)),
    });
  });
}

function isEnvelope(value: unknown): value is { ok: boolean } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { ok?: unknown }).ok === 'boolean'
  );
}

/** Checks the shape of what came back, since the platform hands it over untyped. */
function toEnvelope(value: unknown): ResponseEnvelope {
  if (!isEnvelope(value)) return internal('malformed response');
  if (value.ok) {
    const { data, requestId } = value as { data?: unknown; requestId?: unknown };
    return { ok: true, data, requestId: typeof requestId === 'string' ? requestId : '' };
  }
  const error = (value as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return internal('malformed error');
  const { code, message, details, requestId } = error as Record<string, unknown>;
  const apiError: ApiError = isErrorCode(code)
    ? { code, message: typeof message === 'string' && message ? message : ERROR_MESSAGES[code] }
    : // A code this build does not know (a newer server): keep the server's words.
      {
        code: 'SYSTEM.INTERNAL',
        message:
          typeof message === 'string' && message ? message : ERROR_MESSAGES['SYSTEM.INTERNAL'],
      };
  if (details !== undefined) apiError.details = details;
  if (typeof requestId === 'string') apiError.requestId = requestId;
  return { ok: false, error: apiError };
}

function unavailable(cause: string): ResponseEnvelope {
  return {
    ok: false,
    error: {
      code: 'SYSTEM.UNAVAILABLE',
      message: ERROR_MESSAGES['SYSTEM.UNAVAILABLE'],
      details: { cause },
    },
  };
}

function internal(cause: string): ResponseEnvelope {
  return {
    ok: false,
    error: {
      code: 'SYSTEM.INTERNAL',
      message: ERROR_MESSAGES['SYSTEM.INTERNAL'],
      details: { cause },
    },
  };
}
