import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import type { ApiError } from '../../typings/contracts/errors';
import type { Handler, Services } from '../../cloudfunctions/kernel/action';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import { randomIds } from '../../cloudfunctions/kernel/ids';
import { createDispatcher, type Dispatch } from '../../cloudfunctions/kernel/pipeline';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { seedDemoCommittee, type DemoSeed } from '../../scripts/local/demo-seed';
import { localServices } from '../../scripts/local/services';
import { keepFile, readStoredFile } from '../../scripts/local/files';
import { localFileStore } from '../../cloudfunctions/ports/file-store';

/** A fixed business moment: 2026-03-02 10:00 in Beijing. */
export const T0 = '2026-03-02T02:00:00.000Z';

export interface Harness {
  /** The SQLite file behind `store`. */
  path: string;
  store: SqliteStore;
  clock: ManualClock;
  services: Services;
  seed: DemoSeed;
  /** Calls `<fn>.<action>` through the real pipeline as `openid`. */
  call<T = unknown>(
    openid: string | null,
    action: string,
    payload?: unknown,
    requestId?: string,
  ): Promise<ResponseEnvelope<T>>;
  /** Like `call`, but expects success and returns the data. */
  ok<T = unknown>(
    openid: string | null,
    action: string,
    payload?: unknown,
    requestId?: string,
  ): Promise<T>;
  /**
   * Calls a command that starts bulk work until its job is done, as the staff page does (each
   * call moves the job on within its budget); answers the last answer.
   */
  okUntilDone<T extends { job: { status: string } | null } = { job: { status: string } | null }>(
    openid: string | null,
    action: string,
    payload?: unknown,
  ): Promise<T>;
  /** Like `call`, but expects failure and returns the error. */
  err(
    openid: string | null,
    action: string,
    payload?: unknown,
    requestId?: string,
  ): Promise<ApiError>;
  /** Keeps a file as the local runtime's upload does; answers its `local://` id. */
  upload(name: string, bytes: Buffer): Promise<string>;
  close(): Promise<void>;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export async function makeHarness(
  options: { functions?: Record<string, Record<string, Handler>> } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-'));
  dirs.push(dir);
  const path = join(dir, 'test.db');
  const store = new SqliteStore(path);
  const clock = new ManualClock(T0);
  const filesDir = join(dir, 'files');
  const services: Services = localServices(store, clock, {
    files: localFileStore((id) => readStoredFile(filesDir, id)),
  });
  const seed = await seedDemoCommittee(store, randomIds, clock.now());
  const functions = options.functions ?? FUNCTIONS;
  const dispatchers = new Map<string, Dispatch>(
    Object.entries(functions).map(([name, handlers]) => [
      name,
      createDispatcher(name, handlers, services),
    ]),
  );
  const call = async <T>(
    openid: string | null,
    action: string,
    payload?: unknown,
    requestId?: string,
  ) => {
    const fn = action.split('.')[0]!;
    const dispatch = dispatchers.get(fn);
    if (!dispatch) throw new Error(`no function ${fn}`);
    return (await dispatch({ action, payload, requestId }, { openid })) as ResponseEnvelope<T>;
  };
  return {
    path,
    store,
    clock,
    services,
    seed,
    call,
    async ok<T>(openid: string | null, action: string, payload?: unknown, requestId?: string) {
      const res = await call<T>(openid, action, payload, requestId);
      if (!res.ok) throw new Error(`${action} failed: ${res.error.code} ${res.error.message}`);
      return res.data;
    },
    async okUntilDone<T extends { job: { status: string } | null }>(
      openid: string | null,
      action: string,
      payload?: unknown,
    ) {
      for (let calls = 1; ; calls++) {
        const res = await call<T>(openid, action, payload);
        if (!res.ok) throw new Error(`${action} failed: ${res.error.code} ${res.error.message}`);
        const data = res.data;
        if (data.job?.status !== 'running') return data;
        if (calls >= 500) throw new Error(`${action}: the job is still running after 500 calls`);
      }
    },
    async err(openid: string | null, action: string, payload?: unknown, requestId?: string) {
      const res = await call(openid, action, payload, requestId);
      if (res.ok)
        throw new Error(
          `${action} unexpectedly succeeded: ${JSON.stringify(res.data).slice(0, 200)}`,
        );
      return res.error;
    },
    upload: async (name, bytes) => (await keepFile(filesDir, name, bytes, 'test')).fileId,
    close: () => store.close(),
  };
}

/**
 * A roster of `rows` members (委员<n>, phones `<phone><n padded to 8>`, numbered from `from`),
 * as the import action takes it: tests that need a large committee import one.
 */
export function rosterOf(rows: number, { from = 0, phone = '139' } = {}) {
  return csvFile([
    '姓名,性别,界别,专委会,常委,手机号,届次',
    ...Array.from({ length: rows }, (_, i) => {
      const n = from + i;
      return `委员${n},男,经济界,,否,${phone}${String(n).padStart(8, '0')},第十五届`;
    }),
  ]);
}

/** A CSV roster file as the import action takes it. */
export function csvFile(lines: string[], fileName = '名册.csv') {
  return { fileName, contentBase64: Buffer.from(lines.join('\r\n'), 'utf8').toString('base64') };
}
