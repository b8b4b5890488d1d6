import {
  MODERATION_DECISION_LABELS,
  POST_KIND_LABELS,
  POST_STATUS_LABELS,
  reading,
  type ModerationDecision,
  type ModerationItem,
  type ModerationQueue,
} from '../../../typings/contracts/reading';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { fail } from '../../kernel/errors';
import { once } from '../../kernel/once';
import { currentSettings } from '../settings';
import { C, excerpt, type CommentDoc, type PostDoc } from './model';
import { saveComment } from './social';
import { decide, savePost } from './visibility';

const PAGE = 20;
const QUEUES: ModerationQueue[] = ['review', 'reported', 'refused', 'hidden'];

/** What waits for staff, oldest first: posts and comments together, by cursor. */
export const moderationQueue = handle(
  reading.moderationQueue,
  STAFF,
  async (ctx, { queue, cursor }) => {
    const where = { queue, ...(cursor ? { queueKey: { $gt: cursor } } : {}) };
    const [posts, comments, counts] = await Promise.all([
      ctx.store.find<PostDoc>(C.posts, { where, orderBy: [['queueKey', 'asc']], limit: PAGE + 1 }),
      ctx.store.find<CommentDoc>(C.comments, {
        where,
        orderBy: [['queueKey', 'asc']],
        limit: PAGE + 1,
      }),
      queueCounts(ctx),
    ]);
    const parents = await postsOf(ctx, comments);
    const all = [
      ...posts.map((p) => postItem(p)),
      ...comments.map((c) => commentItem(c, parents.get(c.postId))),
    ].sort((a, b) => (a.key < b.key ? -1 : 1));
    const page = all.slice(0, PAGE);
    return {
      items: page.map((i) => i.item),
      nextCursor: all.length > PAGE ? page[page.length - 1]!.key : null,
      counts,
    };
  },
);

/**
 * Staff approve (publish what waits), hide (take down, points reversed) or restore (put back
 * what was hidden or auto-refused), with a reason, audited; the author is told.
 */
export const moderate = command(reading.moderate, STAFF, async (ctx, input) => {
  const rules = (await currentSettings(ctx.store)).body.posts;
  const actor = { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
  const { targetType, targetId, decision, reason } = input;
  await once(ctx, async (tx) => {
    if (targetType === 'post') {
      const p = await tx.get<PostDoc>(C.posts, targetId);
      if (!p || p.status === 'draft' || p.status === 'deleted')
        throw fail('READING.POST_NOT_FOUND');
      assertAllowed(decision, p.status);
      const next = decided(p, decision, reason);
      const d = decision === 'hide' ? next : { ...next, ...decide(next, rules) };
      await savePost(tx, ctx, p, d, { actor, tell: tellOf(decision, reason) });
      await audit(tx, ctx, {
        targetType: 'readingPost',
        targetId,
        before: { status: p.status },
        after: { status: d.status, decision },
        reason,
      });
      return;
    }
    const c = await tx.get<CommentDoc>(C.comments, targetId);
    if (!c || c.status === 'deleted') throw fail('READING.COMMENT_NOT_FOUND');
    assertAllowed(decision, c.status);
    const next = decided({ ...c, images: [], reportCount: 0, reportsSeen: 0 }, decision, reason);
    const d = decision === 'hide' ? next : { ...next, ...decide(next, rules) };
    await saveComment(tx, ctx, c, {
      ...c,
      status: d.status,
      queue: d.queue,
      approved: d.approved,
      moderationNote: d.moderationNote,
    });
    await audit(tx, ctx, {
      targetType: 'readingComment',
      targetId,
      before: { status: c.status },
      after: { status: d.status, decision },
      reason,
    });
  });
  if (targetType === 'post')
    return postItem((await ctx.store.get<PostDoc>(C.posts, targetId))!).item;
  const c = (await ctx.store.get<CommentDoc>(C.comments, targetId))!;
  return commentItem(c, (await postsOf(ctx, [c])).get(c.postId)).item;
});

function assertAllowed(decision: ModerationDecision, status: string): void {
  const ok =
    decision === 'approve'
      ? status === 'reviewing' || status === 'checking'
      : decision === 'restore'
        ? status === 'hidden' || status === 'refused'
        : status !== 'hidden';
  if (!ok)
    throw fail(
      'READING.WRONG_STATE',
      `该内容${POST_STATUS_LABELS[status as 'hidden']}，不能${MODERATION_DECISION_LABELS[decision]}`,
    );
}

function decided<
  T extends Pick<
    PostDoc,
    'status' | 'reportCount' | 'approved' | 'reportsSeen' | 'queue' | 'moderationNote'
  >,
>(p: T, decision: ModerationDecision, reason: string): T {
  if (decision === 'hide')
    return { ...p, status: 'hidden', queue: 'hidden', moderationNote: reason };
  return {
    ...p,
    status: 'checking',
    approved: true,
    reportsSeen: p.reportCount,
    moderationNote: null,
  };
}

function tellOf(decision: ModerationDecision, reason: string): string {
  if (decision === 'hide') return `您发表的内容已被工作人员屏蔽。原因：${reason}`;
  if (decision === 'restore') return `您发表的内容已恢复公开。说明：${reason}`;
  return '您发表的内容已通过审核，已对全体委员公开。';
}

async function queueCounts(ctx: ActionContext): Promise<Record<ModerationQueue, number>> {
  const counts = await Promise.all(
    QUEUES.map(async (queue) => {
      const [p, c] = await Promise.all([
        ctx.store.count(C.posts, { queue }),
        ctx.store.count(C.comments, { queue }),
      ]);
      return [queue, p + c] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<ModerationQueue, number>;
}

async function postsOf(ctx: ActionContext, comments: CommentDoc[]): Promise<Map<string, PostDoc>> {
  const ids = [...new Set(comments.map((c) => c.postId))];
  if (!ids.length) return new Map();
  const posts = await ctx.store.find<PostDoc>(C.posts, { where: { _id: { $in: ids } } });
  return new Map(posts.map((p) => [p._id, p]));
}

function postItem(p: PostDoc): { key: string; item: ModerationItem } {
  return {
    key: p.queueKey ?? '',
    item: {
      targetType: 'post',
      id: p._id,
      postId: p._id,
      kindLabel: POST_KIND_LABELS[p.kind],
      groupName: p.groupName,
      authorName: p.authorName,
      title: p.title,
      excerpt: excerpt(p.body, 200),
      photos: p.photos,
      status: p.status,
      statusLabel: POST_STATUS_LABELS[p.status],
      queue: p.queue ?? 'review',
      reason: p.moderationNote,
      reportCount: p.reportCount,
      at: p.updatedAt,
    },
  };
}

function commentItem(
  c: CommentDoc,
  post: PostDoc | undefined,
): { key: string; item: ModerationItem } {
  return {
    key: c.queueKey ?? '',
    item: {
      targetType: 'comment',
      id: c._id,
      postId: c.postId,
      kindLabel: '评论',
      groupName: post?.groupName ?? '',
      authorName: c.authorName,
      title: post ? `评论《${post.title || '打卡'}》` : '评论',
      excerpt: excerpt(c.body, 200),
      photos: [],
      status: c.status,
      statusLabel: POST_STATUS_LABELS[c.status],
      queue: c.queue ?? 'review',
      reason: c.moderationNote,
      reportCount: 0,
      at: c.updatedAt,
    },
  };
}
