/** The office's board of one meeting, formatted: the meeting, notice report, leave, attendance. */
import type {
  AttendanceBoard,
  LeaveRequestView,
  MeetingDetail,
  NoticeReportRow,
  Outcome,
} from '../../../../typings/contracts';
import { formatDateTime } from '../../../utils/format';
import {
  ATTENDANCE_VIEW,
  CHANNEL_LABELS,
  formatTime,
  LEFT_EARLY_LABELS,
  OUTCOME_LABELS,
  REPLY_VIEW,
  replyStateOf,
  spanParts,
  STATUS_VIEW,
  type TagTheme,
} from '../../../utils/meetings';

export interface MeetingHead {
  title: string;
  kindLabel: string;
  status: MeetingDetail['status'];
  statusLabel: string;
  statusTheme: TagTheme;
  dayText: string;
  timeText: string;
  venueName: string;
  cancelReason: string;
}

export function toHead(d: MeetingDetail): MeetingHead {
  const span = spanParts(d.startsAt, d.endsAt);
  return {
    title: d.title,
    kindLabel: d.kindLabel,
    status: d.status,
    statusLabel: STATUS_VIEW[d.status].label,
    statusTheme: STATUS_VIEW[d.status].theme,
    dayText: span.day,
    timeText: span.time,
    venueName: d.venueName,
    cancelReason: d.status === 'cancelled' ? (d.cancelReason ?? '') : '',
  };
}

function checkInOpenFor(s: MeetingDetail['sessions'][number], now: number): boolean {
  return Date.parse(s.checkInOpensAt) <= now && now <= Date.parse(s.checkInClosesAt);
}

/** The session whose check-in is open now, else the next to come, else the last. */
export function currentSession(d: MeetingDetail, now = Date.now()): string {
  const open = d.sessions.find((s) => checkInOpenFor(s, now));
  const next = d.sessions.find((s) => Date.parse(s.endsAt) >= now);
  return (open ?? next ?? d.sessions[d.sessions.length - 1])?.id ?? '';
}

export function checkInOpen(d: MeetingDetail, now = Date.now()): boolean {
  return d.status === 'published' && d.sessions.some((s) => checkInOpenFor(s, now));
}

export interface NoticeRow {
  memberId: string;
  name: string;
  sector: string;
  channelLabel: string;
  channelTheme: TagTheme;
  read: boolean;
  /** Replied at all (attending, or asking leave). */
  replied: boolean;
  replyLabel: string;
  replyTheme: TagTheme;
}

export function toNoticeRow(r: NoticeReportRow): NoticeRow {
  const reply = REPLY_VIEW[replyStateOf(r.reply, r.leaveStatus)];
  return {
    memberId: r.memberId,
    name: r.name,
    sector: r.sector ?? '',
    // 微信, 短信, both, 仅站内…: the channels the notice reached the member by.
    channelLabel: r.channel === 'wechat' && r.sms ? '微信 + 短信' : CHANNEL_LABELS[r.channel],
    channelTheme:
      r.channel === 'failed'
        ? 'danger'
        : r.channel === 'wechat' || r.channel === 'sms'
          ? 'success'
          : 'default',
    read: r.read,
    replied: r.reply !== 'none',
    replyLabel: reply.label,
    replyTheme: reply.theme,
  };
}

export interface LeaveRow {
  memberId: string;
  name: string;
  sector: string;
  reason: string;
  repliedText: string;
}

export function toLeaveRow(r: LeaveRequestView): LeaveRow {
  return {
    memberId: r.memberId,
    name: r.name,
    sector: r.sector ?? '',
    reason: r.reason,
    repliedText: r.repliedAt ? formatDateTime(r.repliedAt) : '',
  };
}

export interface AttendanceRow {
  memberId: string;
  name: string;
  sector: string;
  state: AttendanceBoard['members'][number]['state'];
  stateLabel: string;
  stateTheme: TagTheme;
  /** `08:52 签到`, or ''. */
  timeText: string;
  byStaff: boolean;
  leftEarlyLabel: string;
  leftEarlyPending: boolean;
}

export interface BoardView {
  sessionId: string;
  sessionLabel: string;
  counts: AttendanceBoard['counts'];
  rows: AttendanceRow[];
  /** Members asking to leave early, waiting for the office. */
  early: AttendanceRow[];
}

export function toBoardView(b: AttendanceBoard): BoardView {
  const rows = b.members.map((m) => ({
    memberId: m.memberId,
    name: m.name,
    sector: m.sector ?? '',
    state: m.state,
    stateLabel: ATTENDANCE_VIEW[m.state].label,
    stateTheme: ATTENDANCE_VIEW[m.state].theme,
    timeText: m.checkedInAt ? `${formatTime(m.checkedInAt)} 签到` : '',
    byStaff: m.byStaff,
    leftEarlyLabel: m.leftEarly ? LEFT_EARLY_LABELS[m.leftEarly] : '',
    leftEarlyPending: m.leftEarly === 'pending',
  }));
  return {
    sessionId: b.sessionId,
    sessionLabel: b.sessionLabel,
    counts: b.counts,
    rows,
    early: rows.filter((r) => r.leftEarlyPending),
  };
}

/** `出席 30 人次，迟到 2 人次，…` for the close confirmation. */
export function outcomeSummary(outcomes: Record<Outcome, number>): string {
  const order: Outcome[] = ['present', 'late', 'leftEarly', 'excused', 'absent'];
  return order.map((o) => `${OUTCOME_LABELS[o]} ${outcomes[o] ?? 0}`).join('，');
}

/** The time the board was last asked, `08:52:07` (the device's clock). */
export function clockText(now = new Date()): string {
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

/** A filter over a panel's rows: a chip with the count of the rows it keeps. */
export interface RowFilter<R> {
  value: string;
  label: string;
  keeps(row: R): boolean;
}

/**
 * The rows a filter keeps, with every filter's chip and count: a long list (a plenary of 300)
 * is read a part at a time (未回执, 缺席…). An unknown value falls back to the first filter.
 */
export function filterRows<R>(rows: readonly R[], filters: readonly RowFilter<R>[], value: string) {
  const chosen = filters.find((f) => f.value === value) ?? filters[0]!;
  return {
    filter: chosen.value,
    filterChips: filters.map((f) => ({
      value: f.value,
      label: f.label,
      count: rows.filter((r) => f.keeps(r)).length,
    })),
    shown: rows.filter((r) => chosen.keeps(r)),
  };
}

const everyone = { value: 'all', label: '全部', keeps: () => true };

export const NOTICE_FILTERS: RowFilter<NoticeRow>[] = [
  everyone,
  { value: 'unreplied', label: '未回执', keeps: (r) => !r.replied },
  { value: 'replied', label: '已回执', keeps: (r) => r.replied },
  { value: 'unread', label: '未读', keeps: (r) => !r.read },
];

export const ATTENDANCE_FILTERS: RowFilter<AttendanceRow>[] = [
  everyone,
  { value: 'in', label: '已签到', keeps: (r) => r.state === 'present' || r.state === 'late' },
  { value: 'absent', label: '未到', keeps: (r) => r.state === 'absent' },
  { value: 'excused', label: '请假', keeps: (r) => r.state === 'excused' },
];
