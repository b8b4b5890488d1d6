import type { Services } from '../../kernel/action';
import { businessDate, iso } from '../../kernel/clock';
import { effectConsumer } from '../../kernel/effects';
import type { MemberDoc } from '../../kernel/identity';
import type { TxOps } from '../../store/port';
import { enqueue } from '../notify/outbox';
import { inAudience } from './access';
import { C, hashId, type GroupDoc, type JoinDoc, type PeriodDoc } from './model';

/**
 * A notice to many members (a guide reading to its group, a period starting to everyone), as
 * a small resumable job: the announcement is written in the transaction that causes it; the
 * fan-out runs after the commit and from the timer, a batch of members per transaction with
 * its cursor, and the outbox's key per member makes a rerun send nothing twice.
 */
export interface AnnouncementDoc {
  _id: string;
  key: string;
  /** A group's members, or every active member. */
  groupId: string | null;
  title: string;
  body: string;
  link: string;
  status: 'pending' | 'done';
  /** The last member id told. */
  cursor: string | null;
  told: number;
  createdAt: string;
}

export const ANNOUNCE_EFFECT = 'readingAnnouncement';
const BATCH = 100;

export async function announce(
  tx: TxOps,
  by: { clock: Services['clock']; effects?: { add(kind: string, id: string): void } },
  a: Pick<AnnouncementDoc, 'key' | 'groupId' | 'title' | 'body' | 'link'>,
): Promise<void> {
  const _id = hashId('ran', a.key);
  by.effects?.add(ANNOUNCE_EFFECT, _id);
  if (await tx.get(C.announcements, _id)) return;
  await tx.insert<AnnouncementDoc>(C.announcements, {
    _id,
    ...a,
    status: 'pending',
    cursor: null,
    told: 0,
    createdAt: iso(by.clock.now()),
  });
}

/** Tells the next batches of members, until done or `maxBatches` ran. */
export async function fanOut(services: Services, ids: string[], maxBatches = 20): Promise<number> {
  let batches = 0;
  for (const id of ids) {
    for (;;) {
      if (batches >= maxBatches) return batches;
      const a = await services.store.get<AnnouncementDoc>(C.announcements, id);
      if (!a || a.status === 'done') break;
      const members = await services.store.find<MemberDoc>('members', {
        where: { active: true, ...(a.cursor ? { _id: { $gt: a.cursor } } : {}) },
        orderBy: [['_id', 'asc']],
        limit: BATCH,
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
      await services.store.transaction(async (tx) => {
        const fresh = await tx.get<AnnouncementDoc>(C.announcements, id);
        if (!fresh || fresh.cursor !== a.cursor) return; // another run moved on
        await enqueue(
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
        );
        const last = members[members.length - 1];
        await tx.update(C.announcements, id, {
          set: {
            cursor: last?._id ?? a.cursor,
            status: members.length < BATCH ? 'done' : 'pending',
          },
          inc: { told: to.length },
        });
      });
      batches += 1;
    }
  }
  return batches;
}

effectConsumer(ANNOUNCE_EFFECT, (services, ids) => fanOut(services, ids, 5).then(() => undefined));

/**
 * From the timer: a period whose first day has come is announced to every member (once), and
 * announcements left unfinished are carried on.
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
  const pending = await services.store.find<AnnouncementDoc>(C.announcements, {
    where: { status: 'pending' },
    limit: 10,
  });
  return fanOut(
    services,
    pending.map((a) => a._id),
  );
}
