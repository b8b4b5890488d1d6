import { openCloudCostBench, type CloudCostBench, type Cost } from './cloud-cost';
import { onTimer } from '../../cloudfunctions/modules/notify/timer';
import { BUDGET, memberScenarios } from './cloud-scenarios';

/** What a CloudBase round trip is taken to cost in the wall times printed. */
const MS_PER_CALL = 20;
const STAFF = 'demo-staff';

type Row = Cost;

const timed = (b: CloudCostBench, openid: string, action: string, payload: unknown) =>
  b.measure(openid, action, payload);

function rosterCsv(rows: number, from: number): { fileName: string; contentBase64: string } {
  const lines = ['姓名,性别,界别,专委会,常委,手机号,届次'];
  const sectors = ['经济界', '教育界', '科技界', '医药卫生界', '农业界', '文化艺术界'];
  for (let i = 0; i < rows; i++) {
    const n = from + i;
    lines.push(
      `委员${n},${n % 2 ? '男' : '女'},${sectors[n % sectors.length]},,否,139${String(n).padStart(8, '0')},第十五届`,
    );
  }
  return {
    fileName: '名册.csv',
    contentBase64: Buffer.from(lines.join('\r\n'), 'utf8').toString('base64'),
  };
}

/** Bulk work done as a job: invocations until it is done, the largest, the sum. */
interface JobRow {
  label: string;
  invocations: number;
  maxCalls: number;
  maxDepth: number;
  totalCalls: number;
  ok: boolean;
}

/** Invokes `next` until `done` says the work is finished (at most `cap` times). */
async function asJob(
  label: string,
  next: () => Promise<Cost>,
  done: () => Promise<boolean>,
  cap = 200,
): Promise<JobRow> {
  const row: JobRow = { label, invocations: 0, maxCalls: 0, maxDepth: 0, totalCalls: 0, ok: true };
  do {
    const cost = await next();
    row.invocations += 1;
    row.maxCalls = Math.max(row.maxCalls, cost.calls);
    row.maxDepth = Math.max(row.maxDepth, cost.depth);
    row.totalCalls += cost.calls;
    row.ok &&= cost.ok;
  } while (row.invocations < cap && !(await done()));
  row.ok &&= await done();
  return row;
}

/**
 * The bulk work of a committee of 600: a roster import of 500 new rows and of 3,000 (the
 * maximum), publishing a plenary to all (the notice job, asked on as the board does), the
 * timer delivering the 600 notices, and closing the meeting (asked on as the close dialog does).
 */
async function bulkScenarios(): Promise<Array<Row | JobRow>> {
  const rows: Array<Row | JobRow> = [];
  const b = await openCloudCostBench();
  try {
    const members = await b.services.store.count('members');
    rows.push(await timed(b, STAFF, 'members.importRoster', rosterCsv(600 - members, 100_000)));
    await b.finishJobs();
    const draft = await b.call<{ id: string }>(STAFF, 'meetings.create', {
      kind: 'plenary',
      title: '区政协全体会议（基准）',
      sessions: [
        {
          label: '上午',
          startsAt: '2026-03-05T08:30:00+08:00',
          endsAt: '2026-03-05T12:00:00+08:00',
        },
      ],
      venue: { name: '区政协礼堂' },
      invitees: { mode: 'all' },
      replyDeadline: '2026-03-04T18:00:00+08:00',
    });
    const meetingId = draft.id;
    let first = true;
    const jobDone = async (id: string) =>
      (await b.services.store.get<{ _id: string; status: string }>('jobs', id))?.status !==
      'running';
    rows.push(
      await asJob(
        'meetings.publish + sendNotices',
        () => {
          const action = first ? 'meetings.publish' : 'meetings.sendNotices';
          first = false;
          return timed(b, STAFF, action, { meetingId });
        },
        () => jobDone(`notices:${meetingId}:v1`),
      ),
    );
    rows.push(
      await asJob(
        'timer: 600 notices delivered',
        async () => {
          const cost = await b.measureRun('timer', (s) => onTimer(s));
          b.clock.set(new Date(b.clock.now().getTime() + 10_000));
          return cost;
        },
        async () => (await b.services.store.count('outbox', { status: 'pending' })) === 0,
      ),
    );
    b.clock.set(new Date('2026-03-05T05:00:00.000Z'));
    rows.push(
      await asJob(
        'meetings.close (asked on)',
        () => timed(b, STAFF, 'meetings.close', { meetingId }),
        () => jobDone(`close:${meetingId}:r1`),
      ),
    );
  } finally {
    await b.close();
  }
  const big = await openCloudCostBench();
  try {
    let started = false;
    rows.push(
      await asJob(
        'members.importRoster 3,000 + continue',
        () => {
          const first = !started;
          started = true;
          return first
            ? timed(big, STAFF, 'members.importRoster', rosterCsv(3000, 200_000))
            : timed(big, STAFF, 'members.continueImport', {});
        },
        async () =>
          (await big.services.store.count('jobs', {
            kind: 'members.importRoster',
            status: 'running',
          })) === 0,
      ),
    );
  } finally {
    await big.close();
  }
  return rows;
}

function printJob(row: JobRow): boolean {
  const over = row.maxCalls > BUDGET.calls;
  console.log(
    `  ${row.label.padEnd(34)} ${String(row.invocations).padStart(4)} invocations, at most ${row.maxCalls} calls (${row.maxDepth} sequential) each, ${row.totalCalls} in all${row.ok ? '' : '  FAILED'}${over ? '  OVER' : ''}`,
  );
  return row.ok;
}

function print(row: Row, label = row.action): boolean {
  const wall = row.cpuMs + row.depth * MS_PER_CALL;
  const over = row.calls > BUDGET.calls;
  console.log(
    `  ${label.padEnd(34)} ${String(row.calls).padStart(6)} calls  ${String(row.depth).padStart(5)} sequential  ${(wall / 1000).toFixed(2).padStart(7)} s at ${MS_PER_CALL} ms a call${row.ok ? '' : `  FAILED ${row.code}`}${over ? '  OVER' : ''}`,
  );
  return row.ok;
}

/** `npm run bench -- cloud`: CloudBase calls per invocation and the wall time they make. */
export async function benchCloud(): Promise<boolean> {
  let ok = true;
  console.log(
    `cloud cost: CloudBase calls per invocation (budget: ${BUDGET.memberDepth} sequential for a member's action, ${BUDGET.calls} in all for any)`,
  );
  console.log('  what members do (the demo committee):');
  const b = await openCloudCostBench();
  try {
    for (const c of await memberScenarios(b)) {
      ok = print(c) && ok;
      if (c.depth > BUDGET.memberDepth) console.log(`      over: ${c.trace}`);
    }
  } finally {
    await b.close();
  }
  console.log('  bulk work of a committee of 600 (a job: invoked until done):');
  for (const row of await bulkScenarios())
    ok = ('invocations' in row ? printJob(row) : print(row)) && ok;
  return ok;
}
