/**
 * The policy editor's form (考核办法): what the admin types (numbers as typed), how it is checked
 * (as the server checks it, with a message per row), how it becomes a PolicyBody, how the
 * server's refusal is told back, and the unsaved form kept on the phone.
 */
import type {
  DutyEventType,
  PointCategory,
  PointRule,
  PolicyBody,
  PolicyView,
  RecomputePreview,
  Split,
} from '../../../../typings/contracts';
import {
  businessYear,
  formatDate,
  formatPoints,
  gradeBandTexts,
  policyVersionText,
  signedPoints,
  signOf,
  type Sign,
} from '../../../utils/ledger';

type RuleDefault = Omit<PointRule, 'event'>;

/**
 * The built-in policy's rules (cloudfunctions/modules/ledger/default-policy.ts), mirrored
 * because files outside the mini-program root are not packaged. A rule the policy lacks is
 * re-added from here. The type demands every event of the contract, so the event list is
 * exactly DUTY_EVENT_TYPES (a test checks the values and the order).
 */
export const DEFAULT_RULES: Record<DutyEventType, RuleDefault> = {
  'plenary.attended': {
    label: '出席全体会议（每半天）',
    category: 'meetings',
    points: 5,
    split: 'each',
  },
  'plenary.excused': {
    label: '全体会议请假（每半天）',
    category: 'meetings',
    points: 0,
    split: 'each',
  },
  'plenary.absent': {
    label: '全体会议无故缺席（每半天）',
    category: 'meetings',
    points: -10,
    split: 'each',
  },
  'standing.attended': { label: '出席常委会议', category: 'meetings', points: 3, split: 'each' },
  'standing.excused': { label: '常委会议请假', category: 'meetings', points: -2, split: 'each' },
  'standing.absent': { label: '常委会议无故缺席', category: 'meetings', points: -5, split: 'each' },
  'meeting.lateOrLeftEarly': {
    label: '会议迟到或早退',
    category: 'meetings',
    points: -1,
    split: 'each',
  },
  'activity.attended': {
    label: '参加视察、调研、培训等活动',
    category: 'activities',
    points: 2,
    split: 'each',
  },
  'activity.absent': { label: '活动无故缺席', category: 'activities', points: -2, split: 'each' },
  'proposal.submitted': {
    label: '提交提案',
    category: 'proposals',
    points: 5,
    split: 'leadHalf',
  },
  'proposal.accepted.lead': {
    label: '提案立案（领衔）',
    category: 'proposals',
    points: 10,
    group: 'proposal.merit',
    split: 'each',
  },
  'proposal.accepted.coSigner': {
    label: '提案立案（联名）',
    category: 'proposals',
    points: 2,
    group: 'proposal.merit',
    split: 'each',
  },
  'proposal.key.lead': {
    label: '重点提案（领衔）',
    category: 'proposals',
    points: 20,
    group: 'proposal.merit',
    split: 'each',
  },
  'proposal.key.coSigner': {
    label: '重点提案（联名）',
    category: 'proposals',
    points: 4,
    group: 'proposal.merit',
    split: 'each',
  },
  'proposal.outstanding.lead': {
    label: '优秀提案（领衔）',
    category: 'proposals',
    points: 25,
    group: 'proposal.merit',
    split: 'each',
  },
  'proposal.outstanding.coSigner': {
    label: '优秀提案（联名）',
    category: 'proposals',
    points: 5,
    group: 'proposal.merit',
    split: 'each',
  },
  'opinion.submitted': {
    label: '报送社情民意信息',
    category: 'opinions',
    points: 2,
    split: 'leadHalf',
  },
  'opinion.adopted.committee': {
    label: '社情民意被本会采用',
    category: 'opinions',
    points: 3,
    group: 'opinion.level',
    split: 'each',
  },
  'opinion.adopted.city': {
    label: '社情民意被市政协采用',
    category: 'opinions',
    points: 5,
    group: 'opinion.level',
    split: 'each',
  },
  'opinion.adopted.province': {
    label: '社情民意被省政协采用',
    category: 'opinions',
    points: 10,
    group: 'opinion.level',
    split: 'each',
  },
  'opinion.adopted.national': {
    label: '社情民意被全国政协采用',
    category: 'opinions',
    points: 20,
    group: 'opinion.level',
    split: 'each',
  },
  'opinion.instruction.district': {
    label: '社情民意获区领导批示',
    category: 'opinions',
    points: 5,
    group: 'opinion.level',
    split: 'each',
  },
  'opinion.instruction.city': {
    label: '社情民意获市领导批示',
    category: 'opinions',
    points: 8,
    group: 'opinion.level',
    split: 'each',
  },
  'opinion.instruction.province': {
    label: '社情民意获省领导批示',
    category: 'opinions',
    points: 15,
    group: 'opinion.level',
    split: 'each',
  },
  'opinion.instruction.national': {
    label: '社情民意获国家领导人批示',
    category: 'opinions',
    points: 20,
    group: 'opinion.level',
    split: 'each',
  },
  'reading.note': { label: '提交读书心得', category: 'reading', points: 1, split: 'each' },
  'studio.consultation.hosted': {
    label: '主持工作室协商活动',
    category: 'studio',
    points: 3,
    split: 'each',
  },
  'studio.consultation.attended': {
    label: '参加工作室协商活动',
    category: 'studio',
    points: 1,
    split: 'each',
  },
  'manual.award': { label: '办公室认定的履职事项', category: 'other', points: 0, split: 'each' },
};

/** The built-in policy's categories (mirrored likewise): a re-added rule brings its own back. */
export const DEFAULT_CATEGORIES: PointCategory[] = [
  { id: 'meetings', label: '会议出勤' },
  { id: 'activities', label: '视察调研等活动', cap: 10 },
  { id: 'proposals', label: '提案工作', cap: 30 },
  { id: 'opinions', label: '社情民意', cap: 20 },
  { id: 'reading', label: '书香政协', cap: 5 },
  { id: 'studio', label: '委员工作室', cap: 10 },
  { id: 'other', label: '其他履职' },
];

/** Every duty event, in the contract's order. The list is fixed: no new events are made here. */
export const DUTY_EVENTS = Object.keys(DEFAULT_RULES) as DutyEventType[];

export const SPLITS: readonly Split[] = ['each', 'leadHalf', 'equal'];

export const SPLIT_LABELS: Record<Split, string> = {
  each: '各得全分',
  leadHalf: '领衔得一半其余均分',
  equal: '平均分配',
};

/** The years the policy is kept for: this one and the next (published ahead of January). */
export function policyYears(nowMs: number = Date.now()): number[] {
  const year = businessYear(nowMs);
  return [year, year + 1];
}

/* The form: numbers are kept as typed, so '-' or '1.' on the way to '-1.5' is not lost. */

export interface CategoryRow {
  id: string;
  label: string;
  /** '' for no cap. */
  cap: string;
}

export interface RuleRow {
  event: DutyEventType;
  label: string;
  category: string;
  points: string;
  /** '' for none. */
  group: string;
  split: Split;
  /** The event scores nothing (the rule is left out of the policy). */
  removed: boolean;
}

export interface GradeRow {
  /** Stable across edits, for wx:key. */
  key: string;
  label: string;
  /** '' for the lowest band. */
  min: string;
}

export interface PolicyForm {
  title: string;
  baseScore: string;
  passLine: string;
  showRank: boolean;
  categories: CategoryRow[];
  /** One row per duty event, always all of them: the removed ones are kept to re-add. */
  rules: RuleRow[];
  grades: GradeRow[];
}

export type Field = 'title' | 'baseScore' | 'passLine' | 'categories' | 'rules' | 'grades';

export interface PolicyErrors {
  fields: Partial<Record<Field, string>>;
  /** One message (or '') per row, aligned with the form's lists. */
  categories: string[];
  rules: string[];
  grades: string[];
}

export const MAX_CATEGORIES = 30;
export const MAX_GRADES = 10;

let keySeq = 0;
function nextKey(): string {
  keySeq += 1;
  return `g${keySeq}`;
}

/** A number as an input shows it: plain ASCII minus, no trailing zeros. */
export function numberText(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function ruleRow(event: DutyEventType, rule: RuleDefault, removed: boolean): RuleRow {
  return {
    event,
    label: rule.label,
    category: rule.category,
    points: numberText(rule.points),
    group: rule.group ?? '',
    split: rule.split,
    removed,
  };
}

/** The form for a policy; the events it gives no rule are listed as removed (default labels). */
export function formFromPolicy(p: PolicyBody): PolicyForm {
  const known = new Set<string>();
  const rules: RuleRow[] = [];
  for (const r of p.rules) {
    if (known.has(r.event) || !(r.event in DEFAULT_RULES)) continue;
    known.add(r.event);
    rules.push(ruleRow(r.event, r, false));
  }
  for (const event of DUTY_EVENTS)
    if (!known.has(event)) rules.push(ruleRow(event, DEFAULT_RULES[event], true));
  return {
    title: p.title,
    baseScore: numberText(p.baseScore),
    passLine: numberText(p.passLine),
    showRank: p.showRank,
    categories: p.categories.map((c) => ({
      id: c.id,
      label: c.label,
      cap: c.cap === undefined ? '' : numberText(c.cap),
    })),
    rules,
    grades: p.grades.map((g) => ({
      key: nextKey(),
      label: g.label,
      min: g.min === undefined ? '' : numberText(g.min),
    })),
  };
}

/** The body of a policy view, fields in a fixed order: what `basis` compares. */
export function bodyOf(p: PolicyBody): PolicyBody {
  return {
    title: p.title,
    baseScore: p.baseScore,
    categories: p.categories.map((c) =>
      c.cap === undefined ? { id: c.id, label: c.label } : { id: c.id, label: c.label, cap: c.cap },
    ),
    rules: p.rules.map((r) => {
      const rule: PointRule = {
        event: r.event,
        label: r.label,
        category: r.category,
        points: r.points,
        split: r.split,
      };
      if (r.group !== undefined) rule.group = r.group;
      return rule;
    }),
    grades: p.grades.map((g) =>
      g.min === undefined ? { label: g.label } : { label: g.label, min: g.min },
    ),
    passLine: p.passLine,
    showRank: p.showRank,
  };
}

/** What the unsaved edits started from, to tell whether the server's copy moved since. */
export function basisOf(p: PolicyBody): string {
  return JSON.stringify(bodyOf(p));
}

export function noErrors(form: PolicyForm): PolicyErrors {
  return {
    fields: {},
    categories: form.categories.map(() => ''),
    rules: form.rules.map(() => ''),
    grades: form.grades.map(() => ''),
  };
}

/* Grouping for the template: indices into form.rules. */

export interface RuleLayout {
  /** Per category (aligned with form.categories): its rules still scoring. */
  byCategory: number[][];
  /** Rules whose category is not in the list (pick one). */
  orphans: number[];
  /** Rules left out: the events score nothing until re-added. */
  removed: number[];
}

export function ruleLayout(form: PolicyForm): RuleLayout {
  const index = new Map(form.categories.map((c, i) => [c.id, i]));
  const byCategory: number[][] = form.categories.map(() => []);
  const orphans: number[] = [];
  const removed: number[] = [];
  form.rules.forEach((r, i) => {
    if (r.removed) removed.push(i);
    else {
      const ci = index.get(r.category);
      if (ci === undefined) orphans.push(i);
      else byCategory[ci]!.push(i);
    }
  });
  return { byCategory, orphans, removed };
}

/* Edits that touch more than one row. */

/** Re-adds a left-out rule; its category comes back (from the default) when it is gone. */
export function restoreRule(form: PolicyForm, index: number): PolicyForm {
  const rule = form.rules[index];
  if (!rule || !rule.removed) return form;
  const ids = new Set(form.categories.map((c) => c.id));
  let category = rule.category;
  let categories = form.categories;
  if (!ids.has(category)) {
    category = DEFAULT_RULES[rule.event].category;
    const fallback = DEFAULT_CATEGORIES.find((c) => c.id === category);
    if (!ids.has(category) && fallback) {
      categories = categories.concat({
        id: fallback.id,
        label: fallback.label,
        cap: fallback.cap === undefined ? '' : numberText(fallback.cap),
      });
    } else if (!ids.has(category)) {
      category = form.categories[0]?.id ?? category;
    }
  }
  return {
    ...form,
    categories,
    rules: form.rules.map((r, i) => (i === index ? { ...r, category, removed: false } : r)),
  };
}

/** An id for a new category: the ids are codes (a letter first), never shown. */
export function newCategoryId(categories: CategoryRow[]): string {
  const ids = new Set(categories.map((c) => c.id));
  let n = categories.length + 1;
  while (ids.has(`cat${n}`)) n += 1;
  return `cat${n}`;
}

/** A new band goes above the lowest one (the lowest stays last). */
export function withNewGrade(grades: GradeRow[]): { grades: GradeRow[]; index: number } {
  const row: GradeRow = { key: nextKey(), label: '', min: '' };
  const lowest = grades.findIndex((g) => g.min.trim() === '');
  const index = lowest === -1 ? grades.length : lowest;
  return { grades: [...grades.slice(0, index), row, ...grades.slice(index)], index };
}

/** Flips the sign of what was typed ('5' ↔ '-5'); '' and '0' stay. */
export function flipSign(raw: string): string {
  const text = normalizeNumber(raw);
  if (text === '' || /^-?0*(\.0*)?$/.test(text)) return text;
  return text.startsWith('-')
    ? text.slice(1)
    : text.startsWith('+')
      ? `-${text.slice(1)}`
      : `-${text}`;
}

/* Checking, as the contract's policyBodySchema does. */

/** Full-width digits and the minus signs a phone keyboard may give, as ASCII. */
function normalizeNumber(raw: string): string {
  return raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[−－—–]/g, '-')
    .replace(/[．。]/g, '.')
    .replace(/^＋/, '+');
}

type Parsed = { ok: true; value: number } | { ok: false; message: string };

/** Points: a number from −1000 to 1000 with at most one decimal (the server keeps tenths). */
export function parsePoints(raw: string, what = '分值'): Parsed {
  const text = normalizeNumber(raw);
  if (text === '') return { ok: false, message: `请填写${what}` };
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return { ok: false, message: `${what}须为数字` };
  const value = Number(text);
  if (Math.abs(value * 10 - Math.round(value * 10)) > 1e-9)
    return { ok: false, message: `${what}最多保留一位小数` };
  if (value < -1000 || value > 1000)
    return { ok: false, message: `${what}须在 −1000 到 1000 之间` };
  return { ok: true, value: Math.round(value * 10) / 10 };
}

const CODE = /^[a-zA-Z][a-zA-Z0-9_.-]{0,39}$/;

function length(text: string): number {
  return [...text.trim()].length;
}

/** Either the body to send, or a message per row that needs fixing (the first one to show). */
export function checkForm(
  form: PolicyForm,
): { ok: true; body: PolicyBody } | { ok: false; errors: PolicyErrors; first: string } {
  const errors = noErrors(form);
  const { fields } = errors;
  const firsts: string[] = [];
  const note = (message: string) => {
    firsts.push(message);
    return message;
  };

  const title = form.title.trim();
  if (length(title) < 1 || length(title) > 60) fields.title = note('请填写标题（60 字以内）');
  const baseScore = parsePoints(form.baseScore, '基础分');
  if (!baseScore.ok) fields.baseScore = note(baseScore.message);
  const passLine = parsePoints(form.passLine, '合格线');
  if (!passLine.ok) fields.passLine = note(passLine.message);

  if (form.categories.length < 1) fields.categories = note('请至少保留一个类别');
  if (form.categories.length > MAX_CATEGORIES)
    fields.categories = note(`最多 ${MAX_CATEGORIES} 个类别`);
  const categories: PointCategory[] = [];
  const ids = new Set<string>();
  form.categories.forEach((c, i) => {
    const label = c.label.trim();
    let message = '';
    let cap: number | undefined;
    if (length(label) < 1 || length(label) > 20) message = '请填写类别名称（20 字以内）';
    else if (ids.has(c.id)) message = '类别重复';
    else if (c.cap.trim() !== '') {
      const parsed = parsePoints(c.cap, '上限');
      if (!parsed.ok) message = parsed.message;
      else if (parsed.value <= 0) message = '上限须大于 0；不设上限请留空';
      else cap = parsed.value;
    }
    ids.add(c.id);
    errors.categories[i] = message ? note(`「${label || '未命名类别'}」${message}`) : '';
    categories.push(cap === undefined ? { id: c.id, label } : { id: c.id, label, cap });
  });

  const rules: PointRule[] = [];
  form.rules.forEach((r, i) => {
    if (r.removed) return;
    const label = r.label.trim();
    const group = r.group.trim();
    const points = parsePoints(r.points);
    let message = '';
    if (length(label) < 1 || length(label) > 40) message = '请填写事项名称（40 字以内）';
    else if (!points.ok) message = points.message;
    else if (!ids.has(r.category)) message = '请选择类别';
    else if (group && !CODE.test(group))
      message = '同组名称须以字母开头，只含字母、数字、点、下划线和短横线';
    errors.rules[i] = message ? note(`「${label || DEFAULT_RULES[r.event].label}」${message}`) : '';
    const rule: PointRule = {
      event: r.event,
      label,
      category: r.category,
      points: points.ok ? points.value : 0,
      split: r.split,
    };
    if (group) rule.group = group;
    rules.push(rule);
  });

  if (form.grades.length < 1) fields.grades = note('请至少设置一个档次');
  if (form.grades.length > MAX_GRADES) fields.grades = note(`最多 ${MAX_GRADES} 个档次`);
  const grades: PolicyBody['grades'] = [];
  const labels = new Set<string>();
  form.grades.forEach((g, i) => {
    const label = g.label.trim();
    let message = '';
    let min: number | undefined;
    if (length(label) < 1 || length(label) > 10) message = '请填写档次名称（10 字以内）';
    else if (labels.has(label)) message = '档次名称重复';
    else if (g.min.trim() !== '') {
      const parsed = parsePoints(g.min, '分数线');
      if (parsed.ok) min = parsed.value;
      else message = parsed.message;
    }
    labels.add(label);
    errors.grades[i] = message ? note(`档次「${label || i + 1}」${message}`) : '';
    grades.push(min === undefined ? { label } : { label, min });
  });
  const lowest = form.grades.filter((g) => g.min.trim() === '').length;
  if (!fields.grades && form.grades.length > 0 && lowest !== 1)
    fields.grades = note(
      lowest === 0
        ? '须有一个最低档（不填分数线）'
        : '只能有一个最低档（不填分数线），请给其他档次填写分数线',
    );

  const first = firsts[0];
  if (first !== undefined || !baseScore.ok || !passLine.ok) {
    return { ok: false, errors, first: first ?? '' };
  }
  return {
    ok: true,
    body: {
      title,
      baseScore: baseScore.value,
      categories,
      rules,
      grades,
      passLine: passLine.value,
      showRank: form.showRank,
    },
  };
}

/* The server's refusal (REQUEST.INVALID): `details.issues` = [{ path, message }]. */

export interface ServerIssue {
  path: string;
  message: string;
}

export function issuesOf(details: unknown): ServerIssue[] {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues
    .filter((i): i is { path?: unknown; message?: unknown } => typeof i === 'object' && i !== null)
    .map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }));
}

const FIELD_NAMES: Record<string, string> = {
  label: '名称',
  points: '分值',
  cap: '上限',
  min: '分数线',
  category: '类别',
  group: '同组只计最高',
  split: '联名分配',
  event: '事件',
  id: '编码',
};

const TOP_NAMES: Partial<Record<string, string>> = {
  title: '标题',
  baseScore: '基础分',
  passLine: '合格线',
  showRank: '显示排名',
  categories: '类别',
  rules: '计分事项',
  grades: '档次',
};

/**
 * The server's issues, told in the form's words (with the path, for the office to report),
 * and placed on the rows they concern. `body` is what was sent: its rules are the form's
 * scoring rules in order, its categories and grades the form's one for one.
 */
export function placeIssues(
  issues: ServerIssue[],
  body: PolicyBody,
  form: PolicyForm,
): { errors: PolicyErrors; lines: string[] } {
  const errors = noErrors(form);
  const lines = issues.map((issue) => {
    const parts = issue.path.split('.');
    if (parts[0] === 'policy') parts.shift();
    const [top = '', at, field = ''] = parts;
    const i = Number(at);
    const fieldName = FIELD_NAMES[field] ?? '';
    let where = TOP_NAMES[top] ?? '';
    if (top === 'rules' && Number.isInteger(i) && body.rules[i]) {
      const rule = body.rules[i]!;
      where = `「${rule.label}」${fieldName}`;
      const row = form.rules.findIndex((r) => r.event === rule.event);
      if (row >= 0) errors.rules[row] = `${where}：${issue.message}`;
    } else if (top === 'categories' && Number.isInteger(i) && body.categories[i]) {
      where = `类别「${body.categories[i]!.label}」${fieldName}`;
      if (i < errors.categories.length) errors.categories[i] = `${where}：${issue.message}`;
    } else if (top === 'grades' && Number.isInteger(i) && body.grades[i]) {
      where = `档次「${body.grades[i]!.label}」${fieldName}`;
      if (i < errors.grades.length) errors.grades[i] = `${where}：${issue.message}`;
    } else if (top in TOP_NAMES) {
      errors.fields[top as Field] = `${where}：${issue.message}`;
    }
    const text = where ? `${where}：${issue.message}` : issue.message;
    return issue.path ? `${text}（${issue.path}）` : text;
  });
  return { errors, lines };
}

/* How the page shows a policy and its state. */

export interface PolicyStatus {
  title: string;
  version: number;
  /** 默认 / 第 N 版 已发布 / 草稿 */
  statusText: string;
  /** When and by whom it was published, or what the default means. */
  detailText: string;
}

export function statusOf(p: PolicyView): PolicyStatus {
  if (p.status === 'draft')
    return { title: p.title, version: p.version, statusText: '草稿', detailText: '' };
  if (p.status === 'default' || p.version === 0)
    return {
      title: p.title,
      version: 0,
      statusText: '默认',
      detailText: `${p.year} 年度尚未发布考核办法，按系统默认办法记分。`,
    };
  const when = p.publishedAt ? `${formatDate(p.publishedAt)} ` : '';
  const who = p.publishedBy ? `由${p.publishedBy}` : '';
  return {
    title: p.title,
    version: p.version,
    statusText: `第 ${p.version} 版 已发布`,
    detailText: when || who ? `${when}${who}发布` : '',
  };
}

/** The policy in force, to read (staff who are not admins). */
export interface ReadonlyPolicy {
  baseScoreText: string;
  passLineText: string;
  showRankText: string;
  grades: string[];
  groups: Array<{
    id: string;
    label: string;
    capText: string;
    rules: Array<{ event: string; label: string; pointsText: string; sign: Sign; meta: string }>;
  }>;
}

function ruleMeta(r: Pick<PointRule, 'split' | 'group'>): string {
  return r.group ? `${SPLIT_LABELS[r.split]} · 同组只计最高：${r.group}` : SPLIT_LABELS[r.split];
}

export function readonlyPolicy(p: PolicyBody): ReadonlyPolicy {
  return {
    baseScoreText: formatPoints(p.baseScore),
    passLineText: formatPoints(p.passLine),
    showRankText: p.showRank ? '委员可以看到自己的排名' : '不向委员显示排名',
    grades: gradeBandTexts(p.grades),
    groups: p.categories
      .map((c) => ({
        id: c.id,
        label: c.label,
        capText: c.cap ? `上限 ${formatPoints(c.cap)} 分` : '不设上限',
        rules: p.rules
          .filter((r) => r.category === c.id)
          .map((r) => ({
            event: r.event,
            label: r.label,
            pointsText: signedPoints(r.points),
            sign: signOf(r.points),
            meta: ruleMeta(r),
          })),
      }))
      .filter((g) => g.rules.length > 0),
  };
}

/** The second line of a rule in the editor: how joint work shares it, its group. */
export function ruleMetaText(r: RuleRow): string {
  const group = r.group.trim();
  return ruleMeta(group ? { split: r.split, group } : { split: r.split });
}

/* Recomputation. */

export interface ChangeItem {
  memberId: string;
  name: string;
  beforeText: string;
  afterText: string;
  deltaText: string;
  sign: Sign;
}

export interface RecomputeView {
  toVersion: number;
  toText: string;
  fromText: string;
  /** Accounts still on an older version (they would be recomputed). */
  members: number;
  changed: ChangeItem[];
}

export function recomputeView(p: RecomputePreview): RecomputeView {
  return {
    toVersion: p.toVersion,
    toText: policyVersionText(p.toVersion),
    fromText: p.fromVersions.map(policyVersionText).join('、'),
    members: p.members,
    changed: p.changed.map((c) => ({
      memberId: c.memberId,
      name: c.name || '（未知委员）',
      beforeText: formatPoints(c.before),
      afterText: formatPoints(c.after),
      deltaText: signedPoints(c.delta),
      sign: signOf(c.delta),
    })),
  };
}

/* The unsaved form, kept on the phone so a lost network or a restart loses no typing. */

export interface StoredPolicyDraft {
  v: 1;
  year: number;
  /** basisOf() of the server's policy the edits started from. */
  basis: string;
  form: PolicyForm;
  savedAt: number;
}

export function storageKey(year: number): string {
  return `policy-edit-draft:${year}`;
}

export function saveLocal(year: number, basis: string, form: PolicyForm): void {
  const stored: StoredPolicyDraft = { v: 1, year, basis, form, savedAt: Date.now() };
  try {
    wx.setStorageSync(storageKey(year), stored);
  } catch {
    // Storage full or unavailable: the form still works, only the safety net is gone.
  }
}

function isSplit(value: unknown): value is Split {
  return typeof value === 'string' && (SPLITS as readonly string[]).includes(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** The kept form, made whole again (every event once, fresh keys), or null. */
export function loadLocal(year: number): StoredPolicyDraft | null {
  let value: unknown;
  try {
    value = wx.getStorageSync(storageKey(year));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const stored = value as Partial<StoredPolicyDraft>;
  const form = stored.form as Partial<PolicyForm> | undefined;
  if (stored.v !== 1 || typeof form !== 'object' || form === null) return null;
  const rows = new Map<string, Partial<RuleRow>>();
  for (const r of Array.isArray(form.rules) ? form.rules : [])
    if (r && typeof r.event === 'string' && !rows.has(r.event)) rows.set(r.event, r);
  const rules: RuleRow[] = [];
  for (const [event, r] of rows) {
    if (!(event in DEFAULT_RULES)) continue;
    const e = event as DutyEventType;
    rules.push({
      event: e,
      label: str(r.label),
      category: str(r.category),
      points: str(r.points),
      group: str(r.group),
      split: isSplit(r.split) ? r.split : DEFAULT_RULES[e].split,
      removed: r.removed === true,
    });
  }
  for (const event of DUTY_EVENTS)
    if (!rows.has(event)) rules.push(ruleRow(event, DEFAULT_RULES[event], true));
  return {
    v: 1,
    year,
    basis: str(stored.basis),
    savedAt: typeof stored.savedAt === 'number' ? stored.savedAt : 0,
    form: {
      title: str(form.title),
      baseScore: str(form.baseScore),
      passLine: str(form.passLine),
      showRank: form.showRank === true,
      categories: (Array.isArray(form.categories) ? form.categories : [])
        .filter((c) => c && typeof c.id === 'string')
        .map((c) => ({ id: c.id, label: str(c.label), cap: str(c.cap) })),
      rules,
      grades: (Array.isArray(form.grades) ? form.grades : []).map((g) => ({
        key: nextKey(),
        label: str(g?.label),
        min: str(g?.min),
      })),
    },
  };
}

export function clearLocal(year: number): void {
  try {
    wx.removeStorageSync(storageKey(year));
  } catch {
    // Nothing kept, nothing to clear.
  }
}
