/**
 * Page tests against the real handlers: the preview's demo committee on SQLite, reached through
 * the mini-program's own transport (wx.request, JSON both ways). For pages whose worth is in
 * what the server does with their calls (the reading club: checks, counts, cursors), so the
 * test reads the outcome back from the server instead of trusting a hand-made answer.
 */
import { config } from '../../../miniprogram/config';
import { resetSession } from '../../../miniprogram/services/session';
import { openDemoBackend, routeWx, type DemoBackend } from '../preview/backend';
import { ROLES, type Role } from '../preview/pages';
import { callPage, flush, renderPage, type PageComponent } from './page';
import { resetWx } from './wx';

const CONFIG_DEFAULTS = { ...config };

export interface LiveBackend {
  backend: DemoBackend;
  /** Makes the page's calls (and `api`'s) come from this role's WeChat. */
  actAs(role: Role): void;
  /** One call as `role`, straight to the handlers; throws on a refusal. */
  api<T>(role: Role, action: string, payload?: unknown): Promise<T>;
  /** Cuts the network (every call fails in the transport) or brings it back. */
  offline(on: boolean): void;
  /** Lets every call in flight answer and the page render. */
  settle(): Promise<void>;
  /** Renders a page, loads it with `query` (as WeChat's onLoad) and lets it settle. */
  open(route: string, query?: Record<string, string>): Promise<PageComponent>;
  close(): Promise<void>;
}

export async function openLiveBackend(role: Role): Promise<LiveBackend> {
  const backend = await openDemoBackend();
  resetWx();
  resetSession();
  const route = routeWx(backend, { kind: 'live', openid: ROLES[role].openid });
  let openid = ROLES[role].openid;
  const actAs = (next: Role) => {
    openid = ROLES[next].openid;
    Object.assign(config, CONFIG_DEFAULTS, {
      devOpenid: ROLES[next].openid,
      retryDelaysMs: [0, 0],
    });
    route.set({ kind: 'live', openid: ROLES[next].openid });
    resetSession();
  };
  actAs(role);
  const settle = async () => {
    for (let turn = 0; turn < 200; turn += 1) {
      await flush(1);
      if (route.inFlight() === 0 && turn > 5) {
        await flush(5);
        if (route.inFlight() === 0) return;
      }
    }
  };
  return {
    backend,
    actAs,
    offline(on) {
      route.set(on ? { kind: 'unreachable' } : { kind: 'live', openid });
    },
    async api<T>(as: Role, action: string, payload: unknown = {}) {
      const res = (await backend.call(
        action.split('.')[0]!,
        { action, payload },
        ROLES[as].openid,
      )) as { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
      if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
      return res.data;
    },
    settle,
    async open(route, query = {}) {
      const page = renderPage(route);
      void callPage(page, 'onLoad', query);
      await settle();
      return page;
    },
    async close() {
      Object.assign(config, CONFIG_DEFAULTS);
      if (backend.serverErrors.length) throw new Error(backend.serverErrors.join('\n'));
      await backend.close();
    },
  };
}
