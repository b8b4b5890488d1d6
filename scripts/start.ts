import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { systemClock } from '../cloudfunctions/kernel/clock';
import { randomIds } from '../cloudfunctions/kernel/ids';
import { jsonLogger, silentLogger } from '../cloudfunctions/kernel/logger';
import { linkQrCodes, pathQrCodes } from '../cloudfunctions/ports/mini-program-code';
import { onTimer } from '../cloudfunctions/modules/notify/timer';
import { deliverLocalVerdicts } from '../cloudfunctions/modules/reading';
import { FUNCTIONS } from '../cloudfunctions/functions/registry';
import { SqliteStore } from '../cloudfunctions/store/sqlite';
import { seedDemoActivity } from './local/demo-activity';
import { seedDemoCommittee } from './local/demo-seed';
import { createLocalServer } from './local/server';
import { localServices } from './local/services';
import { localFileStore } from '../cloudfunctions/ports/file-store';
import { readStoredFile } from './local/files';

/**
 * `npm start`: the local runtime. Every cloud function over HTTP on 127.0.0.1, against an
 * SQLite file, with a demo committee seeded on first start.
 *   PORT           (default 8787)
 *   DATABASE_PATH  (default .data/local.db); uploads go to <its folder>/files
 *   NODE_ENV       production disables the X-WX-OPENID header (then nobody can call)
 *   CHECKIN_LINK_BASE  https://<host>/c/: the door shows that link's QR (default: the page path's)
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const dbPath = resolve(process.env.DATABASE_PATH ?? '.data/local.db');
  const development = process.env.NODE_ENV !== 'production';
  mkdirSync(dirname(dbPath), { recursive: true });
  const store = new SqliteStore(dbPath);
  const log = jsonLogger();
  const filesDir = resolve(dirname(dbPath), 'files');
  const services = {
    ...localServices(store, systemClock, {
      log,
      files: localFileStore((id) => readStoredFile(filesDir, id)),
    }),
    miniProgramCodes: process.env.CHECKIN_LINK_BASE
      ? linkQrCodes(process.env.CHECKIN_LINK_BASE)
      : pathQrCodes,
  };

  if ((await store.count('members')) === 0) {
    const seed = await seedDemoCommittee(store, randomIds, systemClock.now());
    await seedDemoActivity({ ...services, log: silentLogger }, systemClock.now());
    printDemo(seed);
  } else {
    console.log(`Using existing database ${dbPath} (delete it to re-seed the demo committee).`);
  }

  const server = createLocalServer({
    services,
    functions: FUNCTIONS,
    trustOpenidHeader: development,
    filesDir,
  });
  if (!development)
    console.warn(
      'NODE_ENV=production: the X-WX-OPENID header is ignored, so calls have no identity.',
    );
  server.listen(port, '127.0.0.1', () => {
    console.log(`政协履职通 local runtime on http://127.0.0.1:${port}  (database ${dbPath})`);
    console.log(`Functions: ${Object.keys(FUNCTIONS).join(', ')}.  Health: GET /healthz`);
    console.log(
      `Try: curl -s -X POST http://127.0.0.1:${port}/api/members -H 'X-WX-OPENID: demo-member-01' -H 'content-type: application/json' -d '{"action":"members.getMyProfile","payload":{}}'`,
    );
  });
  // The outbox delivery and housekeeping (the cloud runs them from the notify function's timer).
  let delivering = false;
  const worker = setInterval(() => {
    if (delivering) return;
    delivering = true;
    onTimer(services)
      // WeChat pushes image verdicts; locally the word-list checker's are handed over here.
      .then(() => deliverLocalVerdicts(services))
      .catch((e: unknown) => log.error('timer failed', { error: String(e) }))
      .finally(() => (delivering = false));
  }, 2000);
  const stop = () => {
    clearInterval(worker);
    server.close(() => void store.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function printDemo(seed: Awaited<ReturnType<typeof seedDemoCommittee>>): void {
  console.log('Seeded the demo committee. Demo openids (send as the X-WX-OPENID header):');
  const shown = seed.accounts.filter(
    (a) => !a.openid.startsWith('demo-member-') || a.openid <= 'demo-member-05',
  );
  for (const a of shown) console.log(`  ${a.openid.padEnd(16)} ${a.name}（${a.note}）`);
  const members = seed.accounts
    .filter((a) => a.openid.startsWith('demo-member-'))
    .map((a) => a.openid);
  console.log(
    `  ${members.length} members in all: ${members[0]} … ${members[members.length - 1]} (the studio host is demo-host).`,
  );
  console.log(
    '  demo-unit-01     环保局联络员（承办单位：区生态环境分局）, demo-unit-02 交通局联络员（区交通运输局）',
  );
  console.log(
    'Unbound members with invite codes (bind with any new openid, e.g. X-WX-OPENID: new-user-1):',
  );
  for (const c of seed.inviteCodes)
    console.log(
      `  ${c.code}  ${c.name}  phone ${c.phone} (phone binding code: dev-phone:${c.phone})`,
    );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
