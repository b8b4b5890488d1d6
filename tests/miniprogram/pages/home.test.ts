import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../../../miniprogram/config';
import { PROFILE_TAB_INDEX } from '../../../miniprogram/pages/inbox/unread';
import { resetSession, setMyProfile } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { callPage, exists, MINIPROGRAM_ROOT, renderPage, tap, textOf } from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/home/index';
const defaults = { ...config };

/** WeChat's tab bar badge calls (not in the shared mock). */
const tabBar = { setTabBarBadge: jest.fn(), removeTabBarBadge: jest.fn() };

beforeEach(() => {
  resetWx();
  resetSession();
  tabBar.setTabBarBadge.mockReset();
  tabBar.removeTabBarBadge.mockReset();
  Object.assign(wxMock, tabBar);
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
  answerWith('notify.getUnreadCount', ok({ count: 0 }));
});
afterAll(() => Object.assign(config, defaults));

describe('home page', () => {
  it('shows loading until the profile arrives', () => {
    answerWith('members.getMyProfile', ok(aProfile()));
    const page = renderPage(ROUTE);

    void callPage(page, 'onLoad');

    expect(exists(page, '.state--loading')).toBe(true);
  });

  it('greets the member by name with sector and role tags', async () => {
    answerWith(
      'members.getMyProfile',
      ok(aProfile({ name: '王建华', sector: '经济界', roles: ['member'] })),
    );
    const page = renderPage(ROUTE);

    await callPage(page, 'onLoad');

    const text = textOf(page);
    expect(text).toContain('王建华，您好');
    expect(text).toContain('经济界');
    expect(text).toContain('委员');
    expect(text).not.toContain('委员名册管理');
  });

  it('offers the roster to staff and opens it', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['member', 'staff'] })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textOf(page)).toContain('机关工作人员');
    await tap(page, '.shortcut--roster');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/roster/index' });
  });

  it('offers a member their duty record, and staff the assessment', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['member'] })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(textOf(page)).not.toContain('履职考核');
    await tap(page, '.shortcut--ledger');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/ledger/my/index' });
  });

  it('opens 我的资料 on the tab', async () => {
    answerWith('members.getMyProfile', ok(aProfile()));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await tap(page, '.shortcut--profile');

    expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/profile/index' });
  });

  it('shows a prominent binding button when the account is not bound', async () => {
    answerWith(
      'members.getMyProfile',
      fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

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
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textOf(page)).toContain('服务暂时无法连接，请检查网络后重试');
    await tap(page, '.retry');

    expect(textOf(page)).toContain('李红，您好');
  });

  it('re-renders when shown again after binding elsewhere', async () => {
    answerWith(
      'members.getMyProfile',
      fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    setMyProfile(aProfile({ name: '赵敏' }));
    await callPage(page, 'onShow');

    expect(textOf(page)).toContain('赵敏，您好');
    expect(callsTo('members.getMyProfile')).toHaveLength(1);
  });
});

describe('home page: messages', () => {
  async function openHome(unread: number) {
    answerWith('members.getMyProfile', ok(aProfile({ name: '王建华' })));
    answerWith('notify.getUnreadCount', ok({ count: unread }));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    return page;
  }

  it('shows the unread count on a prominent entry that opens the inbox in one tap', async () => {
    const page = await openHome(8);

    const entry = page.querySelector('.inbox-entry')!;
    expect(textOf(entry)).toContain('消息通知');
    expect(textOf(entry)).toContain('8 条未读');
    await tap(page, '.inbox-entry');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/inbox/index' });
  });

  it('sets the 我的 tab badge to the count, capped at 99+', async () => {
    await openHome(120);

    expect(tabBar.setTabBarBadge).toHaveBeenCalledWith(
      expect.objectContaining({ index: 3, text: '99+' }),
    );
    expect(tabBar.removeTabBarBadge).not.toHaveBeenCalled();
  });

  it('reads the count again when shown (back from the inbox), removing the badge at 0', async () => {
    const page = await openHome(2);
    answerWith('notify.getUnreadCount', ok({ count: 0 }));

    await callPage(page, 'onShow');

    expect(textOf(page.querySelector('.inbox-entry')!)).toContain('没有未读消息');
    expect(tabBar.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3 }));
    expect(callsTo('members.getMyProfile')).toHaveLength(1);
  });

  it('keeps the page and the entry when the count cannot be read', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ name: '王建华' })));
    answerWith('notify.getUnreadCount', NETWORK_DOWN);
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textOf(page)).toContain('王建华，您好');
    expect(exists(page, '.inbox-entry')).toBe(true);
    expect(tabBar.setTabBarBadge).not.toHaveBeenCalled();
    expect(tabBar.removeTabBarBadge).not.toHaveBeenCalled();
  });

  it('still works where WeChat has no tab bar badge', async () => {
    Object.assign(wxMock, { setTabBarBadge: undefined, removeTabBarBadge: undefined });
    const page = await openHome(4);

    expect(textOf(page.querySelector('.inbox-entry')!)).toContain('4 条未读');
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
