import type { Services } from '../../kernel/action';
import { businessDate, iso } from '../../kernel/clock';
import { TX_BATCH } from '../../kernel/concurrency';
import { effectConsumer } from '../../kernel/effects';
import type { MemberDoc } from '../../kernel/identity';
import {
  batchTransaction,
  jobKind,
  runJob,
  startJob,
  type JobDoc,
  type StepResult,
} from '../../kernel/jobs';
import type { TxOps } from '../../store/port';
import { enqueue } from '../notify/outbox';
import { inAudience } from './access';
import { C, hashId, type GroupDoc, type JoinDoc, type PeriodDoc } from './model';

/**
 * A notice to many members (a guide reading to its group, a period starting to everyone), as
 * a job (kernel/jobs.ts): started in the transaction that causes it; a batch of members per
 * step, right after the request and from the timer; the outbox's key per member makes a rerun
 * send nothing twice.
 */
export interface Announcement {
  key: string;
  /** A group's members, or every active member. */
  groupId: string | null;
  title: string;
  body: string;
  link: string;
}

export const ANNOUNCE_JOB = 'reading.announce';
export const ANNOUNCE_EFFECT = 'readingAnnouncement';

export async function announce(
  tx: TxOps,
  by: { clock: Services['clock']; effects?: { add(kind: string, id: string): void } },
  a: Announcement,
): Promise<void> {
  const id = hashId('ran', a.key);
  by.effects?.add(ANNOUNCE_EFFECT, id);
  await startJob<Announcement>(tx, { id, kind: ANNOUNCE_JOB, params: a }, iso(by.clock.now()));
}

/** Tells the next batch of members (in member-id order after the cursor). */
async function step(services: Services, job: JobDoc<Announcement>): Promise<StepResult> {
  const a = job.params;
  const members = await services.store.find<MemberDoc>('members', {
    where: { active: true, ...(job.cursor ? { _id: { $gt: job.cursor } } : {}) },
    orderBy: [['_id', 'asc']],
    limit: TX_BATCH,
  });
  const group = a.groupId ? await services.store.get<GroupDoc>(C.groups, a.groupId) : null;
  const joined = group
    ? new Set(
        (await services.store.find<JoinDoc>(C.joins, { where: { groupId: group._id } })).map(
          (j) => j.memberId,
        ),
      )
    : new Set<string>();
  const to = members.filter(
    (m) =>
      m.roles.includes('member') &&
      (!a.groupId ||
        (group && (inAudience(group, m) || joined.has(m._id) || group.ownerId === m._id))),
  );
  const now = iso(services.clock.now());
  await batchTransaction(services.store, (tx, fresh) =>
    enqueue(
      tx,
      now,
      to.map((m) => ({
        key: a.key,
        memberId: m._id,
        kind: 'reading.announcement',
        title: a.title,
        body: a.body,
        link: a.link,
      })),
      { fresh },
    ),
  );
  return {
    cursor: members.length < TX_BATCH ? null : members.at(-1)!._id,
    done: to.length,
  };
}

jobKind<Announcement>(ANNOUNCE_JOB, { label: '读书活动通知', step });

// Right after the request: the first batch (the timer tells the rest).
effectConsumer(ANNOUNCE_EFFECT, async (services, ids) => {
  for (const id of ids) await runJob(services, id, 1);
});

/**
 * From the timer: a period whose first day has come is announced to every member (once; the
 * timer's job runner carries the announcement on). Answers how many periods it announced.
 */
export async function runAnnouncements(services: Services): Promise<number> {
  const today = businessDate(services.clock.now());
  const starting = await services.store.find<PeriodDoc>(C.periods, {
    where: { startsOn: { $lte: today }, endsOn: { $gte: today }, announced: { $ne: true } },
    limit: 5,
  });
  for (const p of starting)
    await services.store.transaction(async (tx) => {
      const fresh = await tx.get<PeriodDoc & { announced?: boolean }>(C.periods, p._id);
      if (!fresh || fresh.announced) return;
      await tx.update(C.periods, p._id, { set: { announced: true } });
      await announce(tx, services, {
        key: `reading.period:${p._id}`,
        groupId: null,
        title: `书香政协：${p.title}开始了`,
        body: `本期主题“${p.theme}”，${p.startsOn} 至 ${p.endsOn}。欢迎加入读书群，写下读书心得。`,
        link: '/pages/reading/index/index',
      });
    });
  return starting.length;
}
