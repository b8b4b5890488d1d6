import { CHECK_IN_STREAK_DAYS, reading } from '../../../typings/contracts/reading';
import { command, type ActionContext } from '../../kernel/action';
import { addDays, businessDate, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import type { MemberDoc } from '../../kernel/identity';
import { once } from '../../kernel/once';
import type { TxOps } from '../../store/port';
import { recordDutyEvent } from '../ledger/ledger-port';
import { currentSettings } from '../settings';
import { assertPeriodOpen, isInGroup, isStaff, mustGroup, mustPeriod } from './access';
import { checkText, imageChecks, type PostRules } from './checks';
import {
  C,
  feedKeyOf,
  hashId,
  pairId,
  rankKeyOf,
  type BookDoc,
  type GroupDoc,
  type PostDoc,
  type StreakDoc,
} from './model';
import { detailOf, streakView } from './posts-read';
import { decide, savePost } from './visibility';

const actorOf = (ctx: ActionContext) => ({
  id: ctx.caller.member!._id,
  name: ctx.caller.member!.name,
});

type Author = Pick<MemberDoc, '_id' | 'name' | 'sector'>;

/** What every post starts as: a draft of `me`'s, unchecked, unseen, with no reactions yet. */
function newPost(id: string, me: Author, now: string) {
  const feedKey = feedKeyOf(now, id);
  return {
    _id: id,
    authorId: me._id,
    authorName: me.name,
    authorSector: me.sector,
    status: 'draft' as const,
    visible: false,
    text: null,
    images: [],
    approved: false,
    reportsSeen: 0,
    queue: null,
    queueKey: null,
    moderationNote: null,
    featured: false,
    likeCount: 0,
    commentCount: 0,
    reportCount: 0,
    clientDraftId: null,
    day: null,
    feedKey,
    rankKey: rankKeyOf(false, feedKey),
    createdAt: now,
    publishedAt: null,
    updatedAt: now,
  };
}

/** Autosave of a note or guide reading: one draft per device draft id; older revisions never win. */
export const saveDraft = command(reading.saveDraft, 'member', async (ctx, input) => {
  const me = ctx.caller.member!;
  const g = await postableGroup(ctx, input.groupId, input.kind);
  const bookTitle = await bookTitleIn(ctx, g, input.bookId);
  const id = hashId('rps', me._id, input.clientDraftId);
  const now = iso(ctx.clock.now());
  await once(ctx, async (tx) => {
    const existing = await tx.get<PostDoc>(C.posts, id);
    const fields = {
      groupId: g._id,
      groupName: g.name,
      periodId: g.periodId,
      kind: input.kind,
      bookId: input.bookId,
      bookTitle,
      title: input.title,
      body: input.body,
      photos: input.photos,
      revision: input.revision,
      updatedAt: now,
    };
    if (existing) {
      if (existing.authorId !== me._id) throw fail('READING.POST_NOT_FOUND');
      if (existing.status !== 'draft') throw fail('READING.NOT_EDITABLE');
      if (existing.revision >= input.revision) return;
      await tx.update(C.posts, id, { set: fields, inc: { version: 1 } });
      return;
    }
    await tx.insert<PostDoc>(C.posts, {
      ...newPost(id, me, now),
      ...fields,
      clientDraftId: input.clientDraftId,
      version: 1,
    });
  });
  return detailOf(ctx, (await ctx.store.get<PostDoc>(C.posts, id))!);
});

/**
 * Sends a draft through the check: risky text is refused at once (the draft stays), otherwise
 * the post is published, waits for its images' verdicts, or waits for staff, as `decide` says.
 * Publishing again returns it unchanged.
 */
export const publish = command(reading.publish, 'member', async (ctx, { postId }) => {
  const p = await ownPost(ctx, postId);
  if (p.status === 'draft') {
    const rules = await postRules(ctx);
    const g = await postableGroup(ctx, p.groupId, p.kind);
    assertPeriodOpen(await mustPeriod(ctx.store, g.periodId), ctx.clock.now());
    assertWritable(p, rules);
    const text = await checkedText(ctx, rules, p);
    await once(ctx, async (tx) => {
      const fresh = (await tx.get<PostDoc>(C.posts, postId))!;
      if (fresh.status !== 'draft') return;
      const now = iso(ctx.clock.now());
      const feedKey = feedKeyOf(now, postId);
      await recheck(tx, ctx, fresh, rules, {
        text,
        feedKey,
        rankKey: rankKeyOf(false, feedKey),
        status: 'checking',
      });
    });
  }
  return detailOf(ctx, (await ctx.store.get<PostDoc>(C.posts, postId))!);
});

/** The author changes a sent post: checked again, and hidden from others until it passes. */
export const editPost = command(reading.editPost, 'member', async (ctx, input) => {
  const p = await ownPost(ctx, input.postId);
  if (p.kind === 'checkIn' || ['draft', 'hidden', 'deleted'].includes(p.status))
    throw fail('READING.NOT_EDITABLE');
  const g = await mustGroup(ctx.store, p.groupId);
  const bookTitle = await bookTitleIn(ctx, g, input.bookId);
  const rules = await postRules(ctx);
  const changed = {
    title: input.title,
    body: input.body,
    photos: input.photos,
    bookId: input.bookId,
    bookTitle,
  };
  assertWritable({ ...p, ...changed }, rules);
  const text = await checkedText(ctx, rules, { ...p, ...changed });
  await once(ctx, async (tx) => {
    const fresh = (await tx.get<PostDoc>(C.posts, input.postId))!;
    if (fresh.version !== input.version)
      throw fail('STORE.CONFLICT', '内容已在别处修改，请刷新后重试');
    const images = fresh.images.filter((i) => input.photos.some((ph) => ph.fileId === i.fileId));
    await recheck(tx, ctx, fresh, rules, {
      ...changed,
      text,
      images,
      approved: false,
      status: 'checking',
    });
  });
  return detailOf(ctx, (await ctx.store.get<PostDoc>(C.posts, input.postId))!);
});

export const deletePost = command(reading.deletePost, 'member', async (ctx, { postId }) => {
  const p = await ownPost(ctx, postId);
  if (p.status !== 'deleted')
    await once(ctx, async (tx) => {
      const fresh = (await tx.get<PostDoc>(C.posts, postId))!;
      if (fresh.status === 'deleted') return;
      await savePost(
        tx,
        ctx,
        fresh,
        { ...fresh, status: 'deleted', queue: null },
        { actor: actorOf(ctx) },
      );
    });
  const after = (await ctx.store.get<PostDoc>(C.posts, postId))!;
  return { ...(await detailOf(ctx, { ...after, status: 'deleted' })), body: '' };
});

/** The day's check-in in a group: once per day; every 7 days in a row earn the streak's points. */
export const checkIn = command(reading.checkIn, 'member', async (ctx, input) => {
  const me = ctx.caller.member!;
  const g = await postableGroup(ctx, input.groupId, 'checkIn');
  assertPeriodOpen(await mustPeriod(ctx.store, g.periodId), ctx.clock.now());
  const now = iso(ctx.clock.now());
  const day = businessDate(now);
  const id = hashId('rck', g._id, me._id, day);
  if (await ctx.store.get(C.posts, id)) throw fail('READING.ALREADY_CHECKED_IN');
  const rules = await postRules(ctx);
  const text = await checkText(ctx, rules, input.text, 'social', ctx.caller.openid);
  if (text.verdict === 'risky') throw fail('READING.CONTENT_RISKY');
  await once(ctx, async (tx) => {
    if (await tx.get(C.posts, id)) throw fail('READING.ALREADY_CHECKED_IN');
    const draft: PostDoc = {
      ...newPost(id, me, now),
      kind: 'checkIn',
      groupId: g._id,
      groupName: g.name,
      periodId: g.periodId,
      bookId: null,
      bookTitle: null,
      title: '',
      body: input.text,
      photos: [],
      text,
      revision: 0,
      day,
      version: 0,
    };
    const d = decide({ ...draft, status: 'checking' }, rules);
    await savePost(tx, ctx, null, { ...draft, ...d }, { actor: actorOf(ctx) });
    await countStreak(tx, ctx, g, day);
  });
  const [post, streak] = await Promise.all([
    ctx.store.get<PostDoc>(C.posts, id),
    ctx.store.get<StreakDoc>(C.streaks, pairId(g._id, me._id)),
  ]);
  return { post: await detailOf(ctx, post!), streak: streakView(streak, day) };
});

export const feature = command(reading.feature, 'member', async (ctx, { postId, featured }) => {
  const p = await ctx.store.get<PostDoc>(C.posts, postId);
  if (!p || !p.visible) throw fail('READING.POST_NOT_FOUND');
  const g = await mustGroup(ctx.store, p.groupId);
  if (g.ownerId !== ctx.caller.member!._id && !isStaff(ctx)) throw fail('AUTH.FORBIDDEN');
  if (p.featured !== featured)
    await ctx.store.update(C.posts, postId, {
      set: { featured, rankKey: rankKeyOf(featured, p.feedKey) },
      inc: { version: 1 },
    });
  return detailOf(ctx, (await ctx.store.get<PostDoc>(C.posts, postId))!);
});

/** Runs the one rule on a post's new content and saves it with what follows. */
async function recheck(
  tx: TxOps,
  ctx: ActionContext,
  fresh: PostDoc,
  rules: PostRules,
  patch: Partial<PostDoc>,
): Promise<void> {
  const merged = { ...fresh, ...patch };
  const images = await imageChecks(tx, ctx, merged, ctx.caller.openid);
  const next = { ...merged, images };
  const d = decide(next, rules);
  await savePost(
    tx,
    ctx,
    fresh,
    { ...next, ...d },
    {
      actor: actorOf(ctx),
    },
  );
}

async function countStreak(tx: TxOps, ctx: ActionContext, g: GroupDoc, day: string): Promise<void> {
  const me = ctx.caller.member!;
  const _id = pairId(g._id, me._id);
  const s = await tx.get<StreakDoc>(C.streaks, _id);
  const yesterday = businessDate(addDays(new Date(`${day}T12:00:00+08:00`), -1));
  const current = s && s.lastDay === yesterday ? s.current + 1 : 1;
  const next: StreakDoc = {
    _id,
    groupId: g._id,
    memberId: me._id,
    lastDay: day,
    current,
    best: Math.max(current, s?.best ?? 0),
    days: (s?.days ?? 0) + 1,
  };
  if (s)
    await tx.update(C.streaks, _id, {
      set: { lastDay: day, current, best: next.best, days: next.days },
    });
  else await tx.insert<StreakDoc>(C.streaks, next);
  if (current % CHECK_IN_STREAK_DAYS === 0)
    await recordDutyEvent(tx, ctx, {
      key: `reading:streak:${g._id}:${me._id}:${day}`,
      event: 'reading.checkInStreak',
      memberId: me._id,
      occurredAt: iso(ctx.clock.now()),
      source: { type: 'readingGroup', id: g._id, title: `${g.name}连续打卡 ${current} 天` },
      actor: actorOf(ctx),
    });
}

async function postableGroup(
  ctx: ActionContext,
  groupId: string,
  kind: PostDoc['kind'],
): Promise<GroupDoc> {
  const g = await mustGroup(ctx.store, groupId);
  const me = ctx.caller.member!;
  if (kind === 'guide') {
    if (g.ownerId !== me._id && !isStaff(ctx)) throw fail('READING.GUIDE_OWNER_ONLY');
  } else if (!(await isInGroup(ctx.store, g, me))) throw fail('READING.NOT_IN_GROUP');
  return g;
}

async function bookTitleIn(
  ctx: ActionContext,
  g: GroupDoc,
  bookId: string | null,
): Promise<string | null> {
  if (!bookId) return null;
  const b = g.bookIds.includes(bookId) ? await ctx.store.get<BookDoc>(C.books, bookId) : null;
  if (!b) throw fail('READING.BOOK_INVALID');
  return b.title;
}

async function ownPost(ctx: ActionContext, postId: string): Promise<PostDoc> {
  const p = await ctx.store.get<PostDoc>(C.posts, postId);
  if (!p || p.authorId !== ctx.caller.member!._id) throw fail('READING.POST_NOT_FOUND');
  return p;
}

async function postRules(ctx: ActionContext): Promise<PostRules> {
  return (await currentSettings(ctx.store)).body.posts;
}

function assertWritable(p: Pick<PostDoc, 'title' | 'body'>, rules: PostRules): void {
  if ([...p.title.trim()].length < 2 || !p.body.trim()) throw fail('READING.INCOMPLETE');
  if ([...p.body].length > rules.noteMax)
    throw fail('READING.TOO_LONG', `读书心得不能超过 ${rules.noteMax} 字，请删减后再发表`);
}

async function checkedText(
  ctx: ActionContext,
  rules: PostRules,
  p: Pick<PostDoc, 'title' | 'body'>,
) {
  const text = await checkText(ctx, rules, `${p.title}\n${p.body}`, 'social', ctx.caller.openid);
  if (text.verdict === 'risky') throw fail('READING.CONTENT_RISKY');
  return text;
}
