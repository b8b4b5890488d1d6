import * as z from 'zod';
import { returns } from './contract';
import { id, paging } from './common';
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
  'studio.consultation.hosted',
  'studio.consultation.attended',
  'manual.award',
] as const;
export type DutyEventType = (typeof DUTY_EVENT_TYPES)[number];

export const SOURCE_TYPES = [
  'meeting',
  'proposal',
  'opinion',
  'readingNote',
  'consultation',
  'manual',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** How a rule's points are shared among the authors of a joint work. */
export const SPLITS = ['each', 'leadHalf', 'equal'] as const;
export type Split = (typeof SPLITS)[number];

/** Points are whole or tenths (0.5 happens in real tables); stored as integer tenths. */
const points = z
  .number()
  .min(-1000)
  .max(1000)
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, '分值最多保留一位小数');

const code = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,39}$/, '编码只能包含字母、数字、点、下划线和短横线');

export const pointCategorySchema = z.strictObject({
  id: code,
  label: z.string().trim().min(1).max(20),
  /** Yearly cap on the category's points; omitted: no cap. */
  cap: points.positive().optional(),
});

export const pointRuleSchema = z.strictObject({
  event: z.enum(DUTY_EVENT_TYPES),
  label: z.string().trim().min(1).max(40),
  category: code,
  points,
  /** Rules sharing a group count only the highest for the same source (e.g. one proposal). */
  group: code.optional(),
  split: z.enum(SPLITS).default('each'),
});

export const gradeBandSchema = z.strictObject({
  label: z.string().trim().min(1).max(10),
  /** The band holds totals at or above this (the lowest band: omit). */
  min: points.optional(),
});

export const policyBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(60),
    baseScore: points,
    categories: z.array(pointCategorySchema).min(1).max(30),
    rules: z.array(pointRuleSchema).max(DUTY_EVENT_TYPES.length),
    grades: z.array(gradeBandSchema).min(1).max(10),
    /** The total below which a member has not passed (e.g. 60). */
    passLine: points,
    /** Whether members see their rank among all members. */
    showRank: z.boolean().default(false),
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
  repaired: boolean;
}

const year = z.number().int().min(2000).max(2100);
const reason = z.string().trim().min(2).max(200);

export const ledger = {
  getMyRecord: {
    input: z.strictObject({ year: year.optional() }),
    output: returns<MemberYearRecord>(),
  },
  listMyEntries: {
    input: z.strictObject({ year: year.optional(), category: code.optional(), ...paging }),
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
  applyRecompute: {
    input: z.strictObject({
      year,
      after: id.optional(),
      limit: z.number().int().min(1).max(200).default(100),
    }),
    output: returns<{ processed: number; adjusted: number; next: string | null }>(),
  },
  getAssessment: {
    input: z.strictObject({
      year,
      sector: z.string().trim().max(30).optional(),
      specialCommittee: z.string().trim().max(30).optional(),
      belowPassOnly: z.boolean().default(false),
      ...paging,
    }),
    output: returns<Assessment>(),
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
      points: points.refine((n) => n !== 0, '分值不能为 0'),
      category: code,
      title: z.string().trim().min(2).max(40),
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
};
