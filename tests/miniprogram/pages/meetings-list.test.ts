import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { resetSubscriptions } from '../../../miniprogram/services/subscribe';
import { markChanged } from '../../../miniprogram/kit/changes';
import { aSummary, installMeetingWx, meetingsPage } from '../support/meeting-fixtures';
import {
  callPage,
  exists,
  renderPage,
  tap,
  textOf,
  type PageComponent,
  select,
  selectAll,
} from '../support/page';
import { answerWith, callsTo, fail, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/meetings/list/index';
const defaults = { ...config };

let platform: ReturnType<typeof installMeetingWx>;
/** WeChat's tab bar badge calls (not in the shared mock). */
const tabBar = { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn() };

beforeEach(() => {
  resetWx();
  platform = installMeetingWx();
  tabBar.setTabBarBadge.mockReset();
  tabBar.removeTabBarBadge.mockReset();
  Object.assign(wxMock, tabBar);
  resetSubscriptions();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function payloads(action: string): unknown[] {
  return callsTo(action).map((c) => c.payload);
}

function cardText(page: PageComponent, index: number): string {
  const card = selectAll(page, '.meeting-card')[index];
  if (!card) throw new Error(`no card ${index}`);
  return textOf(card);
}

const REPLIES = [
  aSummary(1, { myReply: 'none' }),
  aSummary(2, { myReply: 'attend' }),
  aSummary(3, { myReply: 'leave', myLeaveStatus: 'pending' }),
  aSummary(4, { myReply: 'leave', myLeaveStatus: 'approved' }),
  aSummary(5, { myReply: 'leave', myLeaveStatus: 'refused' }),
];

async function openList(unread = 2): Promise<PageComponent> {
  answerWith('meetings.list', (payload) => {
    const { scope, page = 1 } = payload as { scope: string; page?: number };
    return scope === 'upcoming'
      ? ok({ items: REPLIES, total: REPLIES.length, page, pageSize: 20 })
      : ok(meetingsPage(page, 1, 20, (n) => aSummary(90 + n, { title: '去年的协商会' })));
  });
  answerWith('notify.getUnreadCount', ok({ count: unread }));
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad');
  return page;
}

describe('meetings list (会议 tab)', () => {
  it('shows each meeting with kind, title, Beijing time, venue and my reply', async () => {
    const page = await openList();

    expect(payloads('meetings.list')).toEqual([{ scope: 'upcoming', page: 1, pageSize: 20 }]);
    expect(selectAll(page, '.meeting-card')).toHaveLength(5);
    const first = cardText(page, 0);
    expect(first).toContain('常委会议');
    expect(first).toContain('七届第1次常委会议');
    expect(first).toContain('2025-03-05 周三 09:00–11:30');
    expect(first).toContain('政协机关第一会议室');
    expect(first).toContain('未回执');
    expect(cardText(page, 1)).toContain('参加');
    expect(cardText(page, 2)).toContain('请假待批');
    expect(cardText(page, 3)).toContain('请假已批');
    expect(cardText(page, 4)).toContain('请假未批');
  });

  it('switches to past meetings and back', async () => {
    const page = await openList();

    await tap(page, '.chip--past');
    expect(payloads('meetings.list').at(-1)).toEqual({ scope: 'past', page: 1, pageSize: 20 });
    expect(textOf(page)).toContain('去年的协商会');
    expect(selectAll(page, '.meeting-card')).toHaveLength(1);

    await tap(page, '.chip--upcoming');
    expect(payloads('meetings.list').at(-1)).toEqual({ scope: 'upcoming', page: 1, pageSize: 20 });
    expect(selectAll(page, '.meeting-card')).toHaveLength(5);
  });

  it('loads more at the bottom', async () => {
    answerWith('meetings.list', (payload) =>
      ok(meetingsPage((payload as { page: number }).page, 25)),
    );
    answerWith('notify.getUnreadCount', ok({ count: 0 }));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await callPage(page, 'onReachBottom');

    expect(selectAll(page, '.meeting-card')).toHaveLength(25);
    expect(textOf(page)).toContain('已显示全部 25 个会议');
  });

  it('opens the meeting on tap', async () => {
    const page = await openList();

    await tap(page, '.meeting-card', 2);

    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/meetings/detail/index?id=mt-003',
    });
  });

  it('shows the unread count and opens the inbox', async () => {
    const page = await openList(3);

    expect(textOf(page)).toContain('3 条未读');
    await tap(page, '.inbox-entry');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/inbox/index' });
  });

  it('refreshes the count when shown again, and the list after a meeting changed', async () => {
    const page = await openList(3);
    answerWith('notify.getUnreadCount', ok({ count: 0 }));

    await callPage(page, 'onShow');
    expect(textOf(page)).toContain('没有未读消息');
    expect(callsTo('meetings.list')).toHaveLength(1);

    markChanged('meetings');
    await callPage(page, 'onShow');
    expect(callsTo('meetings.list')).toHaveLength(2);
  });

  it('shows the unread count as the 我的 tab badge too, and no badge at 0', async () => {
    const page = await openList(3);
    expect(tabBar.setTabBarBadge).toHaveBeenCalledWith(
      expect.objectContaining({ index: 3, text: '3' }),
    );

    answerWith('notify.getUnreadCount', ok({ count: 0 }));
    await callPage(page, 'onShow');
    expect(tabBar.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3 }));
  });

  it('stops the pull-down spinner after refreshing', async () => {
    const page = await openList();

    await callPage(page, 'onPullDownRefresh');

    expect(callsTo('meetings.list')).toHaveLength(2);
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('says when there is nothing to attend', async () => {
    answerWith('meetings.list', ok(meetingsPage(1, 0)));
    answerWith('notify.getUnreadCount', ok({ count: 0 }));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(exists(page, '.state--empty')).toBe(true);
    expect(textOf(page)).toContain('近期没有需要您参加的会议');
  });

  it('shows an error with a retry button', async () => {
    answerWith(
      'meetings.list',
      fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'),
      ok(meetingsPage(1, 2)),
    );
    answerWith('notify.getUnreadCount', ok({ count: 0 }));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(textOf(page)).toContain('系统繁忙');

    await tap(page, '.retry');

    expect(selectAll(page, '.meeting-card')).toHaveLength(2);
  });

  it('offers binding to an unbound account', async () => {
    answerWith('meetings.list', fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'));
    answerWith('notify.getUnreadCount', fail('AUTH.NOT_BOUND', '您还没有绑定委员身份'));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await tap(page, '.bind-button');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });
});

describe('meetings list: 会议通知提醒', () => {
  const TEMPLATES = [
    { key: 'meetingNotice', templateId: 'tpl-notice', title: '会议通知', remaining: 0 },
    { key: 'meetingChange', templateId: 'tpl-change', title: '会议变更', remaining: 0 },
    { key: 'leaveResult', templateId: 'tpl-leave', title: '请假结果', remaining: 0 },
    { key: 'replyReminder', templateId: 'tpl-remind', title: '回执提醒', remaining: 0 },
  ];
  const withLeft = (n: number) =>
    TEMPLATES.map((t) => (t.key === 'meetingNotice' ? { ...t, remaining: n } : t));

  it('offers to turn reminders on, asks on the tap with the meeting templates, and says how many are left', async () => {
    answerWith('notify.getSubscribeTemplates', ok({ templates: TEMPLATES }));
    answerWith('notify.reportSubscriptions', ok({ remaining: { meetingNotice: 1 } }));
    const page = await openList();
    expect(textOf(select(page, '.reminder')!)).toContain('会议通知提醒未开启');
    expect(platform.requestSubscribeMessage).not.toHaveBeenCalled();

    await tap(page, '.reminder-button');

    expect(platform.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(platform.requestSubscribeMessage).toHaveBeenCalledWith(
      expect.objectContaining({ tmplIds: ['tpl-notice', 'tpl-change', 'tpl-remind'] }),
    );
    expect(payloads('notify.reportSubscriptions')).toEqual([
      { results: { 'tpl-notice': 'accept', 'tpl-change': 'accept', 'tpl-remind': 'accept' } },
    ]);
    const card = textOf(select(page, '.reminder')!);
    expect(card).toContain('会议通知提醒：还可提醒 1 次');
    expect(card).toContain('再开启一次提醒');
  });

  it('shows the reminders left from the start, as the backend counts them', async () => {
    answerWith('notify.getSubscribeTemplates', ok({ templates: withLeft(2) }));
    const page = await openList();

    expect(textOf(select(page, '.reminder')!)).toContain('还可提醒 2 次');
  });

  it('says what a refusal means, and keeps the button', async () => {
    answerWith('notify.getSubscribeTemplates', ok({ templates: TEMPLATES }));
    answerWith('notify.reportSubscriptions', ok({ remaining: { meetingNotice: 0 } }));
    const page = await openList();
    platform.requestSubscribeMessage.mockImplementationOnce((o) =>
      o.success?.({ errMsg: 'requestSubscribeMessage:ok', 'tpl-notice': 'reject' }),
    );

    await tap(page, '.reminder-button');

    const card = textOf(select(page, '.reminder')!);
    expect(card).toContain('您没有同意接收提醒');
    expect(card).toContain('开启会议通知提醒');
  });

  it('shows no reminder card without a template, or for an unbound account', async () => {
    answerWith('notify.getSubscribeTemplates', ok({ templates: [] }));
    const page = await openList();
    expect(exists(page, '.reminder')).toBe(false);

    resetSubscriptions();
    answerWith('notify.getSubscribeTemplates', fail('AUTH.NOT_BOUND', '您还没有绑定委员身份'));
    const other = await openList();
    expect(exists(other, '.reminder')).toBe(false);
  });
});
