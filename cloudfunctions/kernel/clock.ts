import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Instants are stored as ISO-8601 UTC strings. Every business rule about days, windows and
 * years uses the committee's time zone through the helpers below, whatever TZ the process has
 * (cloud functions run in UTC; laptops in Asia/Shanghai).
 *
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact
 * for every instant this system stores, and far cheaper than a time-zone database lookup on
 * every ledger post.
 */
export const BUSINESS_TZ = 'Asia/Shanghai';
const OFFSET_MINUTES = 8 * 60;

const inBusinessTime = (instant: Date | string) => dayjs(instant).utcOffset(OFFSET_MINUTES);

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and the demo seed: it moves only when told. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(instant: string | Date): void {
    this.t = new Date(instant).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export function iso(instant: Date): string {
  return instant.toISOString();
}

/** `YYYY-MM-DD` of the business day the instant falls on. */
export function businessDate(instant: Date | string): string {
  return inBusinessTime(instant).format('YYYY-MM-DD');
}

export function businessYear(instant: Date | string): number {
  return inBusinessTime(instant).year();
}

/** `YYYY-MM-DD HH:mm` in business time, for messages and exports. */
export function businessDateTime(instant: Date | string): string {
  return inBusinessTime(instant).format('YYYY-MM-DD HH:mm');
}

/** The instant a business day starts (00:00 Asia/Shanghai). */
export function startOfBusinessDay(date: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}
