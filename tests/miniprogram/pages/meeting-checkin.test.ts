import type { CheckInPass, ErrorCode } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { aCheckInResult, installMeetingWx } from '../support/meeting-fixtures';
import {
  callPage,
  exists,
  renderPage,
  tap,
  textOf,
  typeInto,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/meetings/checkin/index';
const defaults = { ...config };
let platform: ReturnType<typeof installMeetingWx>;

beforeEach(() => {
  resetWx();
  resetSession();
  platform = installMeetingWx();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

/** A door ticket, as the `scene` of the mini-program code. */
const TICKET = '0123456789.2xj4k0.AbCdEfGhIjKl';
const PASS = 'cp1.mt-001.s1.mabcdef12.abcdefghijklmnopqrstuv';

function aPass(overrides: Partial<CheckInPass> = {}): CheckInPass {
  return {
    pass: PASS,
    passExpiresAt: '2025-03-05T01:02:00.000Z',
    meetingId: 'mt-001',
    meetingTitle: '政协第七届委员会第三次会议',
    sessionId: 's1',
    sessionLabel: '上午',
    venueName: '市民中心大礼堂',
    requireLocation: false,
    bound: true,
    ...overrides,
  };
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

/** Opens the page as WeChat does: the query as it arrives (each value URL-encoded once). */
async function open(query: Record<string, string> = {}): Promise<PageComponent> {
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', query);
  return page;
}

const fromCamera = () => open({ scene: encodeURIComponent(TICKET) });

describe('check-in page: opened by WeChat’s camera', () => {
  it('reads the scene, gets a pass, checks in with it and says so in large type', async () => {
    answerWith('meetings.resolveCheckInCode', ok(aPass()));
    answerWith('meetings.checkIn', ok(aCheckInResult()));

    const page = await fromCamera();

    expect(payloads('meetings.resolveCheckInCode')).toEqual([{ code: TICKET }]);
    expect(payloads('meetings.checkIn')).toEqual([{ token: PASS }]);
    expect(exists(page, '.mark--success')).toBe(true);
    const text = textOf(page);
    expect(text).toContain('签到成功');
    expect(text).toContain('政协第七届委员会第三次会议');
    expect(text).toContain('场次：上午');
    expect(text).toContain('签到时间：2025-03-05 08:52');
    expect(text).toContain('准时');
    expect(platform.getLocation).not.toHaveBeenCalled();

    await tap(page, '.meeting-button');
    expect(wxMock.redirectTo).toHaveBeenCalledWith({
      url: '/pages/meetings/detail/index?id=mt-001',
    });
  });

  it('reads the whole link of a 扫普通链接二维码 code from q', async () => {
    const link = `https://cppcc.example.gov.cn/c/${TICKET}`;
    answerWith('meetings.resolveCheckInCode', ok(aPass()));
    answerWith('meetings.checkIn', ok(aCheckInResult({ late: true })));

    const page = await open({ q: encodeURIComponent(link), scancode_time: '1741136000' });

    expect(payloads('meetings.resolveCheckInCode')).toEqual([{ code: link }]);
    expect(textOf(page.querySelector('.outcome__punctual')!)).toBe('迟到');
  });

  it('says so, calmly, when the member had already checked in', async () => {
    answerWith('meetings.resolveCheckInCode', ok(aPass()));
    answerWith('meetings.checkIn', ok(aCheckInResult({ already: true })));

    const page = await fromCamera();

    expect(exists(page, '.mark--already')).toBe(true);
    expect(textOf(page)).toContain('您已签到');
    expect(textOf(page)).toContain('本次扫码没有改变签到记录');
  });

  it('without a code, offers the scan; a mini-program code read in the app gives its path', async () => {
    const page = await open();
    expect(textOf(page)).toContain('扫码签到');
    expect(callsTo()).toHaveLength(0);

    platform.scanCode.mockResolvedValueOnce({
      result: '',
      path: `pages/meetings/checkin/index?scene=${encodeURIComponent(TICKET)}`,
      scanType: 'WX_CODE',
    } as never);
    answerWith('meetings.resolveCheckInCode', ok(aPass()));
    answerWith('meetings.checkIn', ok(aCheckInResult()));
    await tap(page, '.scan-button');

    expect(platform.scanCode).toHaveBeenCalledWith({
      onlyFromCamera: true,
      scanType: ['qrCode', 'wxCode'],
    });
    expect(payloads('meetings.resolveCheckInCode')).toEqual([
      { code: `pages/meetings/checkin/index?scene=${encodeURIComponent(TICKET)}` },
    ]);
    expect(textOf(page)).toContain('签到成功');
  });
});

describe('check-in page: binding first', () => {
  it('sends an unbound account to bind with a way back carrying the pass', async () => {
    answerWith('meetings.resolveCheckInCode', ok(aPass({ bound: false })));

    const page = await fromCamera();

    expect(callsTo('meetings.checkIn')).toHaveLength(0);
    expect(textOf(page)).toContain('请先绑定委员身份');
    expect(textOf(page)).toContain('政协第七届委员会第三次会议');
    await tap(page, '.bind-button');

    const back = `/pages/meetings/checkin/index?pass=${encodeURIComponent(PASS)}`;
    expect(wxMock.redirectTo).toHaveBeenCalledWith({
      url: `/pages/bind/index?next=${encodeURIComponent(back)}`,
    });
  });

  it('the binding page takes the member back, where the pass checks them in', async () => {
    const back = `/pages/meetings/checkin/index?pass=${encodeURIComponent(PASS)}`;
    answerWith('members.bindByInviteCode', ok(aProfile()));
    const bind = renderPage('pages/bind/index');
    await callPage(bind, 'onLoad', { next: encodeURIComponent(back) });
    await typeInto(bind, '.code-field', 'AB12CD34');
    await tap(bind, '.code-button');

    expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: back });
    expect(wxMock.switchTab).not.toHaveBeenCalled();

    // WeChat opens the page with the query of that url.
    answerWith('meetings.resolveCheckInCode', ok(aPass()));
    answerWith('meetings.checkIn', ok(aCheckInResult()));
    const page = await open({ pass: encodeURIComponent(PASS) });
    expect(payloads('meetings.resolveCheckInCode')).toEqual([{ code: PASS }]);
    expect(payloads('meetings.checkIn')).toEqual([{ token: PASS }]);
    expect(textOf(page)).toContain('签到成功');
  });

  it('the binding page goes home as before, and ignores a return path elsewhere', async () => {
    answerWith('members.bindByInviteCode', ok(aProfile()));
    const bind = renderPage('pages/bind/index');
    await callPage(bind, 'onLoad', { next: encodeURIComponent('/pages/staff/roster/index') });
    await typeInto(bind, '.code-field', 'AB12CD34');
    await tap(bind, '.code-button');

    expect(wxMock.redirectTo).not.toHaveBeenCalled();
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });
});

describe('check-in page: the geofence', () => {
  it('asks for the position only when the server needs it, then checks in with it', async () => {
    answerWith('meetings.resolveCheckInCode', ok(aPass({ requireLocation: true })));
    answerWith(
      'meetings.checkIn',
      fail('CHECKIN.LOCATION_REQUIRED', '本次会议需要定位签到，请允许获取位置后重试'),
      ok(aCheckInResult()),
    );

    const page = await fromCamera();

    expect(platform.getLocation).toHaveBeenCalledWith({ type: 'gcj02' });
    expect(payloads('meetings.checkIn')).toEqual([
      { token: PASS },
      { token: PASS, location: { latitude: 30.5001, longitude: 114.3001, accuracy: 35 } },
    ]);
    expect(textOf(page)).toContain('签到成功');
  });

  it('explains a refused position, opens the settings and tries again without a new scan', async () => {
    answerWith('meetings.resolveCheckInCode', ok(aPass({ requireLocation: true })));
    answerWith(
      'meetings.checkIn',
      fail('CHECKIN.LOCATION_REQUIRED', '本次会议需要定位签到，请允许获取位置后重试'),
    );
    platform.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' });

    const page = await fromCamera();

    expect(textOf(page)).toContain('需要位置信息');
    expect(textOf(page)).toContain('去设置');
    await tap(page, '.action--onOpenSetting');
    expect(platform.openSetting).toHaveBeenCalled();

    answerWith('meetings.checkIn', ok(aCheckInResult()));
    await tap(page, '.action--onRelocate');
    expect(platform.scanCode).not.toHaveBeenCalled();
    expect(payloads('meetings.checkIn').at(-1)).toMatchObject({ token: PASS, location: {} });
    expect(textOf(page)).toContain('签到成功');
  });

  it('says when the phone has no position', async () => {
    answerWith('meetings.resolveCheckInCode', ok(aPass({ requireLocation: true })));
    answerWith('meetings.checkIn', fail('CHECKIN.LOCATION_REQUIRED', '需要定位'));
    platform.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail timeout' });

    const page = await fromCamera();

    expect(textOf(page)).toContain('暂时无法获取位置');
    expect(exists(page, '.action--onRelocate')).toBe(true);
  });

  it('out of range: tries the position again with the same pass', async () => {
    answerWith('meetings.resolveCheckInCode', ok(aPass({ requireLocation: true })));
    answerWith(
      'meetings.checkIn',
      fail('CHECKIN.LOCATION_REQUIRED', '需要定位'),
      fail('CHECKIN.OUT_OF_RANGE', '您距会场约 950 米，请到达会场后再签到'),
    );

    const page = await fromCamera();

    expect(textOf(page)).toContain('您不在会场范围内');
    expect(textOf(page)).toContain('您距会场约 950 米');
    answerWith('meetings.checkIn', ok(aCheckInResult()));
    await tap(page, '.action--onRelocate');
    expect(callsTo('meetings.resolveCheckInCode')).toHaveLength(1);
    expect(textOf(page)).toContain('签到成功');
  });
});

describe('check-in page: each refusal on its own screen', () => {
  const cases: Array<[string, ErrorCode, string, string, string]> = [
    [
      'resolve',
      'CHECKIN.CODE_EXPIRED',
      '签到码已过期，请重新扫描现场的签到码',
      '签到码已过期',
      'onRescan',
    ],
    ['resolve', 'CHECKIN.CODE_INVALID', '这不是有效的签到码', '不是有效的签到码', 'onRescan'],
    ['resolve', 'CHECKIN.PASS_EXPIRED', '扫码已超过 10 分钟', '扫码已超过 10 分钟', 'onRescan'],
    ['resolve', 'CHECKIN.MEETING_NOT_OPEN', '该会议当前不能签到', '该会议当前不能签到', 'onHome'],
    [
      'checkIn',
      'CHECKIN.WINDOW_CLOSED',
      '签到时间为 2025-03-05 08:00 至 2025-03-05 09:30',
      '不在签到时间内',
      'onViewMeeting',
    ],
    ['checkIn', 'CHECKIN.NOT_INVITED', '您不在本次会议的参会名单中', '您不在参会名单中', 'onHome'],
    ['checkIn', 'AUTH.INACTIVE', '您的账号已停用，请联系政协办公室', '签到未成功', 'onRetry'],
  ];

  it.each(cases)('%s answers %s: “%s” → %s', async (step, code, message, title, first) => {
    if (step === 'resolve') answerWith('meetings.resolveCheckInCode', fail(code, message));
    else {
      answerWith('meetings.resolveCheckInCode', ok(aPass()));
      answerWith('meetings.checkIn', fail(code, message));
    }

    const page = await fromCamera();

    expect(exists(page, '.mark--failure')).toBe(true);
    expect(textOf(page.querySelector('.outcome__title')!)).toBe(title);
    expect(exists(page, `.action--${first}`)).toBe(true);
    if (code === 'CHECKIN.WINDOW_CLOSED')
      expect(textOf(page)).toContain('08:00 至 2025-03-05 09:30');
    if (code === 'AUTH.INACTIVE') expect(textOf(page)).toContain(message);
  });

  it('rescans from an expired code and checks in with the fresh one', async () => {
    answerWith(
      'meetings.resolveCheckInCode',
      fail('CHECKIN.CODE_EXPIRED', '签到码已过期，请重新扫描现场的签到码'),
      ok(aPass()),
    );
    answerWith('meetings.checkIn', ok(aCheckInResult()));
    const page = await fromCamera();
    platform.scanCode.mockResolvedValueOnce({
      result: `https://x.example.cn/c/${TICKET}`,
    } as never);

    await tap(page, '.action--onRescan');

    expect(payloads('meetings.resolveCheckInCode')).toEqual([
      { code: TICKET },
      { code: `https://x.example.cn/c/${TICKET}` },
    ]);
    expect(textOf(page)).toContain('签到成功');
  });

  it('offline: says the network is down, and 重试 goes on with the pass it already has', async () => {
    answerWith('meetings.resolveCheckInCode', ok(aPass()));
    answerWith('meetings.checkIn', NETWORK_DOWN);
    const page = await fromCamera();

    expect(textOf(page.querySelector('.outcome__title')!)).toBe('网络不通');
    answerWith('meetings.checkIn', ok(aCheckInResult()));
    await tap(page, '.action--onRetry');

    expect(payloads('meetings.resolveCheckInCode')).toEqual([{ code: TICKET }, { code: PASS }]);
    expect(textOf(page)).toContain('签到成功');
  });
});
