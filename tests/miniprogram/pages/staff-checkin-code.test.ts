import { config } from '../../../miniprogram/config';
import { aBoard, aStaffDetail, installMeetingWx } from '../support/meeting-fixtures';
import { exists, renderPage, textOf, type PageComponent } from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx } from '../support/wx';

const ROUTE = 'pages/staff/checkin-code/index';
const defaults = { ...config };
let platform: ReturnType<typeof installMeetingWx>;

beforeEach(() => {
  jest.useFakeTimers();
  resetWx();
  platform = installMeetingWx();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterEach(() => jest.useRealTimers());
afterAll(() => Object.assign(config, defaults));

/**
 * Lets the fake backend answer: it answers on a later tick, and a zero-delay timer set from
 * inside another timer is due 1 ms later, so the clock moves on by 10 ms.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await jest.advanceTimersByTimeAsync(1);
}

type Methods = Record<string, (...args: unknown[]) => unknown>;

function methods(page: PageComponent): Methods {
  return page.instance as unknown as Methods;
}

let codes = 0;
function answerCodes(refreshAfterMs = 8000, opensFromCamera = true) {
  codes = 0;
  answerWith('meetings.getCheckInCode', () => {
    codes += 1;
    return ok({
      token: `ck1.mt-001.s1.${17000 + codes}.abcdefghijklmnopqrstuv`,
      scene: `0123456789.2xj4k${codes}.AbCdEfGhIjKl`,
      qrDataUrl: `data:image/png;base64,CODE${codes}`,
      opensFromCamera,
      validUntil: '2025-03-05T00:52:30.000Z',
      refreshAfterMs,
    });
  });
}

async function openCode(): Promise<PageComponent> {
  answerWith('meetings.get', ok(aStaffDetail()));
  answerWith('meetings.getAttendance', ok(aBoard()));
  const page = renderPage(ROUTE);
  void methods(page).onLoad!({ id: 'mt-001', session: 's1' });
  await settle();
  return page;
}

function shownCode(page: PageComponent): string {
  return page.data.qrDataUrl as string;
}

describe('check-in code screen', () => {
  it('shows the code large with the meeting, session and live count, and keeps the screen on', async () => {
    answerCodes();
    const page = await openCode();

    expect(callsTo('meetings.getCheckInCode').map((c) => c.payload)).toEqual([
      { meetingId: 'mt-001', sessionId: 's1' },
    ]);
    expect(shownCode(page)).toBe('data:image/png;base64,CODE1');
    expect(exists(page, '.qr__image')).toBe(true);
    const text = textOf(page);
    expect(text).toContain('政协第七届委员会第三次会议');
    expect(text).toContain('上午 · 扫码签到');
    expect(textOf(page.querySelector('.count')!)).toBe('2已签到/4应到');
    expect(text).toContain('打开微信“扫一扫”，对准二维码签到');
    expect(platform.setKeepScreenOn).toHaveBeenCalledWith({ keepScreenOn: true });
    methods(page).onUnload!();
  });

  it('counts down visibly to the next code, and the count follows each refresh', async () => {
    answerCodes(8000);
    const page = await openCode();
    expect(textOf(page.querySelector('.refresh')!)).toBe('8 秒后更新');

    await jest.advanceTimersByTimeAsync(3000);
    expect(textOf(page.querySelector('.refresh')!)).toBe('5 秒后更新');
    expect(page.data.leftPercent).toBeLessThan(70);

    answerWith(
      'meetings.getAttendance',
      ok(aBoard({ counts: { expected: 4, present: 3, late: 1, excused: 1, absent: 0 } })),
    );
    await jest.advanceTimersByTimeAsync(5000);
    await settle();
    expect(codes).toBe(2);
    expect(textOf(page.querySelector('.refresh')!)).toBe('8 秒后更新');
    expect(textOf(page.querySelector('.count')!)).toBe('3已签到/4应到');
    methods(page).onUnload!();
  });

  it('says when the code is the local one, which only the in-app scan reads', async () => {
    answerCodes(8000, false);
    const page = await openCode();

    expect(textOf(page)).toContain('开发环境：请在小程序“会议”中点“扫码签到”扫描此码');
    expect(textOf(page)).not.toContain('打开微信“扫一扫”');
    methods(page).onUnload!();
  });

  it('refreshes the code after refreshAfterMs, and stops on unload', async () => {
    answerCodes(8000);
    const page = await openCode();

    await jest.advanceTimersByTimeAsync(7980);
    expect(codes).toBe(1);
    await jest.advanceTimersByTimeAsync(20);
    await settle();
    expect(codes).toBe(2);
    expect(shownCode(page)).toBe('data:image/png;base64,CODE2');
    await jest.advanceTimersByTimeAsync(8000);
    await settle();
    expect(codes).toBe(3);

    methods(page).onUnload!();
    await jest.advanceTimersByTimeAsync(60000);
    await settle();
    expect(codes).toBe(3);
    expect(platform.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: false });
  });

  it('pauses while hidden and resumes when shown again', async () => {
    answerCodes(10000);
    const page = await openCode();

    methods(page).onHide!();
    await jest.advanceTimersByTimeAsync(30000);
    expect(codes).toBe(1);

    void methods(page).onShow!();
    await settle();
    expect(codes).toBe(2);
    methods(page).onUnload!();
  });

  it('keeps the last code and retries soon when a refresh fails, then says it is stale', async () => {
    answerCodes(10000);
    const page = await openCode();
    answerWith('meetings.getCheckInCode', NETWORK_DOWN);

    await jest.advanceTimersByTimeAsync(10000);
    await settle();
    expect(shownCode(page)).toBe('data:image/png;base64,CODE1');
    expect(textOf(page)).toContain('网络不稳定');

    await jest.advanceTimersByTimeAsync(3000 * 4);
    await settle();
    expect(textOf(page)).toContain('二维码已失效');

    // Back online: a fresh code (numbered from 1 again by answerCodes).
    answerCodes(10000);
    await jest.advanceTimersByTimeAsync(3000);
    await settle();
    expect(codes).toBe(1);
    expect(textOf(page)).not.toContain('二维码已失效');
    methods(page).onUnload!();
  });

  it('stops with the reason when the meeting cannot be checked in to', async () => {
    answerWith('meetings.getCheckInCode', fail('CHECKIN.MEETING_NOT_OPEN', '该会议当前不能签到'));
    const page = await openCode();

    expect(textOf(page)).toContain('该会议当前不能签到');
    expect(exists(page, '.retry')).toBe(false);
    await jest.advanceTimersByTimeAsync(60000);
    expect(callsTo('meetings.getCheckInCode')).toHaveLength(1);
  });
});
