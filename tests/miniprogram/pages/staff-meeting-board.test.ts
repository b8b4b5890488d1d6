import { LEAVE_STATUS_LABELS, type MeetingDetail } from '../../../typings/contracts';
import { changeCount } from '../../../miniprogram/kit/changes';
import { config } from '../../../miniprogram/config';
import {
  aBoard,
  aCheckInResult,
  aClosePreview,
  aLeaveRequest,
  aNoticeReport,
  aStaffDetail,
  installMeetingWx,
  someNoticeRows,
} from '../support/meeting-fixtures';
import {
  callPage,
  exists,
  flush,
  renderPage,
  select,
  selectAll,
  tap,
  textOf,
  typeInto,
  type PageComponent,
} from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/staff/meeting-board/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  installMeetingWx();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

function answerModals(...answers: Array<{ confirm: boolean; content?: string }>) {
  for (const a of answers)
    wxMock.showModal.mockResolvedValueOnce({ cancel: !a.confirm, content: '', ...a });
}

/** The 签到 panel (attendance-panel/), which holds the 代签 dialog. */
function panel(page: PageComponent): PageComponent {
  const found = select(page, '.attendance-panel');
  if (!found) throw new Error('no attendance panel');
  return found;
}

async function callPanel(page: PageComponent, method: string, ...args: unknown[]) {
  const instance = panel(page).instance as unknown as Record<string, (...a: unknown[]) => unknown>;
  await instance[method]!.apply(instance, args);
  await flush();
}

const opened: PageComponent[] = [];
afterEach(async () => {
  // Stop each page's live-board timer.
  for (const page of opened.splice(0)) await callPage(page, 'onUnload');
});

async function openBoard(detail: MeetingDetail = aStaffDetail()): Promise<PageComponent> {
  answerWith('meetings.get', ok(detail));
  answerWith('meetings.getNoticeReport', ok(aNoticeReport()));
  answerWith(
    'meetings.listLeaveRequests',
    ok({ items: [aLeaveRequest(5), aLeaveRequest(6)], total: 2, page: 1, pageSize: 50 }),
  );
  answerWith('meetings.getAttendance', ok(aBoard()));
  const page = renderPage(ROUTE);
  opened.push(page);
  await callPage(page, 'onLoad', { id: detail.id });
  return page;
}

describe('meeting board: 回执', () => {
  it('shows the notice counts and each invitee with channel, read and reply', async () => {
    const page = await openBoard();

    expect(payloads('meetings.getNoticeReport')).toEqual([{ meetingId: 'mt-001' }]);
    const counts = textOf(select(page, '.counts')!);
    expect(counts).toContain('3已邀请');
    expect(counts).toContain('2微信送达');
    expect(counts).toContain('2已回执');
    expect(selectAll(page, '.notice-row')).toHaveLength(3);
    const second = textOf(selectAll(page, '.notice-row')[1]!);
    expect(second).toContain('委员2');
    expect(second).toContain('站内');
    expect(second).toContain('未读');
    expect(second).toContain('未回执');
    expect(textOf(selectAll(page, '.notice-row')[2]!)).toContain('请假待批');
  });

  it('shows who was reached by SMS, with or without the WeChat message', async () => {
    const rows = someNoticeRows();
    rows[0] = { ...rows[0]!, sms: true };
    rows[1] = { ...rows[1]!, channel: 'sms', sms: true };
    answerWith('meetings.get', ok(aStaffDetail()));
    answerWith('meetings.getNoticeReport', ok(aNoticeReport(rows)));
    answerWith('meetings.listLeaveRequests', ok({ items: [], total: 0, page: 1, pageSize: 50 }));
    answerWith('meetings.getAttendance', ok(aBoard()));
    const page = renderPage(ROUTE);
    opened.push(page);
    await callPage(page, 'onLoad', { id: 'mt-001' });
    expect(textOf(select(page, '.counts')!)).toContain('2短信送达');
    const [first, second, third] = selectAll(page, '.notice-row').map(textOf);
    expect(first).toContain('微信 + 短信');
    expect(second).toContain('短信');
    expect(second).not.toContain('站内');
    expect(third).toContain('微信');
    expect(third).not.toContain('短信');
  });

  it('shows no SMS figure while no SMS went out', async () => {
    const page = await openBoard();
    expect(exists(page, '.count--sms')).toBe(false);
  });

  it('filters the invitees to 未回执, 已回执 or 未读, each chip with its count', async () => {
    const page = await openBoard();
    expect(textOf(select(page, '.notice-filters')!)).toBe('全部3未回执1已回执2未读1');
    await tap(page, '.chip--unreplied');
    expect(selectAll(page, '.notice-row').map(textOf)).toEqual([expect.stringContaining('委员2')]);
    await tap(page, '.chip--replied');
    expect(selectAll(page, '.notice-row')).toHaveLength(2);
  });

  it('reminds those who have not replied, after confirmation', async () => {
    const page = await openBoard();
    answerWith('meetings.remindUnreplied', ok({ reminded: 1 }));

    await tap(page, '.remind-button');

    expect(payloads('meetings.remindUnreplied')).toEqual([{ meetingId: 'mt-001' }]);
    expect(wxMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已提醒 1 位委员' }),
    );
  });
});

describe('meeting board: 请假审批', () => {
  it('lists pending requests and approves one with a note', async () => {
    const page = await openBoard();
    answerWith('meetings.decideLeave', ok(aLeaveRequest(5, { status: 'approved' })));

    await tap(page, '.chip--leave');
    expect(payloads('meetings.listLeaveRequests')).toEqual([
      { meetingId: 'mt-001', status: 'pending', pageSize: 50 },
    ]);
    expect(selectAll(page, '.leave-row')).toHaveLength(2);
    expect(textOf(select(page, '.leave-row')!)).toContain('事由：出差在外');

    answerModals({ confirm: true, content: ' 同意 ' });
    await tap(page, '.approve-button', 0);

    expect(payloads('meetings.decideLeave')).toEqual([
      { meetingId: 'mt-001', memberId: 'm-005', approve: true, note: '同意' },
    ]);
    expect(selectAll(page, '.leave-row')).toHaveLength(1);
  });

  it('refuses without a note, and sends nothing when the dialog is cancelled', async () => {
    const page = await openBoard();
    await tap(page, '.chip--leave');
    answerWith('meetings.decideLeave', ok(aLeaveRequest(6, { status: 'refused' })));

    answerModals({ confirm: false });
    await tap(page, '.refuse-button', 1);
    expect(callsTo('meetings.decideLeave')).toHaveLength(0);

    answerModals({ confirm: true, content: '' });
    await tap(page, '.refuse-button', 1);
    expect(payloads('meetings.decideLeave')).toEqual([
      { meetingId: 'mt-001', memberId: 'm-006', approve: false },
    ]);
  });

  it('switches to decided requests', async () => {
    const page = await openBoard();
    await tap(page, '.chip--leave');

    await tap(page, '.chip--approved');

    expect(payloads('meetings.listLeaveRequests').at(-1)).toEqual({
      meetingId: 'mt-001',
      status: 'approved',
      pageSize: 50,
    });
    expect(exists(page, '.approve-button')).toBe(false);
  });
});

describe('meeting board: 签到', () => {
  it('opens on 签到 while check-in is open, with the counts large and every member', async () => {
    // 08:30 Beijing time: the morning session's check-in is open.
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2025-03-05T00:30:00.000Z'));
    const page = await openBoard();
    now.mockRestore();

    expect(callsTo('meetings.getNoticeReport')).toHaveLength(0);
    expect(payloads('meetings.getAttendance')).toEqual([{ meetingId: 'mt-001', sessionId: 's1' }]);
    const counts = textOf(select(page, '.counts--board')!);
    expect(counts).toBe('4应到2实到1迟到1请假1缺席');
    expect(selectAll(page, '.member-row')).toHaveLength(4);
    expect(textOf(selectAll(page, '.member-row')[0]!)).toContain('08:50 签到');
    expect(textOf(selectAll(page, '.member-row')[1]!)).toContain('代签');
    expect(selectAll(page, '.proxy-button')).toHaveLength(1);
    expect(selectAll(page, '.early-row')).toHaveLength(1);
  });

  it('filters the members to 已签到, 未到 or 请假, and keeps the filter when the board refreshes', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2025-03-05T00:30:00.000Z'));
    const page = await openBoard();
    now.mockRestore();
    expect(textOf(select(page, '.attendance-filters')!)).toBe('全部4已签到2未到1请假1');
    await tap(page, '.chip--absent');
    expect(selectAll(page, '.member-row')).toHaveLength(1);
    expect(selectAll(page, '.proxy-button')).toHaveLength(1);
    await callPage(select(page, '.attendance-panel')!, 'loadPart', { quiet: true });
    expect(selectAll(page, '.member-row')).toHaveLength(1);
    await tap(page, '.chip--in');
    expect(selectAll(page, '.member-row')).toHaveLength(2);
  });

  it('checks in an absent member on their behalf after confirming, with a note and the late switch', async () => {
    const page = await openBoard();
    await tap(page, '.chip--attendance');
    answerWith('meetings.proxyCheckIn', ok(aCheckInResult({ late: false })));

    await tap(page, '.proxy-button');
    expect(callsTo('meetings.proxyCheckIn')).toHaveLength(0);
    expect(textOf(select(page, '.proxy')!)).toContain('为 委员4 代为签到（上午）');
    await typeInto(page, '.proxy-note', '未带手机');
    await callPanel(page, 'onProxyLate', { detail: { value: false } });
    await callPanel(page, 'onProxyConfirm');

    expect(payloads('meetings.proxyCheckIn')).toEqual([
      { meetingId: 'mt-001', sessionId: 's1', memberId: 'm-004', late: false, note: '未带手机' },
    ]);
    expect(panel(page).data.proxy).toBeNull();
  });

  it('sends nothing when the proxy dialog is cancelled', async () => {
    const page = await openBoard();
    await tap(page, '.chip--attendance');

    await tap(page, '.proxy-button');
    await callPanel(page, 'onProxyCancel');

    expect(callsTo('meetings.proxyCheckIn')).toHaveLength(0);
    expect(panel(page).data.proxy).toBeNull();
  });

  it('confirms an early departure', async () => {
    const page = await openBoard();
    await tap(page, '.chip--attendance');
    const after = aBoard();
    after.members[0]!.leftEarly = 'confirmed';
    answerWith('meetings.confirmLeaveEarly', ok(after));

    await tap(page, '.early-confirm');

    expect(payloads('meetings.confirmLeaveEarly')).toEqual([
      { meetingId: 'mt-001', sessionId: 's1', memberId: 'm-001', confirm: true },
    ]);
    expect(selectAll(page, '.early-row')).toHaveLength(0);
  });

  it('opens the code screen for the session shown', async () => {
    const page = await openBoard();
    await tap(page, '.chip--attendance');
    answerWith('meetings.getAttendance', ok(aBoard({ sessionId: 's2', sessionLabel: '下午' })));

    await tap(page, '.chip--s2');
    await tap(page, '.code-button');

    expect(payloads('meetings.getAttendance').at(-1)).toEqual({
      meetingId: 'mt-001',
      sessionId: 's2',
    });
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/staff/checkin-code/index?id=mt-001&session=s2',
    });
  });
});

describe('meeting board: the live board refreshes every 5 s while shown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A zero-delay timer set from inside another is due 1 ms later: move the clock by 10 ms. */
  async function settle() {
    for (let i = 0; i < 10; i += 1) await jest.advanceTimersByTimeAsync(1);
  }

  it('asks again every 5 s, and stops when hidden or left for another segment', async () => {
    answerWith('meetings.get', ok(aStaffDetail()));
    answerWith('meetings.getNoticeReport', ok(aNoticeReport()));
    answerWith('meetings.getAttendance', ok(aBoard()));
    const page = renderPage(ROUTE);
    const instance = page.instance as unknown as Record<string, (...a: unknown[]) => Promise<void>>;
    void instance.onLoad!({ id: 'mt-001' });
    await settle();
    void instance.onSegment!({ detail: { value: 'attendance' } });
    await settle();
    expect(callsTo('meetings.getAttendance')).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(5000);
    await settle();
    expect(callsTo('meetings.getAttendance')).toHaveLength(2);

    void instance.onHide!();
    await jest.advanceTimersByTimeAsync(15000);
    expect(callsTo('meetings.getAttendance')).toHaveLength(2);

    void instance.onShow!();
    await jest.advanceTimersByTimeAsync(5000);
    await settle();
    expect(callsTo('meetings.getAttendance')).toHaveLength(3);

    void instance.onSegment!({ detail: { value: 'notice' } });
    await settle();
    await jest.advanceTimersByTimeAsync(15000);
    expect(callsTo('meetings.getAttendance')).toHaveLength(3);
    void instance.onUnload!();
  });
});

describe('meeting board: the close dialog', () => {
  const CLOSED = {
    ...aStaffDetail(
      { status: 'closed' },
      { edit: false, cancel: false, close: false, reopen: true },
    ),
    outcomes: { present: 30, late: 2, leftEarly: 1, excused: 3, absent: 4 },
  };

  const dialog = (page: PageComponent) => select(page, '.close-dialog')!;
  const dialogText = (page: PageComponent) => textOf(dialog(page));
  /** A TDesign button's `disabled` property. */
  const disabled = (page: PageComponent, selector: string) =>
    (dialog(page).querySelector(selector)!.instance as unknown as { data: { disabled: boolean } })
      .data.disabled;

  async function openDialog(...previews: Parameters<typeof answerWith>[1][]) {
    const page = await openBoard();
    answerWith('meetings.previewClose', ...previews);
    await tap(page, '.close-button');
    return page;
  }

  it('asks what closing would do, shows a failure with 重新加载, and loads again', async () => {
    const page = await openDialog(NETWORK_DOWN, NETWORK_DOWN, NETWORK_DOWN, ok(aClosePreview()));

    expect(page.data.closing).toBe(true);
    expect(exists(dialog(page), '.cd-error')).toBe(true);
    expect(payloads('meetings.previewClose')[0]).toEqual({ meetingId: 'mt-001' });
    expect(exists(dialog(page), '.cd-confirm')).toBe(false);

    await tap(dialog(page), '.cd-retry');

    expect(exists(dialog(page), '.cd-error')).toBe(false);
    expect(exists(dialog(page), '.cd-confirm')).toBe(true);
  });

  it('says when the last session starts when it has not started, with only 知道了', async () => {
    const page = await openDialog(ok(aClosePreview({ blockedBy: 'notStarted', undecided: [] })));

    expect(dialogText(page)).toContain('还不能结束会议');
    expect(dialogText(page)).toContain('最后一场（下午）3月5日 14:30 开始，开始后才能结束会议');
    expect(exists(dialog(page), '.cd-confirm')).toBe(false);
    expect(exists(dialog(page), '.cd-cancel')).toBe(false);

    await tap(dialog(page), '.cd-ok');

    expect(page.data.closing).toBe(false);
    expect(callsTo('meetings.close')).toHaveLength(0);
  });

  it('lists undecided leave; deciding each unblocks 结束会议', async () => {
    const two = [
      { memberId: 'm-005', name: '委员5', sector: '教育界', reason: '出差在外' },
      { memberId: 'm-006', name: '委员6', sector: null, reason: null },
    ];
    const page = await openDialog(
      ok(aClosePreview({ blockedBy: 'leaveUndecided', undecided: two })),
      ok(aClosePreview({ blockedBy: 'leaveUndecided', undecided: two.slice(1) })),
      ok(aClosePreview()),
    );
    answerWith('meetings.decideLeave', ok(aLeaveRequest(5, { status: 'approved' })));

    expect(dialog(page).querySelectorAll('.cd-leave')).toHaveLength(2);
    expect(textOf(dialog(page).querySelectorAll('.cd-leave')[0]!)).toContain('事由：出差在外');
    expect(textOf(dialog(page).querySelectorAll('.cd-leave')[1]!)).toContain('事由：未填写');
    expect(dialogText(page)).toContain('还有 2 人的请假待审批');
    expect(dialogText(page)).toContain('全部审批后，才能结束会议');
    expect(disabled(page, '.cd-confirm')).toBe(true);

    await tap(dialog(page), '.cd-approve', 0);

    expect(payloads('meetings.decideLeave')).toEqual([
      { meetingId: 'mt-001', memberId: 'm-005', approve: true },
    ]);
    expect(dialog(page).querySelectorAll('.cd-leave')).toHaveLength(1);
    expect(disabled(page, '.cd-confirm')).toBe(true);

    answerModals({ confirm: true, content: ' 未说明理由 ' });
    await tap(dialog(page), '.cd-refuse', 0);

    expect(payloads('meetings.decideLeave')[1]).toEqual({
      meetingId: 'mt-001',
      memberId: 'm-006',
      approve: false,
      note: '未说明理由',
    });
    expect(exists(dialog(page), '.cd-leave')).toBe(false);
    expect(disabled(page, '.cd-confirm')).toBe(false);
    expect(callsTo('meetings.close')).toHaveLength(0);
    // Asked once per change, not again on each board update; the board reloaded each time.
    expect(callsTo('meetings.previewClose')).toHaveLength(3);
    expect(callsTo('meetings.get')).toHaveLength(3);
  });

  it('sends no refusal when its reason dialog is cancelled', async () => {
    const page = await openDialog(
      ok(
        aClosePreview({
          blockedBy: 'leaveUndecided',
          undecided: [{ memberId: 'm-005', name: '委员5', sector: '教育界', reason: '出差' }],
        }),
      ),
    );

    answerModals({ confirm: false });
    await tap(dialog(page), '.cd-refuse', 0);

    expect(callsTo('meetings.decideLeave')).toHaveLength(0);
    expect(dialog(page).querySelectorAll('.cd-leave')).toHaveLength(1);
  });

  it('says what closing will do, closes on 结束会议, and the board shows the outcomes', async () => {
    const page = await openDialog(ok(aClosePreview()));
    answerWith('meetings.close', ok(CLOSED));

    const counts = textOf(dialog(page).querySelector('.cd-counts')!);
    expect(counts).toBe('5出席1迟到0早退1请假1缺席');
    expect(dialogText(page)).toContain('出勤结果（人次）');
    expect(dialogText(page)).toContain('将有 1 人按无故缺席扣分');
    expect(callsTo('meetings.close')).toHaveLength(0);

    await tap(dialog(page), '.cd-confirm');

    expect(payloads('meetings.close')).toEqual([{ meetingId: 'mt-001' }]);
    expect(page.data.closing).toBe(false);
    expect(wxMock.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({
        title: '会议已结束',
        content: expect.stringContaining('出席 30，迟到 2，早退 1，请假 3，缺席 4'),
      }),
    );
    expect(textOf(select(page, '.outcomes')!)).toContain('缺席 4');
    expect(exists(page, '.reopen-button')).toBe(true);
    expect(exists(page, '.close-button')).toBe(false);
  });

  it('shows a large close going on in batches, asks on, then the outcomes', async () => {
    const page = await openDialog(ok(aClosePreview()));
    jest.useFakeTimers();
    try {
      const job = (done: number, status = 'running') => ({
        id: 'close:mt-001:r1',
        label: '结束会议',
        status,
        done,
        total: 60,
        error: null,
      });
      answerWith(
        'meetings.close',
        ok({ ...CLOSED, job: job(20) }),
        ok({ ...CLOSED, job: job(40) }),
        ok({ ...CLOSED, job: job(60, 'done') }),
      );

      const tapped = tap(dialog(page), '.cd-confirm'); // its flush sleeps on the fake clock
      for (let i = 0; i < 20; i += 1) await jest.advanceTimersByTimeAsync(1);
      await tapped;
      expect(dialogText(page)).toContain('正在结束会议');
      expect(dialogText(page)).toContain('结束会议进行中：20 / 60');
      expect(wxMock.showModal).not.toHaveBeenCalled();

      await jest.advanceTimersByTimeAsync(1000);
      expect(dialogText(page)).toContain('40 / 60');
      await jest.advanceTimersByTimeAsync(1000);

      expect(callsTo('meetings.close')).toHaveLength(3);
      expect(new Set(callsTo('meetings.close').map((c) => c.requestId)).size).toBe(3);
      expect(page.data.closing).toBe(false);
      expect(wxMock.showModal).toHaveBeenLastCalledWith(
        expect.objectContaining({ title: '会议已结束' }),
      );
      expect(textOf(select(page, '.outcomes')!)).toContain('缺席 4');
    } finally {
      jest.useRealTimers();
    }
  });

  it('says nobody loses points when nobody is absent without leave', async () => {
    const page = await openDialog(
      ok(
        aClosePreview({
          outcomes: { present: 7, late: 0, leftEarly: 0, excused: 1, absent: 0 },
          absentMembers: 0,
        }),
      ),
    );

    expect(dialogText(page)).toContain('没有人无故缺席，不会有人因缺席被扣分');
  });

  it('keeps the dialog open with the error when closing fails', async () => {
    const page = await openDialog(ok(aClosePreview()));
    answerWith('meetings.close', fail('SYSTEM.INTERNAL', '系统繁忙，请稍后重试'));

    await tap(dialog(page), '.cd-confirm');

    expect(page.data.closing).toBe(true);
    expect(textOf(dialog(page).querySelector('.cd-action-error')!)).toBe(
      '没能结束会议：系统繁忙，请稍后重试',
    );
    expect(disabled(page, '.cd-confirm')).toBe(false);
    expect(page.data.outcomeText).toBe('');
    expect(exists(page, '.close-button')).toBe(true);
  });

  it('asks again when closing is refused because leave came in meanwhile', async () => {
    const page = await openDialog(
      ok(aClosePreview()),
      ok(
        aClosePreview({
          blockedBy: 'leaveUndecided',
          undecided: [{ memberId: 'm-007', name: '委员7', sector: '科技界', reason: '生病' }],
        }),
      ),
    );
    answerWith(
      'meetings.close',
      fail('MEETING.LEAVE_UNDECIDED', '还有 1 人的请假未审批（委员7），请先审批后再结束会议', {
        members: [{ memberId: 'm-007', name: '委员7' }],
      }),
    );

    await tap(dialog(page), '.cd-confirm');

    expect(callsTo('meetings.previewClose')).toHaveLength(2);
    expect(dialog(page).querySelectorAll('.cd-leave')).toHaveLength(1);
    expect(dialogText(page)).toContain('没能结束会议：还有 1 人的请假未审批（委员7）');
    expect(disabled(page, '.cd-confirm')).toBe(true);
  });

  it('closes without a call on 取消', async () => {
    const page = await openDialog(ok(aClosePreview()));

    await tap(dialog(page), '.cd-cancel');

    expect(page.data.closing).toBe(false);
    expect(callsTo('meetings.close')).toHaveLength(0);
  });
});

describe('meeting board: the meeting', () => {
  it('cancels with a reason', async () => {
    const page = await openBoard();
    answerWith(
      'meetings.cancel',
      ok(
        aStaffDetail(
          { status: 'cancelled', cancelReason: '因故推迟' },
          { edit: false, cancel: false, close: false },
        ),
      ),
    );
    answerModals({ confirm: true, content: '因故推迟' });

    await tap(page, '.cancel-button');

    expect(payloads('meetings.cancel')).toEqual([{ meetingId: 'mt-001', reason: '因故推迟' }]);
    expect(textOf(select(page, '.head')!)).toContain('已取消：因故推迟');
  });

  it('re-opens a closed meeting with a reason', async () => {
    const page = await openBoard(
      aStaffDetail(
        { status: 'closed' },
        { edit: false, cancel: false, close: false, reopen: true },
      ),
    );
    answerWith('meetings.reopen', ok(aStaffDetail()));
    answerModals({ confirm: true, content: '补录代签' });

    await tap(page, '.reopen-button');

    expect(payloads('meetings.reopen')).toEqual([{ meetingId: 'mt-001', reason: '补录代签' }]);
    expect(exists(page, '.close-button')).toBe(true);
  });

  it('exports the attendance sheet and opens it', async () => {
    const page = await openBoard();
    answerWith(
      'meetings.exportAttendance',
      ok({
        fileName: '签到表-常委会议-2025-03-05.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        contentBase64: 'UEsDBA==',
      }),
    );
    wxMock.fs.writeFile.mockImplementation((o: { success: () => void }) => o.success());
    wxMock.openDocument.mockImplementation((o: { success: () => void }) => o.success());

    await tap(page, '.export-button');

    expect(wxMock.fs.writeFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'http://usr/签到表-常委会议-2025-03-05.xlsx' }),
    );
    expect(wxMock.openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ showMenu: true, fileType: 'xlsx' }),
    );
  });

  it('explains the page to someone who is not office staff', async () => {
    answerWith('meetings.get', fail('AUTH.FORBIDDEN', '您没有权限执行此操作'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', { id: 'mt-001' });
    await flush();

    expect(exists(page, '.state--forbidden')).toBe(true);
  });
});

describe('meeting board: one panel per task', () => {
  it('labels the leave filters with the contract labels', async () => {
    const page = await openBoard();
    await tap(page, '.chip--leave');

    const chips = selectAll(page, '.leave-filters >>> .chip').map((c) => textOf(c));
    expect(chips).toEqual(Object.values(LEAVE_STATUS_LABELS));
  });

  it('shows a panel that failed to load with its own 重新加载, keeping the meeting', async () => {
    answerWith('meetings.get', ok(aStaffDetail()));
    answerWith('meetings.getNoticeReport', NETWORK_DOWN, NETWORK_DOWN, NETWORK_DOWN);
    const page = renderPage(ROUTE);
    opened.push(page);
    await callPage(page, 'onLoad', { id: 'mt-001' });

    expect(exists(page, '.notice-panel >>> .part-retry')).toBe(true);
    expect(exists(page, '.head')).toBe(true);
    answerWith('meetings.getNoticeReport', ok(aNoticeReport()));
    await tap(page, '.notice-panel >>> .part-retry');

    expect(selectAll(page, '.notice-row')).toHaveLength(3);
    expect(callsTo('meetings.get')).toHaveLength(1);
  });

  it('loads the panel shown again when the board is pulled down', async () => {
    const page = await openBoard();
    expect(callsTo('meetings.getNoticeReport')).toHaveLength(1);

    await callPage(page, 'onPullDownRefresh');

    expect(callsTo('meetings.get')).toHaveLength(2);
    expect(callsTo('meetings.getNoticeReport')).toHaveLength(2);
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('keeps the live board on screen when a refresh fails', async () => {
    const page = await openBoard();
    await tap(page, '.chip--attendance');
    answerWith('meetings.getAttendance', NETWORK_DOWN, NETWORK_DOWN, NETWORK_DOWN);

    await callPanel(page, 'loadPart', { quiet: true });

    expect(selectAll(page, '.member-row')).toHaveLength(4);
    expect(exists(page, '.board-retry')).toBe(false);
  });

  it('tells the other meeting pages when leave was decided', async () => {
    const page = await openBoard();
    await tap(page, '.chip--leave');
    answerWith('meetings.decideLeave', ok(aLeaveRequest(5, { status: 'approved' })));
    const before = changeCount(['meetings']);

    answerModals({ confirm: true, content: '' });
    await tap(page, '.approve-button', 0);

    expect(changeCount(['meetings'])).toBe(before + 1);
    // Its own change does not make the board reload when shown again.
    await callPage(page, 'onShow');
    expect(callsTo('meetings.get')).toHaveLength(1);
  });

  it('says how to open the board when no meeting is named, with no 重新加载', async () => {
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad', {});

    expect(textOf(page)).toContain('没有指定会议，请从会议管理进入。');
    expect(exists(page, '.retry')).toBe(false);
    expect(callsTo('meetings.get')).toHaveLength(0);
  });
});
