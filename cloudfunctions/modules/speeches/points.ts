import type { DutyEventType } from '../../../typings/contracts/ledger';
import type { SpeechDelivery } from '../../../typings/contracts/speeches';
import type { ActionContext } from '../../kernel/action';
import { businessYear } from '../../kernel/clock';
import type { TxOps } from '../../store/port';
import { recordDutyEvent, recordRetraction } from '../ledger/ledger-port';
import type { SpeechDoc } from './model';

const EVENTS: Record<Exclude<SpeechDelivery, 'none'>, DutyEventType> = {
  oral: 'speech.delivered',
  written: 'speech.printed',
};

/**
 * Records on the ledger's rail, in the caller's transaction, what the speech as it is now earns
 * its author: one key per speech, posted with the event of what it was chosen for (大会口头发言
 * or 书面发言, points as the year's policy says), so a change of choice replaces the content
 * (the ledger settles the difference) and "not chosen" retracts it. Saving the same choice
 * twice changes nothing.
 */
export async function scoreSpeech(
  tx: TxOps,
  ctx: ActionContext,
  s: SpeechDoc,
  why: string,
): Promise<void> {
  const key = `speech:${s._id}:${s.authorId}:chosen`;
  const actor = { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
  if (s.delivery === 'none') {
    await recordRetraction(tx, ctx, { key, memberId: s.authorId, yearHint: s.year }, why, actor);
    return;
  }
  await recordDutyEvent(tx, ctx, {
    key,
    event: EVENTS[s.delivery],
    memberId: s.authorId,
    occurredAt: countedAt(s),
    source: { type: 'speech', id: s._id, title: s.title },
    actor,
  });
}

/** The instant that puts the points in the speech's year: its plenary, or when it was submitted. */
function countedAt(s: SpeechDoc): string {
  if (s.meeting) return s.meeting.startsAt;
  if (s.submittedAt && businessYear(s.submittedAt) === s.year) return s.submittedAt;
  // For a year other than the one it was written in: the middle of that year (Beijing noon).
  return `${s.year}-07-01T04:00:00.000Z`;
}
