import { createHash } from 'node:crypto';
import type { TemplateKey } from '../../../typings/contracts/notify';
import type { SmsPart, SmsTemplateKey } from '../../ports/sms';
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
  /**
   * Also as an SMS, where the committee's settings say so for its kind of notice (`sms.ts`).
   * Left out, it follows the WeChat template: a meeting notice, change or leave decision has
   * its SMS counterpart (`SMS_OF_TEMPLATE`) with the same parts.
   */
  sms?: { template: SmsTemplateKey; params: Partial<Record<SmsPart, string>> };
}

/** The WeChat templates whose notices have an SMS counterpart. */
export const SMS_OF_TEMPLATE: Partial<Record<TemplateKey, SmsTemplateKey>> = {
  meetingNotice: 'meetingNotice',
  meetingChange: 'meetingChange',
  leaveResult: 'leaveResult',
};

export type SmsState =
  | 'none' // no SMS for this notification
  | 'pending' // to be decided by the worker (settings, subscription, phone)
  | 'off' // the committee's settings send none for this kind of notice
  | 'not-needed' // only when no subscription is left, and the WeChat message went out
  | 'unconfigured' // this deployment has no SMS (or no such template)
  | 'no-phone' // the member has no phone number on the roster
  | 'sending' // marked before the send; a crash here is not retried (no duplicates)
  | 'sent'
  | 'failed' // refused by Tencent, or not a mobile number
  | 'unknown'; // a send was interrupted; it may or may not have arrived

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
  /** What became of the SMS; absent on messages queued before SMS existed (none). */
  smsState?: SmsState;
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
    const sms = n.sms ?? smsOfTemplate(n.template);
    await tx.insert<OutboxDoc>('outbox', {
      _id,
      ...n,
      ...(sms ? { sms } : {}),
      smsState: sms ? 'pending' : 'none',
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

function smsOfTemplate(template: Notification['template']): Notification['sms'] {
  const key = template && SMS_OF_TEMPLATE[template.key];
  return key ? { template: key, params: { ...template.values } } : undefined;
}

/** WeChat's `thing` fields take at most 20 characters. */
export function fitThing(text: string, max = 20): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}
