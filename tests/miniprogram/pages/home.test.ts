import { config } from '../../../miniprogram/config';
import { resetSession, setMyProfile } from '../../../miniprogram/services/session';
import { aProfile } from '../support/fixtures';
import { callPage, exists, renderPage, tap, textOf } from '../support/page';
import { answerWith, callsTo, fail, NETWORK_DOWN, ok, resetWx, wxMock } from '../support/wx';

const ROUTE = 'pages/home/index';
const defaults = { ...config };

beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
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
