import type { Page } from '../../typings/contracts/envelope';
import type { InboxItem } from '../../typings/contracts/notify';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { silentLogger } from '../../cloudfunctions/kernel/logger';
import {
  DELIVERY,
  deliverDue,
  type SubscriptionDoc,
} from '../../cloudfunctions/modules/notify/delivery';
import {
  enqueue,
  fitThing,
  outboxId,
  type Notification,
  type OutboxDoc,
} from '../../cloudfunctions/modules/notify/outbox';
import type {
  SendResult,
  SubscribeMessage,
  SubscribeMessagePort,
} from '../../cloudfunctions/ports/subscribe-message';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { makeHarness, type Harness } from '../support/harness';

/** A sender that answers from a script, and records what it was asked to send. */
function scriptedSender(
  ...answers: SendResult[]
): SubscribeMessagePort & { sent: SubscribeMessage[] } {
  const sent: SubscribeMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      return answers.length > 1 ? answers.shift()! : (answers[0] ?? { ok: true });
    },
  };
}

describe('the notification outbox', () => {
  let h: Harness;
  let member: MemberDoc;
  beforeEach(async () => {
    h = await makeHarness();
    member = (await h.store.find<MemberDoc>('members', { where: { phone: '13800000001' } }))[0]!;
  });
  afterEach(() => h.close());

  const notice = (over: Partial<Notification> = {}): Notification => ({
    key: 'meeting.notice:mt1:v1',
    memberId: member._id,
    kind: 'meeting.notice',
    title: '关于召开区政协七届三次会议的通知',
    body: '请于 3 月 5 日 8:30 前到区会议中心报到。',
    link: '/pages/meetings/detail/index?id=mt1',
    template: {
      key: 'meetingNotice',
      values: {
        title: '区政协七届三次全体会议暨优化营商环境专题协商会',
        time: '2026-03-05 08:30',
        place: '区会议中心',
        note: '请按时参会',
      },
    },
    ...over,
  });
  const queue = (...ns: Notification[]) =>
    h.store.transaction((tx) => enqueue(tx, h.clock.now().toISOString(), ns));
  const outbox = (n = notice()) => h.store.get<OutboxDoc>('outbox', outboxId(n.key, n.memberId));
  const subscribe = (remaining: number) =>
    h.store.insert<SubscriptionDoc>('subscriptions', {
      _id: `${member._id}:meetingNotice`,
      memberId: member._id,
      templateKey: 'meetingNotice',
      remaining,
      updatedAt: '',
    });

  it('puts the message in the inbox and sends the WeChat message when subscribed', async () => {
    await subscribe(2);
    const sender = scriptedSender({ ok: true });
    h.services.messages = sender;
    await queue(notice());
    expect(await deliverDue(h.services)).toMatchObject({ claimed: 1, delivered: 1 });
    const inbox = await h.ok<Page<InboxItem> & { unread: number }>(
      'demo-member-01',
      'notify.listInbox',
      {},
    );
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      title: '关于召开区政协七届三次会议的通知',
      link: '/pages/meetings/detail/index?id=mt1',
      readAt: null,
    });
    expect(sender.sent).toEqual([
      {
        openid: 'demo-member-01',
        templateId: 'demo-meeting-notice',
        page: 'pages/meetings/detail/index?id=mt1',
        data: {
          thing1: { value: '区政协七届三次全体会议暨优化营商环境专…' },
          time2: { value: '2026-03-05 08:30' },
          thing3: { value: '区会议中心' },
          thing4: { value: '请按时参会' },
        },
      },
    ]);
    expect(sender.sent[0]!.data.thing1!.value).toHaveLength(20);
    expect(await outbox()).toMatchObject({ status: 'done', wechat: 'sent', inboxDone: true });
    expect(
      (await h.store.get<SubscriptionDoc>('subscriptions', `${member._id}:meetingNotice`))!
        .remaining,
    ).toBe(1);
  });

  it('reaches an unsubscribed member in the inbox only', async () => {
    const sender = scriptedSender();
    h.services.messages = sender;
    await queue(notice());
    await deliverDue(h.services);
    expect(sender.sent).toHaveLength(0);
    expect(await outbox()).toMatchObject({
      status: 'done',
      wechat: 'not-subscribed',
      inboxDone: true,
    });
  });

  it('records WeChat’s 43101 as no subscription left', async () => {
    await subscribe(3);
    h.services.messages = scriptedSender({ ok: false, reason: 'NO_QUOTA', detail: '43101' });
    await queue(notice());
    await deliverDue(h.services);
    expect(await outbox()).toMatchObject({ status: 'done', wechat: 'no-subscription' });
    expect(
      (await h.store.get<SubscriptionDoc>('subscriptions', `${member._id}:meetingNotice`))!
        .remaining,
    ).toBe(0);
  });

  it('retries a failing sender with exponential backoff, then dead-letters the message', async () => {
    await subscribe(1);
    const sender = scriptedSender({ ok: false, reason: 'FAILED', detail: '-1 system busy' });
    h.services.messages = sender;
    await queue(notice());
    const delays: number[] = [];
    for (let attempt = 1; attempt <= DELIVERY.maxAttempts; attempt++) {
      const before = await outbox();
      h.clock.set(before!.nextAttemptAt);
      const stats = await deliverDue(h.services);
      const after = (await outbox())!;
      expect(after.attempts).toBe(attempt);
      if (attempt < DELIVERY.maxAttempts) {
        expect(stats.retried).toBe(1);
        expect(after.status).toBe('pending');
        delays.push(new Date(after.nextAttemptAt).getTime() - h.clock.now().getTime());
        // Nothing is picked up before the backoff has passed.
        expect((await deliverDue(h.services)).claimed).toBe(0);
      } else {
        expect(stats.dead).toBe(1);
        expect(after).toMatchObject({
          status: 'dead',
          lastError: expect.stringContaining('system busy'),
        });
      }
    }
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
    expect(delays[0]).toBeGreaterThanOrEqual(DELIVERY.baseDelayMs * 0.8);
    // The subscription was never consumed by a message that did not go out.
    expect(
      (await h.store.get<SubscriptionDoc>('subscriptions', `${member._id}:meetingNotice`))!
        .remaining,
    ).toBe(1);
    expect(sender.sent).toHaveLength(DELIVERY.maxAttempts);
    // Its inbox copy arrived on the first attempt all the same.
    expect(await h.store.count('inbox', { memberId: member._id })).toBe(1);
  });

  it('loses nothing when the process dies between the commit and delivery', async () => {
    await queue(notice(), notice({ key: 'meeting.notice:mt2:v1' }));
    const file = (h.store as unknown as { db: { name: string } }).db.name;
    await h.store.close();
    // A new process on the same database file delivers what the old one committed.
    const store = new SqliteStore(file);
    const services = { ...h.services, store, log: silentLogger };
    expect(await deliverDue(services)).toMatchObject({ delivered: 2 });
    expect(await store.count('inbox', { memberId: member._id })).toBe(2);
    h.store = store;
  });

  it('takes over a message whose worker died mid-send without sending it twice', async () => {
    await subscribe(2);
    await queue(notice());
    // A worker claimed it, reserved a subscription and began sending, then died.
    await h.store.update('outbox', outboxId(notice().key, member._id), {
      set: {
        status: 'sending',
        wechat: 'sending',
        nextAttemptAt: new Date(h.clock.now().getTime() + DELIVERY.leaseMs).toISOString(),
      },
      inc: { attempts: 1 },
    });
    const sender = scriptedSender({ ok: true });
    h.services.messages = sender;
    expect((await deliverDue(h.services)).claimed).toBe(0); // still leased
    h.clock.advance(DELIVERY.leaseMs);
    expect((await deliverDue(h.services)).delivered).toBe(1);
    expect(sender.sent).toHaveLength(0);
    expect(await outbox()).toMatchObject({ status: 'done', wechat: 'unknown', inboxDone: true });
  });

  it('never queues or sends the same notice twice to a member, even with racing workers', async () => {
    await subscribe(5);
    await queue(notice());
    await queue(notice());
    expect(await h.store.count('outbox')).toBe(1);
    const sender = scriptedSender({ ok: true });
    h.services.messages = sender;
    await Promise.all([deliverDue(h.services), deliverDue(h.services), deliverDue(h.services)]);
    expect(sender.sent).toHaveLength(1);
    expect(await h.store.count('inbox')).toBe(1);
  });

  it('fits WeChat’s 20-character thing fields', () => {
    expect(fitThing('短标题')).toBe('短标题');
    expect([...fitThing('一二三四五六七八九十一二三四五六七八九十一')]).toHaveLength(20);
    expect(fitThing('一二三四五六七八九十一二三四五六七八九十一').endsWith('…')).toBe(true);
  });
});

describe('notify actions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  it('counts subscriptions the member granted, and only accepted ones', async () => {
    const res = await h.ok<{ remaining: Record<string, number> }>(
      'demo-member-01',
      'notify.reportSubscriptions',
      {
        results: { 'demo-meeting-notice': 'accept', 'demo-leave-result': 'reject' },
      },
    );
    expect(res.remaining).toMatchObject({ meetingNotice: 1, leaveResult: 0 });
    const again = await h.ok<{ remaining: Record<string, number> }>(
      'demo-member-01',
      'notify.reportSubscriptions',
      { results: { 'demo-meeting-notice': 'accept' } },
    );
    expect(again.remaining.meetingNotice).toBe(2);
  });

  it('lists templates to ask for', async () => {
    const res = await h.ok<{ templates: Array<{ key: string }> }>(
      'demo-member-01',
      'notify.getSubscribeTemplates',
      {},
    );
    expect(res.templates.map((t) => t.key)).toEqual([
      'meetingNotice',
      'meetingChange',
      'leaveResult',
      'replyReminder',
    ]);
  });

  it('tells with the templates how many messages of each the caller has left', async () => {
    type Templates = { templates: Array<{ key: string; templateId: string; remaining: number }> };
    const left = async (openid: string) =>
      Object.fromEntries(
        (await h.ok<Templates>(openid, 'notify.getSubscribeTemplates', {})).templates.map((t) => [
          t.key,
          t.remaining,
        ]),
      );
    expect(await left('demo-member-01')).toEqual({
      meetingNotice: 0,
      meetingChange: 0,
      leaveResult: 0,
      replyReminder: 0,
    });

    for (let i = 0; i < 2; i += 1)
      await h.ok('demo-member-01', 'notify.reportSubscriptions', {
        results: {
          'demo-meeting-notice': 'accept',
          'demo-meeting-change': i ? 'reject' : 'accept',
        },
      });

    expect(await left('demo-member-01')).toMatchObject({ meetingNotice: 2, meetingChange: 1 });
    // Only one's own: another member has none.
    expect((await left('demo-member-02')).meetingNotice).toBe(0);
    expect((await h.err('demo-new-01', 'notify.getSubscribeTemplates', {})).code).toBe(
      'AUTH.NOT_BOUND',
    );
  });

  it('marks only the caller’s own items read', async () => {
    const [a, b] = await h.store.find<MemberDoc>('members', {
      where: { phone: { $in: ['13800000001', '13800000002'] } },
      orderBy: [['phone', 'asc']],
    });
    await h.store.transaction((tx) =>
      enqueue(tx, h.clock.now().toISOString(), [
        { key: 'k1', memberId: a!._id, kind: 'test', title: '甲的消息', body: '', link: null },
        { key: 'k1', memberId: b!._id, kind: 'test', title: '乙的消息', body: '', link: null },
      ]),
    );
    await h.ok('demo-staff', 'notify.runDelivery', {});
    const theirs = await h.ok<Page<InboxItem>>('demo-member-02', 'notify.listInbox', {});
    expect(
      (
        await h.ok<{ marked: number }>('demo-member-01', 'notify.markRead', {
          ids: [theirs.items[0]!.id],
        })
      ).marked,
    ).toBe(0);
    expect(
      (await h.ok<{ count: number }>('demo-member-02', 'notify.getUnreadCount', {})).count,
    ).toBe(1);
    expect(
      (await h.ok<{ marked: number }>('demo-member-02', 'notify.markRead', { all: true })).marked,
    ).toBe(1);
    expect(
      (await h.ok<{ count: number }>('demo-member-02', 'notify.getUnreadCount', {})).count,
    ).toBe(0);
    expect((await h.err('demo-member-01', 'notify.runDelivery', {})).code).toBe('AUTH.FORBIDDEN');
  });
});

describe('the timer', () => {
  it('delivers the outbox and drops answers kept for retries after a week', async () => {
    const h = await makeHarness();
    try {
      await h.ok('demo-member-01', 'notify.markRead', { all: true }, 'kept-answer-0001');
      expect(await h.store.count('idempotency')).toBe(1);
      const { onTimer } = await import('../../cloudfunctions/modules/notify/timer');
      expect((await onTimer(h.services)).purged).toBe(0);
      h.clock.advance(8 * 86_400_000);
      expect((await onTimer(h.services)).purged).toBe(1);
      expect(await h.store.count('idempotency')).toBe(0);
    } finally {
      await h.close();
    }
  });
});
