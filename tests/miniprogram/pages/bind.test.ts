import type { ErrorCode } from '../../../typings/contracts';
import { ERROR_MESSAGES } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { loadMyProfile, resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { fireOpenType, renderPage, tap, textOf, typeInto } from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/bind/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

/** Everything the member was shown in toasts and modals. */
function shownMessages(): string[] {
  return [
    ...wxMock.showToast.mock.calls.map(([o]) => (o as { title: string }).title),
    ...wxMock.showModal.mock.calls.map(([o]) => (o as { content: string }).content),
  ];
}

describe('bind page: invite code', () => {
  it('binds with a normalised code, remembers the profile and goes to the home tab', async () => {
    const profile = aProfile({ name: '周文' });
    answerWith('members.bindByInviteCode', ok(profile));
    const page = renderPage(ROUTE);

    await typeInto(page, '.code-field', ' ab12-cd34 ');
    await tap(page, '.code-button');

    expect(callsTo('members.bindByInviteCode').map((c) => c.payload)).toEqual([
      { code: 'AB12CD34' },
    ]);
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
    expect(shownMessages()).toContain('绑定成功');
    // The home tab finds the new profile without another call.
    await expect(loadMyProfile()).resolves.toEqual(profile);
    expect(callsTo('members.getMyProfile')).toHaveLength(0);
  });

  it('checks the length before calling the server', async () => {
    const page = renderPage(ROUTE);

    await typeInto(page, '.code-field', 'AB12');
    await tap(page, '.code-button');

    expect(callsTo()).toHaveLength(0);
    expect(textOf(page)).toContain('邀请码为 8 位字母或数字');
  });

  const serverErrors: ErrorCode[] = [
    'BIND.CODE_UNKNOWN',
    'BIND.CODE_USED',
    'BIND.CODE_EXPIRED',
    'BIND.CODE_REVOKED',
    'BIND.ALREADY_BOUND',
    'BIND.MEMBER_TAKEN',
    'BIND.TOO_MANY_ATTEMPTS',
    'AUTH.INACTIVE',
  ];

  it.each(serverErrors)('shows the server message for %s and stays on the page', async (code) => {
    answerWith('members.bindByInviteCode', fail(code, ERROR_MESSAGES[code]));
    const page = renderPage(ROUTE);

    await typeInto(page, '.code-field', 'AB12CD34');
    await tap(page, '.code-button');

    expect(shownMessages()).toEqual([ERROR_MESSAGES[code]]);
    expect(textOf(page)).toContain(ERROR_MESSAGES[code]);
    expect(wxMock.switchTab).not.toHaveBeenCalled();
  });
});

describe('bind page: phone number', () => {
  it('sends the one-time code from getPhoneNumber and goes home', async () => {
    answerWith('members.bindByPhone', ok(aProfile()));
    const page = renderPage(ROUTE);

    await fireOpenType(page, '.phone-button', 'getphonenumber', {
      code: 'wx-phone-code-1',
      errMsg: 'getPhoneNumber:ok',
    });

    expect(callsTo('members.bindByPhone').map((c) => c.payload)).toEqual([
      { phoneCode: 'wx-phone-code-1' },
    ]);
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('answers a refusal gently, without calling the server', async () => {
    const page = renderPage(ROUTE);

    await fireOpenType(page, '.phone-button', 'getphonenumber', {
      errMsg: 'getPhoneNumber:fail user deny',
    });

    expect(callsTo()).toHaveLength(0);
    expect(shownMessages()).toEqual(['您未授权手机号，也可以使用政协办公室发给您的邀请码绑定']);
    expect(wxMock.showModal).not.toHaveBeenCalledWith(expect.objectContaining({ editable: true }));
  });

  it.each<ErrorCode>([
    'BIND.PHONE_NOT_ON_ROSTER',
    'BIND.PHONE_AMBIGUOUS',
    'BIND.PHONE_CODE_INVALID',
  ])('shows the server message for %s', async (code) => {
    answerWith('members.bindByPhone', fail(code, ERROR_MESSAGES[code]));
    const page = renderPage(ROUTE);

    await fireOpenType(page, '.phone-button', 'getphonenumber', {
      code: 'c1',
      errMsg: 'getPhoneNumber:ok',
    });

    expect(shownMessages()).toEqual([ERROR_MESSAGES[code]]);
    expect(textOf(page)).toContain(ERROR_MESSAGES[code]);
  });

  it('asks for a roster phone in local development when WeChat gives no code', async () => {
    answerWith('members.bindByPhone', ok(aProfile()));
    wxMock.showModal.mockResolvedValueOnce({
      confirm: true,
      cancel: false,
      content: '138 0000 0001',
    });
    const page = renderPage(ROUTE);

    await fireOpenType(page, '.phone-button', 'getphonenumber', {
      errMsg: 'getPhoneNumber:fail no permission',
    });

    expect(callsTo('members.bindByPhone').map((c) => c.payload)).toEqual([
      { phoneCode: 'dev-phone:13800000001' },
    ]);
  });

  it('does not offer the development prompt with the cloud transport', async () => {
    config.transport = 'cloud';
    const page = renderPage(ROUTE);

    await fireOpenType(page, '.phone-button', 'getphonenumber', {
      errMsg: 'getPhoneNumber:fail no permission',
    });

    expect(callsTo()).toHaveLength(0);
    expect(shownMessages()).toEqual(['暂时无法获取手机号，请使用邀请码绑定']);
  });
});
