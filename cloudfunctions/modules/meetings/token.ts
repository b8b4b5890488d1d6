import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Rotating check-in codes: `ck1.<meetingId>.<sessionId>.<slot>.<signature>`, where `slot` is
 * the 10-second period the code was made in and the signature an HMAC-SHA256 over the rest.
 * A code is accepted for SLOT_GRACE periods after its own (scan and network latency), so a
 * photographed code forwarded to someone elsewhere is stale within half a minute.
 */
export const SLOT_MS = 10_000;
export const SLOT_GRACE = 2;

export function slotOf(at: Date): number {
  return Math.floor(at.getTime() / SLOT_MS);
}

export function makeToken(key: Buffer, meetingId: string, sessionId: string, slot: number): string {
  return `ck1.${meetingId}.${sessionId}.${slot}.${sign(key, meetingId, sessionId, slot)}`;
}

export type TokenCheck =
  | { ok: true; meetingId: string; sessionId: string; slot: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export function verifyToken(key: Buffer, token: string, now: Date): TokenCheck {
  const m =
    /^ck1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,20})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(
      token,
    );
  if (!m) return { ok: false, reason: 'malformed' };
  const [, meetingId, sessionId, slotText, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const slot = Number(slotText);
  const expected = Buffer.from(sign(key, meetingId, sessionId, slot));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'forged' };
  const current = slotOf(now);
  if (slot > current || current - slot > SLOT_GRACE) return { ok: false, reason: 'expired' };
  return { ok: true, meetingId, sessionId, slot };
}

function sign(key: Buffer, meetingId: string, sessionId: string, slot: number): string {
  return createHmac('sha256', key)
    .update(`ck1|${meetingId}|${sessionId}|${slot}`)
    .digest('base64url')
    .slice(0, 22);
}
