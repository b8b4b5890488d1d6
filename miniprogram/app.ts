import { config } from './config';
import { isApiCallError } from './services/errors';
import { loadMyProfile } from './services/session';

export const BIND_PAGE = 'pages/bind/index';

App({
  onLaunch() {
    if (config.transport === 'cloud') {
      wx.cloud.init(
        config.cloudEnv ? { env: config.cloudEnv, traceUser: true } : { traceUser: true },
      );
    }
    // Started here so the first page finds it under way; pages handle their own failures.
    loadMyProfile().catch((err: unknown) => {
      if (!isApiCallError(err) || err.code !== 'AUTH.NOT_BOUND') return;
      const top = getCurrentPages().slice(-1)[0];
      if (top?.route !== BIND_PAGE) wx.reLaunch({ url: `/${BIND_PAGE}` });
    });
  },
});
