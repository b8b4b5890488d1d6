import {
  DEFAULT_SETTINGS,
  type SettingsBody,
  type SettingsView,
  type SmsMode,
} from '../../typings/contracts/settings';
import type { NoticeReportRow } from '../../typings/contracts/meetings';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import {
  DELIVERY,
  deliverDue,
  type SubscriptionDoc,
} from '../../cloudfunctions/modules/notify/delivery';
import {
  enqueue,
  outboxId,
  type Notification,
  type OutboxDoc,
} from '../../cloudfunctions/modules/notify/outbox';
import {
  fitSmsParams,
  mainlandMobile,
  noSms,
  recordingSms,
  type Sms,
  type SmsPort,
  type SmsResult,
} from '../../cloudfunctions/ports/sms';
import { makeHarness, type Harness } from '../support/harness';
import { publishedMeeting } from '../meetings/support';

interface SentSms {
  phone: string;
  template: string;
  templateId: string;
  params: string[];
}

/** An SMS port that answers from a script, and records what it was asked to send. */
function scriptedSms(...answers: SmsResult[]): SmsPort & { sent: Sms[] } {
  const sent: Sms[] = [];
  return {
    sent,
    supports: () => true,
    async send(sms) {
      sent.push(sms);
      return answers.length > 1 ? answers.shift()! : (answers[0] ?? { ok: true });
    },
  };
}

describe('notices by SMS', () => {
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
    title: '会议通知：区政协七届三次全体会议',
    body: '请于 3 月 5 日 8:30 前到区会议中心报到。',
    link: '/pages/meetings/detail/index?id=mt1',
    template: {
      key: 'meetingNotice',
      values: {
        title: '区政协七届三次全体会议暨优化营商环境专题协商会',
        time: '2026-03-05 08:30',
        place: '区会议中心',
        note: '请及时回执',
      },
    },
    ...over,
  });
  const queue = (...ns: Notification[]) =>
    h.store.transaction((tx) => enqueue(tx, h.clock.now().toISOString(), ns));
  const outbox = (n = notice()) => h.store.get<OutboxDoc>('outbox', outboxId(n.key, n.memberId));
  const sentSms = () => h.store.find<SentSms & { _id: string }>('dev_sent_sms');
  const subscribe = (remaining: number, templateKey = 'meetingNotice') =>
    h.store.insert<SubscriptionDoc>('subscriptions', {
      _id: `${member._id}:${templateKey}`,
      memberId: member._id,
      templateKey,
      remaining,
      updatedAt: '',
    });
  /** Publishes the committee's SMS choices as an admin does on the settings page. */
  const smsSettings = async (sms: Partial<Record<keyof SettingsBody['sms'], SmsMode>>) => {
    const { version } = await h.ok<SettingsView>('demo-admin', 'settings.get', {});
    await h.ok('demo-admin', 'settings.update', {
      version,
      settings: { ...DEFAULT_SETTINGS, sms: { ...DEFAULT_SETTINGS.sms, ...sms } },
    });
  };

  it('sends none while the settings say off (the default), and records why', async () => {
    await queue(notice());
    expect(await outbox()).toMatchObject({ smsState: 'pending' });
    await deliverDue(h.services);
    expect(await outbox()).toMatchObject({ status: 'done', smsState: 'off' });
    expect(await sentSms()).toHaveLength(0);
  });

  it('always: sends the SMS beside the WeChat message, its variables fitted to Tencent’s rules', async () => {
    await smsSettings({ meetingNotice: 'always' });
    await subscribe(1);
    await queue(notice());
    await deliverDue(h.services);
    expect(await outbox()).toMatchObject({ status: 'done', wechat: 'sent', smsState: 'sent' });
    const [sms, ...more] = await sentSms();
    expect(more).toHaveLength(0);
    expect(sms).toMatchObject({
      phone: '+8613800000001',
      template: 'meetingNotice',
      templateId: 'demo-sms-meeting-notice',
      // At most 12 characters a variable; the time compacted.
      params: ['区政协七届三次全体会议…', '3月5日08:30', '区会议中心'],
    });
    expect([...sms!.params[0]!]).toHaveLength(12);
  });

  it('whenNoSubscription: an SMS only to those the WeChat message could not reach', async () => {
    await smsSettings({ meetingNotice: 'whenNoSubscription' });
    const other = (
      await h.store.find<MemberDoc>('members', { where: { phone: '13800000002' } })
    )[0]!;
    const third = (
      await h.store.find<MemberDoc>('members', { where: { phone: '13800000003' } })
    )[0]!;
    await subscribe(1); // member 1 has one left
    // Member 3's count says one is left, but WeChat answers 43101: none after all.
    await h.store.insert<SubscriptionDoc>('subscriptions', {
      _id: `${third._id}:meetingNotice`,
      memberId: third._id,
      templateKey: 'meetingNotice',
      remaining: 1,
      updatedAt: '',
    });
    const wechat = h.services.messages;
    h.services.messages = {
      send: async (m) =>
        m.openid === third.openid
          ? { ok: false, reason: 'NO_QUOTA', detail: '43101' }
          : wechat.send(m),
    };
    await queue(notice(), notice({ memberId: other._id }), notice({ memberId: third._id }));
    await deliverDue(h.services);
    expect(await outbox()).toMatchObject({ wechat: 'sent', smsState: 'not-needed' });
    expect(await outbox(notice({ memberId: other._id }))).toMatchObject({
      wechat: 'not-subscribed',
      smsState: 'sent',
    });
    expect(await outbox(notice({ memberId: third._id }))).toMatchObject({
      wechat: 'no-subscription',
      smsState: 'sent',
    });
    expect((await sentSms()).map((s) => s.phone).sort()).toEqual([
      '+8613800000002',
      '+8613800000003',
    ]);
  });

  it('goes by the setting of its kind: a leave decision follows leaveDecision', async () => {
    await smsSettings({ leaveDecision: 'always' });
    const leave = notice({
      key: 'meeting.leave:mt1:approved:',
      kind: 'meeting.leave',
      title: '请假已批准：区政协七届三次全体会议',
      template: { key: 'leaveResult', values: { title: '七届三次全会', note: '请假已批准' } },
    });
    await queue(notice(), leave);
    await deliverDue(h.services);
    expect(await outbox()).toMatchObject({ smsState: 'off' });
    expect(await outbox(leave)).toMatchObject({ smsState: 'sent' });
    expect((await sentSms()).map((s) => [s.templateId, s.params])).toEqual([
      ['demo-sms-leave-result', ['七届三次全会', '请假已批准']],
    ]);
  });

  it('sends none to a member without a phone number, nor where SMS is not set up', async () => {
    await smsSettings({ meetingNotice: 'always' });
    await h.store.update('members', member._id, { set: { phone: null } });
    await queue(notice());
    await deliverDue(h.services);
    expect(await outbox()).toMatchObject({ status: 'done', smsState: 'no-phone' });

    h.services.sms = noSms;
    const next = notice({ key: 'meeting.notice:mt2:v1' });
    await queue(next);
    await deliverDue(h.services);
    expect(await outbox(next)).toMatchObject({ status: 'done', smsState: 'unconfigured' });
    expect(await sentSms()).toHaveLength(0);
  });

  it('never sends twice when its worker died after marking the SMS as going out', async () => {
    await smsSettings({ meetingNotice: 'always' });
    await queue(notice());
    // A worker claimed it, put it in the inbox, marked the SMS as sending, then died.
    await h.store.update('outbox', outboxId(notice().key, member._id), {
      set: {
        status: 'sending',
        inboxDone: true,
        wechat: 'not-subscribed',
        smsState: 'sending',
        nextAttemptAt: new Date(h.clock.now().getTime() + DELIVERY.leaseMs).toISOString(),
      },
      inc: { attempts: 1 },
    });
    const sms = scriptedSms({ ok: true });
    h.services.sms = sms;
    expect((await deliverDue(h.services)).claimed).toBe(0); // still leased
    h.clock.advance(DELIVERY.leaseMs);
    expect((await deliverDue(h.services)).delivered).toBe(1);
    expect(sms.sent).toHaveLength(0);
    expect(await outbox()).toMatchObject({
      status: 'done',
      wechat: 'not-subscribed',
      smsState: 'unknown',
    });
  });

  it('sends one SMS with racing workers', async () => {
    await smsSettings({ meetingNotice: 'always' });
    await queue(notice());
    const sms = scriptedSms({ ok: true });
    h.services.sms = sms;
    await Promise.all([deliverDue(h.services), deliverDue(h.services), deliverDue(h.services)]);
    expect(sms.sent).toHaveLength(1);
  });

  it('tries a passing failure again without sending the WeChat message twice', async () => {
    await smsSettings({ meetingNotice: 'always' });
    await subscribe(2);
    const wechat: string[] = [];
    h.services.messages = { send: async (m) => (wechat.push(m.templateId), { ok: true }) };
    const sms = scriptedSms(
      { ok: false, reason: 'FAILED', detail: 'RequestLimitExceeded' },
      { ok: true },
    );
    h.services.sms = sms;
    await queue(notice());
    expect(await deliverDue(h.services)).toMatchObject({ retried: 1 });
    expect(await outbox()).toMatchObject({
      status: 'pending',
      inboxDone: true,
      wechat: 'sent',
      smsState: 'pending',
    });
    h.clock.set((await outbox())!.nextAttemptAt);
    expect(await deliverDue(h.services)).toMatchObject({ delivered: 1 });
    expect(await outbox()).toMatchObject({ status: 'done', wechat: 'sent', smsState: 'sent' });
    expect(sms.sent).toHaveLength(2);
    expect(wechat).toHaveLength(1);
    expect(
      (await h.store.get<SubscriptionDoc>('subscriptions', `${member._id}:meetingNotice`))!
        .remaining,
    ).toBe(1);
  });

  it('records a refusal or an answer that may have gone out, and never tries those again', async () => {
    await smsSettings({ meetingNotice: 'always' });
    h.services.sms = scriptedSms(
      { ok: false, reason: 'REJECTED', detail: 'FailedOperation.PhoneNumberInBlacklist' },
      { ok: false, reason: 'UNKNOWN', detail: 'network timeout' },
    );
    const second = notice({ key: 'meeting.notice:mt2:v1' });
    await queue(notice());
    await deliverDue(h.services);
    await queue(second);
    await deliverDue(h.services);
    expect(await outbox()).toMatchObject({
      status: 'done',
      smsState: 'failed',
      lastError: expect.stringContaining('PhoneNumberInBlacklist'),
    });
    expect(await outbox(second)).toMatchObject({ status: 'done', smsState: 'unknown' });
  });

  it('ends a message whose SMS keeps failing as done, its SMS failed, not dead', async () => {
    await smsSettings({ meetingNotice: 'always' });
    const sms = scriptedSms({ ok: false, reason: 'FAILED', detail: 'InternalError' });
    h.services.sms = sms;
    await queue(notice());
    for (let attempt = 1; attempt <= DELIVERY.maxAttempts; attempt++) {
      h.clock.set((await outbox())!.nextAttemptAt);
      await deliverDue(h.services);
    }
    expect(await outbox()).toMatchObject({ status: 'done', smsState: 'failed' });
    expect(sms.sent).toHaveLength(DELIVERY.maxAttempts);
  });

  it('shows on the notice report who was reached by SMS', async () => {
    await smsSettings({ meetingNotice: 'always' });
    await h.ok('demo-member-01', 'notify.reportSubscriptions', {
      results: { 'demo-meeting-notice': 'accept' },
    });
    const m = await publishedMeeting(h);
    await deliverDue(h.services, 500);
    const report = await h.ok<{
      counts: Record<string, number>;
      rows: NoticeReportRow[];
    }>('demo-staff', 'meetings.getNoticeReport', { meetingId: m.id });
    const withPhone = report.rows.filter((r) => r.sms).length;
    expect(withPhone).toBeGreaterThan(0);
    expect(report.counts).toMatchObject({ invited: 40, wechat: 1, sms: withPhone });
    expect(report.counts.inboxOnly).toBe(40 - 1 - (withPhone - 1));
    expect(report.rows.find((r) => r.memberId === member._id)).toMatchObject({
      channel: 'wechat',
      sms: true,
    });
    expect(report.rows.filter((r) => r.channel === 'sms')).toHaveLength(withPhone - 1);
    expect(await sentSms()).toHaveLength(withPhone);
  });
});

describe('the SMS port’s local parts', () => {
  it('records what it would send, fitted, and refuses a number that is not a mainland mobile', async () => {
    const h = await makeHarness();
    try {
      const sms = recordingSms(h.store, () => h.clock.now());
      expect(sms.supports('meetingChange')).toBe(true);
      expect(
        await sms.send({
          phone: '138 0000 0001',
          template: 'meetingChange',
          params: { title: '【重要】常委会', note: '' },
        }),
      ).toEqual({ ok: true });
      expect(
        await sms.send({ phone: '021-5555666', template: 'meetingChange', params: {} }),
      ).toEqual({ ok: false, reason: 'BAD_NUMBER', detail: '021-5555666' });
      const recorded = await h.store.find<SentSms & { _id: string }>('dev_sent_sms');
      expect(
        recorded.map(({ phone, templateId, params }) => ({ phone, templateId, params })),
      ).toEqual([
        {
          phone: '+8613800000001',
          templateId: 'demo-sms-meeting-change',
          params: ['[重要]常委会', '无'],
        },
      ]);
      expect(recordingSms(h.store, () => h.clock.now(), []).supports('meetingNotice')).toBe(false);
    } finally {
      await h.close();
    }
  });

  it('fits variables to a template’s limits, one for all or one each', () => {
    const values = { title: '一二三四五六七八', time: '2026-12-01 14:00', note: 'a  b' };
    expect(
      fitSmsParams(
        { key: 'meetingNotice', templateId: 't', params: ['title', 'time'], maxLength: 6 },
        values,
      ),
    ).toEqual(['一二三四五…', '12月1日…']);
    expect(
      fitSmsParams(
        {
          key: 'meetingNotice',
          templateId: 't',
          params: ['title', 'note', 'time'],
          maxLength: [20, 6, 20],
        },
        values,
      ),
    ).toEqual(['一二三四五六七八', 'a b', '12月1日14:00']);
  });

  it('writes mainland numbers as E.164', () => {
    expect(mainlandMobile('13800000001')).toBe('+8613800000001');
    expect(mainlandMobile('+86 138-0000-0001')).toBe('+8613800000001');
    expect(mainlandMobile('008613800000001')).toBe('+8613800000001');
    expect(mainlandMobile('12800000001')).toBeNull();
    expect(mainlandMobile('85291234567')).toBeNull();
  });
});
