import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { id, paging, text, type ChartImage, type JobView } from './common';
import type { Page } from './envelope';

/**
 * Every duty event the ledger knows. Other modules post them (meetings, proposals, opinions,
 * reading, studios); staff post the manual ones. The yearly policy gives each its points.
 */
export const DUTY_EVENT_TYPES = [
  'plenary.attended',
  'plenary.excused',
  'plenary.absent',
  'standing.attended',
  'standing.excused',
  'standing.absent',
  'meeting.lateOrLeftEarly',
  'activity.attended',
  'activity.absent',
  'proposal.submitted',
  'proposal.accepted.lead',
  'proposal.accepted.coSigner',
  'proposal.key.lead',
  'proposal.key.coSigner',
  'proposal.outstanding.lead',
  'proposal.outstanding.coSigner',
  'opinion.submitted',
  'opinion.adopted.committee',
  'opinion.adopted.city',
  'opinion.adopted.province',
  'opinion.adopted.national',
  'opinion.instruction.district',
  'opinion.instruction.city',
  'opinion.instruction.province',
  'opinion.instruction.national',
  'reading.note',
  'reading.guide',
  'reading.checkInStreak',
  'reading.activity.attended',
  'studio.consultation.hosted',
  'studio.consultation.attended',
  'studio.outcome.adopted',
  'speech.delivered',
  'speech.printed',
  'manual.award',
] as const;
export type DutyEventType = (typeof DUTY_EVENT_TYPES)[number];

export const SOURCE_TYPES = [
  'meeting',
  'proposal',
  'opinion',
  'readingNote',
  'readingGroup',
  'consultation',
  'speech',
  'manual',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** How a rule's points are shared among the authors of a joint work. */
export const SPLITS = ['each', 'leadHalf', 'equal'] as const;
export type Split = (typeof SPLITS)[number];

/** What the policy editor lets an admin type (its fields' maxlength and the schema's limits). */
export const POLICY_LIMITS = {
  title: 60,
  /** A scoring rule's name (事项名称). */
  label: 40,
  categoryLabel: 20,
  gradeLabel: 10,
  /** A category's or a group's code (字母开头). */
  code: 40,
  /** Any score, cap or line: from -points to +points. */
  points: 1000,
  categories: 30,
  grades: 10,
} as const;

/** What staff type when they award, deduct or reverse points, or reopen a year. */
export const LEDGER_LIMITS = {
  awardTitleMin: 2,
  awardTitle: 40,
  reasonMin: 2,
  reason: 200,
  /** A term (届) spans five years: a term's 履职档案 covers at most so many. */
  termYears: 5,
} as const;

/**
 * Points are whole or tenths (0.5 happens in real tables); stored as integer tenths. `label` is
 * the field's name in the form (分值, 基础分…).
 */
const points = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .min(-POLICY_LIMITS.points, `${label}不能小于 -${POLICY_LIMITS.points}`)
    .max(POLICY_LIMITS.points, `${label}不能大于 ${POLICY_LIMITS.points}`)
    .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, `${label}最多保留一位小数`);

const CODE = new RegExp(`^[a-zA-Z][a-zA-Z0-9_.-]{0,${POLICY_LIMITS.code - 1}}$`);
const code = (message: string) => z.string({ error: message }).trim().regex(CODE, message);
const CODE_FORMAT = `只能包含字母、数字、点、下划线和短横线，以字母开头，不超过 ${POLICY_LIMITS.code} 个字符`;
const categoryCode = code(`类别编码${CODE_FORMAT}`);

export const pointCategorySchema = z.strictObject({
  id: categoryCode,
  label: text('类别名称', POLICY_LIMITS.categoryLabel, 1),
  /** Yearly cap on the category's points; omitted: no cap. */
  cap: points('年度上限').positive('年度上限须大于 0').optional(),
});

export const pointRuleSchema = z.strictObject({
  event: z.enum(DUTY_EVENT_TYPES, '计分事件不正确'),
  label: text('事项名称', POLICY_LIMITS.label, 1),
  category: code('请选择所属类别'),
  points: points('分值'),
  /** Rules sharing a group count only the highest for the same source (e.g. one proposal). */
  group: code(`组名${CODE_FORMAT}`).optional(),
  split: z.enum(SPLITS, '请选择联名作品的分配方式').default('each'),
});

export const gradeBandSchema = z.strictObject({
  label: text('档次名称', POLICY_LIMITS.gradeLabel, 1),
  /** The band holds totals at or above this (the lowest band: omit). */
  min: points('分数线').optional(),
});

export const policyBodySchema = z
  .strictObject({
    title: text('标题', POLICY_LIMITS.title, 1),
    baseScore: points('基础分'),
    categories: z
      .array(pointCategorySchema, { error: '请设置类别' })
      .min(1, '至少设置 1 个类别')
      .max(POLICY_LIMITS.categories, `类别最多 ${POLICY_LIMITS.categories} 个`),
    rules: z
      .array(pointRuleSchema, { error: '请设置计分事项' })
      .max(DUTY_EVENT_TYPES.length, `计分事项最多 ${DUTY_EVENT_TYPES.length} 项`),
    grades: z
      .array(gradeBandSchema, { error: '请设置考核档次' })
      .min(1, '至少设置 1 个考核档次')
      .max(POLICY_LIMITS.grades, `考核档次最多 ${POLICY_LIMITS.grades} 个`),
    /** The total below which a member has not passed (e.g. 60). */
    passLine: points('合格线'),
    /** Whether members see their rank among all members. */
    showRank: z.boolean({ error: '请选择是否显示排名' }).default(false),
  })
  .superRefine((p, ctx) => {
    const cats = new Set(p.categories.map((c) => c.id));
    if (cats.size !== p.categories.length)
      ctx.addIssue({ code: 'custom', path: ['categories'], message: '类别编码重复' });
    const events = new Set<string>();
    p.rules.forEach((r, i) => {
      if (!cats.has(r.category))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'category'],
          message: `类别「${r.category}」不存在`,
        });
      if (events.has(r.event))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'event'],
          message: `事件「${r.event}」重复设置了规则`,
        });
      events.add(r.event);
    });
    if (p.grades.filter((g) => g.min === undefined).length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['grades'],
        message: '须有且只有一个最低档（不设分数线）',
      });
    }
  });

export type PolicyBody = z.output<typeof policyBodySchema>;
export type PointRule = PolicyBody['rules'][number];
export type PointCategory = PolicyBody['categories'][number];

export interface PolicyView extends PolicyBody {
  year: number;
  /** 0: the built-in default (nothing published for the year yet). */
  version: number;
  status: 'draft' | 'published' | 'default';
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface LedgerEntryView {
  id: string;
  at: string;
  kind: 'event' | 'reversal' | 'adjustment';
  event: DutyEventType;
  category: string;
  categoryLabel: string;
  points: number;
  reason: string;
  source: { type: SourceType; id: string; title: string };
  policyVersion: number;
  actorName: string | null;
}

export const ENTRY_KIND_LABELS: Record<LedgerEntryView['kind'], string> = {
  event: '记分',
  reversal: '撤销',
  adjustment: '调整',
};

/**
 * Whether the office has closed a year's assessment. A grade is a year-end judgement: until
 * the year is closed, records and the assessment show the points so far (截至目前), no grade.
 */
export interface YearStatus {
  year: number;
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  /** The last reopening (a correction by an admin), if any. */
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
  /** What the caller may do now: close (staff, from the year's December on), reopen (admin). */
  can: { close: boolean; reopen: boolean };
}

export interface CategoryScore {
  id: string;
  label: string;
  points: number;
  cap: number | null;
}

export interface MemberYearRecord {
  year: number;
  memberId: string;
  memberName: string;
  sector: string | null;
  specialCommittee: string | null;
  policyVersion: number;
  baseScore: number;
  /** Base score plus every entry. */
  total: number;
  /** The grade band; null until the year is closed (the total is then only 截至目前). */
  grade: string | null;
  /** At or above the pass line (so far, until the year is closed). */
  passed: boolean;
  /** The year's assessment is closed: `grade` is the year's verdict. */
  closed: boolean;
  closedAt: string | null;
  categories: CategoryScore[];
  /** 1 = best; null unless the policy shows ranks (staff always see it). */
  rank: number | null;
  memberCount: number;
}

export interface AssessmentRow {
  memberId: string;
  name: string;
  sector: string | null;
  specialCommittee: string | null;
  total: number;
  /** null until the year is closed. */
  grade: string | null;
  passed: boolean;
  /** 1 = highest total; equal totals share a rank. Rows come in rank order, ties by name. */
  rank: number;
  byCategory: Record<string, number>;
}

export interface Assessment {
  year: number;
  policyVersion: number;
  categories: Array<{ id: string; label: string; cap: number | null }>;
  passLine: number;
  summary: {
    members: number;
    passed: number;
    belowPass: number;
    average: number;
    byGrade: Record<string, number>;
  };
  rows: Page<AssessmentRow>;
}

export interface RecomputePreview {
  year: number;
  fromVersions: number[];
  toVersion: number;
  members: number;
  changed: Array<{ memberId: string; name: string; before: number; after: number; delta: number }>;
}

export interface RebuildReport {
  year: number;
  accounts: number;
  drifted: Array<{ memberId: string; recorded: number; fromEntries: number }>;
  /** Accounts posted to while the check ran: left as they are (run it again to check them). */
  moved: string[];
  repaired: boolean;
}

const year = z
  .number({ error: '年度须为整数' })
  .int('年度须为整数')
  .min(2000, '年度不能早于 2000 年')
  .max(2100, '年度不能晚于 2100 年');
const reason = text('原因', LEDGER_LIMITS.reason, LEDGER_LIMITS.reasonMin);
const filter = (label: string) => text(label, 30).optional();

export const ledger = lazyContracts(() => ({
  getMyRecord: {
    input: z.strictObject({ year: year.optional() }),
    output: returns<MemberYearRecord>(),
  },
  listMyEntries: {
    input: z.strictObject({ year: year.optional(), category: categoryCode.optional(), ...paging }),
    output: returns<Page<LedgerEntryView>>(),
  },
  getPolicy: {
    input: z.strictObject({ year: year.optional(), draft: z.boolean().default(false) }),
    output: returns<PolicyView>(),
  },
  saveDraftPolicy: {
    input: z.strictObject({ year, policy: policyBodySchema }),
    output: returns<PolicyView>(),
  },
  publishPolicy: {
    input: z.strictObject({ year }),
    output: returns<PolicyView>(),
  },
  previewRecompute: {
    input: z.strictObject({ year }),
    output: returns<RecomputePreview>(),
  },
  /** Starts applying the policy in force to every account, or moves it on: its progress. */
  applyRecompute: {
    input: z.strictObject({ year }),
    output: returns<JobView | null>(),
  },
  getAssessment: {
    input: z.strictObject({
      year,
      sector: filter('界别'),
      specialCommittee: filter('专委会'),
      belowPassOnly: z.boolean().default(false),
      ...paging,
    }),
    output: returns<Assessment>(),
  },
  /** The year's assessment as charts (SVG data URIs): by grade (score band until closed), by sector. */
  getAssessmentCharts: {
    input: z.strictObject({ year }),
    output: returns<{ charts: ChartImage[] }>(),
  },
  getMemberRecord: {
    input: z.strictObject({ year, memberId: id }),
    output: returns<MemberYearRecord & { entries: LedgerEntryView[] }>(),
  },
  exportAssessment: {
    input: z.strictObject({ year, format: z.enum(['xlsx', 'csv']).default('xlsx') }),
    output: returns<{ fileName: string; mimeType: string; contentBase64: string }>(),
  },
  awardPoints: {
    input: z.strictObject({
      memberId: id,
      year: year.optional(),
      points: points('分值').refine((n) => n !== 0, '分值不能为 0'),
      category: code('请选择积分类别'),
      title: text('事项名称', LEDGER_LIMITS.awardTitle, LEDGER_LIMITS.awardTitleMin),
      reason,
    }),
    output: returns<LedgerEntryView>(),
  },
  reverseEntry: {
    input: z.strictObject({ entryId: id, reason }),
    output: returns<{ reversed: boolean; total: number }>(),
  },
  rebuildTotals: {
    input: z.strictObject({ year, repair: z.boolean().default(false) }),
    output: returns<RebuildReport>(),
  },
  getYearStatus: {
    input: z.strictObject({ year }),
    output: returns<YearStatus>(),
  },
  closeYear: {
    input: z.strictObject({ year, confirm: z.literal(true, '请确认结束该年度考核') }),
    output: returns<YearStatus>(),
  },
  reopenYear: {
    input: z.strictObject({ year, reason }),
    output: returns<YearStatus>(),
  },
  /**
   * 履职档案 (docx): a member's record for one year, or for the years of a term (at most
   * `LEDGER_LIMITS.termYears`); exactly one of `year` and `term`.
   */
  exportMemberRecord: {
    input: z
      .strictObject({
        memberId: id,
        year: year.optional(),
        term: z
          .strictObject({ fromYear: year, toYear: year })
          .refine((t) => t.toYear >= t.fromYear, '届期的结束年度不能早于开始年度')
          .refine(
            (t) => t.toYear - t.fromYear < LEDGER_LIMITS.termYears,
            `一届最多 ${LEDGER_LIMITS.termYears} 个年度`,
          )
          .optional(),
      })
      .refine((v) => (v.year === undefined) !== (v.term === undefined), '请选择年度或届期'),
    output: returns<{ fileName: string; mimeType: string; contentBase64: string }>(),
  },
}));
