import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import type { Services } from '../../cloudfunctions/kernel/action';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import { runPendingJobs } from '../../cloudfunctions/kernel/jobs';
import { createDispatcher, type Dispatch } from '../../cloudfunctions/kernel/pipeline';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { meteredStore, newMeter } from '../../cloudfunctions/store/metered';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { seedDemoActivity } from '../local/demo-activity';
import { seedDemoCommittee, type DemoSeed } from '../local/demo-seed';
import { localServices } from '../local/services';

/** What one invocation cost: CloudBase calls in all and on its critical path. */
export interface Cost {
  action: string;
  calls: number;
  depth: number;
  /** The calls, wave by wave (`|` between). */
  trace: string;
  /** This process's own time for it (SQLite and the handlers), without the network. */
  cpuMs: number;
  ok: boolean;
  code?: string;
  /** The action's answer, when it succeeded. */
  data?: unknown;
}

/**
 * The demo committee (members, meetings, proposals, reading club, studios, as the local runtime
 * shows it) behind dispatchers whose store counts the CloudBase calls each invocation makes.
 * One warm instance per function, as the cloud keeps them between calls.
 */
export interface CloudCostBench {
  seed: DemoSeed;
  clock: ManualClock;
  services: Services;
  /** One invocation, counted. */
  measure(openid: string | null, action: string, payload?: unknown): Promise<Cost>;
  /**
   * Invokes the action again and again, as a staff page asks on, while `jobOf` its answer says
   * the job runs (at most `cap` times); each invocation counted. Answers the costs and the last
   * answer.
   */
  measureUntilDone<T>(
    openid: string | null,
    action: string,
    payload: unknown,
    jobOf: (answer: T) => { status: string } | null,
    cap?: number,
  ): Promise<{ costs: Cost[]; last: T }>;
  /** Work outside an action (the timer's run), counted as one invocation. */
  measureRun(label: string, run: (services: Services) => Promise<unknown>): Promise<Cost>;
  /** Runs every job still running to its end, not counted (setting up). */
  finishJobs(): Promise<void>;
  /** One invocation, not counted (setting up); throws on failure. */
  call<T>(openid: string | null, action: string, payload?: unknown): Promise<T>;
  close(): Promise<void>;
}

export const BENCH_NOW = '2026-03-02T02:00:00.000Z';

export async function openCloudCostBench(): Promise<CloudCostBench> {
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-cloud-'));
  const store = new SqliteStore(join(dir, 'bench.db'));
  const clock = new ManualClock(BENCH_NOW);
  const base: Services = localServices(store, clock);
  const seed = await seedDemoCommittee(store, base.ids, clock.now());
  seed.activity = await seedDemoActivity(base, clock.now());
  const meter = newMeter();
  meter.trace = [];
  const metered: Services = { ...base, store: meteredStore(store, meter) };
  const dispatchers = (services: Services) =>
    new Map<string, Dispatch>(
      Object.entries(FUNCTIONS).map(([name, handlers]) => [
        name,
        createDispatcher(name, handlers, services),
      ]),
    );
  const counted = dispatchers(metered);
  const plain = dispatchers(base);
  let request = 0;
  const send = async <T>(
    via: Map<string, Dispatch>,
    openid: string | null,
    action: string,
    payload: unknown,
  ) => {
    const dispatch = via.get(action.split('.')[0]!);
    if (!dispatch) throw new Error(`no function for ${action}`);
    const requestId = `bench-request-${String(++request).padStart(8, '0')}`;
    return (await dispatch({ action, payload, requestId }, { openid })) as ResponseEnvelope<T>;
  };
  /** One invocation's cost: the calls `run` makes through the metered store, and its time. */
  const costOf = async (
    action: string,
    run: () => Promise<Pick<Cost, 'ok' | 'code' | 'data'>>,
  ): Promise<Cost> => {
    meter.reset();
    const t = process.hrtime.bigint();
    const outcome = await run();
    return {
      cpuMs: Number(process.hrtime.bigint() - t) / 1e6,
      action,
      calls: meter.calls,
      depth: meter.depth,
      trace: meter.trace!.join(' ').replace(/ \| /g, ' | '),
      ...outcome,
    };
  };
  const measure: CloudCostBench['measure'] = (openid, action, payload = {}) =>
    costOf(action, async () => {
      const res = await send(counted, openid, action, payload);
      return res.ok ? { ok: true, data: res.data } : { ok: false, code: res.error.code };
    });
  return {
    seed,
    clock,
    services: base,
    measure,
    async measureUntilDone<T>(
      openid: string | null,
      action: string,
      payload: unknown,
      jobOf: (answer: T) => { status: string } | null,
      cap = 100,
    ) {
      const costs: Cost[] = [];
      for (;;) {
        const cost = await measure(openid, action, payload);
        costs.push(cost);
        if (!cost.ok) throw new Error(`${action}: ${cost.code}`);
        const last = cost.data as T;
        if (jobOf(last)?.status !== 'running' || costs.length >= cap) return { costs, last };
      }
    },
    measureRun: (label, run) =>
      costOf(label, () =>
        run(metered).then(
          () => ({ ok: true }),
          () => ({ ok: false }),
        ),
      ),
    async finishJobs() {
      while ((await runPendingJobs(base, { jobs: 10, stepsEach: 1000 })) > 0);
    },
    async call<T>(openid: string | null, action: string, payload: unknown = {}) {
      const res = await send<T>(plain, openid, action, payload);
      if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
      return res.data;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
