/** Meetings as members and the office read them: labels, reply states, Beijing dates and times. */
import type {
  AttendanceBoard,
  CheckInResult,
  LeaveStatus,
  MeetingStatus,
  MeetingSummary,
  NoticeReportRow,
  Reply,
} from '../../typings/contracts';
import type { ListPage } from '../kit/paged-list';
import { api } from '../services/api';
import { isApiCallError, messageOf } from '../services/errors';
import { formatDateTime } from './format';

/** The contract's kinds (in the picker's order) and labels, generated into the mini-program. */
import {
  LEFT_EARLY_LABELS,
  LIVE_ATTENDANCE_LABELS,
  MEETING_STATUS_LABELS,
  NOTICE_CHANNEL_LABELS,
  REPLY_LABELS,
} from '../generated/contract';
export { MEETING_KINDS, MEETING_KIND_LABELS, OUTCOME_LABELS } from '../generated/contract';

export type MeetingScope = 'upcoming' | 'past';

/** The scope chips of a meeting list: the member's says 即将召开, the office's 未结束. */
export function scopeChips(upcoming: string): Array<{ value: MeetingScope; label: string }> {
  return [
    { value: 'upcoming', label: upcoming },
    { value: 'past', label: '已结束' },
  ];
}

export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger';

const STATUS_THEMES: Record<MeetingStatus, TagTheme> = {
  draft: 'default',
  published: 'primary',
  cancelled: 'danger',
  closed: 'default',
};

/** A tag per status: the contract's label, the page's colour. */
export const STATUS_VIEW = tagsOf(MEETING_STATUS_LABELS, STATUS_THEMES);

/** A member's answer to a notice, with the office's decision on a leave request folded in. */
export type ReplyState = 'none' | 'attend' | 'leavePending' | 'leaveApproved' | 'leaveRefused';

export const REPLY_VIEW: Record<ReplyState, { label: string; theme: TagTheme }> = {
  none: { label: REPLY_LABELS.none, theme: 'warning' },
  attend: { label: REPLY_LABELS.attend, theme: 'success' },
  leavePending: { label: '请假待批', theme: 'primary' },
  leaveApproved: { label: '请假已批', theme: 'default' },
  leaveRefused: { label: '请假未批', theme: 'danger' },
};

export function replyStateOf(reply: Reply, leaveStatus: LeaveStatus | null): ReplyState {
  if (reply === 'attend') return 'attend';
  if (reply === 'none') return 'none';
  if (leaveStatus === 'approved') return 'leaveApproved';
  if (leaveStatus === 'refused') return 'leaveRefused';
  return 'leavePending';
}

export const CHANNEL_LABELS: Record<NoticeReportRow['channel'], string> = NOTICE_CHANNEL_LABELS;

export const ATTENDANCE_VIEW: Record<
  AttendanceBoard['members'][number]['state'],
  { label: string; theme: TagTheme }
> = tagsOf(LIVE_ATTENDANCE_LABELS, {
  present: 'success',
  late: 'warning',
  excused: 'default',
  absent: 'danger',
});

export { LEFT_EARLY_LABELS };

function tagsOf<K extends string>(
  labels: Record<K, string>,
  themes: Record<K, TagTheme>,
): Record<K, { label: string; theme: TagTheme }> {
  const tags = {} as Record<K, { label: string; theme: TagTheme }>;
  for (const key of Object.keys(labels) as K[])
    tags[key] = { label: labels[key], theme: themes[key] };
  return tags;
}

/** China Standard Time has no daylight saving: a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An instant's Beijing calendar date and clock time: `{ date: '2025-03-01', time: '09:30' }`. */
export function beijingParts(iso: string): { date: string; time: string; weekday: string } | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    weekday: `周${WEEKDAYS[d.getUTCDay()]}`,
  };
}

/** `2025-03-01`, `09:30` (Beijing) → `2025-03-01T09:30:00+08:00`, or null when either is not valid. */
export function beijingInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = `${date}T${time}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** ISO instant → `09:30` in Beijing time. */
export function formatTime(iso: string): string {
  return beijingParts(iso)?.time ?? iso;
}

/**
 * A meeting's or session's time as members read it, in Beijing time:
 * `2025-03-01 周六 09:00–11:30`, or both ends in full when it spans days.
 */
export function formatSpan(startsAt: string, endsAt: string): string {
  const a = beijingParts(startsAt);
  const b = beijingParts(endsAt);
  if (!a || !b) return `${startsAt}–${endsAt}`;
  if (a.date === b.date) return `${a.date} ${a.weekday} ${a.time}–${b.time}`;
  return `${a.date} ${a.weekday} ${a.time} 至 ${b.date} ${b.weekday} ${b.time}`;
}

/**
 * formatSpan in two parts, so the clock times can be kept on one line:
 * `{ day: '2025-03-01 周六', time: '09:00–11:30' }` (a span over days is all `day`).
 */
export function spanParts(startsAt: string, endsAt: string): { day: string; time: string } {
  const a = beijingParts(startsAt);
  const b = beijingParts(endsAt);
  if (!a || !b || a.date !== b.date) return { day: formatSpan(startsAt, endsAt), time: '' };
  return { day: `${a.date} ${a.weekday}`, time: `${a.time}–${b.time}` };
}

/** One card of a meeting list, for members and for the office. */
export interface MeetingCard {
  id: string;
  kindLabel: string;
  title: string;
  /** When, in two parts (see spanParts): the day, and the clock times. */
  dayText: string;
  timeText: string;
  venueName: string;
  status: MeetingStatus;
  statusLabel: string;
  statusTheme: TagTheme;
  /** The member's reply; empty on the office's list. */
  replyLabel: string;
  replyTheme: TagTheme;
}

export function toMeetingCard(m: MeetingSummary): MeetingCard {
  const reply = m.myReply === null ? null : REPLY_VIEW[replyStateOf(m.myReply, m.myLeaveStatus)];
  return {
    id: m.id,
    kindLabel: m.kindLabel,
    title: m.title,
    dayText: spanParts(m.startsAt, m.endsAt).day,
    timeText: spanParts(m.startsAt, m.endsAt).time,
    venueName: m.venueName,
    status: m.status,
    statusLabel: STATUS_VIEW[m.status].label,
    statusTheme: STATUS_VIEW[m.status].theme,
    replyLabel: reply?.label ?? '',
    replyTheme: reply?.theme ?? 'default',
  };
}

/** The detail page of one meeting (a main-package page: inbox links point here). */
export function detailUrl(meetingId: string): string {
  return `/pages/meetings/detail/index?id=${encodeURIComponent(meetingId)}`;
}

/**
 * The message of a refusal that a second try cannot change (the page then offers no
 * 重新加载), or '' for any other failure.
 */
export function finalMessageOf(err: unknown, codes: readonly string[]): string {
  return isApiCallError(err) && codes.includes(err.code) ? messageOf(err) : '';
}

/** One page of meeting cards, for the member's list and the office's (`all`). */
export async function fetchMeetingCards(
  scope: MeetingScope,
  page: number,
  pageSize: number,
  all = false,
): Promise<ListPage<MeetingCard>> {
  const result = await api.meetings.list({ ...(all ? { all } : {}), scope, page, pageSize });
  return { items: result.items.map(toMeetingCard), total: result.total };
}

/** A check-in as the member reads it on the result screens. */
export interface CheckInResultView {
  title: string;
  session: string;
  timeText: string;
  late: boolean;
  already: boolean;
}

export function checkInResultView(r: CheckInResult): CheckInResultView {
  return {
    title: r.meetingTitle,
    session: r.sessionLabel,
    timeText: formatDateTime(r.at),
    late: r.late,
    already: r.already,
  };
}
