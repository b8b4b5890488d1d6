import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  InboxItem,
  MeetingSummary,
  ProposalSummary,
  ProposalToEvaluate,
} from '../../../typings/contracts';
import { config } from '../../../miniprogram/config';
import { PROFILE_TAB_INDEX } from '../../../miniprogram/pages/inbox/unread';
import { resetSession, setMyProfile } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import {
  callPage,
  exists,
  MINIPROGRAM_ROOT,
  renderPage,
  select,
  selectAll,
  tap,
  textOf,
} from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/home/index';
const defaults = { ...config };
/** 2026-03-02 10:00 in Beijing. */
const NOW = Date.parse('2026-03-02T02:00:00.000Z');

/** WeChat's tab bar badge calls (not in the shared mock). */
const tabBar = { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn() };

function aMeeting(over: Partial<MeetingSummary> = {}): MeetingSummary {
  return {
    id: 'mt-1',
    kind: 'consultation',
    kindLabel: '专题协商会',
    title: '专题协商会',
    status: 'published',
    startsAt: '2026-03-05T01:00:00.000Z',
    endsAt: '2026-03-05T03:00:00.000Z',
    venueName: '三楼会议室',
    replyDeadline: '2026-03-04T10:00:00.000Z',
    myReply: 'none',
    myLeaveStatus: null,
    ...over,
  };
}

function anInvitation(over: Partial<ProposalSummary> = {}) {
  return {
    id: 'p-1',
    number: null,
    title: '关于校园周边交通安全的建议',
    category: '教育',
    status: 'cosigning' as const,
    statusLabel: '联名确认中',
    leadName: '李红',
    kind: 'joint' as const,
    collectiveName: null,
    coSignerCount: 2,
    submittedAt: '2026-03-01T01:00:00.000Z',
    plenary: false,
    coSignDeadline: '2026-03-08T02:00:00.000Z',
    ...over,
  };
}

function aReplyToEvaluate(over: Partial<ProposalToEvaluate> = {}): ProposalToEvaluate {
  return {
    ...anInvitation({ id: 'p-7', title: '关于老旧小区加装电梯的建议', status: 'accepted' }),
    statusLabel: '已立案',
    number: '2026-0007',
    round: 1,
    repliedAt: '2026-02-27T07:00:00.000Z',
    ...over,
  };
}

function aNotice(over: Partial<InboxItem> = {}): InboxItem {
  return {
    id: 'n-1',
    kind: 'meeting.change',
    title: '会议地点变更',
    body: '……',
    link: '/pages/meetings/detail/index?id=mt-9',
    createdAt: '2026-03-01T08:00:00.000Z',
    readAt: null,
    ...over,
  };
}

const page1 = <T>(items: T[], total = items.length) => ({ items, total, page: 1, pageSize: 20 });

function answerNothingWaiting() {
  answerWith('meetings.list', ok(page1([])));
  answerWith('proposals.listCoSignInvitations', ok(page1([])));
  answerWith('proposals.listToEvaluate', ok(page1([])));
  answerWith('notify.listInbox', ok({ ...page1([]), unread: 0 }));
}

async function openHome() {
  const page = renderPage(ROUTE);
  await callPage(page, 'onLoad');
  return page;
}

beforeEach(() => {
  resetWx();
  resetSession();
  tabBar.setTabBarBadge.mockReset();
  tabBar.removeTabBarBadge.mockReset();
  Object.assign(wxMock, tabBar);
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  answerWith('members.getMyProfile', ok(aProfile({ name: '王建华', roles: ['member'] })));
  answerNothingWaiting();
});
afterEach(() => jest.restoreAllMocks());
afterAll(() => Object.assign(config, defaults));

describe('home page', () => {
  it('shows loading until the profile arrives', () => {
    const page = renderPage(ROUTE);

    void callPage(page, 'onLoad');

    expect(exists(page, '.state--loading')).toBe(true);
  });

  it('greets the member by name with sector and role tags', async () => {
    answerWith(
      'members.getMyProfile',
      ok(aProfile({ name: '王建华', sector: '经济界', roles: ['member'] })),
    );
    const page = await openHome();

    const text = textOf(page);
    expect(text).toContain('王建华，您好');
    expect(text).toContain('经济界');
    expect(text).toContain('委员');
    expect(text).not.toContain('委员名册管理');
  });

  it('says nothing waits, and still offers the main entries', async () => {
    const page = await openHome();

    expect(textOf(select(page, '.nothing')!)).toContain('暂时没有待办');
    expect(exists(page, '.waiting')).toBe(false);
    await tap(page, '.shortcut--meetings');
    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/meetings/list/index' });
    await tap(page, '.shortcut--ledger');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/ledger/my/index' });
  });

  it('keeps the staff entries for staff, and loads no member lists for them', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
    const page = await openHome();

    expect(textOf(page)).toContain('机关工作人员');
    expect(exists(page, '.shortcut--ledger')).toBe(false);
    expect(callsTo('meetings.list')).toHaveLength(0);
    expect(callsTo('proposals.listToEvaluate')).toHaveLength(0);
    await tap(page, '.shortcut--roster');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/roster/index' });
  });

  it('shows the office what waits, a row per kind with its count, each opening its list', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
    answerWith('proposals.reviewQueue', ok({ items: [], total: 3, page: 1, pageSize: 1 }));
    answerWith(
      'proposals.workQueue',
      ok({
        items: [],
        total: 2,
        page: 1,
        pageSize: 1,
        counts: { unassigned: 2, handling: 5, overdue: 1, replied: 0, rehandling: 0, closed: 9 },
      }),
    );
    answerWith('opinions.reviewQueue', ok({ items: [], total: 0, page: 1, pageSize: 1 }));
    answerWith('meetings.listLeaveRequests', ok({ items: [], total: 4, page: 1, pageSize: 1 }));
    answerWith(
      'reading.moderationQueue',
      ok({
        items: [],
        nextCursor: null,
        counts: { review: 1, reported: 1, refused: 0, hidden: 0 },
      }),
    );
    const page = await openHome();

    const office = select(page, '.waiting--office')!;
    expect(selectAll(page, '.waiting--office .waiting-row').map(textOf)).toEqual([
      expect.stringContaining('待审查的提案3 件'),
      expect.stringContaining('待交办的提案2 件'),
      expect.stringContaining('超期未答复的提案1 件'),
      expect.stringContaining('待审批的请假4 人次'),
      expect.stringContaining('待审核的读书内容2 条'),
    ]);
    expect(textOf(office)).not.toContain('查看全部');
    await tap(page, '.waiting--office .waiting-row', 2);
    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/staff/proposal-work/index?queue=overdue',
    });
  });

  it('opens 我的资料 on the tab', async () => {
    const page = await openHome();

    await tap(page, '.shortcut--profile');

    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/profile/index' });
  });

  it('shows a prominent binding button when the account is not bound', async () => {
    answerWith(
      'members.getMyProfile',
      fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
    );
    const page = await openHome();

    expect(textOf(page)).toContain('请先绑定您的委员身份');
    await tap(page, '.bind-button');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });

  it('shows the error with a retry button that loads again', async () => {
    answerWith(
      'members.getMyProfile',
      NETWORK_DOWN,
      NETWORK_DOWN,
      NETWORK_DOWN,
      ok(aProfile({ name: '李红' })),
    );
    const page = await openHome();

    expect(textOf(page)).toContain('服务暂时无法连接，请检查网络后重试');
    await tap(page, '.retry');

    expect(textOf(page)).toContain('李红，您好');
  });

  it('re-renders when shown again after binding elsewhere', async () => {
    answerWith(
      'members.getMyProfile',
      fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
    );
    const page = await openHome();

    setMyProfile(aProfile({ name: '赵敏' }));
    await callPage(page, 'onShow');

    expect(textOf(page)).toContain('赵敏，您好');
    expect(callsTo('members.getMyProfile')).toHaveLength(1);
  });
});

describe('home page: what waits', () => {
  function answerWaiting() {
    answerWith(
      'meetings.list',
      ok(
        page1([
          aMeeting({
            id: 'today-1',
            title: '今天的常委会',
            startsAt: '2026-03-02T06:00:00.000Z',
            endsAt: '2026-03-02T08:00:00.000Z',
            myReply: 'attend',
          }),
          aMeeting({ id: 'reply-1', title: '下周的协商会' }),
          aMeeting({ id: 'done-1', title: '已回执的视察', myReply: 'attend' }),
          aMeeting({
            id: 'excused-1',
            title: '已准假的会',
            startsAt: '2026-03-02T06:00:00.000Z',
            myReply: 'leave',
            myLeaveStatus: 'approved',
          }),
        ]),
      ),
    );
    answerWith('proposals.listCoSignInvitations', ok(page1([anInvitation()], 3)));
    answerWith('proposals.listToEvaluate', ok(page1([aReplyToEvaluate()], 2)));
    answerWith(
      'notify.listInbox',
      ok({
        ...page1([
          aNotice(),
          aNotice({
            id: 'n-2',
            kind: 'proposal.reply',
            title: '您的提案已答复',
            link: '/pages/proposals/detail/index?id=p-9',
          }),
        ]),
        unread: 2,
      }),
    );
    answerWith('notify.markRead', ok({ marked: 1 }));
  }

  it('lists each kind of thing that waits, with counts, fetched in parallel', async () => {
    answerWaiting();
    const page = await openHome();

    const titles = selectAll(page, '.waiting__title').map(textOf);
    expect(titles).toEqual(['今天的会议', '待回执的会议', '联名邀请', '答复待评价', '未读消息']);
    expect(textOf(select(page, '.waiting--today')!)).toContain('今天的常委会');
    expect(textOf(select(page, '.waiting--today')!)).not.toContain('已准假的会');
    expect(textOf(select(page, '.waiting--reply')!)).toContain('下周的协商会');
    expect(textOf(page)).not.toContain('已回执的视察');
    expect(textOf(select(page, '.waiting--cosign')!)).toContain('李红 邀请您联名');
    expect(textOf(select(page, '.waiting--cosign')!)).toContain('查看全部 3 项');
    expect(textOf(select(page, '.waiting-head')!)).toContain('共 8 项');
    expect(exists(page, '.nothing')).toBe(false);
    expect(tabBar.setTabBarBadge).toHaveBeenCalledWith(
      expect.objectContaining({ index: PROFILE_TAB_INDEX, text: '2' }),
    );
  });

  it.each([
    ['.waiting--today', '/pages/meetings/detail/index?id=today-1'],
    ['.waiting--reply', '/pages/meetings/detail/index?id=reply-1'],
    ['.waiting--cosign', '/pages/proposals/detail/index?id=p-1'],
    ['.waiting--evaluate', '/pages/proposals/detail/index?id=p-7'],
    ['.waiting--notices', '/pages/meetings/detail/index?id=mt-9'],
  ])('a row of %s opens its page', async (section, url) => {
    answerWaiting();
    const page = await openHome();

    await tap(page, `${section} .waiting-row`);

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url });
  });

  it('lists the replies waiting for the member’s evaluation, from the backend’s list', async () => {
    answerWaiting();
    const page = await openHome();

    const evaluate = textOf(select(page, '.waiting--evaluate')!);
    expect(evaluate).toContain('关于老旧小区加装电梯的建议');
    expect(evaluate).toContain('2026-02-27 15:00 答复 · 请评价');
    expect(evaluate).toContain('查看全部 2 项');
    expect(callsTo('proposals.listToEvaluate')[0]?.payload).toEqual({ page: 1, pageSize: 5 });
    // The reply's notice is not listed again among the unread messages.
    expect(textOf(select(page, '.waiting--notices')!)).not.toContain('您的提案已答复');
    expect(selectAll(page, '.waiting--notices .waiting-row')).toHaveLength(1);
  });

  it('says when a reply came after re-handling', async () => {
    answerWaiting();
    answerWith(
      'proposals.listToEvaluate',
      ok(page1([aReplyToEvaluate({ round: 2, repliedAt: '2026-03-01T02:00:00.000Z' })])),
    );
    const page = await openHome();

    expect(textOf(select(page, '.waiting--evaluate')!)).toContain(
      '2026-03-01 10:00 答复 · 重新办理后的答复 · 请评价',
    );
  });

  it('shows no 答复待评价 part while nothing waits for evaluation, even with a reply notice unread', async () => {
    answerWaiting();
    answerWith('proposals.listToEvaluate', ok(page1([])));
    const page = await openHome();

    expect(exists(page, '.waiting--evaluate')).toBe(false);
  });

  it('names 答复待评价 when it cannot load, and shows the rest', async () => {
    answerWaiting();
    answerWith('proposals.listToEvaluate', NETWORK_DOWN);
    const page = await openHome();

    expect(textOf(select(page, '.failed')!)).toContain('答复待评价暂时无法加载');
    expect(textOf(select(page, '.waiting--cosign')!)).toContain('李红 邀请您联名');
  });

  it('marks a notice read when it is opened', async () => {
    answerWaiting();
    const page = await openHome();

    await tap(page, '.waiting--notices .waiting-row');

    expect(callsTo('notify.markRead')[0]?.payload).toEqual({ ids: ['n-1'] });
  });

  it('opens a reply to evaluate without marking any notice read', async () => {
    answerWaiting();
    const page = await openHome();

    await tap(page, '.waiting--evaluate .waiting-row');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({
      url: '/pages/proposals/detail/index?id=p-7',
    });
    expect(callsTo('notify.markRead')).toHaveLength(0);
  });

  it('opens the whole list of co-sign invitations on the 提案 tab', async () => {
    answerWaiting();
    const page = await openHome();

    await tap(page, '.waiting--cosign .waiting__more');

    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/proposals/index' });
  });

  it('shows the rest and names the part that could not load', async () => {
    answerWaiting();
    answerWith('proposals.listCoSignInvitations', NETWORK_DOWN);
    const page = await openHome();

    expect(textOf(select(page, '.failed')!)).toContain('联名邀请暂时无法加载');
    expect(exists(page, '.waiting--cosign')).toBe(false);
    expect(textOf(select(page, '.waiting--reply')!)).toContain('下周的协商会');
    expect(textOf(select(page, '.waiting--notices')!)).toContain('会议地点变更');
    expect(exists(page, '.state--error')).toBe(false);
  });

  it('loads what waits again when shown (back from a meeting)', async () => {
    answerWaiting();
    const page = await openHome();
    answerWith('meetings.list', ok(page1([])));

    await callPage(page, 'onShow');

    expect(exists(page, '.waiting--reply')).toBe(false);
    expect(callsTo('members.getMyProfile')).toHaveLength(1);
  });
});

describe('home page: messages', () => {
  it('shows the unread count on a prominent entry that opens the inbox in one tap', async () => {
    answerWith('notify.listInbox', ok({ ...page1([aNotice()]), unread: 8 }));
    const page = await openHome();

    const entry = select(page, '.inbox-entry')!;
    expect(textOf(entry)).toContain('消息通知');
    expect(textOf(entry)).toContain('8 条未读');
    await tap(page, '.inbox-entry');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/inbox/index' });
  });

  it('sets the 我的 tab badge to the count, capped at 99+', async () => {
    answerWith('notify.listInbox', ok({ ...page1([aNotice()]), unread: 120 }));
    await openHome();

    expect(tabBar.setTabBarBadge).toHaveBeenCalledWith(
      expect.objectContaining({ index: 3, text: '99+' }),
    );
    expect(tabBar.removeTabBarBadge).not.toHaveBeenCalled();
  });

  it('keeps the page and the entry when the messages cannot be read', async () => {
    answerWith('notify.listInbox', NETWORK_DOWN);
    const page = await openHome();

    expect(textOf(page)).toContain('王建华，您好');
    expect(exists(page, '.inbox-entry')).toBe(true);
    expect(textOf(select(page, '.failed')!)).toContain('消息暂时无法加载');
    expect(tabBar.setTabBarBadge).not.toHaveBeenCalled();
  });

  it('still works where WeChat has no tab bar badge', async () => {
    Object.assign(wxMock, { setTabBarBadge: undefined, removeTabBarBadge: undefined });
    answerWith('notify.listInbox', ok({ ...page1([aNotice()]), unread: 4 }));
    const page = await openHome();

    expect(textOf(select(page, '.inbox-entry')!)).toContain('4 条未读');
  });

  it('names the 我的 tab by its place in app.json', () => {
    const app = JSON.parse(readFileSync(join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
      tabBar: { list: Array<{ pagePath: string }> };
    };

    expect(app.tabBar.list.findIndex((t) => t.pagePath === 'pages/profile/index')).toBe(
      PROFILE_TAB_INDEX,
    );
  });
});
