import { mkdtempSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Services } from '../../cloudfunctions/kernel/action';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import type { BindingDoc, MemberDoc } from '../../cloudfunctions/kernel/identity';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';
import { createLocalServer } from '../local/server';
import { localServices } from '../local/services';

/**
 * The local runtime for the check-in burst, in its own process: N members bound to
 * `bench-<i>` openids, a staff account `bench-staff`, the clock held 10 minutes before the
 * meeting so every code stays fresh. Prints `{ port, dbPath }` as one JSON line when ready.
 */
async function main(): Promise<void> {
  const members = Number(process.argv[2] ?? 1000);
  const dbPath = join(mkdtempSync(join(tmpdir(), 'bench-checkin-')), 'bench.db');
  const store = new SqliteStore(dbPath);
  const clock = new ManualClock('2026-03-05T00:20:00.000Z'); // 08:20 in Beijing
  const at = '2026-01-01T00:00:00.000Z';
  await store.transaction(async (tx) => {
    for (let i = 0; i <= members; i++) {
      const staff = i === members;
      const openid = staff ? 'bench-staff' : `bench-${i}`;
      const doc: MemberDoc = {
        _id: `m${i}`,
        name: staff ? '会务组' : `委员${i}`,
        gender: null,
        sector: `界别${i % 16}`,
        specialCommittee: null,
        standingMember: false,
        phone: null,
        term: null,
        roles: staff ? ['staff'] : ['member'],
        active: true,
        openid,
        boundAt: at,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      await tx.insert('members', doc);
      await tx.insert<BindingDoc>('bindings', {
        _id: openid,
        memberId: doc._id,
        method: 'invite',
        boundAt: at,
      });
    }
  });
  const services: Services = localServices(store, clock);
  const server = createLocalServer({ services, functions: FUNCTIONS, trustOpenidHeader: true });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, dbPath }) +
        '\n',
    );
  });
  if (process.env.BENCH_PROFILE) profileOnSignal(process.env.BENCH_PROFILE);
  process.on('SIGTERM', () => server.close(() => void store.close().then(() => process.exit(0))));
}

/**
 * `BENCH_PROFILE=<file>`: the first SIGUSR2 starts the CPU profiler, the second writes the
 * profile of what ran between them (the burst alone, not the setup) to the file.
 */
function profileOnSignal(file: string): void {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 100 }, () =>
          session.post('Profiler.start'),
        ),
      );
      return;
    }
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
