import type { Services } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { forEachLimit } from '../../kernel/concurrency';
import { describeError } from '../../kernel/logger';
import type { MemberDoc } from '../../kernel/identity';
import type { SubscribeMessage, TemplateConfig } from '../../ports/subscribe-message';
import { isStoreError, type StoredDoc } from '../../store/port';
import { fitThing, type OutboxDoc, type SmsState, type WechatState } from './outbox';
import { deliverSms, mayNeedPhone, smsRulesFor, type SmsRules } from './sms';

/** `subscriptions/<memberId>:<templateKey>`: one-time subscriptions the member has left. */
export interface SubscriptionDoc extends StoredDoc {
  memberId: string;
  templateKey: string;
  remaining: number;
  updatedAt: string;
}

export interface InboxDoc extends StoredDoc {
  memberId: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const DELIVERY = {
  /** How long a claimed message is held before another worker may take it over. */
  leaseMs: 60_000,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 6,
  /**
   * Messages one run takes: with a template each costs about eight store calls (claim, inbox,
   * the subscription's transaction of five, the result), so a run stays near 270 (the budget
   * per invocation is 300; an SMS adds one, its mark, and the run one settings read); the timer
   * runs every 10 seconds (about 190 messages a minute).
   */
  perRun: 32,
  /** Messages in flight at once (WeChat sends and store calls overlap). */
  parallel: 8,
};

type DeliveryServices = Pick<
  Services,
  'store' | 'clock' | 'messages' | 'templates' | 'log' | 'sms'
>;

type Stats = { claimed: number; delivered: number; retried: number; dead: number };

/**
 * The delivery worker: takes due outbox messages, puts each in the member's inbox and, where a
 * template and a subscription allow, sends the WeChat message, then, where the committee's
 * settings say so, the SMS (`sms.ts`). Failures retry with exponential backoff and end in
 * 'dead'. A message whose worker died mid-way is taken over when its lease runs out: the inbox
 * write is idempotent, and a WeChat message or SMS that may have gone out is never repeated.
 * Messages go `parallel` at a time; the members they need are read in one query.
 */
export async function deliverDue(
  services: DeliveryServices,
  limit = DELIVERY.perRun,
): Promise<Stats> {
  const now = services.clock.now();
  const due = await services.store.find<OutboxDoc>('outbox', {
    where: { status: { $in: ['pending', 'sending'] }, nextAttemptAt: { $lte: iso(now) } },
    orderBy: [['nextAttemptAt', 'asc']],
    limit,
  });
  const stats: Stats = { claimed: 0, delivered: 0, retried: 0, dead: 0 };
  const rules = await smsRulesFor(services, due);
  const members = await membersToSend(services, due, rules);
  await forEachLimit(due, DELIVERY.parallel, async (doc) => {
    const claimed = await services.store.update(
      'outbox',
      doc._id,
      {
        set: { status: 'sending', nextAttemptAt: iso(new Date(now.getTime() + DELIVERY.leaseMs)) },
        inc: { attempts: 1 },
      },
      { if: { status: doc.status, attempts: doc.attempts } },
    );
    if (!claimed) return; // another worker took it
    stats.claimed += 1;
    const attempt = { ...doc, attempts: doc.attempts + 1 };
    try {
      const result = await deliver(services, attempt, members, rules);
      // One write ends it: the inbox copy, what became of the WeChat message and the SMS, done.
      await services.store.update('outbox', doc._id, {
        set: {
          status: 'done',
          doneAt: iso(services.clock.now()),
          inboxDone: true,
          ...(result.wechat ? { wechat: result.wechat } : {}),
          ...(result.sms ? { smsState: result.sms } : {}),
          lastError: result.error ?? null,
        },
      });
      stats.delivered += 1;
    } catch (e) {
      const dead = attempt.attempts >= DELIVERY.maxAttempts;
      const delay = Math.min(
        DELIVERY.maxDelayMs,
        DELIVERY.baseDelayMs * 2 ** (attempt.attempts - 1),
      );
      const jittered = Math.round(delay * (0.8 + Math.random() * 0.4));
      await services.store.update('outbox', doc._id, {
        set: {
          status: dead ? 'dead' : 'pending',
          nextAttemptAt: iso(new Date(now.getTime() + jittered)),
          lastError: String((e as Error).message ?? e).slice(0, 500),
        },
      });
      services.log.warn(dead ? 'outbox message dead' : 'outbox delivery failed', {
        outboxId: doc._id,
        attempts: attempt.attempts,
        ...describeError(e),
      });
      if (dead) stats.dead += 1;
      else stats.retried += 1;
    }
  });
  return stats;
}

/** The members whose WeChat message or SMS may go out in this run, in one query. */
async function membersToSend(
  services: DeliveryServices,
  due: readonly OutboxDoc[],
  rules: SmsRules | null,
): Promise<Map<string, MemberDoc>> {
  const wechat = (d: OutboxDoc) =>
    d.wechat === 'pending' &&
    !!d.template &&
    services.templates.some((t) => t.key === d.template!.key);
  const ids = [
    ...new Set(
      due.filter((d) => wechat(d) || mayNeedPhone(d, rules, services.sms)).map((d) => d.memberId),
    ),
  ];
  if (ids.length === 0) return new Map();
  const found = await services.store.find<MemberDoc>('members', { where: { _id: { $in: ids } } });
  return new Map(found.map((m) => [m._id, m]));
}

/** What became of the WeChat message and the SMS (a part left out: unchanged). */
interface Delivered {
  wechat?: WechatState;
  sms?: SmsState;
  error?: string;
}

/** The inbox copy, the WeChat message, then the SMS (which may depend on the WeChat part). */
async function deliver(
  services: DeliveryServices,
  doc: OutboxDoc,
  members: ReadonlyMap<string, MemberDoc>,
  rules: SmsRules | null,
): Promise<Delivered> {
  await putInInbox(services, doc);
  const wechat = await deliverWechat(services, doc, members);
  const sms = await deliverSms(services, doc, {
    wechat: { wechat: wechat?.wechat ?? doc.wechat, changed: !!wechat },
    member: members.get(doc.memberId),
    rules,
    lastAttempt: doc.attempts >= DELIVERY.maxAttempts,
  });
  const error = [wechat?.error, sms?.error].filter(Boolean).join('; ');
  return { wechat: wechat?.wechat, sms: sms?.sms, ...(error ? { error } : {}) };
}

async function putInInbox(services: DeliveryServices, doc: OutboxDoc): Promise<void> {
  const { store } = services;
  if (!doc.inboxDone) {
    try {
      await store.insert<InboxDoc>('inbox', {
        _id: doc._id,
        memberId: doc.memberId,
        kind: doc.kind,
        title: doc.title,
        body: doc.body,
        link: doc.link,
        createdAt: doc.createdAt,
        readAt: null,
      });
    } catch (e) {
      if (!isStoreError(e, 'DUPLICATE')) throw e; // already there from an interrupted attempt
    }
  }
}

/** What became of the WeChat message (undefined: unchanged, none was asked for). */
type Outcome = { wechat: WechatState; error?: string } | undefined;

async function deliverWechat(
  services: DeliveryServices,
  doc: OutboxDoc,
  members: ReadonlyMap<string, MemberDoc>,
): Promise<Outcome> {
  const { store } = services;
  if (doc.wechat === 'sending') return { wechat: 'unknown' };
  if (doc.wechat !== 'pending' || !doc.template) return undefined;
  const template = services.templates.find((t) => t.key === doc.template!.key);
  if (!template) return { wechat: 'none' };
  const member = members.get(doc.memberId);
  if (!member?.openid) return { wechat: 'unbound' };
  const reserved = await reserveSubscription(services, doc);
  if (!reserved) return { wechat: 'not-subscribed' };
  const result = await services.messages.send(toMessage(member.openid, template, doc));
  if (result.ok) return { wechat: 'sent' };
  if (result.reason === 'NO_QUOTA') {
    await store.update('subscriptions', subscriptionId(doc), { set: { remaining: 0 } });
    return { wechat: 'no-subscription' };
  }
  if (result.reason === 'REJECTED') {
    await store.update('subscriptions', subscriptionId(doc), { inc: { remaining: 1 } }); // not consumed
    return { wechat: 'failed', error: result.detail };
  }
  // Not sent: give the subscription back and let the backoff try again.
  await store.transaction(async (tx) => {
    await tx.update('subscriptions', subscriptionId(doc), { inc: { remaining: 1 } });
    await tx.update('outbox', doc._id, { set: { wechat: 'pending', inboxDone: true } });
  });
  throw new Error(`subscription message not sent: ${result.detail}`);
}

/** Takes one subscription and marks the send as started, together; false when none is left. */
async function reserveSubscription(services: DeliveryServices, doc: OutboxDoc): Promise<boolean> {
  return services.store.transaction(async (tx) => {
    const sub = await tx.get<SubscriptionDoc>('subscriptions', subscriptionId(doc));
    if (!sub || sub.remaining <= 0) return false;
    await tx.update('subscriptions', sub._id, { inc: { remaining: -1 } });
    await tx.update('outbox', doc._id, { set: { wechat: 'sending' } });
    return true;
  });
}

export function subscriptionId(doc: { memberId: string; template?: { key: string } }): string {
  return `${doc.memberId}:${doc.template?.key ?? ''}`;
}

function toMessage(openid: string, template: TemplateConfig, doc: OutboxDoc): SubscribeMessage {
  const data: Record<string, { value: string }> = {};
  for (const [part, field] of Object.entries(template.fields)) {
    const value = doc.template?.values[part as keyof TemplateConfig['fields']];
    if (!field || value === undefined) continue;
    // `thing` fields hold at most 20 characters; `time` fields a date-time; others pass through.
    data[field] = { value: field.startsWith('thing') ? fitThing(value) : value };
  }
  return {
    openid,
    templateId: template.templateId,
    page: (doc.link ?? 'pages/home/index').replace(/^\//, ''),
    data,
  };
}
