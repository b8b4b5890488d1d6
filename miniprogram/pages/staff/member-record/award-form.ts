/** Staff corrections of a record: the award/deduct form and the reversal reason, checked as the server will. */

export interface AwardForm {
  /** 1: award (加分), -1: deduct (扣分). */
  sign: 1 | -1;
  /** As typed: digits and at most one decimal, no sign (phone keyboards lack a minus). */
  points: string;
  /** A category id of the record, '' until chosen. */
  category: string;
  title: string;
  reason: string;
}

export type AwardErrors = Partial<Record<'points' | 'category' | 'title' | 'reason', string>>;

export interface AwardInput {
  points: number;
  category: string;
  title: string;
  reason: string;
}

export function emptyAwardForm(): AwardForm {
  return { sign: 1, points: '', category: '', title: '', reason: '' };
}

/** The contract allows ±1000 in tenths; a single manual item is far below that. */
export const MAX_AWARD_POINTS = 1000;

/** Either the input to send, or the message for each field that needs fixing. */
export function checkAward(
  form: AwardForm,
): { ok: true; input: AwardInput } | { ok: false; errors: AwardErrors } {
  const errors: AwardErrors = {};
  const raw = form.points.trim();
  const value = Number(raw);
  if (!/^\d+(\.\d)?$/.test(raw)) errors.points = '请填写分值，最多一位小数，例如 5 或 2.5';
  else if (value <= 0) errors.points = '分值须大于 0';
  else if (value > MAX_AWARD_POINTS) errors.points = `分值不能超过 ${MAX_AWARD_POINTS}`;
  if (!form.category) errors.category = '请选择积分类别';
  const title = form.title.trim();
  if (title.length < 2 || title.length > 40) errors.title = '事项名称须为 2 到 40 个字';
  const reason = form.reason.trim();
  if (reason.length < 2 || reason.length > 200) errors.reason = '请填写原因，2 到 200 个字';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { points: form.sign * value, category: form.category, title, reason } };
}

/** A reversal's reason as the server accepts it (2–200 characters), or null. */
export function reverseReason(raw: string | undefined): string | null {
  const reason = (raw ?? '').trim();
  return reason.length >= 2 && reason.length <= 200 ? reason : null;
}
