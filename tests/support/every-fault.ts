import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResponseEnvelope } from '../../typings/contracts/envelope';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import type { Services } from '../../cloudfunctions/kernel/action';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import { runPendingJobs } from '../../cloudfunctions/kernel/jobs';
import { createDispatcher } from '../../cloudfunctions/kernel/pipeline';
import type { AccountDoc, EntryDoc } from '../../cloudfunctions/modules/ledger/facts';
import { applyPendingDutyEvents } from '../../cloudfunctions/modules/ledger/ledger-port';
import type { DocumentStore } from '../../cloudfunctions/store/port';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { faultyStore } from './faulty-store';
import type { Harness } from './harness';

/** Calls through the real pipeline on `store`, with the harness's other services. */
export function callerOn(h: Harness, store: DocumentStore) {
  const services: Services = { ...h.services, store };
  return {
    services,
    call: <T>(openid: string, action: string, payload: unknown, requestId: string) =>
      createDispatcher(
        action.split('.')[0]!,
        FUNCTIONS[action.split('.')[0]!]!,
        services,
      )({ action, payload, requestId }, { openid }) as Promise<ResponseEnvelope<T>>,
  };
}

/**
 * Fails each store call of one request in turn (as in tests/ledger/rail.test.ts), on a fresh
 * copy of the prepared database, retries the same request, lets the timer apply what is
 * pending, and runs `check`. Closes the harness's store (its file is the prepared state).
 * Answers how many store calls the request makes.
 */
export async function everyFault(
  h: Harness,
  request: { openid: string; action: string; payload: unknown },
  check: (store: DocumentStore) => Promise<void>,
): Promise<number> {
  await h.store.close();
  const dir = mkdtempSync(join(tmpdir(), 'lvzhi-fault-'));
  try {
    copyFileSync(h.path, join(dir, 'count.db'));
    const probe = new SqliteStore(join(dir, 'count.db'));
    const counter = faultyStore(probe, Infinity);
    const clean = await callerOn(h, counter).call(
      request.openid,
      request.action,
      request.payload,
      'req-fault-probe',
    );
    if (!clean.ok) throw new Error(`the request fails without faults: ${clean.error.code}`);
    const total = counter.calls();
    await probe.close();
    for (let failAt = 1; failAt <= total; failAt++) {
      const file = join(dir, `run-${failAt}.db`);
      copyFileSync(h.path, file);
      const store = new SqliteStore(file);
      try {
        const requestId = `req-fault-${failAt}`;
        const first = await callerOn(h, faultyStore(store, failAt)).call(
          request.openid,
          request.action,
          request.payload,
          requestId,
        );
        const healthy = callerOn(h, store);
        const retry = await healthy.call(
          request.openid,
          request.action,
          request.payload,
          requestId,
        );
        if (!retry.ok) throw new Error(`retry answered ${retry.error.code}`);
        if (first.ok) expect(retry.data).toEqual(first.data);
        const later = new Date(h.clock.now().getTime() + 2 * 60_000);
        const timer = { ...healthy.services, clock: new ManualClock(later) };
        while ((await runPendingJobs(timer, { stepsEach: 100 })) > 0);
        await applyPendingDutyEvents(timer, 1000);
        await check(store);
      } catch (e) {
        throw new Error(`fault at store call ${failAt} of ${total}: ${String(e)}`, { cause: e });
      } finally {
        await store.close();
        for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      }
    }
    return total;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every key posted once, every account equal to its entries' sum, nothing left pending. */
export async function ledgerConsistent(store: DocumentStore): Promise<void> {
  const entries = await store.find<EntryDoc>('point_entries', {});
  const firsts = entries.filter((e) => e._id.startsWith('pe_')).map((e) => e.key);
  expect(new Set(firsts).size).toBe(firsts.length);
  for (const a of await store.find<AccountDoc>('point_accounts', {})) {
    const sum = entries.filter((e) => e.memberId === a.memberId && e.year === a.year);
    expect(sum.reduce((s, e) => s + e.points, 0)).toBe(a.total);
  }
  expect(await store.count('duty_events', { status: 'pending' })).toBe(0);
}

/** A member's points (tenths) from one source, as the entries hold them. */
export async function pointsFrom(
  store: DocumentStore,
  memberId: string,
  sourceId: string,
): Promise<number> {
  const entries = await store.find<EntryDoc>('point_entries', {
    where: { memberId, 'source.id': sourceId },
  });
  return entries.reduce((s, e) => s + e.points, 0);
}
