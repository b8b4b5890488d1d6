import { config, transportFor } from '../../miniprogram/config';
import { resetSession } from '../../miniprogram/services/session';
import { aProfile } from './support/fixtures';
import { flush } from './support/page';
import { answerWith, fail, ok, resetWx, wxMock } from './support/wx';

import '../../miniprogram/app';

type AppOptions = { onLaunch(): void };
/** setup.ts defines `App` as a jest mock; app.ts called it when imported. */
const registered = (globalThis as unknown as { App: jest.Mock }).App.mock.calls[0]?.[0] as
  AppOptions | undefined;

const defaults = { ...config };
beforeEach(() => {
  resetWx();
  resetSession();
  Object.assign(config, defaults, { retryDelaysMs: [0, 0] });
});
afterAll(() => Object.assign(config, defaults));

function launch(): void {
  if (!registered) throw new Error('app.ts did not call App()');
  registered.onLaunch();
}

describe('app launch', () => {
  it('loads the profile once and stays on the first page when bound', async () => {
    answerWith('members.getMyProfile', ok(aProfile()));

    launch();
    await flush();

    expect(wxMock.request).toHaveBeenCalledTimes(1);
    expect(wxMock.reLaunch).not.toHaveBeenCalled();
    expect(wxMock.cloud.init).not.toHaveBeenCalled();
  });

  it('sends an unbound WeChat account to the binding page', async () => {
    answerWith(
      'members.getMyProfile',
      fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
    );

    launch();
    await flush();

    expect(wxMock.reLaunch).toHaveBeenCalledWith({ url: '/pages/bind/index' });
  });

  it('leaves other failures to the pages', async () => {
    answerWith('members.getMyProfile', fail('SYSTEM.INTERNAL', '系统繁忙，请稍后再试'));

    launch();
    await flush();

    expect(wxMock.reLaunch).not.toHaveBeenCalled();
  });

  it('initialises wx.cloud with the configured env for the cloud transport', async () => {
    config.transport = 'cloud';
    config.cloudEnv = 'cppcc-test-1a2b';
    answerWith('members.getMyProfile', ok(aProfile()));

    launch();
    await flush();

    expect(wxMock.cloud.init).toHaveBeenCalledWith({ env: 'cppcc-test-1a2b', traceUser: true });
    expect(wxMock.cloud.callFunction).toHaveBeenCalledTimes(1);
  });
});

describe('which transport', () => {
  it('is the cloud for 体验版 and 正式版, the developer’s choice in the 开发版', () => {
    expect(transportFor('release')).toBe('cloud');
    expect(transportFor('trial')).toBe('cloud');
    expect(transportFor('develop')).toBe('local');
    expect(transportFor(undefined)).toBe('local'); // where WeChat cannot say (tests, old clients)
  });
});
