/**
 * The unsaved policy form, kept on the phone (the one local-draft store, utils/drafts.ts) so a
 * lost network or a restart loses no typing; read back made whole again.
 */
import type { DutyEventType, Split } from '../../../../typings/contracts';
import { SPLITS } from '../../../generated/contract';
import { dropKeptForm, keepForm, readKeptForm, storageKeyOfForm } from '../../../utils/drafts';
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

/** Where the year's copy is kept (tests look at it). */
export function storageKey(year: number): string {
  return storageKeyOfForm('policy', String(year));
}

/** Storage full or unavailable: the form still works, only the safety net is gone. */
export function saveLocal(year: number, basis: string, form: PolicyForm): void {
  keepForm('policy', String(year), 1, { basis, form });
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
  const kept = readKeptForm<{ basis?: unknown; form?: Partial<PolicyForm> }>(
    'policy',
    String(year),
  );
  const form = kept?.fields.form;
  if (!kept || kept.version !== 1 || typeof form !== 'object' || form === null) return null;
  return {
    v: 1,
    year,
    basis: str(kept.fields.basis),
    savedAt: kept.editedAt,
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
  dropKeptForm('policy', String(year));
}
