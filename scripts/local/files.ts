import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import { ERROR_MESSAGES, type ErrorCode } from '../../typings/contracts/errors';
import { readBody } from './body';

/**
 * The local runtime's file store, standing in for cloud storage: `POST /files` (multipart, one
 * `file` part and an optional `name` field) keeps the bytes as `<dir>/<id>` with a JSON sidecar
 * `<dir>/<id>.json`; `GET /files/<id>` serves them. The id is random: the client's name is kept
 * in the sidecar only, never in a path.
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Room for the multipart boundaries, part headers and the name field. */
const MAX_UPLOAD_BYTES = MAX_FILE_BYTES + 64 * 1024;

export const LOCAL_FILE_PREFIX = 'local://';
const ID_PATTERN = /^[a-f0-9]{32}$/;

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export interface StoredFileMeta {
  name: string;
  size: number;
  uploadedBy: string;
  at: string;
}

function errorEnvelope(code: ErrorCode, message: string = ERROR_MESSAGES[code]): ResponseEnvelope {
  return { ok: false, error: { code, message } };
}

export function contentTypeOf(name: string): string {
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** The last path segment of the client's name, without control characters, ≤ 80 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const name = [...(cleaned.replace(/^\.+$/, '') || 'file')].slice(0, 80).join('');
  return name;
}

interface Part {
  name: string;
  filename: string | null;
  body: Buffer;
}

/** A minimal multipart/form-data reader: enough for wx.uploadFile and fetch's FormData. */
export function parseMultipart(body: Buffer, contentType: string): Part[] | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!/^multipart\/form-data/i.test(contentType) || !boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) return null;
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return null;
    // The part: CRLF, headers, CRLF CRLF, content, CRLF (before the next delimiter).
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return null;
    const headers = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
    if (name !== undefined) parts.push({ name, filename, body: part.subarray(split + 4) });
    start = next;
  }
  return parts;
}

/** `POST /files`: stores the upload; the caller's openid is already checked. */
export async function receiveFile(
  req: IncomingMessage,
  dir: string,
  openid: string,
  now: Date = new Date(),
): Promise<ResponseEnvelope> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const body = await readBody(req, MAX_UPLOAD_BYTES);
  if (body === 'too-large' || declared > MAX_UPLOAD_BYTES)
    return errorEnvelope('REQUEST.TOO_LARGE', '文件不能超过 20 MB');
  const parts = parseMultipart(body, String(req.headers['content-type'] ?? ''));
  const file = parts?.find((p) => p.name === 'file' && p.filename !== null);
  if (!parts || !file)
    return errorEnvelope('REQUEST.MALFORMED', '请以 multipart/form-data 上传一个 file 部分');
  if (file.body.length > MAX_FILE_BYTES)
    return errorEnvelope('REQUEST.TOO_LARGE', '文件不能超过 20 MB');
  const given = parts.find((p) => p.name === 'name' && p.filename === null)?.body.toString('utf8');
  const name = cleanFileName(given?.trim() ? given : (file.filename ?? ''));
  return {
    ok: true,
    data: await keepFile(dir, name, file.body, openid, now),
    requestId: randomBytes(8).toString('hex'),
  };
}

/** Keeps the bytes under a new random id (with their sidecar); answers the file's id. */
export async function keepFile(
  dir: string,
  name: string,
  bytes: Buffer,
  openid: string,
  now: Date = new Date(),
): Promise<{ fileId: string; name: string }> {
  const id = randomBytes(16).toString('hex');
  const meta: StoredFileMeta = {
    name,
    size: bytes.length,
    uploadedBy: openid,
    at: now.toISOString(),
  };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, id), bytes);
  await writeFile(join(dir, `${id}.json`), JSON.stringify(meta));
  return { fileId: `${LOCAL_FILE_PREFIX}${id}`, name };
}

/** `GET /files/<id>`: the bytes and their metadata, or null for an id not stored. */
export async function readStoredFile(
  dir: string,
  id: string,
): Promise<{ bytes: Buffer; meta: StoredFileMeta; contentType: string } | null> {
  if (!ID_PATTERN.test(id)) return null;
  try {
    const meta = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as StoredFileMeta;
    const bytes = await readFile(join(dir, id));
    return { bytes, meta, contentType: contentTypeOf(meta.name) };
  } catch {
    return null;
  }
}
