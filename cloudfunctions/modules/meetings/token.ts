import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The codes of check-in, all signed with the environment's key (kernel/secrets.ts):
 *
 * - **Ticket** `<door>.<slot>.<signature>` (30 characters): what the door shows, as the `scene`
 *   of a mini-program code or the last segment of a `https://<host>/c/<ticket>` link. `door`
 *   names a meeting session (`checkin_doors/<door>`, derived from the key, so the same session
 *   always has the same door), `slot` is the 10-second period the ticket was made in (base 36)
 *   and the signature an HMAC-SHA256 over both. It fits WeChat's `scene` (≤ 32 characters of
 *   `0-9 a-z A-Z . - _`, a subset of the allowed set without `&`, `=` and `%`).
 * - **Token** `ck1.<meetingId>.<sessionId>.<slot>.<signature>`: the older form, still accepted
 *   from the in-app scan.
 * - **Pass** `cp1.<meetingId>.<sessionId>.<issuedAt>.<signature>`: handed to the WeChat account
 *   that opened a fresh ticket, for checking in within PASS_TTL_MS (after binding the account or
 *   allowing location). The signature covers the openid, so a pass is worth nothing to another
 *   account; `issuedAt` is when the code was scanned (the member's arrival).
 *
 * A ticket or token is accepted for SLOT_GRACE periods after its own (scan and network
 * latency), so a photographed code forwarded to someone elsewhere is stale within half a minute.
 */
export const SLOT_MS = 10_000;
export const SLOT_GRACE = 2;
export const PASS_TTL_MS = 10 * 60_000;

/** WeChat's limit on a mini-program code's `scene`. */
export const SCENE_MAX_LENGTH = 32;

export function slotOf(at: Date): number {
  return Math.floor(at.getTime() / SLOT_MS);
}

export type Freshness = 'fresh' | 'expired';

function freshness(slot: number, now: Date): Freshness {
  const current = slotOf(now);
  return slot > current || current - slot > SLOT_GRACE ? 'expired' : 'fresh';
}

/**
 * The signatures computed lately, by text: at the door a thousand members scan the same code
 * within seconds, and each instance signs it once. Bounded; the key is compared on every hit.
 */
const signed = new Map<string, { key: Buffer; mac: Buffer }>();
const SIGNED_KEPT = 256;

function hmac(key: Buffer, text: string): Buffer {
  const hit = signed.get(text);
  if (hit?.key.equals(key)) {
    // Most recently used last: the door's code stays while members' passes come and go.
    signed.delete(text);
    signed.set(text, hit);
    return hit.mac;
  }
  const mac = createHmac('sha256', key).update(text).digest();
  if (signed.size >= SIGNED_KEPT) signed.delete(signed.keys().next().value!);
  signed.set(text, { key, mac });
  return mac;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// --- tokens (ck1) ----------------------------------------------------------------------------

export function makeToken(key: Buffer, meetingId: string, sessionId: string, slot: number): string {
  return `ck1.${meetingId}.${sessionId}.${slot}.${signToken(key, meetingId, sessionId, slot)}`;
}

export type TokenCheck =
  | { ok: true; meetingId: string; sessionId: string; slot: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const TOKEN =
  /^ck1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,20})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

export function verifyToken(key: Buffer, token: string, now: Date): TokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, meetingId, sessionId, slotText, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const slot = Number(slotText);
  if (!sameText(signToken(key, meetingId, sessionId, slot), signature))
    return { ok: false, reason: 'forged' };
  if (freshness(slot, now) === 'expired') return { ok: false, reason: 'expired' };
  return { ok: true, meetingId, sessionId, slot };
}

function signToken(key: Buffer, meetingId: string, sessionId: string, slot: number): string {
  return hmac(key, `ck1|${meetingId}|${sessionId}|${slot}`).toString('base64url').slice(0, 22);
}

// --- tickets (the scene) ---------------------------------------------------------------------

/** Crockford-style base32 (as kernel/ids.ts): lower case, no i, l, o, u. */
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Buffer, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === length) break;
  }
  return out;
}

/** The door of a meeting session: 10 base32 characters (50 bits), the same on every call. */
export function doorOf(key: Buffer, meetingId: string, sessionId: string): string {
  return base32(hmac(key, `door|${meetingId}|${sessionId}`), 10);
}

export function makeTicket(key: Buffer, door: string, slot: number): string {
  const slotText = slot.toString(36);
  return `${door}.${slotText}.${signTicket(key, door, slotText)}`;
}

export type TicketCheck =
  | { ok: true; door: string; slot: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const TICKET = /^([0-9a-z]{10})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{12})$/;

export function verifyTicket(key: Buffer, ticket: string, now: Date): TicketCheck {
  const m = TICKET.exec(ticket);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, door, slotText, signature] = m as unknown as [string, string, string, string];
  if (!sameText(signTicket(key, door, slotText), signature)) return { ok: false, reason: 'forged' };
  const slot = parseInt(slotText, 36);
  if (freshness(slot, now) === 'expired') return { ok: false, reason: 'expired' };
  return { ok: true, door, slot };
}

function signTicket(key: Buffer, door: string, slotText: string): string {
  return hmac(key, `ct1|${door}|${slotText}`).toString('base64url').slice(0, 12);
}

// --- passes ----------------------------------------------------------------------------------

export function makePass(
  key: Buffer,
  meetingId: string,
  sessionId: string,
  openid: string,
  issuedAt: Date,
): string {
  const at = issuedAt.getTime().toString(36);
  return `cp1.${meetingId}.${sessionId}.${at}.${signPass(key, meetingId, sessionId, at, openid)}`;
}

export type PassCheck =
  | { ok: true; meetingId: string; sessionId: string; issuedAt: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const PASS =
  /^cp1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,20})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

/** A pass made for `openid`: any other account's check says `forged`. */
export function verifyPass(key: Buffer, pass: string, openid: string, now: Date): PassCheck {
  const m = PASS.exec(pass);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, meetingId, sessionId, at, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (!sameText(signPass(key, meetingId, sessionId, at, openid), signature))
    return { ok: false, reason: 'forged' };
  const issuedAt = new Date(parseInt(at, 36));
  const age = now.getTime() - issuedAt.getTime();
  // A little clock skew between instances is not an expiry.
  if (age > PASS_TTL_MS || age < -SLOT_MS) return { ok: false, reason: 'expired' };
  return { ok: true, meetingId, sessionId, issuedAt };
}

function signPass(
  key: Buffer,
  meetingId: string,
  sessionId: string,
  at: string,
  openid: string,
): string {
  return hmac(key, `cp1|${meetingId}|${sessionId}|${at}|${openid}`)
    .toString('base64url')
    .slice(0, 22);
}

// --- reading what was scanned ----------------------------------------------------------------

export type ScannedCode =
  | { kind: 'ticket'; value: string }
  | { kind: 'token'; value: string }
  | { kind: 'pass'; value: string };

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What a member's phone handed over, in any of the forms it arrives in: a ticket (the page's
 * `scene`), the https link of the 扫普通链接二维码 set-up (the page's `q`, or the in-app scan's
 * result), the page path the in-app scan reads from a mini-program code or the local QR
 * (`pages/meetings/checkin/index?scene=<ticket>`, encoded or not), a pass, or an old token.
 * Null for anything else.
 */
export function readScannedCode(raw: string): ScannedCode | null {
  let text = raw.trim();
  for (let i = 0; i < 2 && text.includes('%'); i += 1) text = decoded(text);
  if (text.startsWith('ck1.')) return TOKEN.test(text) ? { kind: 'token', value: text } : null;
  if (text.startsWith('cp1.')) return PASS.test(text) ? { kind: 'pass', value: text } : null;
  if (TICKET.test(text)) return { kind: 'ticket', value: text };
  const inQuery = /[?&]scene=([^&#]+)/.exec(text)?.[1];
  const inLink = /^https?:\/\/[^/?#]+\/(?:[^?#]*\/)?c\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(text)?.[1];
  const ticket = inQuery ?? inLink;
  return ticket && TICKET.test(ticket) ? { kind: 'ticket', value: ticket } : null;
}
