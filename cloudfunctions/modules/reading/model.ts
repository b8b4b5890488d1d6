import { createHash } from 'node:crypto';
import type {
  Audience,
  ModerationQueue,
  PostKind,
  PostStatus,
} from '../../../typings/contracts/reading';
import type { Verdict } from '../../ports/content-check';
import type { StoredDoc } from '../../store/port';

/** `reading_periods/<id>`: a reading period (e.g. a half year) with its theme. */
export interface PeriodDoc extends StoredDoc {
  title: string;
  theme: string;
  description: string;
  startsOn: string;
  endsOn: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** `reading_books/<id>`: a book on a period's list. */
export interface BookDoc extends StoredDoc {
  periodId: string;
  title: string;
  author: string;
  publisher: string;
  isbn: string;
  cover: { fileId: string; name: string } | null;
  recommendedBy: string;
  vetted: boolean;
  intro: string;
  postCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** `reading_groups/<id>`: a reading group of a period, with its owner (群主) and audience. */
export interface GroupDoc extends StoredDoc {
  periodId: string;
  name: string;
  theme: string;
  bookIds: string[];
  ownerId: string;
  ownerName: string;
  audience: Audience;
  open: boolean;
  postCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** `reading_joins/<groupId>~<memberId>`: a member who joined an open group themselves. */
export interface JoinDoc extends StoredDoc {
  groupId: string;
  memberId: string;
  joinedAt: string;
}

export interface ImageCheck {
  fileId: string;
  name: string;
  verdict: Verdict | 'pending';
  reason: string | null;
}

/**
 * `reading_posts/<id>`: a note, check-in or guide reading. `visible` (published) is what every
 * feed filters on; `feedKey` (`<createdAt>~<id>`) and `rankKey` (featured first) are the cursor
 * orders, so a page is one indexed range read however many posts there are.
 */
export interface PostDoc extends StoredDoc {
  kind: PostKind;
  groupId: string;
  groupName: string;
  periodId: string;
  bookId: string | null;
  bookTitle: string | null;
  authorId: string;
  authorName: string;
  authorSector: string | null;
  title: string;
  body: string;
  photos: Array<{ fileId: string; name: string }>;
  status: PostStatus;
  visible: boolean;
  text: { verdict: Verdict; reason: string | null } | null;
  images: ImageCheck[];
  /** Staff approved the post as it now stands (cleared by the author's edit). */
  approved: boolean;
  /** Reports counted when staff last looked: only later ones can take it down again. */
  reportsSeen: number;
  queue: ModerationQueue | null;
  queueKey: string | null;
  moderationNote: string | null;
  featured: boolean;
  likeCount: number;
  commentCount: number;
  reportCount: number;
  clientDraftId: string | null;
  revision: number;
  /** A check-in's business day. */
  day: string | null;
  feedKey: string;
  rankKey: string;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
}

/** `reading_comments/<id>`: a comment on a post, or a reply to a comment (one level). */
export interface CommentDoc extends StoredDoc {
  postId: string;
  authorId: string;
  authorName: string;
  body: string;
  /** The thread (top-level comment) and whom it answers; the person answered is told. */
  replyTo: { commentId: string; authorName: string } | null;
  replyToAuthorId: string | null;
  status: PostStatus;
  visible: boolean;
  text: { verdict: Verdict; reason: string | null } | null;
  approved: boolean;
  queue: ModerationQueue | null;
  queueKey: string | null;
  moderationNote: string | null;
  feedKey: string;
  createdAt: string;
  updatedAt: string;
}

/** `reading_likes/<postId>~<memberId>`. */
export interface LikeDoc extends StoredDoc {
  postId: string;
  memberId: string;
  at: string;
}

/** `reading_reports/<postId>~<memberId>`: one member's report (举报) of a post. */
export interface ReportDoc extends StoredDoc {
  postId: string;
  memberId: string;
  reason: string;
  at: string;
}

/**
 * `reading_media/<id>`: one image's check. Written in the post's transaction (toRequest);
 * the request to the checker is made after the commit (effect) or by the timer (requested,
 * with its trace id); the verdict is applied when it arrives, or after `VERDICT_WAIT_MS`
 * without one the image goes to a person (timedOut).
 */
export interface MediaDoc extends StoredDoc {
  postId: string;
  fileId: string;
  name: string;
  authorOpenid: string | null;
  status: 'toRequest' | 'requested' | 'done' | 'timedOut';
  traceId: string | null;
  verdict: Verdict | null;
  reason: string | null;
  createdAt: string;
  requestedAt: string | null;
  attempts: number;
}

/**
 * `reading_stats/<periodId>~<groupId>~<memberId>`: what one member has published in one group,
 * kept by the same transaction that shows or hides a post, so reports read a few thousand
 * small documents instead of a million posts.
 */
export interface StatDoc extends StoredDoc {
  periodId: string;
  groupId: string;
  memberId: string;
  memberName: string;
  sector: string | null;
  posts: number;
  notes: number;
  checkIns: number;
  guides: number;
  characters: number;
}

/** `reading_streaks/<groupId>~<memberId>`: consecutive check-in days in a group. */
export interface StreakDoc extends StoredDoc {
  groupId: string;
  memberId: string;
  lastDay: string;
  current: number;
  best: number;
  days: number;
}

export const C = {
  periods: 'reading_periods',
  books: 'reading_books',
  groups: 'reading_groups',
  joins: 'reading_joins',
  posts: 'reading_posts',
  comments: 'reading_comments',
  likes: 'reading_likes',
  reports: 'reading_reports',
  media: 'reading_media',
  stats: 'reading_stats',
  streaks: 'reading_streaks',
} as const;

/** An image verdict that has not come back after this long goes to staff review. */
export const VERDICT_WAIT_MS = 30 * 60 * 1000;

export const pairId = (...parts: string[]) => parts.join('~');

export function hashId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 24)}`;
}

export const feedKeyOf = (createdAt: string, id: string) => `${createdAt}~${id}`;
export const rankKeyOf = (featured: boolean, feedKey: string) => `${featured ? 1 : 0}~${feedKey}`;

export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length <= max ? flat : [...flat].slice(0, max - 1).join('') + '…';
}
