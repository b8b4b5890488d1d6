/**
 * Staff corrections of a record: the award/deduct form and the reversal reason, checked by the
 * contract's own schemas (`checkInput` on ledger.awardPoints and ledger.reverseEntry).
 */
import { checkInput, firstError } from '../../../kit/validate';

export interface AwardForm {
  /** 1: award (加分), -1: deduct (扣分). */
  sign: 1 | -1;
  /** As typed, no sign (phone keyboards lack a minus). */
  points: string;
  /** A category id of the record, '' until chosen. */
  category: string;
  title: string;
  reason: string;
}

type AwardField = 'points' | 'category' | 'title' | 'reason';
export type AwardErrors = Partial<Record<AwardField, string>>;

export interface AwardInput {
  memberId: string;
  year: number;
  points: number;
  category: string;
  title: string;
  reason: string;
}

export function emptyAwardForm(): AwardForm {
  return { sign: 1, points: '', category: '', title: '', reason: '' };
}

const FIELDS: readonly AwardField[] = ['points', 'category', 'title', 'reason'];

/** Either the input to send, or the message for each field that needs fixing. */
export function checkAward(
  form: AwardForm,
  memberId: string,
  year: number,
): { ok: true; input: AwardInput } | { ok: false; errors: AwardErrors } {
  const raw = form.points.trim();
  const points = /^\d+(\.\d+)?$/.test(raw) ? form.sign * Number(raw) : raw;
  const input = {
    memberId,
    year,
    points,
    category: form.category,
    title: form.title.trim(),
    reason: form.reason.trim(),
  };
  const errors: AwardErrors = {};
  // What is not yet filled in or picked is the form's own state, told before the contract's check.
  if (!raw) errors.points = '请填写分值';
  if (!form.category) errors.category = '请选择积分类别';
  for (const [path, message] of Object.entries(checkInput('ledger', 'awardPoints', input))) {
    const field = FIELDS.find((f) => f === path);
    if (field && !errors[field]) errors[field] = message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: input as AwardInput };
}

/** A reversal's reason as the server accepts it, or the contract's message for it. */
export function reverseProblem(entryId: string, reason: string): string | null {
  return firstError(checkInput('ledger', 'reverseEntry', { entryId, reason }));
}
