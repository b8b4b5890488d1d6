import type { ErrorCode } from '../../../typings/contracts';
import { ERROR_MESSAGES } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { loadMyProfile, resetSession } from '../../../miniprogram/services/session';
import { resetSubscriptions } from '../../../miniprogram/services/subscribe';
import { aProfile } from '../support/fixtures';
import { fireOpenType, renderPage, tap, textOf, typeInto } from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/bind/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  resetSubscriptions();
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

describe('bind page: meeting reminders once bound', () => {
  const TEMPLATES = [
    { key: 'meetingNotice', templateId: 'tpl-notice', title: '会议通知', remaining: 0 },
    { key: 'meetingChange', templateId: 'tpl-change', title: '会议变更', remaining: 0 },
    { key: 'leaveResult', templateId: 'tpl-leave', title: '请假结果', remaining: 0 },
    { key: 'replyReminder', templateId: 'tpl-remind', title: '回执提醒', remaining: 0 },
  ];
  type SubscribeOption = {
    tmplIds: string[];
    success?: (res: Record<string, string>) => void;
  };
  const requestSubscribeMessage = jest.fn((o: SubscribeOption) =>
    o.success?.({
      errMsg: 'requestSubscribeMessage:ok',
      ...Object.fromEntries(o.tmplIds.map((id) => [id, 'accept'])),
    }),
  );

  async function bind() {
    Object.assign(wxMock, { requestSubscribeMessage });
    requestSubscribeMessage.mockClear();
    answerWith('members.bindByInviteCode', ok(aProfile({ name: '周文' })));
    answerWith('notify.getSubscribeTemplates', ok({ templates: TEMPLATES }));
    answerWith('notify.reportSubscriptions', ok({ remaining: { meetingNotice: 1 } }));
    const page = renderPage(ROUTE);
    await typeInto(page, '.code-field', 'AB12CD34');
    await tap(page, '.code-button');
    return page;
  }

  it('offers 开启会议通知提醒 after binding, without asking before the tap', async () => {
    const page = await bind();

    expect(textOf(page)).toContain('绑定成功');
    expect(textOf(page)).toContain('周文，欢迎使用政协履职通');
    expect(textOf(page)).toContain('开启会议通知提醒');
    expect(requestSubscribeMessage).not.toHaveBeenCalled();
    expect(wxMock.switchTab).not.toHaveBeenCalled();
  });

  it('asks for the meeting templates on the tap, reports, says how many are left and goes home', async () => {
    const page = await bind();

    await tap(page, '.subscribe-button');

    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['tpl-notice', 'tpl-change', 'tpl-remind'] }),
    );
    expect(callsTo('notify.reportSubscriptions').map((c) => c.payload)).toEqual([
      { results: { 'tpl-notice': 'accept', 'tpl-change': 'accept', 'tpl-remind': 'accept' } },
    ]);
    expect(shownMessages()).toContain('已开启会议通知提醒，还可提醒 1 次');
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('goes home without asking when the member skips', async () => {
    const page = await bind();

    await tap(page, '.skip-button');

    expect(requestSubscribeMessage).not.toHaveBeenCalled();
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('goes straight home when no meeting template is configured', async () => {
    Object.assign(wxMock, { requestSubscribeMessage });
    answerWith('members.bindByInviteCode', ok(aProfile()));
    answerWith('notify.getSubscribeTemplates', ok({ templates: [] }));
    const page = renderPage(ROUTE);
    await typeInto(page, '.code-field', 'AB12CD34');
    await tap(page, '.code-button');

    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
    expect(textOf(page)).not.toContain('开启会议通知提醒');
  });
});
