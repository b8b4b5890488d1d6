import {
  addDays,
  businessDate,
  businessDateTime,
  businessYear,
  ManualClock,
  startOfBusinessDay,
} from '../../cloudfunctions/kernel/clock';
import { CODE_ALPHABET, randomIds } from '../../cloudfunctions/kernel/ids';

// Run under TZ=UTC and TZ=Asia/Shanghai by the test command: the answers must not change.
describe('business time (Asia/Shanghai), whatever the process time zone', () => {
  it('puts an instant on its Beijing business day', () => {
    expect(businessDate('2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(businessDate('2026-03-01T16:00:00Z')).toBe('2026-03-02');
  });

  it('turns the year over at Beijing midnight', () => {
    expect(businessYear('2026-12-31T15:59:59Z')).toBe(2026);
    expect(businessYear('2026-12-31T16:00:00Z')).toBe(2027);
  });

  it('formats date and time in business time', () => {
    expect(businessDateTime('2026-03-02T01:30:00Z')).toBe('2026-03-02 09:30');
  });

  it('finds the instant a business day starts', () => {
    expect(startOfBusinessDay('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('adds whole days', () => {
    expect(addDays(new Date('2026-02-27T02:00:00Z'), 2).toISOString()).toBe(
      '2026-03-01T02:00:00.000Z',
    );
  });

  it('has a manual clock for tests', () => {
    const c = new ManualClock('2026-03-02T02:00:00Z');
    c.advance(60_000);
    expect(c.now().toISOString()).toBe('2026-03-02T02:01:00.000Z');
  });
});

describe('ids', () => {
  it('makes unique, prefixed, url-safe ids', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => randomIds.next('m')));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^m_[0-9a-z]{19}$/);
  });

  it('makes codes from the unambiguous alphabet only', () => {
    const code = Array.from({ length: 200 }, () => randomIds.code(8)).join('');
    expect([...code].every((ch) => CODE_ALPHABET.includes(ch))).toBe(true);
    expect(code).not.toMatch(/[01IOL]/);
  });
});
