import type { MeetingStatus } from '../../../typings/contracts/meetings';
import type { ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import type { TxOps } from '../../store/port';
import type { MeetingDoc } from './model';
import { meetingAllows, type MeetingAction } from './lifecycle';

export interface StatusChange {
  /** The action it is: the states the lifecycle allows it in; from any other, `otherwise` decides. */
  action: MeetingAction;
  to: MeetingStatus;
  /** More fields to set with the status (from the fresh copy, if need be). */
  set?: Record<string, unknown> | ((m: MeetingDoc) => Record<string, unknown>);
  reason?: string;
  /** From another status: refuse (a thrown AppError) or skip quietly (the default). */
  otherwise?: () => never;
  /** More writes in the same transaction (a job the change starts). */
  also?: (tx: TxOps, m: MeetingDoc) => Promise<void>;
}

/**
 * One audited change of a meeting's status, checked on the fresh copy inside its own `once`
 * transaction, so a retry after it committed replays it instead of failing on the state it moved.
 * Answers whether it changed anything.
 */
export function changeStatus(
  ctx: ActionContext,
  meetingId: string,
  step: string,
  change: StatusChange,
): Promise<boolean> {
  return once(
    ctx,
    async (tx) => {
      const m = await tx.get<MeetingDoc>('meetings', meetingId);
      if (!m) throw fail('MEETING.NOT_FOUND');
      if (!meetingAllows(change.action, m.status)) {
        change.otherwise?.();
        return false;
      }
      await tx.update('meetings', meetingId, {
        set: {
          status: change.to,
          ...(typeof change.set === 'function' ? change.set(m) : change.set),
          updatedAt: iso(ctx.clock.now()),
        },
        inc: { version: 1 },
      });
      await audit(tx, ctx, {
        targetType: 'meeting',
        targetId: meetingId,
        before: { status: m.status },
        after: { status: change.to },
        ...(change.reason ? { reason: change.reason } : {}),
      });
      await change.also?.(tx, m);
      return true;
    },
    step,
  );
}
