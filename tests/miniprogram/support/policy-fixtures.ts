import type { PolicyView, RecomputePreview, Role } from '../../../typings/contracts';
import { aProfile } from './fixtures';
import { aPolicy } from './ledger-fixtures';
import { answerWith, fail, ok, wxMock } from './wx';

/** The year's policy in force: version 2 of the ledger fixtures' policy. */
export function inForce(year: number, overrides: Partial<PolicyView> = {}): PolicyView {
  return aPolicy({ year, ...overrides });
}

/** The admin's saved draft: the policy in force with a higher plenary score and a new title. */
export function aDraft(year: number, overrides: Partial<PolicyView> = {}): PolicyView {
  const base = aPolicy({ year });
  return {
    ...base,
    version: 0,
    status: 'draft',
    publishedAt: null,
    publishedBy: null,
    title: `${year} 年度委员履职量化考核办法（修订稿）`,
    rules: base.rules.map((r) => (r.event === 'plenary.attended' ? { ...r, points: 6 } : r)),
    ...overrides,
  };
}

/** Who is looking: their roles, through getMyProfile. */
export function signedInAs(...roles: Role[]) {
  answerWith('members.getMyProfile', ok(aProfile({ id: 'm-900', name: '办公室李娜', roles })));
}

/**
 * The backend for a year: the policy in force, and the draft (`null`: LEDGER.NO_DRAFT).
 * Admins read the draft with `draft: true`.
 */
export function policiesFor(year: number, draft: PolicyView | null, current = inForce(year)) {
  answerWith('ledger.getPolicy', (payload) =>
    (payload as { draft?: boolean }).draft
      ? draft
        ? ok(draft)
        : fail('LEDGER.NO_DRAFT', '该年度没有待发布的考核办法草稿')
      : ok(current),
  );
}

export function aPreview(
  year: number,
  overrides: Partial<RecomputePreview> = {},
): RecomputePreview {
  return {
    year,
    fromVersions: [2],
    toVersion: 3,
    members: 40,
    changed: [
      { memberId: 'm-001', name: '王建华', before: 85.5, after: 90.5, delta: 5 },
      { memberId: 'm-002', name: '李秀英', before: 62, after: 52, delta: -10 },
    ],
    ...overrides,
  };
}

/** Storage as the phone keeps it (the shared mock has none). */
export function installPolicyStorage() {
  const storage = new Map<string, unknown>();
  const extra = {
    setStorageSync: jest.fn((key: string, value: unknown) => {
      // Stored as JSON, as the platform does: a later read gets a copy.
      storage.set(key, JSON.parse(JSON.stringify(value)));
    }),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    pageScrollTo: jest.fn(),
    storage,
  };
  Object.assign(wxMock, extra);
  return extra;
}
