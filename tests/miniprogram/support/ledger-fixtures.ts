import type {
  Assessment,
  AssessmentRow,
  CategoryScore,
  LedgerEntryView,
  MemberYearRecord,
  Page,
  PolicyView,
  YearStatus,
} from '../../../typings/contracts';

/** The categories of the built-in policy, with points a member might have mid-year. */
export function someCategories(): CategoryScore[] {
  return [
    { id: 'meetings', label: '会议出勤', points: 25, cap: null },
    { id: 'activities', label: '视察调研等活动', points: 8, cap: 10 },
    { id: 'proposals', label: '提案工作', points: 30, cap: 30 },
    { id: 'opinions', label: '社情民意', points: 5.5, cap: 20 },
    { id: 'other', label: '其他履职', points: -3, cap: null },
  ];
}

export function aRecord(overrides: Partial<MemberYearRecord> = {}): MemberYearRecord {
  return {
    year: 2025,
    memberId: 'm-001',
    memberName: '王建华',
    sector: '经济界',
    specialCommittee: '提案委',
    policyVersion: 2,
    baseScore: 20,
    total: 85.5,
    grade: '良好',
    passed: true,
    closed: true,
    closedAt: '2026-01-08T02:00:00.000Z',
    categories: someCategories(),
    rank: null,
    memberCount: 40,
    ...overrides,
  };
}

export function anEntry(n: number, overrides: Partial<LedgerEntryView> = {}): LedgerEntryView {
  return {
    id: `e-${String(n).padStart(3, '0')}`,
    // Newest first; 16:30 UTC is already the next day in Beijing.
    at: `2025-03-${String(Math.max(1, 28 - (n % 28))).padStart(2, '0')}T16:30:00.000Z`,
    kind: 'event',
    event: 'plenary.attended',
    category: 'meetings',
    categoryLabel: '会议出勤',
    points: 5,
    reason: `出席全体会议（每半天）${n}`,
    source: { type: 'meeting', id: `mt-${n}`, title: `七届三次会议第 ${n} 场` },
    policyVersion: 2,
    actorName: null,
    ...overrides,
  };
}

/** Page `page` of `total` entries, `pageSize` per page. */
export function entriesPage(
  page: number,
  total: number,
  pageSize = 20,
  make: (n: number) => LedgerEntryView = (n) => anEntry(n),
): Page<LedgerEntryView> {
  const items: LedgerEntryView[] = [];
  for (let n = (page - 1) * pageSize + 1; n <= Math.min(total, page * pageSize); n += 1)
    items.push(make(n));
  return { items, total, page, pageSize };
}

export function aPolicy(overrides: Partial<PolicyView> = {}): PolicyView {
  return {
    year: 2025,
    version: 2,
    status: 'published',
    publishedAt: '2025-01-10T02:00:00.000Z',
    publishedBy: '管理员',
    title: '2025 年度委员履职量化考核办法',
    baseScore: 20,
    categories: [
      { id: 'meetings', label: '会议出勤' },
      { id: 'activities', label: '视察调研等活动', cap: 10 },
      { id: 'proposals', label: '提案工作', cap: 30 },
      { id: 'opinions', label: '社情民意', cap: 20 },
      { id: 'other', label: '其他履职' },
    ],
    rules: [
      {
        event: 'plenary.attended',
        label: '出席全体会议（每半天）',
        category: 'meetings',
        points: 5,
        split: 'each',
      },
      {
        event: 'plenary.absent',
        label: '全体会议无故缺席（每半天）',
        category: 'meetings',
        points: -10,
        split: 'each',
      },
      {
        event: 'activity.attended',
        label: '参加视察、调研、培训等活动',
        category: 'activities',
        points: 2,
        split: 'each',
      },
      {
        event: 'proposal.accepted.lead',
        label: '提案立案（领衔）',
        category: 'proposals',
        points: 10,
        group: 'proposal.merit',
        split: 'each',
      },
      {
        event: 'opinion.submitted',
        label: '报送社情民意信息',
        category: 'opinions',
        points: 2,
        split: 'leadHalf',
      },
    ],
    grades: [
      { label: '优秀', min: 90 },
      { label: '良好', min: 80 },
      { label: '称职', min: 60 },
      { label: '不称职' },
    ],
    passLine: 60,
    showRank: false,
    ...overrides,
  };
}

const SECTORS = ['经济界', '教育界', '医药卫生界'];
const COMMITTEES = ['提案委', '经济委', null];

export function anAssessmentRow(n: number, overrides: Partial<AssessmentRow> = {}): AssessmentRow {
  const total = 100 - n;
  return {
    memberId: `m-${String(n).padStart(3, '0')}`,
    name: `委员${n}`,
    sector: SECTORS[n % SECTORS.length] ?? null,
    specialCommittee: COMMITTEES[n % COMMITTEES.length] ?? null,
    total,
    grade: total >= 90 ? '优秀' : total >= 80 ? '良好' : total >= 60 ? '称职' : '不称职',
    passed: total >= 60,
    rank: n,
    byCategory: { meetings: 40, activities: 10, proposals: total - 70, opinions: 0, other: 0 },
    ...overrides,
  };
}

/** The assessment's page `page` of `total` rows (rank n for row n). */
export function anAssessment(
  page: number,
  total: number,
  overrides: Partial<Assessment> = {},
  pageSize = 20,
): Assessment {
  const items: AssessmentRow[] = [];
  for (let n = (page - 1) * pageSize + 1; n <= Math.min(total, page * pageSize); n += 1)
    items.push(anAssessmentRow(n));
  return {
    year: 2025,
    policyVersion: 2,
    categories: [
      { id: 'meetings', label: '会议出勤', cap: null },
      { id: 'activities', label: '视察调研等活动', cap: 10 },
      { id: 'proposals', label: '提案工作', cap: 30 },
      { id: 'opinions', label: '社情民意', cap: 20 },
      { id: 'other', label: '其他履职', cap: null },
    ],
    passLine: 60,
    summary: {
      members: total,
      passed: Math.min(total, 40),
      belowPass: Math.max(0, total - 40),
      average: 76.3,
      byGrade: { 优秀: 10, 良好: 10, 称职: 20, 不称职: Math.max(0, total - 40) },
    },
    rows: { items, total, page, pageSize },
    ...overrides,
  };
}

/** A year still open: the total so far, no grade. */
export function anOpenRecord(overrides: Partial<MemberYearRecord> = {}): MemberYearRecord {
  return aRecord({ grade: null, closed: false, closedAt: null, ...overrides });
}

/** The year's closing state as staff see it (closed by default, as the other fixtures). */
export function aYearStatus(overrides: Partial<YearStatus> = {}): YearStatus {
  const closed = overrides.closed ?? true;
  return {
    year: 2025,
    closed,
    closedAt: closed ? '2026-01-08T02:00:00.000Z' : null,
    closedBy: closed ? '办公室小周' : null,
    reopenedAt: null,
    reopenedBy: null,
    reopenReason: null,
    can: { close: !closed, reopen: false },
    ...overrides,
  };
}

export function aMemberRecord(
  entries: LedgerEntryView[] = [
    anEntry(1),
    anEntry(2, {
      kind: 'reversal',
      points: -5,
      reason: '签到有误，已撤销',
      actorName: '办公室张敏',
    }),
    anEntry(3, {
      kind: 'adjustment',
      event: 'proposal.accepted.lead',
      category: 'proposals',
      categoryLabel: '提案工作',
      points: 2,
      reason: '考核办法调整',
      source: { type: 'proposal', id: 'p-9', title: '关于加强社区养老服务的建议' },
    }),
  ],
  overrides: Partial<MemberYearRecord> = {},
): MemberYearRecord & { entries: LedgerEntryView[] } {
  return { ...aRecord({ rank: 3, ...overrides }), entries };
}
