/**
 * Checking the policy form: the form becomes the body to send, the contract's own schema
 * (`checkInput` on ledger.saveDraftPolicy) checks it exactly as the server will, and every
 * issue (the form's or the server's refusal) is told in the form's words on the row it concerns.
 */
import type { PointRule, PolicyBody } from '../../../../typings/contracts';
import { checkInput } from '../../../kit/validate';
import { noErrors, type PolicyErrors, type PolicyForm } from './policy-form';

/** Full-width digits and the minus signs a phone keyboard may give, as ASCII. */
export function normalizeNumber(raw: string): string {
  return raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[−－—–]/g, '-')
    .replace(/[．。]/g, '.')
    .replace(/^＋/, '+');
}

/** A typed number as sent: a number when it reads as one, else the text (the schema says no). */
export function numberOf(raw: string): number | string {
  const text = normalizeNumber(raw);
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Flips the sign of what was typed ('5' ↔ '-5'); '' and '0' stay. */
export function flipSign(raw: string): string {
  const text = normalizeNumber(raw);
  if (text === '' || /^-?0*(\.0*)?$/.test(text)) return text;
  if (text.startsWith('-')) return text.slice(1);
  return text.startsWith('+') ? `-${text.slice(1)}` : `-${text}`;
}

/** The body the form stands for (removed rules left out; optional numbers left blank omitted). */
export function bodyFromForm(form: PolicyForm): PolicyBody {
  const optional = (raw: string) => (raw.trim() === '' ? undefined : numberOf(raw));
  const body = {
    title: form.title.trim(),
    baseScore: numberOf(form.baseScore),
    categories: form.categories.map((c) => {
      const cap = optional(c.cap);
      return cap === undefined
        ? { id: c.id, label: c.label.trim() }
        : { id: c.id, label: c.label.trim(), cap };
    }),
    rules: form.rules
      .filter((r) => !r.removed)
      .map((r) => {
        const rule = {
          event: r.event,
          label: r.label.trim(),
          category: r.category,
          points: numberOf(r.points),
          split: r.split,
        } as PointRule;
        if (r.group.trim()) rule.group = r.group.trim();
        return rule;
      }),
    grades: form.grades.map((g) => {
      const min = optional(g.min);
      return min === undefined ? { label: g.label.trim() } : { label: g.label.trim(), min };
    }),
    passLine: numberOf(form.passLine),
    showRank: form.showRank,
  };
  // Numbers typed wrong stay text here so the contract's check names them.
  return body as PolicyBody;
}

/** One problem with a payload (the form's check or `details.issues` of REQUEST.INVALID). */
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

export interface PlacedIssues {
  errors: PolicyErrors;
  /** Each issue told in the form's words (to show). */
  messages: string[];
  /** …with its path, for the office to report. */
  lines: string[];
}

/**
 * Issues told in the form's words and placed on the rows they concern. `body` is what was
 * checked or sent: its rules are the form's scoring rules in order, its categories and grades
 * the form's one for one.
 */
export function placeIssues(
  issues: ServerIssue[],
  body: PolicyBody,
  form: PolicyForm,
): PlacedIssues {
  const errors = noErrors(form);
  const messages: string[] = [];
  const lines: string[] = [];
  for (const issue of issues) {
    const parts = issue.path.split('.');
    if (parts[0] === 'policy') parts.shift();
    const [top = '', at, field = ''] = parts;
    const i = Number(at);
    // The contract's messages name their field (类别名称不能超过…): not said twice.
    const named = (name: string) => name !== '' && issue.message.includes(name);
    const fieldName = named(FIELD_NAMES[field] ?? '') ? '' : (FIELD_NAMES[field] ?? '');
    let where = named(TOP_NAMES[top] ?? '') ? '' : (TOP_NAMES[top] ?? '');
    const told = () => (where ? `${where}：${issue.message}` : issue.message);
    if (top === 'rules' && Number.isInteger(i) && body.rules[i]) {
      const rule = body.rules[i]!;
      where = `「${rule.label || '未命名事项'}」${fieldName}`;
      const row = form.rules.findIndex((r) => r.event === rule.event);
      if (row >= 0 && !errors.rules[row]) errors.rules[row] = told();
    } else if (top === 'categories' && Number.isInteger(i) && body.categories[i]) {
      where = `类别「${body.categories[i]!.label || '未命名类别'}」${fieldName}`;
      if (i < errors.categories.length && !errors.categories[i]) errors.categories[i] = told();
    } else if (top === 'grades' && Number.isInteger(i) && body.grades[i]) {
      where = `档次「${body.grades[i]!.label || i + 1}」${fieldName}`;
      if (i < errors.grades.length && !errors.grades[i]) errors.grades[i] = told();
    } else if (top in TOP_NAMES) {
      const key = top as keyof PolicyErrors['fields'];
      if (!errors.fields[key]) errors.fields[key] = told();
    }
    const text = told();
    messages.push(text);
    lines.push(issue.path ? `${text}（${issue.path}）` : text);
  }
  return { errors, messages, lines };
}

/** Either the body to send, or what to fix (the contract's check, placed on the rows). */
export function checkPolicy(
  year: number,
  form: PolicyForm,
): { ok: true; body: PolicyBody } | { ok: false; errors: PolicyErrors; first: string } {
  const body = bodyFromForm(form);
  const found = checkInput('ledger', 'saveDraftPolicy', { year, policy: body });
  const issues = Object.entries(found).map(([path, message]) => ({ path, message }));
  if (issues.length === 0) return { ok: true, body };
  const { errors, messages } = placeIssues(issues, body, form);
  return { ok: false, errors, first: messages[0] ?? '' };
}
