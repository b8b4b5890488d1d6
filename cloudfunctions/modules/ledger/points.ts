/**
 * Points are exact: the ledger keeps integer tenths of a point (real tables use halves), so
 * sums never drift. Policies and views speak in points.
 */
export type Tenths = number;

export function toTenths(points: number): Tenths {
  return Math.round(points * 10);
}

export function toPoints(tenths: Tenths): number {
  return tenths / 10;
}

/** "2.5", "10", "-1". */
export function formatPoints(tenths: Tenths): string {
  return String(tenths / 10);
}

/** "+2.5 分" / "-1 分" / "0 分", for reasons shown to members. */
export function signedPoints(tenths: Tenths): string {
  return `${tenths > 0 ? '+' : ''}${formatPoints(tenths)} 分`;
}
