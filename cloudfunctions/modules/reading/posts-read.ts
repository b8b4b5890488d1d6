import {
  POST_KIND_LABELS,
  POST_STATUS_LABELS,
  reading,
  type PostDetail,
  type PostSummary,
  type Streak,
} from '../../../typings/contracts/reading';
import { handle, type ActionContext } from '../../kernel/action';
import { addDays, businessDate } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { Where } from '../../store/port';
import { isStaff } from './access';
import {
  C,
  excerpt,
  pairId,
  type GroupDoc,
  type LikeDoc,
  type PostDoc,
  type StreakDoc,
} from './model';

/** Who may read a post that is not published: its author and staff. */
export function canRead(ctx: ActionContext, p: PostDoc): boolean {
  if (p.status === 'deleted') return false;
  if (p.authorId === ctx.caller.member!._id) return true;
  if (p.status === 'draft') return false;
  return p.visible || isStaff(ctx);
}

export async function readablePost(ctx: ActionContext, postId: string): Promise<PostDoc> {
  const p = await ctx.store.get<PostDoc>(C.posts, postId);
  if (!p || !canRead(ctx, p)) throw fail('READING.POST_NOT_FOUND');
  return p;
}

export function summaryOf(p: PostDoc, liked: boolean): PostSummary {
  return {
    id: p._id,
    kind: p.kind,
    kindLabel: POST_KIND_LABELS[p.kind],
    groupId: p.groupId,
    groupName: p.groupName,
    bookId: p.bookId,
    bookTitle: p.bookTitle,
    authorId: p.authorId,
    authorName: p.authorName,
    title: p.title,
    excerpt: excerpt(p.body),
    photos: p.photos,
    status: p.status,
    statusLabel: POST_STATUS_LABELS[p.status],
    featured: p.featured,
    likeCount: p.likeCount,
    commentCount: p.commentCount,
    liked,
    publishedAt: p.publishedAt,
    createdAt: p.createdAt,
  };
}

export async function detailOf(ctx: ActionContext, p: PostDoc): Promise<PostDetail> {
  const me = ctx.caller.member!;
  const mine = p.authorId === me._id;
  const staff = isStaff(ctx);
  const [like, group] = await Promise.all([
    ctx.store.get<LikeDoc>(C.likes, pairId(p._id, me._id)),
    ctx.store.get<GroupDoc>(C.groups, p.groupId),
  ]);
  const owner = group?.ownerId === me._id;
  const sent = p.status !== 'draft' && p.status !== 'deleted';
  return {
    ...summaryOf(p, !!like),
    body: p.body,
    moderationNote: mine || staff ? p.moderationNote : null,
    clientDraftId: mine ? p.clientDraftId : null,
    revision: mine ? p.revision : 0,
    version: p.version,
    can: {
      edit: mine && p.kind !== 'checkIn' && p.status !== 'hidden' && p.status !== 'deleted',
      publish: mine && p.status === 'draft',
      delete: mine && p.status !== 'deleted',
      comment: p.visible,
      like: p.visible,
      report: p.visible && !mine,
      feature: p.visible && (owner || staff),
      moderate: staff && sent,
    },
  };
}

/** Which of these posts I have liked: one read for a whole page. */
export async function likedSet(ctx: ActionContext, posts: PostDoc[]): Promise<Set<string>> {
  if (!posts.length) return new Set();
  const likes = await ctx.store.find<LikeDoc>(C.likes, {
    where: { memberId: ctx.caller.member!._id, postId: { $in: posts.map((p) => p._id) } },
  });
  return new Set(likes.map((l) => l.postId));
}

export async function summaries(ctx: ActionContext, posts: PostDoc[]): Promise<PostSummary[]> {
  const liked = await likedSet(ctx, posts);
  return posts.map((p) => summaryOf(p, liked.has(p._id)));
}

/** The owner's guide readings, newest first, pinned above a group's feed. */
export async function pinnedGuides(ctx: ActionContext, groupId: string): Promise<PostSummary[]> {
  const guides = await ctx.store.find<PostDoc>(C.posts, {
    where: { groupId, kind: 'guide', visible: true },
    orderBy: [['feedKey', 'desc']],
    limit: 3,
  });
  return summaries(ctx, guides);
}

export async function streakOf(ctx: ActionContext, groupId: string): Promise<Streak> {
  const s = await ctx.store.get<StreakDoc>(C.streaks, pairId(groupId, ctx.caller.member!._id));
  return streakView(s, businessDate(ctx.clock.now()));
}

export function streakView(s: StreakDoc | null, today: string): Streak {
  if (!s) return { current: 0, best: 0, days: 0, checkedInToday: false };
  const yesterday = businessDate(addDays(new Date(`${today}T12:00:00+08:00`), -1));
  const alive = s.lastDay === today || s.lastDay === yesterday;
  return {
    current: alive ? s.current : 0,
    best: s.best,
    days: s.days,
    checkedInToday: s.lastDay === today,
  };
}

export const getPost = handle(reading.getPost, 'member', async (ctx, { postId }) =>
  detailOf(ctx, await readablePost(ctx, postId)),
);

/**
 * A feed page by cursor: one range read on an index (group/book/club + visible + key), so the
 * 50th page costs what the first does. Mine shows every state but deleted.
 */
export const feed = handle(reading.feed, 'member', async (ctx, input) => {
  const me = ctx.caller.member!;
  const order = input.featuredFirst && input.scope !== 'mine' ? 'rankKey' : 'feedKey';
  const where: Where =
    input.scope === 'mine'
      ? { authorId: me._id, status: { $ne: 'deleted' } }
      : input.scope === 'group'
        ? { groupId: input.groupId!, visible: true }
        : input.scope === 'book'
          ? { bookId: input.bookId!, visible: true }
          : { visible: true };
  if (input.scope === 'group') {
    const g = await ctx.store.get<GroupDoc>(C.groups, input.groupId!);
    if (!g) throw fail('READING.GROUP_NOT_FOUND');
  }
  if (input.cursor) where[order] = { $lt: input.cursor };
  const docs = await ctx.store.find<PostDoc>(C.posts, {
    where,
    orderBy: [[order, 'desc']],
    limit: input.limit + 1,
  });
  const page = docs.slice(0, input.limit);
  const more = docs.length > input.limit;
  const waiting =
    input.scope === 'group' && !input.cursor
      ? await ctx.store.find<PostDoc>(C.posts, {
          where: {
            groupId: input.groupId!,
            authorId: me._id,
            status: { $in: ['checking', 'reviewing', 'refused'] },
          },
          orderBy: [['feedKey', 'desc']],
          limit: 5,
        })
      : [];
  return {
    items: await summaries(ctx, page),
    nextCursor: more ? (page[page.length - 1]![order] as string) : null,
    mine: waiting.map((p) => summaryOf(p, false)),
  };
});
