import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';

export interface CheckInBenchResult {
  members: number;
  checkedIn: number;
  duplicateScans: number;
  checkInRows: number;
  ledgerEntries: number;
  membersWithOneEntry: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
  bareThroughput: number;
  ratio: number;
}

/**
 * 1,000 invited members check in at once against the local runtime over HTTP (a separate
 * process, as `npm start` runs it), a tenth of them scanning twice; then the meeting closes.
 * Six such meetings, each burst after one on the same server's bare `/healthz` at the same
 * concurrency (the ceiling); the first pair warms up, the median pair of the others counts. `BENCH_PROFILE=<file>` writes
 * a CPU profile of the server during the last burst.
 */
export async function benchCheckIn(members = 1000): Promise<CheckInBenchResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'checkin-server.ts'), String(members)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const { port, dbPath } = await new Promise<{ port: number; dbPath: string }>(
      (resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', (line) =>
          resolve(JSON.parse(line) as { port: number; dbPath: string }),
        );
        child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
      },
    );
    const base = `http://127.0.0.1:${port}`;
    const call: Call = async (openid, action, payload) => {
      const res = await fetch(`${base}/api/${action.split('.')[0]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify({ action, payload }),
      });
      const body = (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string } };
      if (!body.ok) throw new Error(`${action}: ${body.error?.code}`);
      return body.data as Record<string, unknown>;
    };

    // A meeting for everyone per round.
    const meetings: Array<{ id: string; token: string }> = [];
    for (let round = 0; round < ROUNDS; round++) meetings.push(await openMeeting(call, round));

    // The ceiling: the same server, the same concurrency, an endpoint that does nothing. Each
    // round runs the bare burst and then a check-in burst on its own meeting; the first round
    // warms up (connections, JIT), and the median of the others' ratios counts: interleaved
    // pairs cancel the drift of a shared machine.
    const hit = () => fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
    const scans = Array.from({ length: members }, (_, i) => `bench-${i}`);
    const repeats = scans.filter((_, i) => i % 10 === 0);
    const all = [...scans, ...repeats];
    const profiling = !!process.env.BENCH_PROFILE;
    const pairs = [];
    for (const [round, m] of meetings.entries()) {
      const bare = await burst(members, hit);
      if (profiling && round === ROUNDS - 1) child.kill('SIGUSR2');
      const scanned = await burst(all.length, (i) =>
        call(all[i]!, 'meetings.checkIn', { token: m.token, meetingId: m.id }),
      );
      if (profiling && round === ROUNDS - 1) child.kill('SIGUSR2');
      if (round > 0)
        pairs.push({
          bare,
          scanned,
          ratio: all.length / scanned.seconds / (members / bare.seconds),
        });
    }
    pairs.sort((x, y) => x.ratio - y.ratio);
    const { bare, scanned: results, ratio } = pairs[Math.floor(pairs.length / 2)]!;
    const duplicateScans = results.values.filter((r) => (r as { already: boolean }).already).length;

    // Closing is a job too: the dialog asks until it is done.
    for (const m of meetings)
      while (
        (
          (await call('bench-staff', 'meetings.close', { meetingId: m.id })) as {
            job: { status: string } | null;
          }
        ).job?.status === 'running'
      );
    const db = new Database(dbPath, { readonly: true });
    const checkInRows =
      (db.prepare('SELECT COUNT(*) AS n FROM meeting_checkins').get() as { n: number }).n / ROUNDS;
    // Each member's entries from the meetings: one each.
    const perMember = db
      .prepare(
        `SELECT json_extract(doc, '$.memberId') AS m, COUNT(*) AS n FROM point_entries GROUP BY m`,
      )
      .all() as Array<{ m: string; n: number }>;
    db.close();
    rmSync(dirname(dbPath), { recursive: true, force: true });

    return {
      members,
      checkedIn: results.values.length - duplicateScans,
      duplicateScans,
      checkInRows,
      ledgerEntries: perMember.reduce((s, r) => s + r.n, 0) / ROUNDS,
      membersWithOneEntry: perMember.filter((r) => r.n === ROUNDS).length,
      seconds: results.seconds,
      throughput: all.length / results.seconds,
      p50: percentile(results.latencies, 50),
      p99: percentile(results.latencies, 99),
      bareThroughput: members / bare.seconds,
      ratio,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

const ROUNDS = 6;

type Call = (openid: string, action: string, payload: unknown) => Promise<Record<string, unknown>>;

/** A meeting for everyone, its notices sent (a job: asked until done), and its door code. */
async function openMeeting(call: Call, round: number): Promise<{ id: string; token: string }> {
  const meeting = await call('bench-staff', 'meetings.create', {
    kind: 'activity',
    title: `委员视察活动（压力测试 ${round + 1}）`,
    sessions: [
      {
        label: '全天',
        // The bench server's clock stands at 08:20: the session has just begun (on time, and
        // closable once the burst is over).
        startsAt: '2026-03-05T08:20:00+08:00',
        endsAt: '2026-03-05T17:00:00+08:00',
      },
    ],
    venue: { name: '区会议中心' },
    invitees: { mode: 'all' },
    replyDeadline: '2026-03-04T18:00:00+08:00',
  });
  const meetingId = meeting.id as string;
  await call('bench-staff', 'meetings.publish', { meetingId });
  while (
    (
      (await call('bench-staff', 'meetings.sendNotices', { meetingId })) as {
        status: string;
      } | null
    )?.status === 'running'
  );
  const { token } = (await call('bench-staff', 'meetings.getCheckInCode', {
    meetingId,
    sessionId: 's1',
  })) as unknown as { token: string };
  return { id: meetingId, token };
}

/** Fires `n` requests at once; every one must succeed. */
async function burst<T>(
  n: number,
  fire: (i: number) => Promise<T>,
): Promise<{ seconds: number; latencies: number[]; values: T[] }> {
  const latencies: number[] = [];
  const started = performance.now();
  const values = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t = performance.now();
      const v = await fire(i);
      latencies.push(performance.now() - t);
      return v;
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, values };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
