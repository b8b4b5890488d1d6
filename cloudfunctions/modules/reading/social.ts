import { POST_STATUS_LABELS, reading, type CommentView } from '../../../typings/contracts/reading';
import { command, handle, type ActionContext } from '../../kernel/action';
import { iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { onceAnswering } from '../../kernel/once';
import type { TxOps } from '../../store/port';
import { enqueue } from '../notify/outbox';
import { currentSettings } from '../settings';
import { isStaff } from './access';
import { checkText } from './checks';
import {
  C,
  feedKeyOf,
  pairId,
  type CommentDoc,
  type LikeDoc,
  type PostDoc,
  type ReportDoc,
} from './model';
import { readablePost } from './posts-read';
import { decide, savePost } from './visibility';

const PAGE = 30;

export const like = command(reading.like, 'member', async (ctx, { postId, liked }) => {
  const p = await visiblePost(ctx, postId);
  const id = pairId(postId, ctx.caller.member!._id);
  await ctx.store.transaction(async (tx) => {
    const has = !!(await tx.get<LikeDoc>(C.likes, id));
    if (has === liked) return;
    if (liked)
      await tx.insert<LikeDoc>(C.likes, {
        _id: id,
        postId,
        memberId: ctx.caller.member!._id,
        at: iso(ctx.clock.now()),
      });
    else await tx.remove(C.likes, id);
    await tx.update(C.posts, postId, { inc: { likeCount: liked ? 1 : -1 } });
  });
  const after = await ctx.store.get<PostDoc>(C.posts, p._id);
  return { liked, likeCount: after!.likeCount };
});

/** A comment, or a reply to a top-level comment (one level); checked like a post. */
export const comment = command(reading.comment, 'member', async (ctx, input) => {
  // The post and the settings side by side: one round trip.
  const [p, settings] = await Promise.all([
    visiblePost(ctx, input.postId),
    currentSettings(ctx.store),
  ]);
  const me = ctx.caller.member!;
  let replyTo: CommentDoc['replyTo'] = null;
  let replyToAuthorId: string | null = null;
  if (input.replyTo) {
    const parent = await ctx.store.get<CommentDoc>(C.comments, input.replyTo);
    if (!parent || parent.postId !== p._id || !parent.visible)
      throw fail('READING.COMMENT_NOT_FOUND');
    replyTo = { commentId: parent.replyTo?.commentId ?? parent._id, authorName: parent.authorName };
    replyToAuthorId = parent.authorId;
  }
  const rules = settings.body.posts;
  const text = await checkText(ctx, rules, input.body, 'comment', ctx.caller.openid);
  if (text.verdict === 'risky') throw fail('READING.CONTENT_RISKY');
  const now = iso(ctx.clock.now());
  // The comment's transaction keeps the answer too: a retry replays it.
  return onceAnswering(
    ctx,
    async (tx) => {
      const _id = ctx.ids.next('rcm');
      const draft: CommentDoc = {
        _id,
        postId: p._id,
        authorId: me._id,
        authorName: me.name,
        body: input.body,
        replyTo,
        replyToAuthorId,
        status: 'checking',
        visible: false,
        text,
        approved: false,
        queue: null,
        queueKey: null,
        moderationNote: null,
        feedKey: feedKeyOf(now, _id),
        createdAt: now,
        updatedAt: now,
      };
      const d = decide({ ...draft, images: [], reportCount: 0, reportsSeen: 0 }, rules);
      return saveComment(tx, ctx, null, { ...draft, ...d }, p);
    },
    (saved) => commentView(ctx, saved),
  );
});

/** A post's comments, oldest first, by cursor; the caller's own waiting ones included. */
export const listComments = handle(
  reading.listComments,
  'member',
  async (ctx, { postId, cursor }) => {
    await readablePost(ctx, postId);
    const [shown, mine] = await Promise.all([
      ctx.store.find<CommentDoc>(C.comments, {
        where: { postId, visible: true, ...(cursor ? { feedKey: { $gt: cursor } } : {}) },
        orderBy: [['feedKey', 'asc']],
        limit: PAGE + 1,
      }),
      cursor
        ? Promise.resolve([])
        : ctx.store.find<CommentDoc>(C.comments, {
            where: {
              postId,
              authorId: ctx.caller.member!._id,
              status: { $in: ['checking', 'reviewing'] },
            },
            limit: 10,
          }),
    ]);
    const page = shown.slice(0, PAGE);
    return {
      items: [...page, ...mine].map((c) => commentView(ctx, c)),
      nextCursor: shown.length > PAGE ? page[page.length - 1]!.feedKey : null,
    };
  },
);

export const deleteComment = command(
  reading.deleteComment,
  'member',
  async (ctx, { commentId }) => {
    const c = await ctx.store.get<CommentDoc>(C.comments, commentId);
    if (!c || c.status === 'deleted' || (c.authorId !== ctx.caller.member!._id && !isStaff(ctx)))
      throw fail('READING.COMMENT_NOT_FOUND');
    await ctx.store.transaction(async (tx) => {
      const fresh = (await tx.get<CommentDoc>(C.comments, commentId))!;
      if (fresh.status !== 'deleted')
        await saveComment(tx, ctx, fresh, { ...fresh, status: 'deleted', queue: null });
    });
    return commentView(ctx, (await ctx.store.get<CommentDoc>(C.comments, commentId))!);
  },
);

/** A member's report (举报); enough of them take the post down until staff look at it. */
export const report = command(reading.report, 'member', async (ctx, { postId, reason }) => {
  const p = await visiblePost(ctx, postId);
  const me = ctx.caller.member!;
  if (p.authorId === me._id) throw fail('READING.WRONG_STATE', '不能举报自己发表的内容');
  const rules = (await currentSettings(ctx.store)).body.posts;
  await ctx.store.transaction(async (tx) => {
    const id = pairId(postId, me._id);
    if (await tx.get(C.reports, id)) return;
    await tx.insert<ReportDoc>(C.reports, {
      _id: id,
      postId,
      memberId: me._id,
      reason,
      at: iso(ctx.clock.now()),
    });
    const fresh = (await tx.get<PostDoc>(C.posts, postId))!;
    const next = { ...fresh, reportCount: fresh.reportCount + 1 };
    await savePost(tx, ctx, fresh, { ...next, ...decide(next, rules) }, { actor: null });
  });
  return { reported: true };
});

/** Writes a comment's state and keeps the post's count and the notices with it. */
export async function saveComment(
  tx: TxOps,
  ctx: Pick<ActionContext, 'clock'>,
  before: CommentDoc | null,
  after: CommentDoc,
  /** The post, when the caller read it already (one read less in the transaction). */
  post?: PostDoc,
): Promise<CommentDoc> {
  const now = iso(ctx.clock.now());
  const shown = after.status === 'published';
  const next: CommentDoc = {
    ...after,
    visible: shown,
    queueKey: after.queue
      ? before?.queue === after.queue && before.queueKey
        ? before.queueKey
        : `${now}~${after._id}`
      : null,
    updatedAt: now,
  };
  if (!before) await tx.insert<CommentDoc>(C.comments, next);
  else {
    const { _id, ...fields } = next;
    await tx.update(C.comments, _id, { set: fields });
  }
  if ((before?.visible ?? false) === shown) return next;
  await tx.update(C.posts, next.postId, { inc: { commentCount: shown ? 1 : -1 } });
  // A new comment's notices are new too: queued without a read each.
  if (shown && !before?.visible) await tellAbout(tx, now, next, post, before === null);
  return next;
}

async function tellAbout(
  tx: TxOps,
  now: string,
  c: CommentDoc,
  known: PostDoc | undefined,
  fresh: boolean,
): Promise<void> {
  const post = known ?? (await tx.get<PostDoc>(C.posts, c.postId));
  if (!post) return;
  const told = new Set<string>([c.authorId]);
  const notes = [];
  if (!told.has(post.authorId)) {
    told.add(post.authorId);
    notes.push({
      memberId: post.authorId,
      body: `${c.authorName}评论了您发表的内容：${c.body.slice(0, 60)}`,
    });
  }
  if (c.replyToAuthorId && !told.has(c.replyToAuthorId)) {
    notes.push({
      memberId: c.replyToAuthorId,
      body: `${c.authorName}回复了您的评论：${c.body.slice(0, 60)}`,
    });
  }
  await enqueue(
    tx,
    now,
    notes.map((n) => ({
      key: `reading.comment:${c._id}`,
      memberId: n.memberId,
      kind: 'reading.comment',
      title: `书香政协：${post.title || '打卡'}`,
      body: n.body,
      link: `/pages/reading/post/index?id=${post._id}`,
    })),
    { fresh },
  );
}

export function commentView(ctx: ActionContext, c: CommentDoc): CommentView {
  const mine = c.authorId === ctx.caller.member!._id;
  return {
    id: c._id,
    postId: c.postId,
    authorId: c.authorId,
    authorName: c.authorName,
    body: c.status === 'deleted' ? '' : c.body,
    replyTo: c.replyTo,
    status: c.status,
    statusLabel: POST_STATUS_LABELS[c.status],
    createdAt: c.createdAt,
    can: { delete: (mine || isStaff(ctx)) && c.status !== 'deleted', reply: c.visible },
  };
}

async function visiblePost(ctx: ActionContext, postId: string): Promise<PostDoc> {
  const p = await readablePost(ctx, postId);
  if (!p.visible) throw fail('READING.NOT_VISIBLE');
  return p;
}
