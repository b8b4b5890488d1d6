import { createHash } from 'node:crypto';
import type { TemplateKey } from '../../../typings/contracts/notify';
import type { StoredDoc, TxOps } from '../../store/port';

/** What a command wants a member told; written to the outbox in the command's transaction. */
export interface Notification {
  /** The notice this message belongs to, e.g. `meeting.notice:<meetingId>:v2`. One message per key and member. */
  key: string;
  memberId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Also as a WeChat subscription message, when the member has one left for this template. */
  template?: {
    key: TemplateKey;
    values: Partial<Record<'title' | 'time' | 'place' | 'note', string>>;
  };
}

export type WechatState =
  | 'none' // no template for this notification, or none configured
  | 'pending'
  | 'sending' // quota reserved and send started; a crash here is not retried (no duplicates)
  | 'sent'
  | 'not-subscribed' // no subscription left on our count
  | 'no-subscription' // WeChat said 43101
  | 'unbound' // the member has no WeChat account bound
  | 'failed'
  | 'unknown'; // a send was interrupted; it may or may not have arrived

export interface OutboxDoc extends StoredDoc, Notification {
  status: 'pending' | 'sending' | 'done' | 'dead';
  attempts: number;
  /** When the worker may next pick it up (for 'sending': when its lease runs out). */
  nextAttemptAt: string;
  inboxDone: boolean;
  wechat: WechatState;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

export function outboxId(key: string, memberId: string): string {
  return `ob_${createHash('sha256').update(`${key}|${memberId}`).digest('hex').slice(0, 32)}`;
}

/**
 * Queues notifications inside the caller's transaction. Nothing is sent here: the delivery
 * worker sends after the commit. Queuing the same key for the same member again is a no-op.
 * `fresh`: the caller knows none is queued yet (one round trip less each); should one be, the
 * insert's DUPLICATE ends the transaction, and the caller runs it again without `fresh`.
 */
export async function enqueue(
  tx: TxOps,
  now: string,
  notifications: Notification[],
  options: { fresh?: boolean } = {},
): Promise<void> {
  for (const n of notifications) {
    const _id = outboxId(n.key, n.memberId);
    if (!options.fresh && (await tx.get('outbox', _id))) continue;
    await tx.insert<OutboxDoc>('outbox', {
      _id,
      ...n,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      inboxDone: false,
      wechat: n.template ? 'pending' : 'none',
      lastError: null,
      createdAt: now,
      doneAt: null,
    });
  }
}

/** WeChat's `thing` fields take at most 20 characters. */
export function fitThing(text: string, max = 20): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}
