import type { MyProfile, Page, RosterEntry } from '../../../typings/contracts';

export function aProfile(overrides: Partial<MyProfile> = {}): MyProfile {
  return {
    id: 'm-001',
    name: '王建华',
    gender: '男',
    sector: '经济界',
    specialCommittee: '提案委',
    standingMember: true,
    phone: '13800000001',
    term: '第七届',
    roles: ['member'],
    boundAt: '2025-01-05T02:00:00.000Z',
    ...overrides,
  };
}

export function aRosterEntry(n: number, overrides: Partial<RosterEntry> = {}): RosterEntry {
  return {
    id: `m-${String(n).padStart(3, '0')}`,
    name: `委员${n}`,
    gender: n % 2 ? '男' : '女',
    sector: '教育界',
    specialCommittee: null,
    standingMember: false,
    phone: `139000${String(n).padStart(5, '0')}`,
    term: '第七届',
    roles: ['member'],
    active: true,
    bound: n % 2 === 0,
    boundAt: n % 2 === 0 ? '2025-01-05T02:00:00.000Z' : null,
    ...overrides,
  };
}

/** Page `page` of a roster of `total` entries, `pageSize` per page. */
export function rosterPage(page: number, total: number, pageSize = 20): Page<RosterEntry> {
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const items: RosterEntry[] = [];
  for (let n = first; n <= last; n += 1) items.push(aRosterEntry(n));
  return { items, total, page, pageSize };
}
