import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import type { Handler, Services } from '../../cloudfunctions/kernel/action';
import {
  createDispatcher,
  MAX_PAYLOAD_CHARS,
  type Dispatch,
} from '../../cloudfunctions/kernel/pipeline';
import { ERROR_MESSAGES, type ErrorCode } from '../../typings/contracts/errors';
import { readBody } from './body';
import { readStoredFile, receiveFile } from './files';
import { httpStatus } from './http-status';

export interface LocalServerOptions {
  services: Services;
  functions: Record<string, Record<string, Handler>>;
  /**
   * Accept the caller's openid from the `X-WX-OPENID` header. Only for development on loopback:
   * anyone who can reach the port can claim any identity.
   */
  trustOpenidHeader: boolean;
  /** Where `POST /files` keeps uploads (the local stand-in for cloud storage). */
  filesDir?: string;
}

const MAX_BODY_BYTES = MAX_PAYLOAD_CHARS + 64 * 1024;

/**
 * Serves every cloud function over HTTP, the same handlers as in the cloud:
 * `POST /api/<function>` with `{ action, payload, requestId }`, and `GET /healthz`. With
 * `filesDir`, also `POST /files` and `GET /files/<id>` (also under `/api`, where the
 * mini-program's `localBaseUrl` points): uploads, as cloud storage keeps them in the cloud.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const dispatchers = new Map<string, Dispatch>(
    Object.entries(options.functions).map(([name, handlers]) => [
      name,
      createDispatcher(name, handlers, options.services),
    ]),
  );
  return createServer((req, res) => {
    void route(req, res, dispatchers, options).catch((e: unknown) => {
      options.services.log.error('local server fault', { error: String(e) });
      if (!res.headersSent) send(res, errorEnvelope('SYSTEM.INTERNAL'));
    });
  });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  dispatchers: Map<string, Dispatch>,
  options: LocalServerOptions,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ ok: true, functions: [...dispatchers.keys()] }));
    return;
  }
  const files = /^(?:\/api)?\/files(?:\/([^/]*))?$/.exec(url.pathname);
  if (files && options.filesDir) return serveFiles(req, res, files[1], options.filesDir, options);
  const match = /^\/api\/([a-z][a-zA-Z0-9_-]*)$/.exec(url.pathname);
  if (!match)
    return send(
      res,
      errorEnvelope('REQUEST.UNKNOWN_ACTION', `未知的地址：${url.pathname.slice(0, 100)}`),
    );
  if (req.method !== 'POST')
    return send(res, errorEnvelope('REQUEST.MALFORMED', '请使用 POST 调用'));
  const dispatch = dispatchers.get(match[1]!);
  if (!dispatch)
    return send(res, errorEnvelope('REQUEST.UNKNOWN_ACTION', `不存在的云函数：${match[1]}`));
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === 'too-large') return send(res, errorEnvelope('REQUEST.TOO_LARGE'));
  let event: unknown;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch {
    return send(res, errorEnvelope('REQUEST.MALFORMED', '请求体不是合法的 JSON'));
  }
  send(res, await dispatch(event, { openid: callerOpenid(req, options) }));
}

/** Uploads and downloads: the same identity rule as the API. */
async function serveFiles(
  req: IncomingMessage,
  res: ServerResponse,
  id: string | undefined,
  dir: string,
  options: LocalServerOptions,
): Promise<void> {
  const openid = callerOpenid(req, options);
  if (id === undefined && req.method === 'POST') {
    if (!openid) {
      // Read (and drop) the upload first, so the client gets the answer rather than a reset.
      await new Promise((resolve) => req.on('end', resolve).on('error', resolve).resume());
      return send(res, errorEnvelope('AUTH.NO_IDENTITY'));
    }
    return send(res, await receiveFile(req, dir, openid));
  }
  if (id === undefined || req.method !== 'GET')
    return send(
      res,
      errorEnvelope('REQUEST.MALFORMED', '上传请用 POST /files，下载请用 GET /files/<id>'),
    );
  if (!openid) return send(res, errorEnvelope('AUTH.NO_IDENTITY'));
  const file = await readStoredFile(dir, id);
  if (!file) return send(res, errorEnvelope('REQUEST.UNKNOWN_ACTION', '未找到该文件'));
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': file.bytes.length,
    'x-content-type-options': 'nosniff',
    'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.meta.name)}`,
  });
  res.end(file.bytes);
}

function callerOpenid(req: IncomingMessage, options: LocalServerOptions): string | null {
  if (!options.trustOpenidHeader || !isLoopback(req.socket.remoteAddress)) return null;
  const header = req.headers['x-wx-openid'];
  const openid = Array.isArray(header) ? header[0] : header;
  return openid && /^[A-Za-z0-9_-]{1,64}$/.test(openid) ? openid : null;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function errorEnvelope(code: ErrorCode, message: string = ERROR_MESSAGES[code]): ResponseEnvelope {
  return { ok: false, error: { code, message } };
}

function send(res: ServerResponse, envelope: ResponseEnvelope): void {
  res.writeHead(httpStatus(envelope), { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(envelope));
}
