import { ledger, SOURCE_TYPES } from '../../typings/contracts';
import {
  checkAward,
  emptyAwardForm,
  reverseProblem,
} from '../../miniprogram/pages/staff/member-record/award-form';
import {
  businessYear,
  formatDate,
  formatPoints,
  gradeBandTexts,
  parseYear,
  policyVersionText,
  rankText,
  recentYears,
  ruleGroups,
  signedPoints,
  sourceUrl,
  SOURCE_PAGES,
  toCategoryItem,
  toEntryItem,
} from '../../miniprogram/utils/ledger';
import { anEntry, aPolicy } from './support/ledger-fixtures';

describe('ledger formatting', () => {
  it('takes the year and the date by the Beijing calendar', () => {
    expect(businessYear(Date.parse('2024-12-31T16:30:00.000Z'))).toBe(2025);
    expect(businessYear(Date.parse('2024-12-31T15:59:00.000Z'))).toBe(2024);
    expect(recentYears(3, Date.parse('2024-12-31T16:30:00.000Z'))).toEqual([2025, 2024, 2023]);
    expect(formatDate('2025-03-01T16:30:00.000Z')).toBe('2025-03-02');
    expect(formatDate('2025-03-01T15:59:59.000Z')).toBe('2025-03-01');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('reads a year from a query only when it is a sensible year', () => {
    expect(parseYear('2025')).toBe(2025);
    expect(parseYear(undefined)).toBeNull();
    expect(parseYear('25')).toBeNull();
    expect(parseYear('1999')).toBeNull();
    expect(parseYear('2025abc')).toBeNull();
  });

  it('writes points in tenths with a true minus sign, signed for entries', () => {
    expect(formatPoints(86.5)).toBe('86.5');
    expect(formatPoints(0.1 + 0.2)).toBe('0.3');
    expect(formatPoints(-3)).toBe('−3');
    expect(formatPoints(0)).toBe('0');
    expect(signedPoints(5)).toBe('+5');
    expect(signedPoints(-10)).toBe('−10');
    expect(signedPoints(0.5)).toBe('+0.5');
    expect(signedPoints(0)).toBe('0');
  });

  it('writes the rank only when there is one', () => {
    expect(rankText(3, 40)).toBe('第 3 名 / 共 40 人');
    expect(rankText(null, 40)).toBe('');
  });

  it('shows a category with its cap, bar and full mark', () => {
    expect(toCategoryItem({ id: 'a', label: '活动', points: 8, cap: 10 })).toMatchObject({
      pointsText: '8',
      capText: '上限 10 分',
      percent: 80,
      full: false,
    });
    expect(toCategoryItem({ id: 'p', label: '提案', points: 30, cap: 30 })).toMatchObject({
      percent: 100,
      full: true,
    });
    expect(toCategoryItem({ id: 'm', label: '会议', points: -4, cap: null })).toMatchObject({
      pointsText: '−4',
      negative: true,
      capText: '',
      percent: -1,
      full: false,
    });
    expect(toCategoryItem({ id: 'x', label: '负分', points: -2, cap: 10 }).percent).toBe(0);
  });

  it('shows an entry with its date, signed points, kind and source', () => {
    expect(
      toEntryItem(anEntry(1, { at: '2025-06-30T17:00:00.000Z', kind: 'reversal', points: -5 })),
    ).toMatchObject({
      id: 'e-001',
      date: '2025-07-01',
      pointsText: '−5',
      sign: 'minus',
      kindLabel: '撤销',
      sourceTitle: '七届三次会议第 1 场',
      sourceUrl: '/pages/meetings/detail/index?id=mt-1',
      actorName: '',
    });
    expect(toEntryItem(anEntry(2)).kindLabel).toBe('');
    expect(toEntryItem(anEntry(3, { kind: 'adjustment', points: 0 }))).toMatchObject({
      kindLabel: '调整',
      sign: 'zero',
    });
  });

  it('groups the rules under their categories and lists the grade bands', () => {
    const groups = ruleGroups(aPolicy());
    expect(groups.map((g) => [g.label, g.capText, g.rules.length])).toEqual([
      ['会议出勤', '', 2],
      ['视察调研等活动', '上限 10 分', 1],
      ['提案工作', '上限 30 分', 1],
      ['社情民意', '上限 20 分', 1],
    ]);
    expect(groups[0]!.rules[1]).toEqual({
      event: 'plenary.absent',
      label: '全体会议无故缺席（每半天）',
      pointsText: '−10',
      sign: 'minus',
    });
    expect(gradeBandTexts(aPolicy().grades)).toEqual([
      '优秀：90 分及以上',
      '良好：80 分及以上',
      '称职：60 分及以上',
      '不称职：60 分以下',
    ]);
    expect(policyVersionText(0)).toBe('默认办法');
    expect(policyVersionText(3)).toBe('第 3 版');
  });
});

describe('sourceUrl', () => {
  it('leads to the page set for the type, and nowhere for a type without one', () => {
    for (const type of SOURCE_TYPES) {
      const route = SOURCE_PAGES[type];
      expect(sourceUrl({ type, id: 'x-1', title: '标题' })).toBe(route ? `${route}?id=x-1` : null);
    }
    expect(sourceUrl({ type: 'proposal', id: 'pp-1', title: '' })).toBe(
      '/pages/proposals/detail/index?id=pp-1',
    );
  });

  it('has an entry for every source type, so adding a page is one line', () => {
    expect(Object.keys(SOURCE_PAGES).sort()).toEqual([...SOURCE_TYPES].sort());
  });

  it('builds the page URL with the id once a page is set', () => {
    const pages = {
      meeting: '/pages/meetings/detail/index',
      proposal: '/pages/proposals/detail/index',
    };
    expect(sourceUrl({ type: 'meeting', id: 'mt-1', title: '' }, pages)).toBe(
      '/pages/meetings/detail/index?id=mt-1',
    );
    expect(sourceUrl({ type: 'proposal', id: 'p 1&x', title: '' }, pages)).toBe(
      '/pages/proposals/detail/index?id=p%201%26x',
    );
    expect(sourceUrl({ type: 'manual', id: 'aw-1', title: '' }, pages)).toBeNull();
    expect(sourceUrl({ type: 'meeting', id: '', title: '' }, pages)).toBeNull();
  });
});

describe('award form', () => {
  const filled = {
    ...emptyAwardForm(),
    points: '2.5',
    category: 'other',
    title: ' 大会发言 ',
    reason: ' 在全体会议上发言 ',
  };
  const check = (form: typeof filled) => checkAward(form, 'm-1', 2026);

  it('gives the input to send, signed and trimmed', () => {
    expect(check(filled)).toEqual({
      ok: true,
      input: {
        memberId: 'm-1',
        year: 2026,
        points: 2.5,
        category: 'other',
        title: '大会发言',
        reason: '在全体会议上发言',
      },
    });
    expect(check({ ...filled, sign: -1, points: '10' })).toMatchObject({
      ok: true,
      input: { points: -10 },
    });
  });

  it('names every field to fix', () => {
    const result = check(emptyAwardForm());
    expect(result.ok).toBe(false);
    expect(Object.keys(!result.ok ? result.errors : {}).sort()).toEqual([
      'category',
      'points',
      'reason',
      'title',
    ]);
  });

  // The form refuses exactly what the server's schema refuses, with its message.
  it.each(['0', '0.0', '1001', '2.55', '-3', 'abc'])(
    'refuses %s points as the server does',
    (points) => {
      const result = check({ ...filled, points });
      const server = ledger.awardPoints.input.safeParse({
        memberId: 'm-1',
        year: 2026,
        points: /^\d+(\.\d+)?$/.test(points) ? Number(points) : points,
        category: 'other',
        title: '大会发言',
        reason: '在全体会议上发言',
      });
      expect(server.success).toBe(false);
      expect(result.ok).toBe(false);
      if (!result.ok && !server.success)
        expect(result.errors.points).toBe(server.error.issues[0]!.message);
    },
  );

  it('refuses a title or reason of the wrong length', () => {
    expect(check({ ...filled, title: '一' })).toMatchObject({ ok: false });
    expect(check({ ...filled, title: '一'.repeat(41) })).toMatchObject({ ok: false });
    expect(check({ ...filled, reason: '一'.repeat(201) })).toMatchObject({ ok: false });
  });

  it('accepts a reversal reason the server accepts', () => {
    expect(reverseProblem('e-1', '有误')).toBeNull();
    expect(reverseProblem('e-1', '误')).toEqual(expect.any(String));
    expect(reverseProblem('e-1', '')).toEqual(expect.any(String));
    expect(reverseProblem('e-1', '一'.repeat(201))).toEqual(expect.any(String));
  });
});
