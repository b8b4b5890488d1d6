/**
 * Renders one preview case: a page of the registry (pages.ts), in one state, as one role, at one
 * text scale, through miniprogram-simulate against the real handlers on a fresh demo database.
 * Returns the standalone HTML to lay out in Chromium and the errors raised while rendering.
 */
import { format } from 'node:util';
import { config } from '../../../miniprogram/config';
import { BASE_ROOT_FONT_SIZE } from '../../../miniprogram/behaviors/font-scale';
import { resetSession } from '../../../miniprogram/services/session';
import { resetSubscriptions } from '../../../miniprogram/services/subscribe';
import { renderPage, type PageComponent } from '../support/page';
import { appBaseInfo, resetWx, wxMock } from '../support/wx';
import { VIEWPORTS, type ViewportName } from '../../../scripts/preview/browser';
import { openDemoBackend, routeWx, type BackendMode } from './backend';
import { pageDocument } from './document';
import {
  PREVIEW_PAGES,
  ROLES,
  type ActContext,
  type BackendBehaviour,
  type PreviewPage,
  type PreviewState,
  type Role,
} from './pages';

/**
 * Text scales pictured: standard, and WeChat's 关怀模式 (elderly-care mode: body text near
 * 24 px instead of 16, `wx.getAppBaseInfo().fontSizeScaleFactor` 1.5).
 */
export const TEXT_SCALES = [1, 1.5] as const;

export interface PreviewCase {
  page: PreviewPage;
  state: PreviewState;
  role: Role;
  scale: number;
  /** The screen: the phone, or the one the state (or the page) names. */
  viewport: ViewportName;
  /**
   * File name without extension: `staff-roster--invite--staff--x1.5`, with the screen's size
   * after it when it is not the phone's (`staff-checkin-code--desk--staff--x1--1280x800`).
   */
  slug: string;
  /**
   * For messages: `pages/home/index, state "loading" as member, text scale 1.5`, with
   * `, 1280 × 800` after it when the screen is not the phone.
   */
  title: string;
}

/** `pages/staff/roster/index` → `staff-roster`. */
export function routeSlug(route: string): string {
  return route
    .replace(/^pages\//, '')
    .replace(/\/index$/, '')
    .replace(/[^a-zA-Z0-9]+/g, '-');
}

const READY: PreviewState = { id: 'ready', label: '正常' };

/** Every case of the registry: each page's normal state per role, then its other states. */
export function previewCases(pages: PreviewPage[] = PREVIEW_PAGES): PreviewCase[] {
  const cases: PreviewCase[] = [];
  for (const page of pages) {
    const runs: Array<[PreviewState, Role]> = [
      ...page.roles.map((role): [PreviewState, Role] => [READY, role]),
      ...page.states.map((state): [PreviewState, Role] => [state, state.as ?? page.roles[0]!]),
    ];
    for (const [state, role] of runs) {
      const viewport = state.viewport ?? page.viewport ?? 'phone';
      const { width, height } = VIEWPORTS[viewport];
      const size = viewport === 'phone' ? '' : `--${width}x${height}`;
      const on = viewport === 'phone' ? '' : `, ${width} × ${height}`;
      for (const scale of TEXT_SCALES) {
        cases.push({
          page,
          state,
          role,
          scale,
          viewport,
          slug: `${routeSlug(page.route)}--${state.id}--${role}--x${scale}${size}`,
          title: `${page.route}, state "${state.id}" as ${role}, text scale ${scale}${on}`,
        });
      }
    }
  }
  return cases;
}

const CONFIG_DEFAULTS = { ...config };

/** Macrotask turns with no call in flight before a page counts as settled. */
const QUIET_TURNS = 5;
/** A silent backend never settles; stop after this many turns. */
const MAX_TURNS = 100;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface RenderedCase {
  html: string;
  /** console.error / console.warn while rendering, errors the handlers logged, and the like. */
  errors: string[];
}

export async function renderCase(c: PreviewCase): Promise<RenderedCase> {
  const backend = await openDemoBackend();
  const errors: string[] = [];
  const openid = ROLES[c.role].openid;

  resetWx();
  resetSession();
  resetSubscriptions();
  Object.assign(config, CONFIG_DEFAULTS, { devOpenid: openid, retryDelaysMs: [0, 0] });
  const info = {
    ...appBaseInfo,
    fontSizeScaleFactor: c.scale,
    fontSizeSetting: Math.round(BASE_ROOT_FONT_SIZE * c.scale),
  };
  wxMock.getAppBaseInfo.mockReturnValue(info);
  // The window the page runs in: a phone, or a PC WeChat window / tablet (`viewport`).
  const { width, height } = VIEWPORTS[c.viewport];
  const windowInfo = {
    ...wxMock.getWindowInfo(),
    screenWidth: width,
    screenHeight: height,
    windowWidth: width,
    windowHeight: height,
    safeArea: { left: 0, right: width, top: 20, bottom: height, width, height: height - 20 },
  };
  wxMock.getWindowInfo.mockReturnValue(windowInfo);
  wxMock.getSystemInfoSync.mockReturnValue({
    ...wxMock.getSystemInfoSync(),
    ...windowInfo,
    ...info,
  });

  const modes: Record<BackendBehaviour, BackendMode> = {
    live: { kind: 'live', openid },
    unreachable: { kind: 'unreachable' },
    silent: { kind: 'silent' },
  };
  const route = routeWx(backend, modes[c.state.backend ?? 'live']);

  const settle = async () => {
    let quiet = 0;
    for (let turn = 0; turn < MAX_TURNS && quiet < QUIET_TURNS; turn += 1) {
      await nextTurn();
      quiet = route.inFlight() === 0 ? quiet + 1 : 0;
    }
  };
  const caught = (what: string) => (err: unknown) =>
    errors.push(`${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);

  const spies = (['error', 'warn'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      errors.push(`console.${level}: ${format(...args)}`);
    }),
  );
  let page: PageComponent | undefined;
  try {
    page = renderPage(c.page.route, c.page.root);
    const rendered = page;
    const call = async (method: string, ...args: unknown[]) => {
      const instance = rendered.instance as unknown as Record<string, unknown>;
      const fn = instance[method];
      if (typeof fn !== 'function') throw new Error(`${c.page.route} has no method ${method}`);
      const result: unknown = (fn as (...a: unknown[]) => unknown).apply(instance, args);
      if (result instanceof Promise) result.catch(caught(method));
      await settle();
    };
    // What WeChat does when the page opens.
    for (const hook of ['onLoad', 'onShow', 'onReady']) {
      const instance = rendered.instance as unknown as Record<string, unknown>;
      if (typeof instance[hook] === 'function') {
        const query = typeof c.page.query === 'function' ? c.page.query(backend.seed) : c.page.query;
        await call(hook, ...(hook === 'onLoad' ? [{ ...(query ?? {}) }] : []));
      }
    }
    const ctx: ActContext = {
      page: rendered,
      call,
      backend: (behaviour) => route.set(modes[behaviour]),
      wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      wx: wxMock,
      seed: backend.seed,
      api: async <T>(role: Role, action: string, payload: unknown = {}) => {
        const fn = action.split('.')[0]!;
        const res = (await backend.call(fn, { action, payload }, ROLES[role].openid)) as {
          ok: boolean;
          data?: T;
          error?: { code: string; message: string };
        };
        if (!res.ok) throw new Error(`${action} as ${role}: ${res.error?.code} ${res.error?.message}`);
        return res.data as T;
      },
      advanceClock: (ms) => backend.clock.advance(ms),
    };
    if (c.state.act) await c.state.act(ctx);
    await settle();

    const data = (rendered.data ?? {}) as { rootFontSize?: unknown };
    const expected = Math.round(BASE_ROOT_FONT_SIZE * c.scale);
    if (data.rootFontSize !== expected) {
      errors.push(
        `font scale: the page's rootFontSize is ${String(data.rootFontSize)}, expected ${expected} ` +
          `at text scale ${c.scale}: use the fontScale behavior (behaviors/font-scale.ts), ` +
          `<page-meta root-font-size>, and rem sizes`,
      );
    }
    errors.push(...backend.serverErrors.map((e) => `server error: ${e}`));
    return {
      html: pageDocument(rendered, c.page.route, c.page.root, VIEWPORTS[c.viewport]),
      errors,
    };
  } finally {
    for (const spy of spies) spy.mockRestore();
    (page as unknown as { detach(): void } | undefined)?.detach();
    route.set({ kind: 'silent' });
    await backend.close();
  }
}
