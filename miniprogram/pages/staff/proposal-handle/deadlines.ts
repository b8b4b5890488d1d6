/**
 * Handling deadlines as the committee's settings set them (months), counted in days the way the
 * server counts them (`monthsToDays` in typings/contracts/settings.ts, from the generated
 * DAYS_PER_MONTH): 交办 offers each whole month up to the longest handling time, 延期 only
 * what stays within it after assignment.
 */
import type { SettingsBody } from '../../../../typings/contracts';
import { DAYS_PER_MONTH } from '../../../generated/contract';

export type HandlingRules = Pick<
  SettingsBody['proposals'],
  'handlingMonths' | 'maxHandlingMonths' | 'rehandlingMonths'
>;

export interface DeadlineChoice {
  /** Days, as the chip value. */
  value: string;
  label: string;
}

const DAY_MS = 86_400_000;

export function monthsToDays(months: number): number {
  return Math.round(months * DAYS_PER_MONTH);
}

/** 交办: one choice per month up to the longest, the settings' handling time chosen first. */
export function assignDeadlines(rules: HandlingRules): {
  choices: DeadlineChoice[];
  initial: string;
} {
  const choices: DeadlineChoice[] = [];
  for (let months = 1; months <= rules.maxHandlingMonths; months += 1) {
    choices.push({ value: String(monthsToDays(months)), label: `${months} 个月` });
  }
  return { choices, initial: String(monthsToDays(rules.handlingMonths)) };
}

export interface ExtendChoice {
  days: number;
  label: string;
}

/**
 * 延期: whole months, then the rest up to the longest handling time after assignment (the
 * server refuses a deadline beyond it); `allowed` is the contract's check of a number of days.
 */
export function extendChoices(
  handling: { assignedAt: string | null; deadline: string | null },
  rules: HandlingRules,
  allowed: (days: number) => boolean,
): ExtendChoice[] {
  if (!handling.assignedAt || !handling.deadline) return [];
  const latest = Date.parse(handling.assignedAt) + monthsToDays(rules.maxHandlingMonths) * DAY_MS;
  const room = Math.floor((latest - Date.parse(handling.deadline)) / DAY_MS);
  const choices: ExtendChoice[] = [];
  for (let months = 1; monthsToDays(months) <= room; months += 1) {
    const days = monthsToDays(months);
    if (allowed(days)) choices.push({ days, label: `延期 ${months} 个月（${days} 天）` });
  }
  const longest = choices[choices.length - 1]?.days ?? 0;
  if (room > longest && allowed(room)) {
    choices.push({ days: room, label: `延至最长期限（${room} 天）` });
  }
  return choices;
}

/** Why nothing can be offered: the deadline already reaches the longest handling time. */
export function noExtensionLeft(rules: HandlingRules): string {
  return `办理期限最长不超过交办后 ${rules.maxHandlingMonths} 个月，不能再延期`;
}

/** What the office reads while a proposal is handled again after an unsatisfied evaluation. */
export function rehandlingHint(rules: HandlingRules): string {
  return `提案人对答复不满意，承办单位须在 ${rules.rehandlingMonths} 个月内重新办理并再次答复。`;
}
