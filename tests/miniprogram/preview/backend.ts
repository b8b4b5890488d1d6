/**
 * The backend behind the page previews: the real handlers (`FUNCTIONS`, through the real
 * pipeline) on a fresh SQLite file seeded with the demo committee, at a fixed moment and with
 * predictable ids so the pictures do not change from run to run.
 *
 * `routeWx` points the fake `wx.request` / `wx.cloud.callFunction` of the mini-program's
 * transport at it, as one caller (the openid being previewed), or makes the backend
 * unreachable or silent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Services } from '../../../cloudfunctions/kernel/action';
import { ManualClock } from '../../../cloudfunctions/kernel/clock';
import { CODE_ALPHABET, type IdSource } from '../../../cloudfunctions/kernel/ids';
import type { Logger } from '../../../cloudfunctions/kernel/logger';
import { createDispatcher, type Dispatch } from '../../../cloudfunctions/kernel/pipeline';
import { FUNCTIONS } from '../../../cloudfunctions/functions/registry';
import { SqliteStore } from '../../../cloudfunctions/store/sqlite';
import { seedDemoActivity } from '../../../scripts/local/demo-activity';
import { seedDemoCommittee, type DemoSeed } from '../../../scripts/local/demo-seed';
import { wxMock } from '../support/wx';
import { localServices } from '../../../scripts/local/services';

/** The moment every preview is taken: 2026-03-02 10:00 in Beijing. */
export const PREVIEW_NOW = '2026-03-02T02:00:00.000Z';

/** Ids and codes from a counter: the same seed gives the same ids, names order and codes. */
export function sequentialIds(): IdSource {
  let n = 0;
  let c = 0;
  return {
    next(prefix) {
      n += 1;
      return `${prefix}_${String(n).padStart(9, '0')}`;
    },
    code(length) {
      let out = '';
      for (let i = 0; i < length; i += 1) {
        c = (c * 1103515245 + 12345) % 2147483648;
        out += CODE_ALPHABET[c % CODE_ALPHABET.length];
      }
      return out;
    },
  };
}

/** Server-side failures (`SYSTEM.INTERNAL`) are logged at error level: they fail the check. */
function collectingLogger(errors: string[], base: Record<string, unknown> = {}): Logger {
  return {
    info: () => undefined,
    warn: () => undefined,
    error: (msg, fields) => errors.push(JSON.stringify({ msg, ...base, ...fields })),
    child: (fields) => collectingLogger(errors, { ...base, ...fields }),
  };
}

export interface DemoBackend {
  seed: DemoSeed;
  /** The backend's clock, at PREVIEW_NOW until a state moves it on. */
  clock: ManualClock;
  /** Errors the handlers logged (a bug on the server side). */
  serverErrors: string[];
  /** One call as it would arrive over the wire (JSON both ways), as `openid`. */
  call(fn: string, event: unknown, openid: string | null): Promise<unknown>;
  close(): Promise<void>;
}

export async function openDemoBackend(options: { seeded?: boolean } = {}): Promise<DemoBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-preview-'));
  const store = new SqliteStore(join(dir, 'preview.db'));
  const clock = new ManualClock(PREVIEW_NOW);
  const serverErrors: string[] = [];
  // The adapters of the local runtime (scripts/start.ts) and the tests' harness.
  const services: Services = localServices(store, clock, {
    ids: sequentialIds(),
    log: collectingLogger(serverErrors),
  });
  const seed =
    options.seeded === false
      ? { accounts: [], inviteCodes: [] }
      : await seedDemoCommittee(store, services.ids, clock.now());
  if (options.seeded !== false) seed.activity = await seedDemoActivity(services, clock.now());
  const dispatchers = new Map<string, Dispatch>(
    Object.entries(FUNCTIONS).map(([name, handlers]) => [
      name,
      createDispatcher(name, handlers, services),
    ]),
  );
  return {
    seed,
    clock,
    serverErrors,
    async call(fn, event, openid) {
      const dispatch = dispatchers.get(fn);
      if (!dispatch) return { ok: false, error: { code: 'REQUEST.UNKNOWN_ACTION', message: fn } };
      const wire = JSON.parse(JSON.stringify(event)) as unknown;
      return JSON.parse(JSON.stringify(await dispatch(wire, { openid }))) as unknown;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * How the backend behaves for one picture:
 * - `live`: answers as `openid` (null: a caller WeChat gave no identity);
 * - `unreachable`: every call fails in the transport (no network, function crashed);
 * - `silent`: no call ever answers (the page stays in its loading state).
 */
export type BackendMode =
  | { kind: 'live'; openid: string | null }
  | { kind: 'unreachable' }
  | { kind: 'silent' };

interface Callbacks {
  success?: (res: unknown) => void;
  fail?: (err: { errMsg: string }) => void;
}

interface WireRequest extends Callbacks {
  url: string;
  data: unknown;
  header?: Record<string, string>;
}

interface WireCallFunction extends Callbacks {
  name: string;
  data: unknown;
}

/** The fake transport of one case: how it behaves now, and what it has not answered yet. */
export interface Route {
  set(mode: BackendMode): void;
  /** Calls started and not yet answered (a silent backend's calls never count). */
  inFlight(): number;
}

/**
 * Makes the transport of the mini-program reach `backend` the way `mode` says. `wx.request`
 * (the `local` transport) takes the caller from the `X-WX-OPENID` header, like the local
 * runtime; `wx.cloud.callFunction` (the `cloud` transport) from `mode`, like CloudBase.
 * Answers arrive on a later tick, like the platform's.
 */
export function routeWx(backend: DemoBackend, initial: BackendMode): Route {
  let mode = initial;
  let pending = 0;
  /** Runs `answer` on a later tick, counting the call as in flight until then. */
  const answerLater = (work: Promise<unknown> | null, answer: (value: unknown) => void) => {
    pending += 1;
    void (work ?? Promise.resolve(undefined)).then((value) =>
      setTimeout(() => {
        pending -= 1;
        answer(value);
      }, 0),
    );
  };

  wxMock.request.mockImplementation((option: WireRequest) => {
    const fn = option.url.split('/').pop() ?? '';
    if (mode.kind === 'unreachable') {
      answerLater(null, () => option.fail?.({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }));
    } else if (mode.kind === 'live') {
      const openid = option.header?.['X-WX-OPENID'] ?? mode.openid;
      answerLater(backend.call(fn, option.data, openid), (data) =>
        option.success?.({
          data,
          statusCode: (data as { ok?: boolean }).ok ? 200 : 400,
          header: {},
          errMsg: 'request:ok',
        }),
      );
    }
    return { abort: () => undefined };
  });
  wxMock.cloud.callFunction.mockImplementation((option: WireCallFunction) => {
    if (mode.kind === 'unreachable') {
      answerLater(null, () => option.fail?.({ errMsg: 'cloud.callFunction:fail network error' }));
    } else if (mode.kind === 'live') {
      answerLater(backend.call(option.name, option.data, mode.openid), (result) =>
        option.success?.({ result, errMsg: 'cloud.callFunction:ok' }),
      );
    }
  });
  return {
    set(next) {
      mode = next;
    },
    inFlight: () => pending,
  };
}
