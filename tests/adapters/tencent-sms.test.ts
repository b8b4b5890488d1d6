import { createHash, createHmac } from 'node:crypto';
import { tencentSms, tencentSmsFromEnv } from '../../cloudfunctions/adapters/tencent-sms';
import { noSms, type SmsTemplateConfig } from '../../cloudfunctions/ports/sms';

/**
 * The Tencent Cloud SMS adapter through Tencent's own SDK, with its HTTP layer (node-fetch)
 * replaced: the SDK builds, signs and encodes the request as it would for Tencent, nothing
 * leaves the machine, and the answers are Tencent's documented shapes.
 */
const calls: Array<{
  url: string;
  init: { method: string; headers: Record<string, string>; body: string };
}> = [];
let answer: () => Promise<unknown> = async () => respond({});

jest.mock('node-fetch', () => {
  const actual = jest.requireActual('node-fetch');
  const fake = (url: string, init: never) => {
    calls.push({ url, init });
    return answer();
  };
  return Object.assign(fake, actual, { default: fake, __esModule: true });
});

/** Tencent's HTTP answer: `{ Response: … }` as JSON. */
function respond(response: object, status = 200): unknown {
  const { Response } = jest.requireActual<{
    Response: new (body: string, init: { status: number; headers: object }) => unknown;
  }>('node-fetch');
  return new Response(JSON.stringify({ Response: { RequestId: 'req-1', ...response } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

const TEMPLATES: SmsTemplateConfig[] = [
  { key: 'meetingNotice', templateId: '2088001', params: ['title', 'time', 'place'] },
  { key: 'leaveResult', templateId: '2088003', params: ['title', 'note'], maxLength: [6, 12] },
];

const KEY = { secretId: 'AKIDtest', secretKey: 'secret-test' };

const adapter = () =>
  tencentSms({
    credential: () => KEY,
    region: 'ap-guangzhou',
    sdkAppId: '1400006666',
    signName: '某区政协',
    templates: TEMPLATES,
  });

const notice = {
  phone: '13800000001',
  template: 'meetingNotice' as const,
  params: {
    title: '区政协七届三次全体会议暨专题协商会',
    time: '2026-03-05 08:30',
    place: '区会议中心',
  },
};

const ok = (code = 'Ok', message = 'send success') =>
  respond({
    SendStatusSet: [
      { SerialNo: '2028:1', PhoneNumber: '+8613800000001', Fee: 1, Code: code, Message: message },
    ],
  });

beforeEach(() => {
  calls.length = 0;
  answer = async () => ok();
});

describe('Tencent Cloud SMS adapter (SendSms 2021-01-11 through the SDK)', () => {
  it('sends what the SDK encodes: action, version, region, and the JSON body we expect', async () => {
    expect(await adapter().send(notice)).toEqual({ ok: true });
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url).toBe('https://sms.tencentcloudapi.com/');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({
      'X-TC-Action': 'SendSms',
      'X-TC-Version': '2021-01-11',
      'X-TC-Region': 'ap-guangzhou',
      'Content-Type': 'application/json',
      Host: 'sms.tencentcloudapi.com',
    });
    expect(JSON.parse(init.body)).toEqual({
      SmsSdkAppId: '1400006666',
      SignName: '某区政协',
      TemplateId: '2088001',
      PhoneNumberSet: ['+8613800000001'],
      TemplateParamSet: ['区政协七届三次全体会议…', '3月5日08:30', '区会议中心'],
    });
  });

  it('signs the request with TC3-HMAC-SHA256 over that body (Tencent would accept it)', async () => {
    await adapter().send(notice);
    const { init } = calls[0]!;
    const timestamp = Number(init.headers['X-TC-Timestamp']);
    const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
    const canonical = [
      'POST',
      '/',
      '',
      `content-type:application/json\nhost:sms.tencentcloudapi.com\n`,
      'content-type;host',
      sha256(init.body),
    ].join('\n');
    const scope = `${date}/sms/tc3_request`;
    const toSign = ['TC3-HMAC-SHA256', timestamp, scope, sha256(canonical)].join('\n');
    const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();
    const key = hmac(hmac(hmac(`TC3${KEY.secretKey}`, date), 'sms'), 'tc3_request');
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    expect(init.headers.Authorization).toBe(
      `TC3-HMAC-SHA256 Credential=${KEY.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
    );
  });

  it('cuts each variable to its template’s length', async () => {
    await adapter().send({
      phone: '+86 138 0000 0001',
      template: 'leaveResult',
      params: { title: '区政协七届三次全会', note: '请假未获批准，请按时参加会议' },
    });
    const body = JSON.parse(calls[0]!.init.body) as {
      TemplateParamSet: string[];
      PhoneNumberSet: string[];
    };
    expect(body.PhoneNumberSet).toEqual(['+8613800000001']);
    expect(body.TemplateParamSet).toEqual(['区政协七届…', '请假未获批准，请按时参…']);
  });

  it.each([
    ['FailedOperation.PhoneNumberInBlacklist', 'REJECTED'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'REJECTED'],
    ['LimitExceeded.PhoneNumberDailyLimit', 'REJECTED'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'BAD_NUMBER'],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'FAILED'],
    ['InternalError.Timeout', 'UNKNOWN'],
  ])('maps a number’s status %s to %s', async (code, reason) => {
    answer = async () => ok(code, 'x');
    expect(await adapter().send(notice)).toMatchObject({ ok: false, reason });
  });

  it.each([
    ['AuthFailure.SecretIdNotFound', 'REJECTED'],
    ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'REJECTED'],
    ['RequestLimitExceeded', 'FAILED'],
    ['InternalError.OtherError', 'FAILED'],
    ['InternalError.Timeout', 'UNKNOWN'],
  ])('maps the SDK’s error response %s to %s', async (code, reason) => {
    answer = async () => respond({ Error: { Code: code, Message: 'refused' } });
    const res = await adapter().send(notice);
    expect(res).toMatchObject({ ok: false, reason, detail: expect.stringContaining(code) });
  });

  it('calls an unreachable host FAILED, and a lost answer UNKNOWN (never sent again)', async () => {
    answer = async () => {
      throw new Error(
        'request to https://sms.tencentcloudapi.com/ failed, reason: getaddrinfo ENOTFOUND',
      );
    };
    expect(await adapter().send(notice)).toMatchObject({ ok: false, reason: 'FAILED' });
    answer = async () => {
      throw new Error('network timeout at: https://sms.tencentcloudapi.com/');
    };
    expect(await adapter().send(notice)).toMatchObject({ ok: false, reason: 'UNKNOWN' });
    answer = async () => respond({}, 502);
    expect(await adapter().send(notice)).toMatchObject({ ok: false, reason: 'UNKNOWN' });
    answer = async () => respond({});
    expect(await adapter().send(notice)).toMatchObject({ ok: false, reason: 'UNKNOWN' });
  });

  it('sends nothing for a template it has no id for, or a number that is not a mainland mobile', async () => {
    const sms = adapter();
    expect(sms.supports('meetingChange')).toBe(false);
    expect(await sms.send({ ...notice, template: 'meetingChange' })).toMatchObject({
      reason: 'NOT_CONFIGURED',
    });
    expect(await sms.send({ ...notice, phone: '85291234567' })).toMatchObject({
      reason: 'BAD_NUMBER',
    });
    expect(calls).toHaveLength(0);
  });
});

describe('SMS configuration from the environment', () => {
  const env = {
    SMS_SDK_APP_ID: '1400006666',
    SMS_SIGN_NAME: '某区政协',
    SMS_TEMPLATES: JSON.stringify(TEMPLATES),
  };

  it('is off without SMS_SDK_APP_ID', () => {
    expect(tencentSmsFromEnv({})).toBe(noSms);
  });

  it('refuses a half-done set-up, naming what is missing', () => {
    expect(() => tencentSmsFromEnv({ SMS_SDK_APP_ID: '1400006666' })).toThrow(
      /SMS_SIGN_NAME, SMS_TEMPLATES, SMS_SECRET_ID/,
    );
  });

  it('uses the function role’s key (with its token) unless SMS_SECRET_ID is set', async () => {
    const role = tencentSmsFromEnv({
      ...env,
      TENCENTCLOUD_SECRETID: 'AKIDrole',
      TENCENTCLOUD_SECRETKEY: 'k',
      TENCENTCLOUD_SESSIONTOKEN: 'tok',
    });
    expect(await role.send(notice)).toEqual({ ok: true });
    expect(calls[0]!.init.headers).toMatchObject({
      'X-TC-Token': 'tok',
      'X-TC-Region': 'ap-guangzhou',
    });
    expect(calls[0]!.init.headers.Authorization).toContain('Credential=AKIDrole/');
    const own = tencentSmsFromEnv({
      ...env,
      SMS_REGION: 'ap-beijing',
      SMS_SECRET_ID: 'AKIDown',
      SMS_SECRET_KEY: 'k2',
      TENCENTCLOUD_SECRETID: 'AKIDrole',
    });
    await own.send(notice);
    expect(calls[1]!.init.headers).toMatchObject({ 'X-TC-Region': 'ap-beijing' });
    expect(calls[1]!.init.headers['X-TC-Token']).toBeUndefined();
    expect(calls[1]!.init.headers.Authorization).toContain('Credential=AKIDown/');
  });
});
