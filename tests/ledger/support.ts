import type { DutyEventType } from '../../typings/contracts/ledger';
import type { DutyEvent } from '../../cloudfunctions/modules/ledger/ledger-port';

let n = 0;

/** A duty event for tests; `key` defaults to a fresh one. */
export function anEvent(
  memberId: string,
  event: DutyEventType,
  overrides: Partial<DutyEvent> = {},
): DutyEvent {
  n += 1;
  const sourceType = event.startsWith('proposal')
    ? 'proposal'
    : event.startsWith('opinion')
      ? 'opinion'
      : event.startsWith('reading')
        ? 'readingNote'
        : event.startsWith('studio')
          ? 'consultation'
          : event.startsWith('manual')
            ? 'manual'
            : 'meeting';
  return {
    key: `${event}:${n}:${memberId}`,
    event,
    memberId,
    occurredAt: `2026-04-${String(1 + (n % 28)).padStart(2, '0')}T02:00:00.000Z`,
    source: { type: sourceType, id: `src${n}`, title: `测试事项${n}` },
    ...overrides,
  };
}
