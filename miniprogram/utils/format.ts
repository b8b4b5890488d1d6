import type { Role } from '../../typings/contracts';
import { ROLE_LABELS as GENERATED_ROLE_LABELS, ROLES } from '../generated/contract';

/** The contract's role labels (generated); the type demands every role. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = GENERATED_ROLE_LABELS;

/** Roles in the contract's order: how a person's roles are listed. */
const ROLE_ORDER: readonly Role[] = ROLES;

export function roleLabels(roles: readonly Role[]): string[] {
  return ROLE_ORDER.filter((role) => roles.includes(role)).map((role) => ROLE_LABELS[role]);
}

export function isOffice(roles: readonly Role[]): boolean {
  return roles.includes('staff') || roles.includes('admin');
}

/** 13800000001 → 138****0001; anything else is masked but for its last 4 characters. */
export function maskPhone(phone: string): string {
  if (/^\d{11}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return phone.length <= 4 ? '****' : `****${phone.slice(-4)}`;
}

/** Shown for an empty field: older members read a blank as "something failed to load". */
export const NOT_SET = '未填写';

export function orNotSet(value: string | null | undefined): string {
  return value && value.trim() ? value : NOT_SET;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** China Standard Time has no daylight saving: a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * ISO instant → `2025-03-01 09:30` in Beijing time, whatever zone the phone is set to: the
 * committee's deadlines and meetings are all in Beijing time.
 */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Invite codes are read aloud and typed by hand: `ABCD2345` → `ABCD 2345`. */
export function groupInviteCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** What the member typed → what the server expects: no spaces or dashes, upper case. */
export function normalizeInviteCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

export const INVITE_CODE_PATTERN = /^[A-Z0-9]{8}$/;

/** Only links to our own pages are followed (inbox, home); anything else stays text (''). */
export function ownPageLink(link: string | null): string {
  return link && /^\/pages\/[\w/-]+(\?.*)?$/.test(link) ? link : '';
}

/** A page query value, decoded and trimmed ('' when missing or not decodable). */
export function queryValue(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '').trim();
  } catch {
    return '';
  }
}
