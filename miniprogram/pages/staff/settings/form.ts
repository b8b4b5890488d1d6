import type { ReplyClass } from '../../../../typings/contracts/proposals';
import type {
  PeopleOrder,
  PostPublishing,
  SettingsBody,
  SettingsView,
  SmsMode,
  SmsNotice,
} from '../../../../typings/contracts/settings';
import {
  PEOPLE_ORDER_LABELS,
  POST_PUBLISHING_LABELS,
  REPLY_CLASSES,
  SMS_MODE_LABELS,
  SMS_MODES,
  SMS_NOTICE_LABELS,
  SMS_NOTICES,
} from '../../../generated/contract';
import { checkInput } from '../../../kit/validate';

/**
 * The settings editor's form: what the admin types, the body it stands for, and the check,
 * which is the contract's own (`checkInput('settings', 'update', …)`): the form refuses exactly
 * what the server refuses, with the server's messages.
 */

type Section = 'proposals' | 'opinions' | 'meetings' | 'posts' | 'speeches';

export interface NumberField {
  section: Section;
  key: string;
  label: string;
  unit: string;
}

const field = (section: Section, key: string, label: string, unit: string): NumberField => ({
  section,
  key,
  label,
  unit,
});

/** Every number on the form, in the order shown (their bounds are the contract's). */
export const NUMBER_FIELDS: NumberField[] = [
  field('proposals', 'coSignDays', '联名确认期限', '天'),
  field('proposals', 'objectionDays', '交办异议期', '天'),
  field('proposals', 'handlingMonths', '办理期限', '个月'),
  field('proposals', 'maxHandlingMonths', '最长办理期限', '个月'),
  field('proposals', 'rehandlingMonths', '重新办理期限', '个月'),
  field('proposals', 'titleMin', '标题最少', '字'),
  field('proposals', 'titleMax', '标题最多', '字'),
  field('proposals', 'causeMin', '案由最少', '字'),
  field('proposals', 'suggestionMin', '建议最少', '字'),
  field('proposals', 'bodyMax', '案由和建议合计最多', '字'),
  field('proposals', 'replyMax', '承办单位答复最多', '字'),
  field('proposals', 'deadlineReminderDays', '到期前提醒承办单位', '天'),
  field('opinions', 'titleMin', '标题最少', '字'),
  field('opinions', 'titleMax', '标题最多', '字'),
  field('opinions', 'bodyMin', '正文最少', '字'),
  field('opinions', 'bodyMax', '正文最多', '字'),
  field('meetings', 'checkInBeforeMinutes', '开始前可签到', '分钟'),
  field('meetings', 'checkInAfterMinutes', '开始后可签到', '分钟'),
  field('posts', 'noteMax', '读书心得最多', '字'),
  field('posts', 'reportsToHide', '被举报几次后暂时隐藏', '次'),
  field('speeches', 'titleMin', '发言标题最少', '字'),
  field('speeches', 'bodyMin', '发言正文最少', '字'),
  field('speeches', 'bodyMax', '发言正文最多', '字'),
];

/** The committee's word lists, typed one per line (or separated by commas). */
export type WordList = 'blockedWords' | 'reviewWords';

export const REPLY_CODES: readonly ReplyClass[] = REPLY_CLASSES;
export const PUBLISHING_OPTIONS = (Object.keys(POST_PUBLISHING_LABELS) as PostPublishing[]).map(
  (value) => ({ value, label: POST_PUBLISHING_LABELS[value] }),
);
export const ORDER_OPTIONS = (Object.keys(PEOPLE_ORDER_LABELS) as PeopleOrder[]).map((value) => ({
  value,
  label: PEOPLE_ORDER_LABELS[value],
}));

/** Per kind of notice, its SMS choice as a row of chips (不发 / 都发 / 无订阅时发). */
export const SMS_ROWS = SMS_NOTICES.map((notice: SmsNotice) => ({
  notice,
  label: SMS_NOTICE_LABELS[notice],
}));
export const SMS_OPTIONS = SMS_MODES.map((value: SmsMode) => ({
  value,
  label: SMS_MODE_LABELS[value],
}));

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
  /** The word lists as typed. */
  words: Record<WordList, string>;
  /** How lists of people are ordered. */
  order: PeopleOrder;
  /** Which notices also go by SMS, and when. */
  sms: Record<SmsNotice, SmsMode>;
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
    words: {
      blockedWords: s.posts.blockedWords.join('\n'),
      reviewWords: s.posts.reviewWords.join('\n'),
    },
    order: s.members.order,
    sms: { ...s.sms },
  };
}

function beijingDate(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A whole number as sent; anything else stays text so the contract's check names it. */
function intOf(text: string): number | string {
  return /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : text.trim();
}

/** The settings the form stands for (empty reply labels and categories left out). */
export function bodyFromForm(form: SettingsForm): SettingsBody {
  const section = (s: Section) =>
    Object.fromEntries(
      NUMBER_FIELDS.filter((f) => f.section === s).map((f) => [
        f.key,
        intOf(form.numbers[fieldId(f)] ?? ''),
      ]),
    );
  const replyClasses = REPLY_CODES.filter((c) => form.replyLabels[c].trim() !== '').map((code) => ({
    code,
    label: form.replyLabels[code].trim(),
  }));
  return {
    proposals: {
      ...section('proposals'),
      replyClasses,
      categories: form.categories.map((c) => c.trim()).filter(Boolean),
      plenaryWindows: form.windows.map((w) => ({
        year: intOf(w.year),
        opensAt: `${w.opens}T00:00:00${BEIJING}`,
        closesAt: `${w.closes}T23:59:59${BEIJING}`,
      })),
    },
    opinions: section('opinions'),
    meetings: section('meetings'),
    posts: {
      publishing: form.publishing,
      ...section('posts'),
      blockedWords: wordsOf(form.words.blockedWords),
      reviewWords: wordsOf(form.words.reviewWords),
    },
    members: { order: form.order },
    sms: { ...form.sms },
    speeches: section('speeches'),
  } as unknown as SettingsBody;
}

/** One word per line or between commas; blank entries and repeats dropped. */
export function wordsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,，、;；]+/)
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ];
}

/** Where the form shows an issue at the contract's `path`. */
export function errorKey(path: string): string {
  const parts = path.replace(/^settings\./, '').split('.');
  const [section = '', key = '', at] = parts;
  if (section === 'proposals' && key === 'replyClasses') return 'replyClasses';
  if (section === 'proposals' && key === 'categories') return 'categories';
  if (section === 'proposals' && key === 'plenaryWindows')
    return at === undefined ? 'windows' : `windows.${at}`;
  if (section === 'posts' && (key === 'blockedWords' || key === 'reviewWords'))
    return `posts.${key}`;
  return key ? `${section}.${key}` : section;
}

/** Checks the form as the server will; answers the settings to send, or the errors by field. */
export function checkForm(
  form: SettingsForm,
  version = 0,
): { body: SettingsBody | null; errors: FormErrors } {
  const errors: FormErrors = {};
  // A date not yet picked is the form's own state, told before the contract's format check.
  form.windows.forEach((w, i) => {
    if (!w.opens || !w.closes) errors[`windows.${i}`] = '请选择征集开始和截止日期';
  });
  const body = bodyFromForm(form);
  const found = checkInput('settings', 'update', { version, settings: body });
  for (const [path, message] of Object.entries(found)) {
    const key = errorKey(path);
    if (!errors[key]) errors[key] = message;
  }
  return Object.keys(errors).length ? { body: null, errors } : { body, errors };
}

/** A new plenary window row: the coming year, dates to be picked. */
export function newWindow(now: Date): WindowRow {
  return {
    year: String(new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()),
    opens: '',
    closes: '',
  };
}
