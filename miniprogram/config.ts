/**
 * Where the mini-program sends its API calls. 体验版 and 正式版 (trial, release) always call the
 * deployed cloud functions in the environment `npm run deploy` wrote to `deployment.ts`; the
 * 开发版 (DevTools, a developer's phone) uses `DEVELOP_TRANSPORT` below.
 *
 * - `transport: 'local'` (the default): `wx.request` to the local runtime started with
 *   `npm start`, so a developer who opens the project in DevTools without a CloudBase
 *   environment still sees data. Each call is a `POST <localBaseUrl>/<function>` with the body
 *   `{ action, payload, requestId }`. The local runtime cannot see a WeChat identity, so the
 *   caller is named by the `X-WX-OPENID` header, set from `devOpenid` below. DevTools must not
 *   check request domains for this to work (project.config.json has `urlCheck: false`; on a
 *   phone, use "开发调试" mode, or the cloud transport).
 * - `transport: 'cloud'`: `wx.cloud.callFunction({ name: <function>, data: { action, payload,
 *   requestId } })` against the CloudBase environment `cloudEnv`. WeChat supplies the caller's
 *   openid to the function itself; `devOpenid` is ignored.
 */
import { DEPLOYMENT } from './deployment';

export type TransportKind = 'cloud' | 'local';

/** What the 开发版 uses: `'cloud'` to try the deployed functions from DevTools. */
const DEVELOP_TRANSPORT: TransportKind = 'local';

/** The cloud outside development; `DEVELOP_TRANSPORT` in it (and where WeChat cannot say). */
export function transportFor(envVersion: string | undefined): TransportKind {
  return envVersion === 'trial' || envVersion === 'release' ? 'cloud' : DEVELOP_TRANSPORT;
}

function envVersion(): string | undefined {
  try {
    return typeof wx !== 'undefined' && typeof wx.getAccountInfoSync === 'function'
      ? wx.getAccountInfoSync().miniProgram.envVersion
      : undefined;
  } catch {
    return undefined;
  }
}

/** Openids the local runtime's demo data knows. */
export const DEMO_OPENIDS = {
  /** A bound member (委员). */
  member: 'demo-member-01',
  /** A committee office staff member (机关工作人员): can manage the roster. */
  staff: 'demo-staff',
  /** An administrator: everything staff can do, plus roles. */
  admin: 'demo-admin',
} as const;

export interface AppConfig {
  transport: TransportKind;
  /**
   * CloudBase environment id (云开发环境 ID, e.g. `cppcc-prod-1a2b3c`), used when `transport`
   * is `'cloud'`. Empty means the default environment of the mini-program's account.
   */
  cloudEnv: string;
  /** Base URL of the local runtime's API, without a trailing slash. */
  localBaseUrl: string;
  /**
   * The openid the local runtime treats as the caller. Switch to `DEMO_OPENIDS.staff` or
   * `DEMO_OPENIDS.admin` to see the office's pages, or to any unknown id (e.g. `demo-new-01`)
   * to see the binding flow.
   */
  devOpenid: string;
  /** Per-attempt timeout for `wx.request`, in milliseconds. */
  requestTimeoutMs: number;
  /**
   * Waits before each retry of a call that failed with `SYSTEM.UNAVAILABLE`; its length is
   * the number of retries. Retries reuse the call's requestId, so a retried write is applied
   * at most once.
   */
  retryDelaysMs: number[];
}

export const config: AppConfig = {
  transport: transportFor(envVersion()),
  cloudEnv: DEPLOYMENT.cloudEnv,
  localBaseUrl: 'http://127.0.0.1:8787/api',
  devOpenid: DEMO_OPENIDS.member,
  requestTimeoutMs: 15000,
  retryDelaysMs: [400, 1200],
};
