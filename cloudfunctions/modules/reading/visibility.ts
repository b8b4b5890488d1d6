import type { DutyEventType } from '../../../typings/contracts/ledger';
import type { ModerationQueue, PostStatus } from '../../../typings/contracts/reading';
import type { PostPublishing } from '../../../typings/contracts/settings';
import { businessYear, iso } from '../../kernel/clock';
import type { Services } from '../../kernel/action';
import type { TxOps } from '../../store/port';
import {
  recordDutyEvent,
  recordRetraction,
  type Actor,
  type Recorder,
} from '../ledger/ledger-port';
import { enqueue } from '../notify/outbox';
import { announce } from './announcements';
import { C, pairId, type PostDoc, type StatDoc } from './model';

/**
 * The one rule for who sees a post (ARCHITECTURE principle 13): published only when its text
 * and every image passed, staff approved it where the committee reviews first (先审后发) or the
 * checker asked for a person, and reports have not taken it down. Everything else is seen by
 * its author and staff only. Staff's approval is a person's judgement and stands over the
 * checker's "review" and a verdict that never came; "hidden" stays until staff restore it.
 */
export interface Decision {
  status: PostStatus;
  queue: ModerationQueue | null;
  moderationNote: string | null;
}

export function decide(
  p: Pick<PostDoc, 'status' | 'text' | 'images' | 'approved' | 'reportCount' | 'reportsSeen'>,
  rules: { publishing: PostPublishing; reportsToHide: number },
): Decision {
  if (p.status === 'hidden' || p.status === 'deleted' || p.status === 'draft')
    return {
      status: p.status,
      queue: p.status === 'hidden' ? 'hidden' : null,
      moderationNote: null,
    };
  const checks = [p.text, ...p.images];
  const risky = checks.find((c) => c?.verdict === 'risky');
  if (risky && !p.approved)
    return { status: 'refused', queue: 'refused', moderationNote: risky.reason };
  if (p.approved) {
    if (p.reportCount - p.reportsSeen >= rules.reportsToHide)
      return {
        status: 'reviewing',
        queue: 'reported',
        moderationNote: '多名委员举报，待工作人员复核',
      };
    return { status: 'published', queue: null, moderationNote: null };
  }
  if (p.images.some((i) => i.verdict === 'pending'))
    return { status: 'checking', queue: null, moderationNote: '图片检测中' };
  const review = checks.find((c) => c?.verdict === 'review');
  if (review) return { status: 'reviewing', queue: 'review', moderationNote: review.reason };
  if (rules.publishing === 'afterReview')
    return { status: 'reviewing', queue: 'review', moderationNote: '本会设置为先审后发' };
  if (p.reportCount - p.reportsSeen >= rules.reportsToHide)
    return {
      status: 'reviewing',
      queue: 'reported',
      moderationNote: '多名委员举报，待工作人员复核',
    };
  return { status: 'published', queue: null, moderationNote: null };
}

const POINTS: Partial<Record<PostDoc['kind'], DutyEventType>> = {
  note: 'reading.note',
  guide: 'reading.guide',
};

export const postPointsKey = (p: Pick<PostDoc, '_id'>) => `reading:post:${p._id}`;

type Mover = Recorder & Pick<Services, 'clock'>;

/**
 * Writes a post's new state and, when that shows or hides it, everything that follows in the
 * same transaction: the group's, book's and member's counts, the duty points (through the
 * ledger's one rail: a hidden or deleted post's points are reversed) and the author's notice.
 */
export async function savePost(
  tx: TxOps,
  by: Mover,
  before: PostDoc | null,
  after: PostDoc,
  why: { actor: Actor | null; tell?: string },
): Promise<PostDoc> {
  const now = iso(by.clock.now());
  const shown = after.status === 'published';
  const wasShown = before?.visible ?? false;
  const sameQueue = before?.queue === after.queue && before?.queueKey;
  const next: PostDoc = {
    ...after,
    visible: shown,
    publishedAt: shown ? (before?.publishedAt ?? now) : (before?.publishedAt ?? null),
    queueKey: after.queue ? (sameQueue ? before!.queueKey : `${now}~${after._id}`) : null,
    updatedAt: now,
    version: (before?.version ?? 0) + 1,
  };
  if (!before) await tx.insert<PostDoc>(C.posts, next);
  else {
    const { _id, ...fields } = next;
    await tx.update(C.posts, _id, { set: fields });
  }
  if (wasShown !== shown) await countAndScore(tx, by, next, shown ? 1 : -1, why.actor);
  if (shown && !before?.publishedAt && next.kind === 'guide')
    await announce(tx, by, {
      key: `reading.guide:${next._id}`,
      groupId: next.groupId,
      title: `${next.groupName}：新导读`,
      body: `群主发布了导读《${next.title}》。`,
      link: `/pages/reading/post/index?id=${next._id}`,
    });
  else if (shown && before && charsOf(before) !== charsOf(next))
    await tx.update(C.stats, statId(next), {
      inc: { characters: charsOf(next) - charsOf(before) },
    });
  if (why.tell)
    await enqueue(tx, now, [
      {
        key: `reading.post:${next._id}:v${next.version}`,
        memberId: next.authorId,
        kind: 'reading.post',
        title: `书香政协：${next.title || '打卡'}`,
        body: why.tell,
        link: `/pages/reading/post/index?id=${next._id}`,
      },
    ]);
  return next;
}

const charsOf = (p: Pick<PostDoc, 'title' | 'body'>) => [...p.title, ...p.body].length;
const statId = (p: Pick<PostDoc, 'periodId' | 'groupId' | 'authorId'>) =>
  pairId(p.periodId, p.groupId, p.authorId);

async function countAndScore(
  tx: TxOps,
  by: Mover,
  p: PostDoc,
  sign: 1 | -1,
  actor: Actor | null,
): Promise<void> {
  await tx.update(C.groups, p.groupId, { inc: { postCount: sign } });
  if (p.bookId && (await tx.get(C.books, p.bookId)))
    await tx.update(C.books, p.bookId, { inc: { postCount: sign } });
  await countStat(tx, p, sign);
  const event = POINTS[p.kind];
  if (!event) return;
  const key = postPointsKey(p);
  if (sign > 0)
    await recordDutyEvent(tx, by, {
      key,
      event,
      memberId: p.authorId,
      occurredAt: p.publishedAt ?? p.createdAt,
      source: { type: 'readingNote', id: p._id, title: p.title || '读书心得' },
      actor,
    });
  else
    await recordRetraction(
      tx,
      by,
      { key, memberId: p.authorId, yearHint: businessYear(p.publishedAt ?? p.createdAt) },
      p.status === 'deleted' ? '作者删除了该内容' : '该内容已被屏蔽',
      actor,
    );
}

async function countStat(tx: TxOps, p: PostDoc, sign: 1 | -1): Promise<void> {
  const _id = statId(p);
  const inc = {
    posts: sign,
    notes: p.kind === 'note' ? sign : 0,
    checkIns: p.kind === 'checkIn' ? sign : 0,
    guides: p.kind === 'guide' ? sign : 0,
    characters: sign * charsOf(p),
  };
  if (await tx.get(C.stats, _id)) {
    await tx.update(C.stats, _id, { inc });
    return;
  }
  await tx.insert<StatDoc>(C.stats, {
    _id,
    periodId: p.periodId,
    groupId: p.groupId,
    memberId: p.authorId,
    memberName: p.authorName,
    sector: p.authorSector,
    ...inc,
  });
}
