import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { paging } from './common';
import type { Page } from './envelope';
import { OPINION_LIMITS } from './opinions';
import { READING_LIMITS } from './reading';
import { PROPOSAL_CATEGORIES, PROPOSAL_LIMITS, REPLY_CLASSES } from './proposals';
import { SPEECH_LIMITS } from './speeches';

/**
 * The committee's settings: local practice that differs from one committee to the next
 * (DOMAIN.md), kept as versioned data an admin edits. A change applies to what is submitted
 * after it; a proposal or report records the version it was submitted under.
 */

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}须为整数` })
    .int(`${label}须为整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);

const instant = z.iso.datetime({ offset: true, error: '时间格式不正确' });

/** What an admin types into the settings form. */
export const SETTINGS_LIMITS = {
  replyLabel: 20,
  category: 12,
  note: 200,
  word: 20,
  words: 500,
} as const;

const replyClass = z.strictObject({
  code: z.enum(REPLY_CLASSES, '答复类别代码须为 A、B、C 或 D'),
  label: z
    .string()
    .trim()
    .min(2, '类别说明至少 2 个字')
    .max(SETTINGS_LIMITS.replyLabel, `类别说明不能超过 ${SETTINGS_LIMITS.replyLabel} 个字`),
});

const plenaryWindow = z
  .strictObject({
    year: int('年度', 2000, 2100),
    opensAt: instant,
    closesAt: instant,
  })
  .refine((w) => Date.parse(w.opensAt) < Date.parse(w.closesAt), {
    path: ['closesAt'],
    message: '征集截止时间须晚于开始时间',
  });

const words = (label: string) =>
  z
    .array(
      z
        .string({ error: `${label}须为文字` })
        .trim()
        .min(1, `${label}不能为空`)
        .max(SETTINGS_LIMITS.word, `每个${label}不能超过 ${SETTINGS_LIMITS.word} 个字`),
      { error: `${label}须为列表` },
    )
    .max(SETTINGS_LIMITS.words, `${label}最多 ${SETTINGS_LIMITS.words} 个`);

/**
 * How every list of people is ordered (the roster, member pickers, invitees, the assessment,
 * exports): by the pinyin of the name, or by surname stroke count (按姓氏笔画, as CPPCC lists are
 * printed).
 */
export const PEOPLE_ORDERS = ['pinyin', 'strokes'] as const;
export type PeopleOrder = (typeof PEOPLE_ORDERS)[number];

export const PEOPLE_ORDER_LABELS: Record<PeopleOrder, string> = {
  pinyin: '按姓名拼音排序',
  strokes: '按姓氏笔画排序',
};

/**
 * Notices that may also go out as an SMS (腾讯云短信, where the deployment has it set up): a
 * meeting notice and its changes (变更、取消、名单调整), a leave decision, a proposal assigned to a
 * handling unit (交办).
 */
export const SMS_NOTICES = ['meetingNotice', 'leaveDecision', 'unitAssigned'] as const;
export type SmsNotice = (typeof SMS_NOTICES)[number];

export const SMS_NOTICE_LABELS: Record<SmsNotice, string> = {
  meetingNotice: '会议通知及变更',
  leaveDecision: '请假审批结果',
  unitAssigned: '提案交办（承办单位）',
};

/**
 * When a notice also goes by SMS: never, always, or only to someone with no WeChat one-time
 * subscription left for it (the WeChat message could not go out).
 */
export const SMS_MODES = ['off', 'always', 'whenNoSubscription'] as const;
export type SmsMode = (typeof SMS_MODES)[number];

export const SMS_MODE_LABELS: Record<SmsMode, string> = {
  off: '不发',
  always: '都发',
  whenNoSubscription: '无订阅时发',
};

const smsMode = z.enum(SMS_MODES, '请选择短信发送方式').default('off');

const unique = <T>(items: T[], key: (t: T) => string) =>
  new Set(items.map(key)).size === items.length;

export const settingsBody = z.strictObject({
  proposals: z
    .strictObject({
      coSignDays: int('联名确认天数', 1, 30),
      objectionDays: int('异议期天数', 1, 30),
      handlingMonths: int('办理期限（月）', 1, 6),
      maxHandlingMonths: int('最长办理期限（月）', 1, 6),
      rehandlingMonths: int('重新办理期限（月）', 1, 6),
      replyClasses: z
        .array(replyClass)
        .min(2, '至少设置 2 个答复类别')
        .max(REPLY_CLASSES.length, `答复类别最多 ${REPLY_CLASSES.length} 个`)
        .refine((a) => unique(a, (c) => c.code), '答复类别代码不能重复'),
      categories: z
        .array(
          z
            .string()
            .trim()
            .min(2, '类别至少 2 个字')
            .max(SETTINGS_LIMITS.category, `类别不能超过 ${SETTINGS_LIMITS.category} 个字`),
        )
        .min(1, '至少设置 1 个提案类别')
        .max(30, '提案类别最多 30 个')
        .refine((a) => unique(a, (c) => c), '提案类别不能重复'),
      titleMin: int('标题最少字数', 1, 30),
      titleMax: int('标题最多字数', 10, PROPOSAL_LIMITS.title),
      causeMin: int('案由最少字数', 0, 500),
      suggestionMin: int('建议最少字数', 0, 500),
      bodyMax: int('正文最多字数', 500, PROPOSAL_LIMITS.body),
      /** The longest reply a handling unit writes online (答复内容). */
      replyMax: int('答复最多字数', 500, PROPOSAL_LIMITS.reply).default(3000),
      /** How many days before the handling deadline the units are reminded. */
      deadlineReminderDays: int('到期提醒提前天数', 1, 30).default(7),
      plenaryWindows: z
        .array(plenaryWindow)
        .max(10, '最多保留 10 个年度的征集时间')
        .refine((a) => unique(a, (w) => String(w.year)), '同一年度只能设置一个征集时间'),
    })
    .refine((p) => p.handlingMonths <= p.maxHandlingMonths, {
      path: ['maxHandlingMonths'],
      message: '最长办理期限不能短于办理期限',
    })
    .refine((p) => p.titleMin <= p.titleMax, {
      path: ['titleMin'],
      message: '标题最少字数不能大于最多字数',
    })
    .refine((p) => p.causeMin + p.suggestionMin <= p.bodyMax, {
      path: ['bodyMax'],
      message: '正文最多字数不能小于案由和建议最少字数之和',
    }),
  opinions: z
    .strictObject({
      titleMin: int('标题最少字数', 1, 30),
      titleMax: int('标题最多字数', 10, OPINION_LIMITS.title),
      bodyMin: int('正文最少字数', 0, 500),
      bodyMax: int('正文最多字数', 300, OPINION_LIMITS.body),
    })
    .refine((o) => o.titleMin <= o.titleMax, {
      path: ['titleMin'],
      message: '标题最少字数不能大于最多字数',
    })
    .refine((o) => o.bodyMin <= o.bodyMax, {
      path: ['bodyMin'],
      message: '正文最少字数不能大于最多字数',
    }),
  meetings: z.strictObject({
    checkInBeforeMinutes: int('开始前可签到（分钟）', 0, 240),
    checkInAfterMinutes: int('开始后可签到（分钟）', 0, 240),
  }),
  posts: z.strictObject({
    /** afterCheck: shown once the automatic content check passes; afterReview: only after staff review (先审后发). */
    publishing: z.enum(['afterCheck', 'afterReview'], '请选择发布方式'),
    /** A reading note's working length limit (the contract's READING_LIMITS.body is the ceiling). */
    noteMax: int('读书心得最多字数', 200, READING_LIMITS.body).default(2000),
    /** This many members' reports take a post down until staff look at it. */
    reportsToHide: int('举报多少次后暂时隐藏', 1, 50).default(3),
    /** The committee's own words: refused outright, or sent to staff review, in every runtime. */
    blockedWords: words('禁用词').default([]),
    reviewWords: words('需审核的词').default([]),
  }),
  /** Which notices also go by SMS, and when (off for all until an admin turns one on). */
  sms: z
    .strictObject({
      meetingNotice: smsMode,
      leaveDecision: smsMode,
      unitAssigned: smsMode,
    })
    .default({ meetingNotice: 'off', leaveDecision: 'off', unitAssigned: 'off' }),
  members: z
    .strictObject({
      order: z.enum(PEOPLE_ORDERS, '请选择名单排序方式').default('pinyin'),
    })
    .default({ order: 'pinyin' }),
  /** 大会发言: the working limits of a speech text (SPEECH_LIMITS are the ceilings). */
  speeches: z
    .strictObject({
      titleMin: int('发言标题最少字数', 1, 30).default(5),
      bodyMin: int('发言正文最少字数', 0, 2000).default(300),
      bodyMax: int('发言正文最多字数', 500, SPEECH_LIMITS.body).default(3000),
    })
    .refine((o) => o.bodyMin <= o.bodyMax, {
      path: ['bodyMin'],
      message: '发言正文最少字数不能大于最多字数',
    })
    .default({ titleMin: 5, bodyMin: 300, bodyMax: 3000 }),
});

export type SettingsBody = z.output<typeof settingsBody>;
export type PostPublishing = SettingsBody['posts']['publishing'];

export const POST_PUBLISHING_LABELS: Record<PostPublishing, string> = {
  afterCheck: '自动检测通过后发布',
  afterReview: '工作人员审核后发布（先审后发）',
};

/** Built-in defaults (DOMAIN.md), in force until an admin publishes the first version. */
export const DEFAULT_SETTINGS: SettingsBody = {
  proposals: {
    coSignDays: 7,
    objectionDays: 7,
    handlingMonths: 3,
    maxHandlingMonths: 6,
    rehandlingMonths: 1,
    replyClasses: [
      { code: 'A', label: '已解决或采纳' },
      { code: 'B', label: '正在解决或列入计划' },
      { code: 'C', label: '因条件限制留作参考' },
    ],
    categories: [...PROPOSAL_CATEGORIES],
    titleMin: 5,
    titleMax: PROPOSAL_LIMITS.title,
    causeMin: 20,
    suggestionMin: 20,
    bodyMax: PROPOSAL_LIMITS.body,
    replyMax: 3000,
    deadlineReminderDays: 7,
    plenaryWindows: [],
  },
  opinions: {
    titleMin: 5,
    titleMax: OPINION_LIMITS.title,
    bodyMin: 50,
    bodyMax: OPINION_LIMITS.body,
  },
  meetings: { checkInBeforeMinutes: 60, checkInAfterMinutes: 30 },
  posts: {
    publishing: 'afterCheck',
    noteMax: 2000,
    reportsToHide: 3,
    blockedWords: [],
    reviewWords: [],
  },
  sms: { meetingNotice: 'off', leaveDecision: 'off', unitAssigned: 'off' },
  members: { order: 'pinyin' },
  speeches: { titleMin: 5, bodyMin: 300, bodyMax: 3000 },
};

/** A month of handling time counts this many days (3 months → 92 days, 6 → 183, 1 → 31). */
export const DAYS_PER_MONTH = 30.5;

/** Months of handling time (the settings' unit) as the days a deadline is counted in. */
export function monthsToDays(months: number): number {
  return Math.round(months * DAYS_PER_MONTH);
}

export interface SettingsView extends SettingsBody {
  /** 0 = the built-in defaults: nothing published yet. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  note: string | null;
}

export interface SettingsVersionSummary {
  version: number;
  updatedAt: string;
  updatedBy: string;
  note: string | null;
  /** Top-level sections that differ from the previous version. */
  changed: Array<keyof SettingsBody>;
}

export const settings = lazyContracts(() => ({
  /** The settings in force: what forms and pages need (any member). */
  get: { input: z.strictObject({}), output: returns<SettingsView>() },
  /** Earlier versions, newest first (admins). */
  getHistory: {
    input: z.strictObject({ ...paging }),
    output: returns<Page<SettingsVersionSummary>>(),
  },
  /** Publishes a new version; `version` is the one the admin edited (0 for the defaults). */
  update: {
    input: z.strictObject({
      version: z.number().int().min(0),
      settings: settingsBody,
      note: z
        .string()
        .trim()
        .max(SETTINGS_LIMITS.note, `说明不能超过 ${SETTINGS_LIMITS.note} 个字`)
        .optional(),
    }),
    output: returns<SettingsView>(),
  },
}));
