import type { SettingsBody, SmsNotice } from '../../../typings/contracts/settings';
import type { Services } from '../../kernel/action';
import type { MemberDoc } from '../../kernel/identity';
import type { SmsPort, SmsTemplateKey } from '../../ports/sms';
import type { OutboxDoc, SmsState, WechatState } from './outbox';

/** The committee's choice, per kind of notice, of when it also goes by SMS. */
export type SmsRules = SettingsBody['sms'];

/** Which setting decides each SMS template (a meeting's changes follow its notice). */
export const SMS_SETTING: Record<SmsTemplateKey, SmsNotice> = {
  meetingNotice: 'meetingNotice',
  meetingChange: 'meetingNotice',
  leaveResult: 'leaveDecision',
  unitAssigned: 'unitAssigned',
};

/** What the WeChat part ended as when no one-time subscription was there to use. */
const NO_SUBSCRIPTION: ReadonlySet<WechatState> = new Set<WechatState>([
  'none',
  'not-subscribed',
  'no-subscription',
  'unbound',
]);

type SmsServices = Pick<Services, 'store' | 'sms'>;

/**
 * The settings in force, read once per run and only when a due message may go by SMS (the
 * settings module, with its schemas, loads then: an inbox call on a new instance skips it).
 */
export async function smsRulesFor(
  services: Pick<Services, 'store'>,
  due: readonly OutboxDoc[],
): Promise<SmsRules | null> {
  if (!due.some((d) => d.smsState === 'pending')) return null;
  const { currentSettings } = await import('../settings/store');
  return (await currentSettings(services.store)).body.sms;
}

/** Whether this message's SMS may go out, so the worker reads the member's phone number. */
export function mayNeedPhone(doc: OutboxDoc, rules: SmsRules | null, sms: SmsPort): boolean {
  return (
    doc.smsState === 'pending' &&
    !!doc.sms &&
    !!rules &&
    rules[SMS_SETTING[doc.sms.template]] !== 'off' &&
    sms.supports(doc.sms.template)
  );
}

/** What the WeChat part of this attempt came to, and whether it changed the stored state. */
export interface WechatPart {
  wechat: WechatState;
  changed: boolean;
}

/**
 * The message's SMS, at most once: by the settings (`off`, `always`, or only when the WeChat
 * part found no subscription), to the roster's phone number. The outbox document is marked
 * `sending` by a conditional update before the send (with the WeChat part's outcome, so a
 * crash after the send does not leave that unknown), so a second worker, or one taking over
 * after a crash, never sends it again: it finds `sending` and records `unknown`. A passing
 * failure puts it back to `pending` and throws (the backoff tries again); on the last attempt
 * it is recorded as failed instead, so the message itself does not die of its SMS.
 * Undefined: unchanged (none asked for, decided already, or another worker has it).
 */
export async function deliverSms(
  services: SmsServices,
  doc: OutboxDoc,
  part: {
    wechat: WechatPart;
    member: MemberDoc | undefined;
    rules: SmsRules | null;
    lastAttempt: boolean;
  },
): Promise<{ sms: SmsState; error?: string } | undefined> {
  if (doc.smsState === 'sending') return { sms: 'unknown' };
  if (doc.smsState !== 'pending' || !doc.sms || !part.rules) return undefined;
  const mode = part.rules[SMS_SETTING[doc.sms.template]];
  if (mode === 'off') return { sms: 'off' };
  if (mode === 'whenNoSubscription' && !NO_SUBSCRIPTION.has(part.wechat.wechat))
    return { sms: 'not-needed' };
  if (!services.sms.supports(doc.sms.template)) return { sms: 'unconfigured' };
  if (!part.member?.phone) return { sms: 'no-phone' };
  const marked = await services.store.update(
    'outbox',
    doc._id,
    {
      set: {
        smsState: 'sending',
        inboxDone: true,
        ...(part.wechat.changed ? { wechat: part.wechat.wechat } : {}),
      },
    },
    { if: { smsState: 'pending' } },
  );
  if (!marked) return undefined; // another worker is sending it
  const result = await services.sms.send({
    phone: part.member.phone,
    template: doc.sms.template,
    params: doc.sms.params,
  });
  if (result.ok) return { sms: 'sent' };
  const error = `SMS ${result.reason}: ${result.detail}`.slice(0, 500);
  switch (result.reason) {
    case 'NOT_CONFIGURED':
      return { sms: 'unconfigured' };
    case 'UNKNOWN':
      return { sms: 'unknown', error };
    case 'BAD_NUMBER':
    case 'REJECTED':
      return { sms: 'failed', error };
    case 'FAILED':
      if (part.lastAttempt) return { sms: 'failed', error };
      await services.store.update('outbox', doc._id, { set: { smsState: 'pending' } });
      throw new Error(`SMS not sent: ${result.detail}`);
  }
}
