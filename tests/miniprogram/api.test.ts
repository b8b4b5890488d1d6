import { config } from '../../miniprogram/config';
import { api, ApiCallError, callWith, newRequestId } from '../../miniprogram/services/api';
import { send } from '../../miniprogram/services/transport';
import { aProfile } from './support/fixtures';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from './support/wx';

const defaults = { ...config, retryDelaysMs: [...config.retryDelaysMs] };

beforeEach(() => {
  resetWx();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

describe('api client', () => {
  it('resolves to the typed data of a successful call', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ name: '李明' })));

    const profile = await api.members.getMyProfile({});

    // Typed as MyProfile: a wrong field name would not compile.
    expect(profile.name).toBe('李明');
    expect(profile.roles).toEqual(['member']);
  });

  it('sends { action: "<function>.<action>", payload, requestId } to the function', async () => {
    answerWith('members.listRoster', ok({ items: [], total: 0, page: 2, pageSize: 20 }));

    await api.members.listRoster({ page: 2, keyword: '王' });

    const [call] = callsTo('members.listRoster');
    expect(call).toMatchObject({ fn: 'members', payload: { page: 2, keyword: '王' } });
    expect(call?.requestId).toMatch(/^[a-z0-9]{20}$/);
  });

  it('rejects with an ApiCallError carrying code, message and details', async () => {
    const details = { rows: [{ row: 3, column: '手机号', message: '手机号格式不正确' }] };
    answerWith('members.importRoster', fail('ROSTER.INVALID_ROWS', '名册中有错误', details));

    const error = await api.members
      .importRoster({ fileName: 'a.csv', contentBase64: 'YQ==' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'ROSTER.INVALID_ROWS', message: '名册中有错误', details });
  });

  it('does not retry an error the server answered', async () => {
    answerWith('members.unbind', fail('BIND.NOT_BOUND', '该人员尚未绑定微信'));

    await expect(api.members.unbind({ memberId: 'm-1', reason: '换手机' })).rejects.toMatchObject({
      code: 'BIND.NOT_BOUND',
    });
    expect(callsTo('members.unbind')).toHaveLength(1);
  });

  it('retries SYSTEM.UNAVAILABLE with the same requestId, so a write happens once', async () => {
    const profile = aProfile();
    answerWith('members.bindByInviteCode', NETWORK_DOWN, NETWORK_DOWN, ok(profile));

    await expect(api.members.bindByInviteCode({ code: 'ABCD2345' })).resolves.toEqual(profile);

    const calls = callsTo('members.bindByInviteCode');
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
  });

  it('gives up after two retries with SYSTEM.UNAVAILABLE', async () => {
    answerWith('members.getMyProfile', NETWORK_DOWN);

    await expect(api.members.getMyProfile({})).rejects.toMatchObject({
      code: 'SYSTEM.UNAVAILABLE',
      message: '服务暂时无法连接，请检查网络后重试',
    });
    expect(callsTo('members.getMyProfile')).toHaveLength(3);
  });

  describe('with a clock', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('waits between retries', async () => {
      config.retryDelaysMs = [400, 1200];
      answerWith('members.getMyProfile', NETWORK_DOWN, ok(aProfile()));
      const result = api.members.getMyProfile({});

      await jest.advanceTimersByTimeAsync(0);
      expect(callsTo('members.getMyProfile')).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(399);
      expect(callsTo('members.getMyProfile')).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(callsTo('members.getMyProfile')).toHaveLength(2);
      await jest.runAllTimersAsync();
      // (`expect(...).resolves` needs real timers.)
      expect(await result).toMatchObject({ id: 'm-001' });
    });
  });

  it('uses a fresh requestId for each call', async () => {
    answerWith('members.getMyProfile', ok(aProfile()));

    await api.members.getMyProfile({});
    await api.members.getMyProfile({});

    const [a, b] = callsTo('members.getMyProfile');
    expect(a?.requestId).not.toBe(b?.requestId);
  });

  it('sends every call of callWith(id) under that id, retries included', async () => {
    answerWith('members.getMyProfile', fail('SYSTEM.UNAVAILABLE', '服务繁忙'), ok(aProfile()));
    answerWith('proposals.submit', fail('SYSTEM.UNAVAILABLE', '服务繁忙'));

    await callWith('kept-request-id-0001').members.getMyProfile({});
    await callWith('kept-request-id-0001')
      .proposals.submit({ proposalId: 'pp-1' })
      .catch(() => {});
    await api.members.getMyProfile({}).catch(() => {});

    const ids = callsTo().map((c) => c.requestId);
    expect(ids.slice(0, -1).every((id) => id === 'kept-request-id-0001')).toBe(true);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(ids.at(-1)).not.toBe('kept-request-id-0001');
  });

  it('makes 20-character base36 request ids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRequestId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{20}$/);
  });
});

describe('transport: local', () => {
  it('POSTs to the local runtime with the dev openid header', async () => {
    config.devOpenid = 'demo-staff';
    answerWith('members.getMyProfile', ok(aProfile()));

    await api.members.getMyProfile({});

    expect(wxMock.request).toHaveBeenCalledTimes(1);
    const option = wxMock.request.mock.calls[0][0];
    expect(option).toMatchObject({
      url: 'http://127.0.0.1:8787/api/members',
      method: 'POST',
      header: { 'X-WX-OPENID': 'demo-staff' },
      data: { action: 'members.getMyProfile', payload: {} },
    });
    expect(wxMock.cloud.callFunction).not.toHaveBeenCalled();
  });

  it('defaults to the local transport as demo-member-01', () => {
    expect(defaults.transport).toBe('local');
    expect(defaults.devOpenid).toBe('demo-member-01');
  });

  it('passes an error envelope through whatever the HTTP status', async () => {
    wxMock.request.mockImplementationOnce((o: { success: (r: unknown) => void }) => {
      o.success({
        statusCode: 401,
        data: fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
        header: {},
      });
    });

    const res = await send({
      fn: 'members',
      action: 'members.getMyProfile',
      payload: {},
      requestId: 'r1',
    });

    expect(res).toEqual({
      ok: false,
      error: { code: 'AUTH.NOT_BOUND', message: '您还没有绑定委员身份，请先完成绑定' },
    });
  });

  it('turns a gateway error without an envelope into SYSTEM.UNAVAILABLE', async () => {
    wxMock.request.mockImplementationOnce((o: { success: (r: unknown) => void }) => {
      o.success({ statusCode: 502, data: '<html>Bad Gateway</html>', header: {} });
    });

    const res = await send({
      fn: 'members',
      action: 'members.getMyProfile',
      payload: {},
      requestId: 'r1',
    });

    expect(res).toMatchObject({ ok: false, error: { code: 'SYSTEM.UNAVAILABLE' } });
  });

  it('maps an error code this build does not know to SYSTEM.INTERNAL, keeping the message', async () => {
    wxMock.request.mockImplementationOnce((o: { success: (r: unknown) => void }) => {
      o.success({
        statusCode: 422,
        data: { ok: false, error: { code: 'MEETING.CLOSED', message: '会议已结束' } },
        header: {},
      });
    });

    const res = await send({
      fn: 'members',
      action: 'members.getMyProfile',
      payload: {},
      requestId: 'r1',
    });

    expect(res).toEqual({ ok: false, error: { code: 'SYSTEM.INTERNAL', message: '会议已结束' } });
  });
});

describe('transport: cloud', () => {
  beforeEach(() => {
    config.transport = 'cloud';
  });

  it('calls the cloud function named by the module with the envelope', async () => {
    answerWith('members.getMyProfile', ok(aProfile()));

    await api.members.getMyProfile({});

    expect(wxMock.cloud.callFunction).toHaveBeenCalledTimes(1);
    const option = wxMock.cloud.callFunction.mock.calls[0][0];
    expect(option.name).toBe('members');
    expect(option.data).toMatchObject({ action: 'members.getMyProfile', payload: {} });
    expect(option.data.requestId).toMatch(/^[0-9a-z]{20}$/);
    expect(wxMock.request).not.toHaveBeenCalled();
  });

  it('turns a failed callFunction into SYSTEM.UNAVAILABLE and retries', async () => {
    answerWith(
      'members.issueInviteCode',
      NETWORK_DOWN,
      ok({
        code: 'ABCD2345',
        memberId: 'm-1',
        memberName: '张三',
        expiresAt: '2025-02-01T00:00:00.000Z',
      }),
    );

    const invite = await api.members.issueInviteCode({ memberId: 'm-1' });

    expect(invite.code).toBe('ABCD2345');
    const calls = callsTo('members.issueInviteCode');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.requestId).toBe(calls[1]?.requestId);
  });

  it('answers SYSTEM.INTERNAL when the function returns something that is not an envelope', async () => {
    wxMock.cloud.callFunction.mockImplementationOnce((o: { success: (r: unknown) => void }) => {
      o.success({ result: undefined, errMsg: 'cloud.callFunction:ok' });
    });

    await expect(api.members.getMyProfile({})).rejects.toMatchObject({ code: 'SYSTEM.INTERNAL' });
  });
});
