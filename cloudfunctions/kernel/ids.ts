import { randomFillSync } from 'node:crypto';

/** Crockford-style base32 without I, L, O, U: unambiguous when read aloud or typed. */
const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** Invite codes: upper case, no 0/O, 1/I/L, so members can type them from a printed slip. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export interface IdSource {
  /** A new unique id, roughly time-ordered: `<prefix>_<time><random>`. */
  next(prefix: string): string;
  /** A random code from CODE_ALPHABET. */
  code(length: number): string;
}

/**
 * Random bytes drawn from the system's CSPRNG a few kilobytes at a time, each byte used once: one
 * call per 4 KB instead of one per id (every request takes an id).
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomBytes(n: number): Buffer {
  if (used + n > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += n;
  return pool.subarray(used - n, used);
}

function randomString(length: number, alphabet: string): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const b = bytes[i]!;
    if (b < limit) out += alphabet[b % alphabet.length];
  }
  return out.length === length ? out : out + randomString(length - out.length, alphabet);
}

export const randomIds: IdSource = {
  next(prefix) {
    const time = Date.now().toString(32).padStart(9, '0');
    return `${prefix}_${time}${randomString(10, ID_ALPHABET)}`;
  },
  code(length) {
    return randomString(length, CODE_ALPHABET);
  },
};
