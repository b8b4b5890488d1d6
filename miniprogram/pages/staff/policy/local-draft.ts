/** The unsaved policy form, kept on the phone so a lost network or a restart loses no typing. */
import type { DutyEventType, Split } from '../../../../typings/contracts';
import { SPLITS } from '../../../generated/contract';
import {
  DEFAULT_RULES,
  DUTY_EVENTS,
  nextKey,
  ruleRow,
  type PolicyForm,
  type RuleRow,
} from './policy-form';

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

function rulesOf(kept: unknown): RuleRow[] {
  const rows = new Map<string, Partial<RuleRow>>();
  for (const r of Array.isArray(kept) ? (kept as Partial<RuleRow>[]) : [])
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
  return rules;
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
      rules: rulesOf(form.rules),
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
