import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DutyEventType } from '../../typings/contracts/ledger';
import { ManualClock } from '../../cloudfunctions/kernel/clock';
import type { MemberDoc } from '../../cloudfunctions/kernel/identity';
import { assessmentRows } from '../../cloudfunctions/modules/ledger/assessment';
import { postDutyEvent, type DutyEvent } from '../../cloudfunctions/modules/ledger/ledger-port';
import { activePolicy } from '../../cloudfunctions/modules/ledger/policy-store';
import { SqliteStore } from '../../cloudfunctions/store/sqlite';

/** A year of one member's duty: meetings, activities, proposals, reports, reading, studio. */
const MIX: Array<[DutyEventType, number]> = [
  ['plenary.attended', 8],
  ['plenary.absent', 1],
  ['standing.attended', 6],
  ['meeting.lateOrLeftEarly', 2],
  ['activity.attended', 30],
  ['proposal.submitted', 6],
  ['proposal.accepted.lead', 4],
  ['opinion.submitted', 10],
  ['opinion.adopted.committee', 3],
  ['reading.note', 70],
  ['studio.consultation.attended', 10],
];

export interface LedgerBenchResult {
  members: number;
  eventsPerMember: number;
  postSeconds: number;
  postsPerSecond: number;
  assessmentMs: number;
  floorMs: number;
  ratio: number;
}

/** Posts `members × eventsPerMember` events through the ledger port, then times the assessment. */
export async function benchLedger(
  members = 600,
  eventsPerMember = 150,
): Promise<LedgerBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
  const store = new SqliteStore(join(dir, 'bench.db'));
  try {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const services = { store, clock };
    const ids: string[] = [];
    await store.transaction(async (tx) => {
      for (let i = 0; i < members; i++) {
        const id = `m${String(i).padStart(4, '0')}`;
        ids.push(id);
        const doc: MemberDoc = {
          _id: id,
          name: `委员${i}`,
          gender: null,
          sector: `界别${i % 16}`,
          specialCommittee: `专委会${i % 6}`,
          standingMember: false,
          phone: null,
          term: null,
          roles: ['member'],
          active: true,
          openid: null,
          boundAt: null,
          createdAt: '2026-01-01T00:00:00Z',
          updatedAt: '2026-01-01T00:00:00Z',
          version: 1,
        };
        await tx.insert('members', doc);
      }
    });
    const plan: DutyEventType[] = MIX.flatMap(([type, n]) =>
      Array<DutyEventType>(n).fill(type),
    ).slice(0, eventsPerMember);
    while (plan.length < eventsPerMember) plan.push('reading.note');

    const started = process.hrtime.bigint();
    // Members post in parallel (as meetings closing and proposals moving do); each member's
    // events arrive in order of time.
    const CONCURRENCY = 16;
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const memberId = ids[next++]!;
        for (const [j, type] of plan.entries()) {
          const event: DutyEvent = {
            key: `${type}:${j}:${memberId}`,
            event: type,
            memberId,
            occurredAt: new Date(Date.UTC(2026, 0, 2) + j * 2 * 86_400_000).toISOString(),
            source: {
              type: type.startsWith('proposal') ? 'proposal' : 'meeting',
              id: `s${Math.floor(j / 2)}`,
              title: `事项${j}`,
            },
          };
          await postDutyEvent(services, event);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const postSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const policy = await activePolicy(store, 2026);
    const assessmentMs = median(await times(5, () => assessmentRows(store, 2026, policy)));
    const floorMs = median(
      await times(5, async () =>
        store.rawQuery(
          `SELECT json_extract(doc, '$.memberId') AS member, json_extract(doc, '$.category') AS category,
                  SUM(json_extract(doc, '$.points')) AS points
             FROM point_entries WHERE json_extract(doc, '$.year') = ? GROUP BY member, category`,
          2026,
        ),
      ),
    );
    const total = members * eventsPerMember;
    return {
      members,
      eventsPerMember,
      postSeconds,
      postsPerSecond: total / postSeconds,
      assessmentMs,
      floorMs,
      ratio: assessmentMs / floorMs,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function times(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
