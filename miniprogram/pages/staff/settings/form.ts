import type {
  PostPublishing,
  SettingsBody,
  SettingsView,
} from '../../../../typings/contracts/settings';
import type { ReplyClass } from '../../../../typings/contracts/proposals';
import { OPINION_LIMITS, PROPOSAL_LIMITS } from '../../../utils/proposals';

/**
 * The settings editor's form and its checks: the same rules as the contract's `settingsBody`
 * (zod is not bundled into the mini-program; tests/miniprogram/pages/staff-settings.test.ts
 * holds the two to the same answers).
 */

type Section = 'proposals' | 'opinions' | 'meetings';

export interface NumberField {
  section: Section;
  key: string;
  label: string;
  unit: string;
  min: number;
  max: number;
}

/** Every number on the form, in the order shown, with the contract's bounds. */
export const NUMBER_FIELDS: NumberField[] = [
  { section: 'proposals', key: 'coSignDays', label: '联名确认期限', unit: '天', min: 1, max: 30 },
  { section: 'proposals', key: 'objectionDays', label: '交办异议期', unit: '天', min: 1, max: 30 },
  { section: 'proposals', key: 'handlingMonths', label: '办理期限', unit: '个月', min: 1, max: 6 },
  {
    section: 'proposals',
    key: 'maxHandlingMonths',
    label: '最长办理期限',
    unit: '个月',
    min: 1,
    max: 6,
  },
  {
    section: 'proposals',
    key: 'rehandlingMonths',
    label: '重新办理期限',
    unit: '个月',
    min: 1,
    max: 6,
  },
  { section: 'proposals', key: 'titleMin', label: '标题最少', unit: '字', min: 1, max: 30 },
  {
    section: 'proposals',
    key: 'titleMax',
    label: '标题最多',
    unit: '字',
    min: 10,
    max: PROPOSAL_LIMITS.title,
  },
  { section: 'proposals', key: 'causeMin', label: '案由最少', unit: '字', min: 0, max: 500 },
  { section: 'proposals', key: 'suggestionMin', label: '建议最少', unit: '字', min: 0, max: 500 },
  {
    section: 'proposals',
    key: 'bodyMax',
    label: '案由和建议合计最多',
    unit: '字',
    min: 500,
    max: PROPOSAL_LIMITS.body,
  },
  { section: 'opinions', key: 'titleMin', label: '标题最少', unit: '字', min: 1, max: 30 },
  {
    section: 'opinions',
    key: 'titleMax',
    label: '标题最多',
    unit: '字',
    min: 10,
    max: OPINION_LIMITS.title,
  },
  { section: 'opinions', key: 'bodyMin', label: '正文最少', unit: '字', min: 0, max: 500 },
  {
    section: 'opinions',
    key: 'bodyMax',
    label: '正文最多',
    unit: '字',
    min: 300,
    max: OPINION_LIMITS.body,
  },
  {
    section: 'meetings',
    key: 'checkInBeforeMinutes',
    label: '开始前可签到',
    unit: '分钟',
    min: 0,
    max: 240,
  },
  {
    section: 'meetings',
    key: 'checkInAfterMinutes',
    label: '开始后可签到',
    unit: '分钟',
    min: 0,
    max: 240,
  },
];

export const REPLY_CODES: ReplyClass[] = ['A', 'B', 'C', 'D'];
export const PUBLISHING_OPTIONS: Array<{ value: PostPublishing; label: string }> = [
  { value: 'afterCheck', label: '自动检测通过后发布' },
  { value: 'afterReview', label: '工作人员审核后发布（先审后发）' },
];

export interface WindowRow {
  year: string;
  /** YYYY-MM-DD, Beijing dates: open from 00:00 of the first to 23:59 of the last. */
  opens: string;
  closes: string;
}

export interface SettingsForm {
  /** `<section>.<key>` → the text typed. */
  numbers: Record<string, string>;
  /** One label per code; an empty D means the committee uses A–C. */
  replyLabels: Record<ReplyClass, string>;
  /** One row per category; empty rows are left out. */
  categories: string[];
  windows: WindowRow[];
  publishing: PostPublishing;
}

export type FormErrors = Record<string, string>;

const fieldId = (f: NumberField) => `${f.section}.${f.key}`;
const BEIJING = '+08:00';

function numberOf(body: SettingsBody, f: NumberField): number {
  return (body[f.section] as unknown as Record<string, number>)[f.key]!;
}

export function formFromSettings(s: SettingsView | SettingsBody): SettingsForm {
  const labels = { A: '', B: '', C: '', D: '' } as Record<ReplyClass, string>;
  for (const c of s.proposals.replyClasses) labels[c.code] = c.label;
  return {
    numbers: Object.fromEntries(NUMBER_FIELDS.map((f) => [fieldId(f), String(numberOf(s, f))])),
    replyLabels: labels,
    categories: [...s.proposals.categories],
    windows: s.proposals.plenaryWindows.map((w) => ({
      year: String(w.year),
      opens: beijingDate(w.opensAt),
      closes: beijingDate(w.closesAt),
    })),
    publishing: s.posts.publishing,
  };
}

function beijingDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

function parseInt10(text: string): number | null {
  return /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** Checks the form; answers the settings to send, or the errors by field. */
export function checkForm(form: SettingsForm): { body: SettingsBody | null; errors: FormErrors } {
  const errors: FormErrors = {};
  const n: Record<string, number> = {};
  for (const f of NUMBER_FIELDS) {
    const value = parseInt10(form.numbers[fieldId(f)] ?? '');
    if (value === null) errors[fieldId(f)] = `${f.label}须为整数`;
    else if (value < f.min || value > f.max)
      errors[fieldId(f)] = `${f.label}须在 ${f.min} 至 ${f.max} ${f.unit}之间`;
    else n[fieldId(f)] = value;
  }
  const cross = (ok: boolean, id: string, message: string) => {
    if (!errors[id] && !ok) errors[id] = message;
  };
  const v = (id: string) => n[id] ?? 0;
  cross(
    v('proposals.handlingMonths') <= v('proposals.maxHandlingMonths'),
    'proposals.maxHandlingMonths',
    '最长办理期限不能短于办理期限',
  );
  cross(
    v('proposals.titleMin') <= v('proposals.titleMax'),
    'proposals.titleMin',
    '标题最少字数不能大于最多字数',
  );
  cross(
    v('proposals.causeMin') + v('proposals.suggestionMin') <= v('proposals.bodyMax'),
    'proposals.bodyMax',
    '正文最多字数不能小于案由和建议最少字数之和',
  );
  cross(
    v('opinions.titleMin') <= v('opinions.titleMax'),
    'opinions.titleMin',
    '标题最少字数不能大于最多字数',
  );
  cross(
    v('opinions.bodyMin') <= v('opinions.bodyMax'),
    'opinions.bodyMin',
    '正文最少字数不能大于最多字数',
  );

  const replyClasses = REPLY_CODES.filter((c) => form.replyLabels[c].trim() !== '').map((code) => ({
    code,
    label: form.replyLabels[code].trim(),
  }));
  if (replyClasses.length < 2) errors.replyClasses = '至少设置 2 个答复类别';
  else if (replyClasses.some((c) => c.label.length < 2 || c.label.length > 20))
    errors.replyClasses = '类别说明须为 2 至 20 个字';

  const categories = form.categories.map((c) => c.trim()).filter(Boolean);
  if (categories.length < 1) errors.categories = '至少设置 1 个提案类别';
  else if (categories.length > 30) errors.categories = '提案类别最多 30 个';
  else if (categories.some((c) => c.length < 2 || c.length > 12))
    errors.categories = '每个类别须为 2 至 12 个字';
  else if (new Set(categories).size !== categories.length) errors.categories = '提案类别不能重复';

  const windows = form.windows.map((w) => ({
    year: parseInt10(w.year) ?? 0,
    opensAt: `${w.opens}T00:00:00${BEIJING}`,
    closesAt: `${w.closes}T23:59:59${BEIJING}`,
  }));
  form.windows.forEach((w, i) => {
    const year = parseInt10(w.year);
    if (year === null || year < 2000 || year > 2100)
      errors[`windows.${i}`] = '年度须在 2000 至 2100 之间';
    else if (!w.opens || !w.closes) errors[`windows.${i}`] = '请选择征集开始和截止日期';
    else if (w.opens > w.closes) errors[`windows.${i}`] = '征集截止时间须晚于开始时间';
    else if (windows.findIndex((x) => x.year === year) !== i)
      errors[`windows.${i}`] = '同一年度只能设置一个征集时间';
  });
  if (form.windows.length > 10) errors.windows = '最多保留 10 个年度的征集时间';

  if (Object.keys(errors).length) return { body: null, errors };
  const section = (s: Section) =>
    Object.fromEntries(
      NUMBER_FIELDS.filter((f) => f.section === s).map((f) => [f.key, n[fieldId(f)]]),
    );
  const body = {
    proposals: { ...section('proposals'), replyClasses, categories, plenaryWindows: windows },
    opinions: section('opinions'),
    meetings: section('meetings'),
    posts: { publishing: form.publishing },
  } as unknown as SettingsBody;
  return { body, errors };
}

/** A new plenary window row: the coming year, dates to be picked. */
export function newWindow(now: Date): WindowRow {
  return {
    year: String(new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()),
    opens: '',
    closes: '',
  };
}
