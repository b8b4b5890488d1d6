/** The meeting page's view of a MeetingDetail: what a member reads, already formatted. */
import type { MeetingDetail, Outcome } from '../../../../typings/contracts';
import { formatDateTime } from '../../../utils/format';
import {
  formatTime,
  spanParts,
  LEFT_EARLY_LABELS,
  OUTCOME_LABELS,
  REPLY_VIEW,
  replyStateOf,
  STATUS_VIEW,
  type TagTheme,
} from '../../../utils/meetings';

export interface Tag {
  label: string;
  theme: TagTheme;
}

export interface SessionItem {
  id: string;
  label: string;
  dayText: string;
  timeText: string;
  checkInText: string;
}

export interface MyCheckInItem {
  sessionLabel: string;
  text: string;
  tags: Tag[];
}

export interface MyOutcomeItem {
  sessionLabel: string;
  label: string;
  theme: TagTheme;
}

export interface MyState {
  reply: Tag;
  leaveReason: string;
  leaveNote: string;
  checkIns: MyCheckInItem[];
  outcomes: MyOutcomeItem[];
}

export interface DetailView {
  id: string;
  title: string;
  kindLabel: string;
  status: MeetingDetail['status'];
  statusLabel: string;
  statusTheme: TagTheme;
  cancelReason: string;
  sessions: SessionItem[];
  venueName: string;
  venueAddress: string;
  hasCoordinates: boolean;
  requireLocation: boolean;
  agenda: string;
  materials: Array<{ fileId: string; name: string }>;
  replyDeadlineText: string;
  mine: MyState | null;
  /** The big button's text: the session named when there are several. */
  checkInLabel: string;
  leaveEarlyLabel: string;
}

const OUTCOME_THEMES: Record<Outcome, TagTheme> = {
  present: 'success',
  late: 'warning',
  leftEarly: 'warning',
  excused: 'default',
  absent: 'danger',
};

function sessionLabel(d: MeetingDetail, sessionId: string | null): string {
  return d.sessions.find((s) => s.id === sessionId)?.label ?? '';
}

function myState(d: MeetingDetail): MyState | null {
  const inv = d.invitation;
  if (!inv) return null;
  const reply = REPLY_VIEW[replyStateOf(inv.reply, inv.leaveStatus)];
  const checkIns: MyCheckInItem[] = [];
  for (const s of d.sessions) {
    const c = inv.checkIns[s.id];
    if (!c) continue;
    const tags: Tag[] = [];
    if (c.late) tags.push({ label: '迟到', theme: 'warning' });
    if (c.byStaff) tags.push({ label: '代签', theme: 'default' });
    if (c.leftEarly)
      tags.push({
        label: LEFT_EARLY_LABELS[c.leftEarly],
        theme: c.leftEarly === 'refused' ? 'danger' : 'warning',
      });
    checkIns.push({ sessionLabel: s.label, text: `${formatDateTime(c.at)} 已签到`, tags });
  }
  const outcomes: MyOutcomeItem[] = [];
  if (inv.outcomes) {
    for (const s of d.sessions) {
      const o = inv.outcomes[s.id];
      if (o)
        outcomes.push({
          sessionLabel: s.label,
          label: OUTCOME_LABELS[o],
          theme: OUTCOME_THEMES[o],
        });
    }
  }
  return {
    reply: { label: reply.label, theme: reply.theme },
    leaveReason: inv.reply === 'leave' ? (inv.leaveReason ?? '') : '',
    leaveNote: inv.leaveNote ?? '',
    checkIns,
    outcomes,
  };
}

export function toDetailView(d: MeetingDetail): DetailView {
  const several = d.sessions.length > 1;
  const checkInSession = sessionLabel(d, d.can.checkIn);
  const leaveSession = sessionLabel(d, d.can.requestLeaveEarly);
  return {
    id: d.id,
    title: d.title,
    kindLabel: d.kindLabel,
    status: d.status,
    statusLabel: STATUS_VIEW[d.status].label,
    statusTheme: STATUS_VIEW[d.status].theme,
    cancelReason: d.status === 'cancelled' ? (d.cancelReason ?? '') : '',
    sessions: d.sessions.map((s) => ({
      id: s.id,
      label: s.label,
      dayText: spanParts(s.startsAt, s.endsAt).day,
      timeText: spanParts(s.startsAt, s.endsAt).time,
      checkInText: `签到时间 ${formatTime(s.checkInOpensAt)}–${formatTime(s.checkInClosesAt)}`,
    })),
    venueName: d.venue.name,
    venueAddress: d.venue.address ?? '',
    hasCoordinates: d.venue.latitude !== null && d.venue.longitude !== null,
    requireLocation: d.requireLocation,
    agenda: d.agenda,
    materials: d.materials.map((m) => ({ fileId: m.fileId, name: m.name })),
    replyDeadlineText: formatDateTime(d.replyDeadline),
    mine: myState(d),
    checkInLabel: several && checkInSession ? `扫码签到（${checkInSession}）` : '扫码签到',
    leaveEarlyLabel: several && leaveSession ? `申请早退（${leaveSession}）` : '申请早退',
  };
}
