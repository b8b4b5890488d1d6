import type { MeetingDetail } from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { resetSubscriptions } from '../../../miniprogram/services/subscribe';
import { aCheckInResult, aDetail, installMeetingWx } from '../support/meeting-fixtures';
import {
  callPage,
  exists,
  renderPage,
  tap,
  textOf,
  type PageComponent,
  select,
} from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/meetings/detail/index';
const defaults = { ...config };
let platform: ReturnType<typeof installMeetingWx>;

const TEMPLATES = [
  { key: 'meetingNotice', templateId: 'tpl-notice', title: '会议通知' },
  { key: 'meetingChange', templateId: 'tpl-change', title: '会议变更' },
  { key: 'leaveResult', templateId: 'tpl-leave', title: '请假结果' },
  { key: 'replyReminder', templateId: 'tpl-remind', title: '回执提醒' },
];

beforeEach(() => {
  resetWx();
  platform = installMeetingWx();
  resetSession();
  resetSubscriptions();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
  answerWith('notify.getSubscribeTemplates', ok({ templates: TEMPLATES }));
  answerWith('notify.reportSubscriptions', ok({ remaining: { meetingNotice: 1 } }));
});
afterAll(() => Object.assign(config, defaults));

async function openDetail(detail: MeetingDetail = aDetail()): Promise<PageComponent> {
  answerWith('meetings.get', ok(detail));
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad', { id: detail.id });
  return page;
}

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

function answerModals(...answers: Array<{ confirm: boolean; content?: string }>) {
  for (const a of answers)
    wxMock.showModal.mockResolvedValueOnce({ cancel: !a.confirm, content: '', ...a });
}

describe('meeting page: what it shows', () => {
  it('shows title, kind, sessions in Beijing time, venue, agenda, materials and deadline', async () => {
    const page = await openDetail();

    expect(payloads('meetings.get')).toEqual([{ meetingId: 'mt-001' }]);
    const text = textOf(page);
    for (const shown of [
      '政协第七届委员会第三次会议',
      '全体会议',
      '上午',
      '2025-03-05 周三 09:00–11:30',
      '下午',
      '2025-03-05 周三 14:30–17:30',
      '签到时间 08:00–09:30',
      '市民中心大礼堂',
      '人民路 1 号',
      '一、听取常委会工作报告',
      '二、审议提案工作情况报告',
      '常委会工作报告.pdf',
      '回执截止：2025-03-03 18:00',
      '未回执',
    ]) {
      expect(text).toContain(shown);
    }
    expect(exists(page, '.map-button')).toBe(true);
  });

  it('keeps the agenda on several lines', async () => {
    const page = await openDetail();

    const agenda = select(page, '.agenda');
    expect(agenda?.dom?.textContent).toContain('工作报告\n二、');
  });

  it('opens the map at the venue when coordinates exist, and offers none without', async () => {
    const page = await openDetail();

    await tap(page, '.map-button');
    expect(platform.openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 30.5, longitude: 114.3, name: '市民中心大礼堂' }),
    );

    const other = await openDetail(
      aDetail({ venue: { ...aDetail().venue, latitude: null, longitude: null } }),
    );
    expect(exists(other, '.map-button')).toBe(false);
  });

  it('shows the cancellation and its reason prominently', async () => {
    const page = await openDetail(
      aDetail({ status: 'cancelled', cancelReason: '因故推迟，另行通知' }),
    );

    expect(textOf(select(page, '.cancelled')!)).toBe('本次会议已取消原因：因故推迟，另行通知');
    expect(exists(page, '.attend-button')).toBe(false);
  });

  it('shows my leave, my check-ins and, once closed, my outcomes', async () => {
    const page = await openDetail(
      aDetail({
        status: 'closed',
        invitation: {
          active: true,
          reply: 'leave',
          leaveReason: '出差在外',
          leaveStatus: 'refused',
          leaveNote: '本次会议须全员出席',
          checkIns: {
            s1: {
              at: '2025-03-05T01:10:00.000Z',
              late: true,
              byStaff: true,
              leftEarly: 'confirmed',
            },
          },
          outcomes: { s1: 'leftEarly', s2: 'absent' },
        },
      }),
    );

    const mine = textOf(select(page, '.mine')!);
    expect(mine).toContain('请假未批');
    expect(mine).toContain('请假事由：出差在外');
    expect(mine).toContain('办公室说明：本次会议须全员出席');
    expect(mine).toContain('上午：2025-03-05 09:10 已签到');
    expect(mine).toContain('迟到');
    expect(mine).toContain('代签');
    expect(mine).toContain('早退');
    expect(mine).toContain('出勤结果');
    expect(mine).toContain('缺席');
  });
});

describe('meeting page: buttons follow `can`', () => {
  it('shows no action when nothing is allowed', async () => {
    const page = await openDetail(aDetail());

    for (const button of [
      '.attend-button',
      '.leave-button',
      '.checkin-button',
      '.leave-early-button',
    ])
      expect(exists(page, button)).toBe(false);
  });

  it('shows reply buttons when replying is allowed, leave only when asking leave is', async () => {
    const both = await openDetail(aDetail({}, { reply: true, askLeave: true }));
    expect(exists(both, '.attend-button')).toBe(true);
    expect(exists(both, '.leave-button')).toBe(true);
    expect(exists(both, '.checkin-button')).toBe(false);

    const attendOnly = await openDetail(aDetail({}, { reply: true, askLeave: false }));
    expect(exists(attendOnly, '.attend-button')).toBe(true);
    expect(exists(attendOnly, '.leave-button')).toBe(false);
  });

  it('shows the check-in button for the open session, and leave early when checked in', async () => {
    const page = await openDetail(aDetail({}, { checkIn: 's2', requestLeaveEarly: 's1' }));

    expect(textOf(select(page, '.checkin')!)).toBe('扫码签到（下午）');
    expect(textOf(select(page, '.leave-early')!)).toBe('申请早退（上午）');
  });
});

describe('meeting page: reply', () => {
  const attending = () =>
    aDetail(
      {
        myReply: 'attend',
        invitation: { ...aDetail().invitation!, reply: 'attend' },
      },
      { reply: true, askLeave: true },
    );

  it('asks for meeting notices, changes and reminders before replying, and reports the answers', async () => {
    const page = await openDetail(aDetail({}, { reply: true, askLeave: true }));
    answerWith('meetings.reply', ok(attending()));
    answerWith('notify.reportSubscriptions', ok({ remaining: { meetingNotice: 2 } }));
    const order: string[] = [];
    platform.requestSubscribeMessage.mockImplementationOnce((o) => {
      order.push(`subscribe:${callsTo('meetings.reply').length}`);
      o.success?.({
        errMsg: 'requestSubscribeMessage:ok',
        'tpl-notice': 'accept',
        'tpl-change': 'reject',
        'tpl-remind': 'accept',
      });
    });

    await tap(page, '.attend-button');

    expect(order).toEqual(['subscribe:0']);
    expect(platform.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['tpl-notice', 'tpl-change', 'tpl-remind'] }),
    );
    expect(payloads('notify.reportSubscriptions')).toEqual([
      { results: { 'tpl-notice': 'accept', 'tpl-change': 'reject', 'tpl-remind': 'accept' } },
    ]);
    expect(payloads('meetings.reply')).toEqual([{ meetingId: 'mt-001', answer: 'attend' }]);
    expect(textOf(select(page, '.mine')!)).toContain('参加');
    // What the backend counted after the report.
    expect(textOf(select(page, '.mine__reminder')!)).toBe('会议通知提醒已开启：还可提醒 2 次');
  });

  it('asks for the leave result first when asking leave', async () => {
    const page = await openDetail(aDetail({}, { reply: true, askLeave: true }));
    answerWith('meetings.reply', ok(attending()));
    answerModals({ confirm: true, content: '出差在外' });

    await tap(page, '.leave-button');

    expect(platform.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['tpl-leave', 'tpl-notice', 'tpl-change'] }),
    );
    expect(callsTo('meetings.reply')).toHaveLength(1);
  });

  it('says nothing of reminders when the member declines them', async () => {
    const page = await openDetail(aDetail({}, { reply: true }));
    answerWith('meetings.reply', ok(attending()));
    platform.requestSubscribeMessage.mockImplementationOnce((o) =>
      o.success?.({ errMsg: 'requestSubscribeMessage:ok', 'tpl-notice': 'reject' }),
    );

    await tap(page, '.attend-button');

    expect(payloads('notify.reportSubscriptions')).toEqual([
      { results: { 'tpl-notice': 'reject' } },
    ]);
    expect(exists(page, '.mine__reminder')).toBe(false);
  });

  it('still replies when the subscription request fails', async () => {
    const page = await openDetail(aDetail({}, { reply: true }));
    answerWith('meetings.reply', ok(attending()));
    platform.requestSubscribeMessage.mockImplementationOnce((o) =>
      o.fail?.({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }),
    );

    await tap(page, '.attend-button');

    expect(platform.requestSubscribeMessage).toHaveBeenCalled();
    expect(callsTo('notify.reportSubscriptions')).toHaveLength(0);
    expect(payloads('meetings.reply')).toEqual([{ meetingId: 'mt-001', answer: 'attend' }]);
  });

  it('still replies when the templates cannot be loaded or the report fails', async () => {
    answerWith('notify.getSubscribeTemplates', NETWORK_DOWN);
    const page = await openDetail(aDetail({}, { reply: true }));
    answerWith('meetings.reply', ok(attending()));

    await tap(page, '.attend-button');
    expect(platform.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(callsTo('meetings.reply')).toHaveLength(1);

    answerWith('notify.getSubscribeTemplates', ok({ templates: TEMPLATES }));
    answerWith('notify.reportSubscriptions', fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'));
    await tap(page, '.attend-button');
    expect(platform.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(callsTo('meetings.reply')).toHaveLength(2);
  });

  it('asks leave with the reason typed', async () => {
    const page = await openDetail(aDetail({}, { reply: true, askLeave: true }));
    answerWith(
      'meetings.reply',
      ok(
        aDetail({
          myReply: 'leave',
          myLeaveStatus: 'pending',
          invitation: {
            ...aDetail().invitation!,
            reply: 'leave',
            leaveReason: '出差在外',
            leaveStatus: 'pending',
          },
        }),
      ),
    );
    answerModals({ confirm: true, content: ' 出差在外 ' });

    await tap(page, '.leave-button');

    expect(platform.requestSubscribeMessage).toHaveBeenCalled();
    expect(payloads('meetings.reply')).toEqual([
      { meetingId: 'mt-001', answer: 'leave', reason: '出差在外' },
    ]);
    expect(textOf(select(page, '.mine')!)).toContain('请假待批');
  });

  it('requires a leave reason of at least 2 characters, keeping what was typed', async () => {
    const page = await openDetail(aDetail({}, { reply: true, askLeave: true }));
    answerModals({ confirm: true, content: '病' }, { confirm: false });

    await tap(page, '.leave-button');

    expect(callsTo('meetings.reply')).toHaveLength(0);
    expect(wxMock.showModal).toHaveBeenCalledTimes(2);
    expect(wxMock.showModal.mock.calls[1][0]).toMatchObject({
      title: '请假须填写事由', // the contract's own message (meetings.reply)
      content: '病',
      editable: true,
    });
  });

  it('shows the server refusal (deadline passed)', async () => {
    const page = await openDetail(aDetail({}, { reply: true }));
    answerWith(
      'meetings.reply',
      fail('MEETING.REPLY_CLOSED', '回执已截止，如需请假请联系政协办公室'),
    );

    await tap(page, '.attend-button');

    expect(wxMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '回执已截止，如需请假请联系政协办公室' }),
    );
  });
});

describe('meeting page: check-in', () => {
  it('scans, then checks in with the token and the meeting, without location when not required', async () => {
    const page = await openDetail(aDetail({}, { checkIn: 's1' }));
    answerWith('meetings.checkIn', ok(aCheckInResult({ late: true })));

    await tap(page, '.checkin-button');

    expect(platform.scanCode).toHaveBeenCalledWith({
      onlyFromCamera: true,
      scanType: ['qrCode', 'wxCode'],
    });
    expect(platform.getLocation).not.toHaveBeenCalled();
    expect(payloads('meetings.checkIn')).toEqual([
      { token: 'ck1.mt-001.s1.17000.abcdefghijklmnopqrstuv', meetingId: 'mt-001' },
    ]);
    const url = (wxMock.navigateTo.mock.calls[0][0] as { url: string }).url;
    expect(url.startsWith('/pages/meetings/result/index?meetingId=mt-001&loc=0&')).toBe(true);
    expect(url).toContain('late=1');
  });

  it('adds the position when the meeting requires it', async () => {
    const page = await openDetail(aDetail({ requireLocation: true }, { checkIn: 's1' }));
    answerWith('meetings.checkIn', ok(aCheckInResult()));

    await tap(page, '.checkin-button');

    expect(platform.getLocation).toHaveBeenCalledWith({ type: 'gcj02' });
    expect(payloads('meetings.checkIn')).toEqual([
      {
        token: 'ck1.mt-001.s1.17000.abcdefghijklmnopqrstuv',
        meetingId: 'mt-001',
        location: { latitude: 30.5001, longitude: 114.3001, accuracy: 35 },
      },
    ]);
  });

  it('explains that location is required when it is refused, and does not check in', async () => {
    const page = await openDetail(aDetail({ requireLocation: true }, { checkIn: 's1' }));
    platform.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' });
    answerModals({ confirm: true });

    await tap(page, '.checkin-button');

    expect(callsTo('meetings.checkIn')).toHaveLength(0);
    expect(wxMock.showModal.mock.calls[0][0]).toMatchObject({
      title: '需要位置信息',
      confirmText: '去设置',
    });
    expect((wxMock.showModal.mock.calls[0][0] as { content: string }).content).toContain(
      '本次会议要求定位签到',
    );
    expect(platform.openSetting).toHaveBeenCalled();
    expect(wxMock.navigateTo).not.toHaveBeenCalled();
  });

  it('does nothing when the scan is cancelled', async () => {
    const page = await openDetail(aDetail({}, { checkIn: 's1' }));
    platform.scanCode.mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' });

    await tap(page, '.checkin-button');

    expect(callsTo('meetings.checkIn')).toHaveLength(0);
    expect(wxMock.showModal).not.toHaveBeenCalled();
    expect(wxMock.showToast).not.toHaveBeenCalled();
  });

  it('takes a refusal to the result page', async () => {
    const page = await openDetail(aDetail({}, { checkIn: 's1' }));
    answerWith(
      'meetings.checkIn',
      fail('CHECKIN.CODE_EXPIRED', '签到码已过期，请重新扫描现场的签到码'),
    );

    await tap(page, '.checkin-button');

    const url = (wxMock.navigateTo.mock.calls[0][0] as { url: string }).url;
    expect(url).toContain('code=CHECKIN.CODE_EXPIRED');
    expect(url).toContain(`error=${encodeURIComponent('签到码已过期，请重新扫描现场的签到码')}`);
  });

  it('asks for an early departure with a reason', async () => {
    const page = await openDetail(aDetail({}, { requestLeaveEarly: 's1' }));
    answerWith('meetings.requestLeaveEarly', ok(aDetail()));
    answerModals({ confirm: true, content: '家中有急事' });

    await tap(page, '.leave-early-button');

    expect(payloads('meetings.requestLeaveEarly')).toEqual([
      { meetingId: 'mt-001', sessionId: 's1', reason: '家中有急事' },
    ]);
  });
});

describe('meeting page: materials', () => {
  it('opens a material from cloud storage', async () => {
    Object.assign(config, { transport: 'cloud' });
    const page = await openDetail();

    await tap(page, '.material');

    expect(platform.downloadFile).toHaveBeenCalledWith({
      fileID: 'cloud://env/materials/report.pdf',
    });
    expect(wxMock.openDocument).toHaveBeenCalledWith({
      filePath: 'http://tmp/report.pdf',
      fileType: 'pdf',
    });
  });

  it('opens a material from the local runtime in local mode', async () => {
    const page = await openDetail(
      aDetail({ materials: [{ fileId: `local://${'a'.repeat(32)}`, name: '议程.docx' }] }),
    );

    await tap(page, '.material');

    expect(wxMock.downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `${config.localBaseUrl}/files/${'a'.repeat(32)}`,
        header: { 'X-WX-OPENID': config.devOpenid },
      }),
    );
    expect(wxMock.openDocument).toHaveBeenCalledWith({
      filePath: `http://tmp/${'a'.repeat(32)}`,
      fileType: 'docx',
    });
    expect(platform.downloadFile).not.toHaveBeenCalled();
  });

  it('says so when a material cannot be opened', async () => {
    Object.assign(config, { transport: 'cloud' });
    platform.downloadFile.mockRejectedValueOnce({ errMsg: 'cloud.downloadFile:fail' });
    const page = await openDetail();

    await tap(page, '.material');

    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '材料打开失败，请稍后重试' }),
    );
    expect(wxMock.openDocument).not.toHaveBeenCalled();
  });
});

describe('meeting page: errors', () => {
  it('offers no retry when the member is not invited', async () => {
    answerWith('meetings.get', fail('MEETING.NOT_INVITED', '您不在本次会议的参会名单中'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'mt-009' });

    expect(textOf(page)).toContain('您不在本次会议的参会名单中');
    expect(exists(page, '.retry')).toBe(false);
  });

  it('retries after a network failure', async () => {
    answerWith('meetings.get', NETWORK_DOWN, NETWORK_DOWN, NETWORK_DOWN, ok(aDetail()));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'mt-001' });
    expect(textOf(page)).toContain('服务暂时无法连接');

    await tap(page, '.retry');

    expect(textOf(page)).toContain('政协第七届委员会第三次会议');
  });
});
