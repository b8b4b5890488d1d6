import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Instants are stored as ISO-8601 UTC strings. Every business rule about days, windows and
 * years uses the committee's time zone through the helpers below, whatever TZ the process has
 * (cloud functions run in UTC; laptops in Asia/Shanghai).
 */
export const BUSINESS_TZ = 'Asia/Shanghai';

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
  return dayjs(instant).tz(BUSINESS_TZ).format('YYYY-MM-DD');
}

export function businessYear(instant: Date | string): number {
  return dayjs(instant).tz(BUSINESS_TZ).year();
}

/** `YYYY-MM-DD HH:mm` in business time, for messages and exports. */
export function businessDateTime(instant: Date | string): string {
  return dayjs(instant).tz(BUSINESS_TZ).format('YYYY-MM-DD HH:mm');
}

/** The instant a business day starts (00:00 Asia/Shanghai). */
export function startOfBusinessDay(date: string): Date {
  return dayjs.tz(date, BUSINESS_TZ).startOf('day').toDate();
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}
