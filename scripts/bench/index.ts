import { benchCheckIn } from './checkin';
import { benchCloud } from './cloud';
import { benchColdStart, printColdStart } from './cold-start';
import { benchLedger } from './ledger';
import { benchReading } from './reading';
import { benchSimilarity, printSimilarity } from './similarity';

/**
 * `npm run bench`: speed and memory figures, each against a floor measured on the same
 * machine in the same run. Figures, not pass/fail: compare runs, watch the ratios.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'checkin') {
    const members = Number(process.env.BENCH_CHECKIN_MEMBERS ?? 1000);
    console.log(
      `check-in burst: ${members} invited members scan at once (a tenth twice) against the local runtime over HTTP`,
    );
    const r = await benchCheckIn(members);
    const ok =
      r.checkInRows === r.members &&
      r.duplicateScans === Math.ceil(r.members / 10) &&
      r.membersWithOneEntry === r.members;
    console.log(
      `  check-ins      ${r.checkInRows} recorded for ${r.members} members; ${r.duplicateScans} repeat scans changed nothing (${ok ? 'no loss, no duplicate' : 'MISMATCH'})`,
    );
    console.log(
      `  ledger         ${r.ledgerEntries} entries after close, ${r.membersWithOneEntry} members with exactly one`,
    );
    console.log(
      `  throughput     ${Math.round(r.throughput)} check-ins/s (${r.seconds.toFixed(2)} s for the burst)`,
    );
    console.log(`  latency        p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms`);
    console.log(
      `  ceiling        ${Math.round(r.bareThroughput)} req/s on the bare /healthz endpoint`,
    );
    console.log(`  ratio          ${(r.ratio * 100).toFixed(0)}% of the ceiling`);
    if (!ok) process.exitCode = 1;
  }
  if (!only || only === 'cloud') {
    if (!(await benchCloud())) process.exitCode = 1;
  }
  if (!only || only === 'cold') {
    if (!printColdStart(await benchColdStart())) process.exitCode = 1;
  }
  if (!only || only === 'similarity') {
    if (!printSimilarity(await benchSimilarity(2000))) process.exitCode = 1;
  }
  if (!only || only === 'reading') {
    const posts = Number(process.env.BENCH_READING_POSTS ?? 1_000_000);
    console.log(
      `reading club: ${posts.toLocaleString('en')} posts across 150 groups and 3,000 members in the store (SQLite)`,
    );
    const r = await benchReading(posts);
    console.log(
      `  load           ${r.loadSeconds.toFixed(1)} s to write the posts and their indexes`,
    );
    console.log(
      `  feed page 1    ${r.firstPageMs.toFixed(2)} ms through the pipeline; floor ${r.floorFirstMs.toFixed(2)} ms (hand-written indexed SQL); ratio ${(r.firstPageMs / r.floorFirstMs).toFixed(2)}×`,
    );
    console.log(
      `  feed page 50   ${r.page50Ms.toFixed(2)} ms by cursor; floor ${r.floor50Ms.toFixed(2)} ms; ratio ${(r.page50Ms / r.floor50Ms).toFixed(2)}×`,
    );
    console.log(
      `  store calls    ${r.storeCallsPerPage} per feed page with ${r.posts.toLocaleString('en')} posts, ${r.storeCallsPerPageSmall} with 200 (index used: ${r.usesIndex ? 'yes' : 'NO'})`,
    );
    console.log(
      `  publishing     ${Math.round(r.postsPerSecond)} notes/s through the pipeline (checked, stored, counted, points recorded; ${r.published} published)`,
    );
    if (!r.usesIndex || r.storeCallsPerPage !== r.storeCallsPerPageSmall) process.exitCode = 1;
  }
  if (!only || only === 'ledger') {
    const members = Number(process.env.BENCH_MEMBERS ?? 600);
    const events = Number(process.env.BENCH_EVENTS ?? 150);
    console.log(
      `ledger: ${members} members × ${events} events through postDutyEvent (SQLite), then the full-year assessment`,
    );
    const heapBefore = process.memoryUsage().heapUsed;
    const r = await benchLedger(members, events);
    console.log(
      `  posting        ${(r.members * r.eventsPerMember).toLocaleString('en')} events in ${r.postSeconds.toFixed(1)} s = ${Math.round(r.postsPerSecond).toLocaleString('en')} events/s`,
    );
    console.log(
      `  assessment     ${r.assessmentMs.toFixed(1)} ms (all members, totals by category, grades, ranks)`,
    );
    console.log(
      `  floor          ${r.floorMs.toFixed(1)} ms (plain SQL SUM … GROUP BY over the same entries)`,
    );
    console.log(`  ratio          ${r.ratio.toFixed(2)}× the floor`);
    console.log(
      `  heap growth    ${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(1)} MiB`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
