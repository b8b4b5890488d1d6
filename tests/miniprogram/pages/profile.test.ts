import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { callPage, exists, renderPage, tap, textOf } from '../support/page';
import { answerWith, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/profile/index';
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

describe('profile page (我的)', () => {
  it('shows the profile with the own phone masked', async () => {
    answerWith(
      'members.getMyProfile',
      ok(
        aProfile({
          name: '王建华',
          gender: '男',
          sector: '经济界',
          specialCommittee: '提案委',
          standingMember: true,
          term: '第七届',
          phone: '13800000001',
          roles: ['member', 'studioHost'],
        }),
      ),
    );
    const page = renderPage(ROUTE);

    await callPage(page, 'onLoad');

    const text = textOf(page);
    for (const shown of [
      '王建华',
      '男',
      '经济界',
      '提案委',
      '常委',
      '是',
      '第七届',
      '138****0001',
      '委员',
      '工作室负责人',
    ]) {
      expect(text).toContain(shown);
    }
    expect(text).not.toContain('13800000001');
    expect(text).not.toContain('委员名册管理');
  });

  it('reveals the full phone number on tap, and hides it on a second tap', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ phone: '13800000001' })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await tap(page, '.field--phone');
    expect(textOf(page)).toContain('13800000001');

    await tap(page, '.field--phone');
    expect(textOf(page)).not.toContain('13800000001');
    expect(textOf(page)).toContain('138****0001');
  });

  it('says 未填写 for empty fields', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ specialCommittee: null, phone: null })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(textOf(page)).toContain('未填写');
  });

  it('links staff to the roster pages', async () => {
    answerWith('members.getMyProfile', ok(aProfile({ roles: ['staff'] })));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await tap(page, '.staff-link');

    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/staff/roster/index' });
  });

  it('offers binding when the account is not bound', async () => {
    answerWith(
      'members.getMyProfile',
      fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    expect(exists(page, '.state--unbound')).toBe(true);
    await tap(page, '.bind-button');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });

  it('shows an error with a retry button', async () => {
    answerWith(
      'members.getMyProfile',
      NETWORK_DOWN,
      NETWORK_DOWN,
      NETWORK_DOWN,
      ok(aProfile({ name: '李红' })),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    expect(textOf(page)).toContain('服务暂时无法连接');

    await tap(page, '.retry');

    expect(textOf(page)).toContain('李红');
  });

  it('asks the server again on a pull-down, and stops the spinner', async () => {
    answerWith(
      'members.getMyProfile',
      ok(aProfile({ name: '王建华' })),
      ok(aProfile({ name: '王建华', sector: '教育界' })),
    );
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');

    await callPage(page, 'onPullDownRefresh');

    expect(textOf(page)).toContain('教育界');
    expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
  });
});

describe('profile page (我的): messages', () => {
  async function openProfile(unread: number) {
    answerWith('members.getMyProfile', ok(aProfile()));
    answerWith('notify.getUnreadCount', ok({ count: unread }));
    const page = renderPage(ROUTE);
    await callPage(page, 'onLoad');
    return page;
  }

  it('shows the unread count on 消息通知 and on this tab’s badge, and opens the inbox', async () => {
    const page = await openProfile(5);

    expect(textOf(page)).toContain('消息通知');
    expect(textOf(page.querySelector('.inbox-link__count')!)).toBe('5 条未读');
    expect(tabBar.setTabBarBadge).toHaveBeenCalledWith(
      expect.objectContaining({ index: 3, text: '5' }),
    );
    await tap(page, '.inbox-link');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/inbox/index' });
  });

  it('reads the count again when shown, and removes the badge when all are read', async () => {
    const page = await openProfile(5);
    answerWith('notify.getUnreadCount', ok({ count: 0 }));

    await callPage(page, 'onShow');

    expect(textOf(page)).toContain('没有未读消息');
    expect(exists(page, '.inbox-link__count')).toBe(false);
    expect(tabBar.removeTabBarBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 3 }));
  });
});
