/**
 * The `wx` global the mini-program code sees under jest: every API it (or TDesign) calls, as
 * jest mocks with sensible defaults, plus a fake backend behind `wx.request` and
 * `wx.cloud.callFunction` that answers by action name and records every call.
 */
import type { ResponseEnvelope } from '../../../typings/contracts';

type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
};

/** Calls callbacks if given, else returns a promise: the shape of most wx async APIs. */
function settle(option: Callbacks | undefined, result: unknown): Promise<unknown> | undefined {
  if (option && (option.success || option.fail || option.complete)) {
    option.success?.(result);
    option.complete?.(result);
    return undefined;
  }
  return Promise.resolve(result);
}

export const appBaseInfo = {
  SDKVersion: '3.10.3',
  enableDebug: false,
  fontSizeScaleFactor: 1,
  fontSizeSetting: 16,
  language: 'zh_CN',
  version: '8.0.50',
  theme: 'light',
  host: { appId: '' },
};

const windowInfo = {
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 667,
  windowWidth: 375,
  windowHeight: 667,
  statusBarHeight: 20,
  safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  screenTop: 0,
};

const deviceInfo = {
  brand: 'devtools',
  model: 'iPhone 6',
  platform: 'devtools',
  system: 'iOS 16.0',
};

function defaults() {
  return {
    showToast: (o?: Callbacks) => settle(o, { errMsg: 'showToast:ok' }),
    showModal: (o?: Callbacks) =>
      settle(o, { errMsg: 'showModal:ok', confirm: true, cancel: false, content: '' }),
    showLoading: (o?: Callbacks) => settle(o, { errMsg: 'showLoading:ok' }),
    hideLoading: (o?: Callbacks) => settle(o, { errMsg: 'hideLoading:ok' }),
    navigateTo: (o?: Callbacks) => settle(o, { errMsg: 'navigateTo:ok' }),
    redirectTo: (o?: Callbacks) => settle(o, { errMsg: 'redirectTo:ok' }),
    switchTab: (o?: Callbacks) => settle(o, { errMsg: 'switchTab:ok' }),
    reLaunch: (o?: Callbacks) => settle(o, { errMsg: 'reLaunch:ok' }),
    stopPullDownRefresh: (o?: Callbacks) => settle(o, { errMsg: 'stopPullDownRefresh:ok' }),
    setNavigationBarTitle: (o?: Callbacks) => settle(o, { errMsg: 'setNavigationBarTitle:ok' }),
    setClipboardData: (o?: Callbacks) => settle(o, { errMsg: 'setClipboardData:ok' }),
    openDocument: (o?: Callbacks) => settle(o, { errMsg: 'openDocument:ok' }),
    chooseMessageFile: (o?: Callbacks) => {
      const err = { errMsg: 'chooseMessageFile:fail cancel' };
      if (o?.fail) return void o.fail(err);
      return Promise.reject(err);
    },
    showActionSheet: (o?: Callbacks) => settle(o, { errMsg: 'showActionSheet:ok', tapIndex: 0 }),
    chooseMedia: (o?: Callbacks) => {
      const err = { errMsg: 'chooseMedia:fail cancel' };
      if (o?.fail) return void o.fail(err);
      return Promise.reject(err);
    },
    previewImage: (o?: Callbacks) => settle(o, { errMsg: 'previewImage:ok' }),
    /** The local runtime's `POST /files`: answers as it does, with the name sent. */
    uploadFile: (o: Callbacks & { filePath: string; formData?: { name?: string } }) => {
      const name = o.formData?.name ?? o.filePath.split('/').pop() ?? 'file';
      const data = JSON.stringify({
        ok: true,
        data: { fileId: `local://${'0'.repeat(31)}1`, name },
        requestId: 'r',
      });
      settle(o, { statusCode: 200, data, errMsg: 'uploadFile:ok' });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    },
    downloadFile: (o: Callbacks & { url: string }) => {
      settle(o, {
        statusCode: 200,
        tempFilePath: `http://tmp/${o.url.split('/').pop() ?? 'file'}`,
        errMsg: 'downloadFile:ok',
      });
      return { onProgressUpdate: jest.fn(), abort: jest.fn() };
    },
    getAppBaseInfo: () => ({ ...appBaseInfo }),
    getSystemInfoSync: () => ({ ...appBaseInfo, ...windowInfo, ...deviceInfo }),
    getWindowInfo: () => ({ ...windowInfo }),
    getDeviceInfo: () => ({ ...deviceInfo }),
    nextTick: (cb: () => void) => setTimeout(cb, 0),
    canIUse: () => true,
  };
}

type DefaultName = keyof ReturnType<typeof defaults>;

function makeMocks(): Record<DefaultName, jest.Mock> {
  const impls = defaults();
  const mocks = {} as Record<DefaultName, jest.Mock>;
  for (const name of Object.keys(impls) as DefaultName[]) {
    mocks[name] = jest.fn(impls[name] as (...args: never[]) => unknown);
  }
  return mocks;
}

/** What the fake backend saw: one entry per attempt. */
export interface RecordedCall {
  fn: string;
  action: string;
  payload: unknown;
  requestId: string;
  /** `wx.request` only. */
  url?: string;
  header?: Record<string, string>;
}

/** An answer to an action: an envelope, or a function computing one from the payload. */
export type Answer =
  ResponseEnvelope | ((payload: unknown, call: RecordedCall) => ResponseEnvelope);

/** A transport failure instead of an answer. */
export const NETWORK_DOWN = Symbol.for('fake-backend.network-down');

interface Backend {
  answers: Map<string, Array<Answer | typeof NETWORK_DOWN>>;
  calls: RecordedCall[];
}

function answer(call: RecordedCall): ResponseEnvelope | typeof NETWORK_DOWN {
  const { backend } = state;
  backend.calls.push(call);
  const queue = backend.answers.get(call.action);
  if (!queue || queue.length === 0) {
    throw new Error(`fake backend: no answer set for ${call.action}`);
  }
  // The last answer stays for any further call.
  const next = queue.length > 1 ? queue.shift()! : queue[0]!;
  if (next === NETWORK_DOWN) return NETWORK_DOWN;
  return typeof next === 'function' ? next(call.payload, call) : next;
}

interface RequestOption extends Callbacks {
  url: string;
  data: { action: string; payload: unknown; requestId: string };
  header: Record<string, string>;
}

interface CallFunctionOption extends Callbacks {
  name: string;
  data: { action: string; payload: unknown; requestId: string };
}

function requestImpl(option: RequestOption) {
  const fn = option.url.split('/').pop() ?? '';
  const result = answer({ fn, ...option.data, url: option.url, header: option.header });
  // Like the platform: callbacks fire on a later tick.
  setTimeout(() => {
    if (result === NETWORK_DOWN) option.fail?.({ errMsg: 'request:fail timeout' });
    else
      option.success?.({
        data: result,
        statusCode: result.ok ? 200 : 400,
        header: {},
        errMsg: 'request:ok',
      });
  }, 0);
  return { abort: jest.fn() };
}

function callFunctionImpl(option: CallFunctionOption) {
  const result = answer({ fn: option.name, ...option.data });
  setTimeout(() => {
    if (result === NETWORK_DOWN) option.fail?.({ errMsg: 'cloud.callFunction:fail network error' });
    else option.success?.({ result, errMsg: 'cloud.callFunction:ok' });
  }, 0);
}

function makeWx() {
  const fs = { readFile: jest.fn(), writeFile: jest.fn() };
  return {
    ...makeMocks(),
    // Untyped like the others, so a test can replace one answer with any raw platform result.
    request: jest.fn(requestImpl) as jest.Mock,
    cloud: {
      init: jest.fn(),
      callFunction: jest.fn(callFunctionImpl) as jest.Mock,
      // CloudBase storage: the fileID names the path; downloads land in a temporary path.
      uploadFile: jest.fn((o: Callbacks & { cloudPath: string }) => {
        settle(o, { fileID: `cloud://env/${o.cloudPath}`, statusCode: 200, errMsg: 'ok' });
        return { onProgressUpdate: jest.fn(), abort: jest.fn() };
      }) as jest.Mock,
      downloadFile: jest.fn((o: Callbacks & { fileID: string }) =>
        settle(o, {
          tempFilePath: `http://tmp/${o.fileID.split('/').pop() ?? 'file'}`,
          statusCode: 200,
        }),
      ) as jest.Mock,
    },
    fs,
    getFileSystemManager: jest.fn(() => fs),
    env: { USER_DATA_PATH: 'http://usr' },
  };
}

export type WxMock = ReturnType<typeof makeWx>;

/**
 * Jest loads this module once for the setup file and again for the test file (separate
 * registries), so the mock and the backend live on the global object, shared by both.
 */
const STATE = Symbol.for('miniprogram-tests.wx-state');
interface State {
  wx: WxMock;
  backend: Backend;
}
const holder = globalThis as typeof globalThis & { [STATE]?: State };
const state: State = (holder[STATE] ??= {
  wx: makeWx(),
  backend: { answers: new Map(), calls: [] },
});

/** The mock installed as the global `wx`; reset before each test by `resetWx()`. */
export const wxMock: WxMock = state.wx;

/**
 * Makes `wxMock` the global `wx`. Needed again after miniprogram-simulate is first required:
 * it replaces the global with its own API object.
 */
export function installWx(): void {
  Object.assign(globalThis, { wx: wxMock });
}

/** Fresh mocks and an empty fake backend. */
export function resetWx(): void {
  Object.assign(wxMock, makeWx());
  installWx();
  state.backend.answers.clear();
  state.backend.calls.length = 0;
}

/** Sets the answers for an action, used in order; the last one repeats. */
export function answerWith(action: string, ...answers: Array<Answer | typeof NETWORK_DOWN>): void {
  state.backend.answers.set(action, answers);
}

export function callsTo(action?: string): RecordedCall[] {
  const { calls } = state.backend;
  return action ? calls.filter((c) => c.action === action) : [...calls];
}

export function ok<T>(data: T): ResponseEnvelope<T> {
  return { ok: true, data, requestId: 'server-request-id' };
}

export function fail(
  code: Extract<ResponseEnvelope, { ok: false }>['error']['code'],
  message: string,
  details?: unknown,
): ResponseEnvelope {
  return {
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details },
  };
}
