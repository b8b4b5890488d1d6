/**
 * The policy editor's form (考核办法): what the admin types (numbers as typed), how it becomes
 * the PolicyBody the server checks, and the edits that touch more than one row. The check
 * itself is the contract's (form-issues.ts); nothing here re-states a limit.
 */
import type { DutyEventType, PointRule, PolicyBody, Split } from '../../../../typings/contracts';
import { DUTY_EVENT_TYPES } from '../../../generated/contract';
import { businessYear } from '../../../utils/ledger';
import { DEFAULT_POLICY } from '../../../generated/contract';

type RuleDefault = Omit<PointRule, 'event'>;

/** The built-in rule of each duty event: a rule the policy lacks is re-added from here. */
export const DEFAULT_RULES = Object.fromEntries(
  DEFAULT_POLICY.rules.map(({ event, ...rule }) => [event, rule]),
) as Record<DutyEventType, RuleDefault>;

export const DEFAULT_CATEGORIES = DEFAULT_POLICY.categories;

/** Every duty event, in the contract's order. The list is fixed: no new events are made here. */
export const DUTY_EVENTS: readonly DutyEventType[] = DUTY_EVENT_TYPES;

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

let keySeq = 0;
export function nextKey(): string {
  keySeq += 1;
  return `g${keySeq}`;
}

/** A number as an input shows it: plain ASCII minus, no trailing zeros. */
export function numberText(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function ruleRow(event: DutyEventType, rule: RuleDefault, removed: boolean): RuleRow {
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
