/** What the close dialog says, from `meetings.previewClose`: pure, so tests can read it. */
import type {
  ClosePreview,
  JobView,
  MeetingDetail,
  Outcome,
} from '../../../../../typings/contracts';
import { beijingParts, OUTCOME_LABELS } from '../../../../utils/meetings';

/** A session of the meeting, as the board knows it (to name the last one). */
export interface SessionRef {
  id: string;
  label: string;
  startsAt: string;
}

/** The `closed` event's detail: what `meetings.close` answered. */
export type ClosedDetail = MeetingDetail & {
  outcomes: Record<Outcome, number>;
  job: JobView | null;
};

export type ClosePhase =
  'loading' | 'error' | 'notStarted' | 'undecided' | 'ready' | 'closing' | 'done';

export interface UndecidedRow {
  memberId: string;
  name: string;
  sector: string;
  reason: string;
}

export interface CloseView {
  phase: Exclude<ClosePhase, 'loading' | 'error'>;
  /** The dialog's title. */
  title: string;
  /** The main sentence of the phase. */
  message: string;
  /** notStarted: leave requests that also wait for a decision ('' when none). */
  pendingNote: string;
  /** undecided: why 结束会议 cannot be tapped yet. */
  blockedText: string;
  undecided: UndecidedRow[];
  /** ready: invitee-sessions per outcome. */
  outcomes: Array<{ key: Outcome; label: string; count: number }>;
  /** ready: who will lose points for an absence without leave, in words. */
  absentText: string;
  absentMembers: number;
}

const ORDER: Outcome[] = ['present', 'late', 'leftEarly', 'excused', 'absent'];

/** `3月5日 14:00` in Beijing time. */
export function dayAndTime(iso: string): string {
  const p = beijingParts(iso);
  if (!p) return iso;
  const [, month, day] = p.date.split('-');
  return `${Number(month)}月${Number(day)}日 ${p.time}`;
}

/** `最后一场（下午）` for a meeting of several sessions, else `会议`. */
function lastSessionName(startsAt: string, sessions: readonly SessionRef[]): string {
  if (sessions.length <= 1) return '会议';
  const at = Date.parse(startsAt);
  const last = sessions.find((s) => Date.parse(s.startsAt) === at);
  return last ? `最后一场（${last.label}）` : '最后一场';
}

export function toCloseView(p: ClosePreview, sessions: readonly SessionRef[]): CloseView {
  const undecided = p.undecided.map((u) => ({
    memberId: u.memberId,
    name: u.name,
    sector: u.sector ?? '',
    reason: u.reason?.trim() || '未填写',
  }));
  const base: CloseView = {
    phase: 'done',
    title: '结束会议',
    message: '',
    pendingNote: '',
    blockedText: '',
    undecided,
    outcomes: ORDER.map((key) => ({
      key,
      label: OUTCOME_LABELS[key],
      count: p.outcomes[key] ?? 0,
    })),
    absentText: '',
    absentMembers: p.absentMembers,
  };
  const n = undecided.length;
  switch (p.blockedBy) {
    case 'notStarted':
      return {
        ...base,
        phase: 'notStarted',
        title: '还不能结束会议',
        message: `${lastSessionName(p.lastSessionStartsAt, sessions)}${dayAndTime(p.lastSessionStartsAt)} 开始，开始后才能结束会议。`,
        pendingNote: n > 0 ? `另有 ${n} 人的请假还没有审批，可以先在“请假审批”中处理。` : '',
      };
    case 'leaveUndecided':
      return {
        ...base,
        phase: 'undecided',
        title: '请先审批请假',
        message: `还有 ${n} 人的请假待审批：`,
        blockedText: '全部审批后，才能结束会议',
      };
    case 'closed':
      return { ...base, message: '会议已经结束，不需要再结束一次。' };
    case 'notPublished':
      return { ...base, message: '会议还没有发布，或已经取消，不能结束。' };
    default:
      return {
        ...base,
        phase: 'ready',
        message: '结束后，按各场签到情况记下出勤结果（人次），计入履职积分：',
        absentText:
          p.absentMembers > 0
            ? `将有 ${p.absentMembers} 人按无故缺席扣分：至少一场没有签到，也没有获批的请假。`
            : '没有人无故缺席，不会有人因缺席被扣分。',
      };
  }
}
