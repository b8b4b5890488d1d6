import {
  wechatPhoneNumbers,
  type PhoneNumberOpenApi,
} from '../../cloudfunctions/adapters/wechat-phone';
import {
  wechatSubscribeMessages,
  type SubscribeOpenApi,
} from '../../cloudfunctions/adapters/wechat-subscribe';

/** The WeChat adapters against a stand-in for `cloud.openapi` (WeChat's servers are out of reach here). */
describe('subscribeMessage.send adapter', () => {
  const message = {
    openid: 'o1',
    templateId: 't1',
    page: 'pages/home/index',
    data: { thing1: { value: '会议' } },
  };
  const adapter = (impl: SubscribeOpenApi['subscribeMessage']['send']) =>
    wechatSubscribeMessages({ subscribeMessage: { send: impl } }, 'trial');

  it('passes the message through in WeChat’s shape', async () => {
    const send = jest.fn(async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }));
    expect(await adapter(send).send(message)).toEqual({ ok: true });
    expect(send).toHaveBeenCalledWith({
      touser: 'o1',
      templateId: 't1',
      page: 'pages/home/index',
      data: message.data,
      miniprogramState: 'trial',
    });
  });

  it.each([
    [43101, 'NO_QUOTA'],
    [47003, 'REJECTED'],
    [40003, 'REJECTED'],
    [-1, 'FAILED'],
  ])('maps errcode %i to %s, returned or thrown', async (code, reason) => {
    expect(await adapter(async () => ({ errCode: code, errMsg: 'x' })).send(message)).toMatchObject(
      { ok: false, reason },
    );
    const thrown = Object.assign(new Error('x'), { errCode: code });
    expect(
      await adapter(async () => {
        throw thrown;
      }).send(message),
    ).toMatchObject({ ok: false, reason });
  });

  it('treats a network failure as passing', async () => {
    const res = await adapter(async () => {
      throw new Error('ETIMEDOUT');
    }).send(message);
    expect(res).toEqual({ ok: false, reason: 'FAILED', detail: 'ETIMEDOUT' });
  });
});

describe('phonenumber.getPhoneNumber adapter', () => {
  const adapter = (impl: PhoneNumberOpenApi['phonenumber']['getPhoneNumber']) =>
    wechatPhoneNumbers({ phonenumber: { getPhoneNumber: impl } });

  it('returns the pure number', async () => {
    expect(
      await adapter(async () => ({
        errCode: 0,
        phoneInfo: { purePhoneNumber: '13800000001', countryCode: '86' },
      })).resolve('c'),
    ).toBe('13800000001');
  });

  it('refuses a bad or used code', async () => {
    const thrown = Object.assign(new Error('invalid code'), { errCode: 40029 });
    await expect(
      adapter(async () => {
        throw thrown;
      }).resolve('c'),
    ).rejects.toMatchObject({ code: 'BIND.PHONE_CODE_INVALID' });
  });

  it('refuses a number outside mainland China', async () => {
    await expect(
      adapter(async () => ({
        phoneInfo: { purePhoneNumber: '91234567', countryCode: '852' },
      })).resolve('c'),
    ).rejects.toMatchObject({ code: 'BIND.PHONE_NOT_ON_ROSTER' });
  });
});
