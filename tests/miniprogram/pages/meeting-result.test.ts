import { config } from '../../../miniprogram/config';
import { resultUrl } from '../../../miniprogram/services/checkin';
import { aCheckInResult, installMeetingWx } from '../support/meeting-fixtures';
import { callPage, exists, renderPage, tap, textOf, type PageComponent } from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx } from '../support/wx';

const ROUTE = 'pages/meetings/result/index';
const defaults = { ...config };
let platform: ReturnType<typeof installMeetingWx>;

beforeEach(() => {
  resetWx();
  platform = installMeetingWx();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

/** The query the meeting page sends, as WeChat hands it to onLoad (still encoded). */
function queryOf(url: string): Record<string, string> {
  const search = url.split('?')[1] ?? '';
  return Object.fromEntries(
    search.split('&').map((pair) => {
      const [k, v = ''] = pair.split('=');
      return [k!, v];
    }),
  );
}

async function openResult(url: string): Promise<PageComponent> {
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', queryOf(url));
  return page;
}

const target = { meetingId: 'mt-001', requireLocation: false };

describe('check-in result page', () => {
  it('shows a punctual check-in with meeting, session and time', async () => {
    const page = await openResult(resultUrl(target, { ok: true, result: aCheckInResult() }));

    expect(exists(page, '.mark--success')).toBe(true);
    const text = textOf(page);
    expect(text).toContain('签到成功');
    expect(text).toContain('政协第七届委员会第三次会议');
    expect(text).toContain('场次：上午');
    expect(text).toContain('签到时间：2025-03-05 08:52');
    expect(text).toContain('准时');
    expect(text).not.toContain('迟到');
  });

  it('marks a late check-in', async () => {
    const page = await openResult(
      resultUrl(target, { ok: true, result: aCheckInResult({ late: true }) }),
    );

    expect(textOf(page.querySelector('.outcome__punctual')!)).toBe('迟到');
  });

  it('says when the member had already checked in', async () => {
    const page = await openResult(
      resultUrl(target, { ok: true, result: aCheckInResult({ already: true }) }),
    );

    expect(textOf(page)).toContain('您已签到');
    expect(textOf(page)).toContain('本次扫码没有改变签到记录');
  });

  it('shows the server error and scans again on 重新扫码', async () => {
    const page = await openResult(
      resultUrl(
        { meetingId: 'mt-001', requireLocation: true },
        {
          ok: false,
          code: 'CHECKIN.OUT_OF_RANGE',
          message: '您距会场约 950 米，请到达会场后再签到',
        },
      ),
    );
    expect(exists(page, '.mark--failure')).toBe(true);
    expect(textOf(page)).toContain('您距会场约 950 米，请到达会场后再签到');
    answerWith('meetings.checkIn', ok(aCheckInResult({ late: true })));

    await tap(page, '.rescan-button');

    expect(platform.scanCode).toHaveBeenCalledTimes(1);
    expect(platform.getLocation).toHaveBeenCalledTimes(1);
    expect(callsTo('meetings.checkIn').map((c) => c.payload)).toEqual([
      {
        token: 'ck1.mt-001.s1.17000.abcdefghijklmnopqrstuv',
        meetingId: 'mt-001',
        location: { latitude: 30.5001, longitude: 114.3001, accuracy: 35 },
      },
    ]);
    expect(textOf(page)).toContain('签到成功');
    expect(textOf(page)).toContain('迟到');
  });

  it('stays on the error when the second scan is refused too', async () => {
    const page = await openResult(
      resultUrl(target, { ok: false, code: 'CHECKIN.CODE_EXPIRED', message: '签到码已过期' }),
    );
    answerWith(
      'meetings.checkIn',
      fail('CHECKIN.WINDOW_CLOSED', '签到时间为 2025-03-05 08:00 至 2025-03-05 09:30'),
    );

    await tap(page, '.rescan-button');

    expect(textOf(page)).toContain('签到时间为 2025-03-05 08:00 至 2025-03-05 09:30');
    expect(exists(page, '.rescan-button')).toBe(true);
  });

  it('goes back to the meeting', async () => {
    const page = await openResult(resultUrl(target, { ok: true, result: aCheckInResult() }));

    await tap(page, '.back-button');

    expect(platform.navigateBack).toHaveBeenCalledWith({ delta: 1 });
  });
});
