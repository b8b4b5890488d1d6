import * as z from 'zod';
import { lazyContracts, returns } from './contract';
import { fileRef, id, text, type ChartImage } from './common';
import type { ExportedFile } from './members';

/**
 * 书香政协, the committee's reading club: reading periods, the book list, reading groups with
 * an owner (群主), and what members post in them (reading notes, daily check-ins, the owner's
 * guide readings), with comments, likes, reports and staff moderation. Every post and comment
 * passes the content check and, when the committee's settings ask, staff review before anyone
 * else sees it.
 */
export const READING_LIMITS = {
  periodTitle: 40,
  theme: 60,
  description: 500,
  bookTitle: 60,
  author: 40,
  publisher: 40,
  recommendedBy: 30,
  intro: 500,
  groupName: 30,
  /** A post's title. */
  title: 40,
  /** The hard ceiling for a note's text; the committee's settings set the working limit. */
  body: 5000,
  /** A daily check-in line. */
  checkIn: 140,
  comment: 300,
  reasonMin: 2,
  reason: 200,
  photos: 9,
  books: 10,
  audienceValues: 50,
  /** Posts per feed page. */
  feedPage: 20,
} as const;

const L = READING_LIMITS;

export type PostKind = 'note' | 'checkIn' | 'guide';
export const POST_KIND_LABELS: Record<PostKind, string> = {
  note: '读书心得',
  checkIn: '打卡',
  guide: '导读',
};

/**
 * draft: on its way (the author's only); checking: waiting for an image verdict; reviewing:
 * waiting for staff (先审后发, a "review" verdict, or reports); published: everyone in the club
 * sees it; refused: the checker found risky content; hidden: staff took it down; deleted: by
 * its author.
 */
export type PostStatus =
  'draft' | 'checking' | 'reviewing' | 'published' | 'refused' | 'hidden' | 'deleted';
export const POST_STATUS_LABELS: Record<PostStatus, string> = {
  draft: '草稿',
  checking: '内容检测中',
  reviewing: '待审核',
  published: '已发布',
  refused: '未通过检测',
  hidden: '已屏蔽',
  deleted: '已删除',
};

/** Who a group is for: everyone, members of some special committees or sectors, or named members. */
export type AudienceKind = 'everyone' | 'committee' | 'sector' | 'named';
export const AUDIENCE_KIND_LABELS: Record<AudienceKind, string> = {
  everyone: '全体委员',
  committee: '按专委会',
  sector: '按界别',
  named: '指定委员',
};

/** The staff moderation queue's tabs. */
export type ModerationQueue = 'review' | 'reported' | 'refused' | 'hidden';
export const MODERATION_QUEUE_LABELS: Record<ModerationQueue, string> = {
  review: '待审核',
  reported: '被举报',
  refused: '检测未通过',
  hidden: '已屏蔽',
};

export type ModerationDecision = 'approve' | 'hide' | 'restore';
export const MODERATION_DECISION_LABELS: Record<ModerationDecision, string> = {
  approve: '通过',
  hide: '屏蔽',
  restore: '恢复',
};

export type ParticipationBy = 'group' | 'sector' | 'member';
export const PARTICIPATION_BY_LABELS: Record<ParticipationBy, string> = {
  group: '按读书群',
  sector: '按界别',
  member: '按委员',
};

/** A check-in streak of this many days in a row earns the streak's points (once per streak length). */
export const CHECK_IN_STREAK_DAYS = 7;

const WRONG = '参数有误';
const day = z.iso.date({ error: '日期格式不正确' });
const cursor = z
  .string({ error: WRONG })
  .max(120, WRONG)
  .regex(/^[0-9A-Za-z:.~_-]+$/, WRONG)
  .optional();
const clientDraftId = z.string({ error: WRONG }).regex(/^[A-Za-z0-9_-]{8,64}$/, WRONG);
const photos = z
  .array(fileRef, { error: WRONG })
  .max(L.photos, `照片最多 ${L.photos} 张`)
  .default([]);
const reason = text('原因', L.reason, L.reasonMin);

export interface ReadingPeriod {
  id: string;
  title: string;
  theme: string;
  description: string;
  startsOn: string;
  endsOn: string;
  /** upcoming / current / past, on the day in Beijing. */
  phase: 'upcoming' | 'current' | 'past';
  phaseLabel: string;
  version: number;
}

export interface Book {
  id: string;
  periodId: string;
  title: string;
  author: string;
  publisher: string;
  isbn: string;
  cover: { fileId: string; name: string } | null;
  /** The special committee that recommended it. */
  recommendedBy: string;
  /** Vetted by the reading guidance group (指导组). */
  vetted: boolean;
  intro: string;
  postCount: number;
  version: number;
}

export interface Audience {
  kind: AudienceKind;
  /** Committee or sector names, or member ids, by kind (empty for everyone). */
  values: string[];
}

export interface GroupSummary {
  id: string;
  periodId: string;
  name: string;
  theme: string;
  ownerId: string;
  ownerName: string;
  audience: Audience;
  audienceLabel: string;
  open: boolean;
  bookIds: string[];
  postCount: number;
  /** The caller belongs (by the audience or by joining). */
  member: boolean;
  /** The caller joined it themselves (and so can leave). */
  joined: boolean;
  owner: boolean;
  can: { post: boolean; join: boolean; leave: boolean; guide: boolean; edit: boolean };
  version: number;
}

export interface Streak {
  /** Days in a row up to the last check-in (0 when the run is broken). */
  current: number;
  best: number;
  days: number;
  checkedInToday: boolean;
}

export interface GroupDetail extends GroupSummary {
  books: Book[];
  /** The owner's guide readings, newest first, pinned above the feed. */
  guides: PostSummary[];
  streak: Streak;
  period: ReadingPeriod | null;
}

export interface PostSummary {
  id: string;
  kind: PostKind;
  kindLabel: string;
  groupId: string;
  groupName: string;
  bookId: string | null;
  bookTitle: string | null;
  authorId: string;
  authorName: string;
  title: string;
  /** The text, cut to about 120 characters in feeds. */
  excerpt: string;
  photos: Array<{ fileId: string; name: string }>;
  status: PostStatus;
  statusLabel: string;
  featured: boolean;
  likeCount: number;
  commentCount: number;
  liked: boolean;
  publishedAt: string | null;
  createdAt: string;
}

export interface PostDetail extends PostSummary {
  body: string;
  /** Why it is not shown (the checker's reason, staff's reason), for the author and staff. */
  moderationNote: string | null;
  /** The author's device draft id and last saved revision (null/0 for anyone else). */
  clientDraftId: string | null;
  revision: number;
  version: number;
  can: {
    edit: boolean;
    publish: boolean;
    delete: boolean;
    comment: boolean;
    like: boolean;
    report: boolean;
    feature: boolean;
    moderate: boolean;
  };
}

export interface CommentView {
  id: string;
  postId: string;
  authorId: string;
  authorName: string;
  body: string;
  /** A reply names the comment and person it answers (one level). */
  replyTo: { commentId: string; authorName: string } | null;
  status: PostStatus;
  statusLabel: string;
  createdAt: string;
  can: { delete: boolean; reply: boolean };
}

export interface CursorPage<T> {
  items: T[];
  /** Pass back to get the next page; null at the end. */
  nextCursor: string | null;
}

export interface FeedPage extends CursorPage<PostSummary> {
  /** On a group's first page: the caller's own posts still waiting (checking or reviewing). */
  mine: PostSummary[];
}

export interface ModerationItem {
  targetType: 'post' | 'comment';
  id: string;
  postId: string;
  kindLabel: string;
  groupName: string;
  authorName: string;
  title: string;
  excerpt: string;
  photos: Array<{ fileId: string; name: string }>;
  status: PostStatus;
  statusLabel: string;
  queue: ModerationQueue;
  /** What the checker, the reporters or staff said. */
  reason: string | null;
  reportCount: number;
  at: string;
}

export interface ParticipationRow {
  key: string;
  label: string;
  /** For rows by group or sector: how many members took part / could. */
  members: number;
  posted: number;
  notes: number;
  checkIns: number;
  guides: number;
  characters: number;
  checkInDays: number;
}

export interface ParticipationReport {
  period: ReadingPeriod;
  by: ParticipationBy;
  rows: ParticipationRow[];
  summary: {
    members: number;
    posted: number;
    posts: number;
    characters: number;
    checkInDays: number;
    /** Active members who have not posted in the period. */
    neverPosted: Array<{ memberId: string; name: string; sector: string | null }>;
  };
}

const audience = z.strictObject({
  kind: z.enum(['everyone', 'committee', 'sector', 'named'], '请选择读书群面向谁'),
  values: z
    .array(z.string({ error: WRONG }).trim().min(1, WRONG).max(64, WRONG), { error: WRONG })
    .max(L.audienceValues, `最多选择 ${L.audienceValues} 项`)
    .default([]),
});

const feedScope = z.enum(['group', 'club', 'book', 'mine'], WRONG);

export const reading = lazyContracts(() => ({
  listPeriods: { input: z.strictObject({}), output: returns<ReadingPeriod[]>() },
  savePeriod: {
    input: z
      .strictObject({
        periodId: id.optional(),
        version: z.number({ error: WRONG }).int(WRONG).min(1, WRONG).optional(),
        title: text('读书期名称', L.periodTitle, 2),
        theme: text('主题', L.theme, 2),
        description: text('说明', L.description).default(''),
        startsOn: day,
        endsOn: day,
      })
      .refine((p) => p.startsOn <= p.endsOn, {
        path: ['endsOn'],
        message: '结束日期不能早于开始日期',
      }),
    output: returns<ReadingPeriod>(),
  },
  listBooks: {
    input: z.strictObject({ periodId: id.optional() }),
    output: returns<Book[]>(),
  },
  getBook: {
    input: z.strictObject({ bookId: id }),
    output: returns<{ book: Book; groups: GroupSummary[] }>(),
  },
  saveBook: {
    input: z.strictObject({
      bookId: id.optional(),
      version: z.number({ error: WRONG }).int(WRONG).min(1, WRONG).optional(),
      periodId: id,
      title: text('书名', L.bookTitle, 1),
      author: text('作者', L.author).default(''),
      publisher: text('出版社', L.publisher).default(''),
      isbn: z
        .string({ error: 'ISBN 须为文字' })
        .trim()
        .regex(/^(?:|(?:97[89])?\d{9}[\dXx])$/, 'ISBN 应为 10 位或 13 位数字')
        .default(''),
      cover: fileRef.nullable().default(null),
      recommendedBy: text('推荐单位', L.recommendedBy).default(''),
      vetted: z.boolean({ error: WRONG }).default(false),
      intro: text('内容简介', L.intro).default(''),
    }),
    output: returns<Book>(),
  },
  listGroups: {
    input: z.strictObject({
      periodId: id.optional(),
      mine: z.boolean({ error: WRONG }).default(false),
    }),
    output: returns<GroupSummary[]>(),
  },
  getGroup: { input: z.strictObject({ groupId: id }), output: returns<GroupDetail>() },
  saveGroup: {
    input: z.strictObject({
      groupId: id.optional(),
      version: z.number({ error: WRONG }).int(WRONG).min(1, WRONG).optional(),
      periodId: id,
      name: text('读书群名称', L.groupName, 2),
      theme: text('主题', L.theme).default(''),
      bookIds: z.array(id, { error: WRONG }).max(L.books, `最多选择 ${L.books} 本书`).default([]),
      ownerId: z.string({ error: '请选择群主' }).pipe(id),
      audience,
      open: z.boolean({ error: WRONG }).default(true),
    }),
    output: returns<GroupSummary>(),
  },
  joinGroup: { input: z.strictObject({ groupId: id }), output: returns<GroupSummary>() },
  leaveGroup: { input: z.strictObject({ groupId: id }), output: returns<GroupSummary>() },

  /** Autosave of a note or guide reading, one draft per device draft id (as for proposals). */
  saveDraft: {
    input: z.strictObject({
      clientDraftId,
      revision: z.number({ error: WRONG }).int(WRONG).min(1, WRONG),
      groupId: id,
      kind: z.enum(['note', 'guide'], WRONG).default('note'),
      bookId: id.nullable().default(null),
      title: text('标题', L.title).default(''),
      body: text('正文', L.body).default(''),
      photos,
    }),
    output: returns<PostDetail>(),
  },
  /** Sends a draft (or an edited post) through the check; publishing again returns it unchanged. */
  publish: { input: z.strictObject({ postId: id }), output: returns<PostDetail>() },
  /** The author changes a sent post: it is checked again and hidden from others until it passes. */
  editPost: {
    input: z.strictObject({
      postId: id,
      version: z.number({ error: WRONG }).int(WRONG).min(1, WRONG),
      bookId: id.nullable().default(null),
      title: text('标题', L.title, 2),
      body: text('正文', L.body, 1),
      photos,
    }),
    output: returns<PostDetail>(),
  },
  deletePost: { input: z.strictObject({ postId: id }), output: returns<PostDetail>() },
  /** The day's check-in (打卡) in a group: once per day, a short line. */
  checkIn: {
    input: z.strictObject({ groupId: id, text: text('打卡内容', L.checkIn, 1) }),
    output: returns<{ post: PostDetail; streak: Streak }>(),
  },
  getPost: { input: z.strictObject({ postId: id }), output: returns<PostDetail>() },
  feed: {
    input: z
      .strictObject({
        scope: feedScope,
        groupId: id.optional(),
        bookId: id.optional(),
        featuredFirst: z.boolean({ error: WRONG }).default(false),
        cursor,
        limit: z
          .number({ error: WRONG })
          .int(WRONG)
          .min(1, WRONG)
          .max(50, WRONG)
          .default(L.feedPage),
      })
      .refine((f) => f.scope !== 'group' || f.groupId, { path: ['groupId'], message: WRONG })
      .refine((f) => f.scope !== 'book' || f.bookId, { path: ['bookId'], message: WRONG }),
    output: returns<FeedPage>(),
  },
  like: {
    input: z.strictObject({ postId: id, liked: z.boolean({ error: WRONG }) }),
    output: returns<{ liked: boolean; likeCount: number }>(),
  },
  comment: {
    input: z.strictObject({
      postId: id,
      body: text('评论', L.comment, 1),
      replyTo: id.nullable().default(null),
    }),
    output: returns<CommentView>(),
  },
  listComments: {
    input: z.strictObject({ postId: id, cursor }),
    output: returns<CursorPage<CommentView>>(),
  },
  deleteComment: { input: z.strictObject({ commentId: id }), output: returns<CommentView>() },
  report: {
    input: z.strictObject({ postId: id, reason: text('举报原因', L.reason, L.reasonMin) }),
    output: returns<{ reported: boolean }>(),
  },
  feature: {
    input: z.strictObject({ postId: id, featured: z.boolean({ error: WRONG }) }),
    output: returns<PostDetail>(),
  },

  moderationQueue: {
    input: z.strictObject({
      queue: z.enum(['review', 'reported', 'refused', 'hidden'], WRONG).default('review'),
      cursor,
    }),
    output: returns<CursorPage<ModerationItem> & { counts: Record<ModerationQueue, number> }>(),
  },
  moderate: {
    input: z.strictObject({
      targetType: z.enum(['post', 'comment'], WRONG),
      targetId: id,
      decision: z.enum(['approve', 'hide', 'restore'], '请选择处理方式'),
      reason,
    }),
    output: returns<ModerationItem>(),
  },
  participation: {
    input: z.strictObject({
      periodId: id,
      by: z.enum(['group', 'sector', 'member'], WRONG).default('group'),
    }),
    output: returns<ParticipationReport>(),
  },
  exportParticipation: {
    input: z.strictObject({ periodId: id }),
    output: returns<ExportedFile>(),
  },
  /** A period's participation as charts (SVG data URIs): per group, per sector, by kind of post. */
  participationCharts: {
    input: z.strictObject({ periodId: id }),
    output: returns<{ charts: ChartImage[] }>(),
  },
}));
