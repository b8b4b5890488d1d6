import {
  LEAVE_STATUS_LABELS,
  meetings,
  OUTCOME_LABELS,
  REPLY_LABELS,
  type AttendanceBoard,
  type ClosePreview,
  type NoticeReportRow,
  type Outcome,
} from '../../../typings/contracts/meetings';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { businessDate, businessDateTime, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { sortPeople, type PersonAccess } from '../../kernel/people-order';
import { writeWorkbookXlsx } from '../../kernel/xlsx';
import { peopleOrder } from '../settings/store';
import { changeStatus } from './status-step';
import { meetingAllows } from './lifecycle';
import type { InboxDoc } from '../notify/delivery';
import { outboxId, type OutboxDoc } from '../notify/outbox';
import { getJob, jobView, resumeJob, runJob } from '../../kernel/jobs';
import { mustGet } from './manage';
import { noticeJobId } from './notice-job';
import { closeJobId, outcomeOf, reopenJobId, startRound } from './close-job';
import type { CheckInDoc, InvitationDoc, MeetingDoc, SessionDoc } from './model';
import { loadDetail } from './queries';

/** A meeting's active invitations as staff lists read them: by sector, then name (settings' order). */
async function invitees(
  ctx: Pick<ActionContext, 'store'>,
  meetingId: string,
): Promise<InvitationDoc[]> {
  const [found, order] = await Promise.all([
    ctx.store.find<InvitationDoc>('meeting_invitations', { where: { meetingId, active: true } }),
    peopleOrder(ctx.store),
  ]);
  return sortPeople(found, order, INVITEE_NAMES);
}

const INVITEE_NAMES: PersonAccess<InvitationDoc> = {
  name: (i) => i.name,
  id: (i) => i.memberId,
  group: (i) => i.sector,
};

/** 应到 / 实到 / 请假 / 缺席 for one session, live while check-in is open. */
export const getAttendance = handle(
  meetings.getAttendance,
  STAFF,
  async (ctx, { meetingId, sessionId }) => {
    const m = await mustGet(ctx, meetingId);
    return attendanceBoard(ctx, m, sessionId ?? currentSession(m, ctx.clock.now()).id);
  },
);

export async function attendanceBoard(
  ctx: Pick<ActionContext, 'store'>,
  m: MeetingDoc,
  sessionId: string,
): Promise<AttendanceBoard> {
  const session = m.sessions.find((s) => s.id === sessionId);
  if (!session) throw fail('MEETING.SESSION_NOT_FOUND');
  const [invitations, checkIns] = await Promise.all([
    invitees(ctx, m._id),
    ctx.store.find<CheckInDoc>('meeting_checkins', { where: { meetingId: m._id, sessionId } }),
  ]);
  const byMember = new Map(checkIns.map((c) => [c.memberId, c]));
  const members = invitations.map((inv) => {
    const c = byMember.get(inv.memberId);
    const state: AttendanceBoard['members'][number]['state'] = c
      ? c.late
        ? 'late'
        : 'present'
      : inv.leaveStatus === 'approved'
        ? 'excused'
        : 'absent';
    return {
      memberId: inv.memberId,
      name: inv.name,
      sector: inv.sector,
      state,
      checkedInAt: c?.at ?? null,
      byStaff: c?.byStaff ?? false,
      leftEarly: c?.leftEarly?.status ?? null,
    };
  });
  const count = (s: string) => members.filter((x) => x.state === s).length;
  return {
    meetingId: m._id,
    sessionId,
    sessionLabel: session.label,
    counts: {
      expected: members.length,
      present: count('present') + count('late'),
      late: count('late'),
      excused: count('excused'),
      absent: count('absent'),
    },
    members,
  };
}

/**
 * Per invitee: how the latest notice reached them (WeChat message, SMS, or the inbox only),
 * read, replied.
 */
export const getNoticeReport = handle(
  meetings.getNoticeReport,
  STAFF,
  async (ctx, { meetingId }) => {
    const m = await mustGet(ctx, meetingId);
    const invitations = await invitees(ctx, meetingId);
    const ids = invitations.flatMap((i) => [
      outboxId(`meeting.notice:${m._id}:v${m.noticeVersion}`, i.memberId),
      outboxId(`meeting.change:${m._id}:v${m.noticeVersion}`, i.memberId),
    ]);
    const [outbox, inbox] = await Promise.all([
      ctx.store.find<OutboxDoc>('outbox', { where: { _id: { $in: ids } } }),
      ctx.store.find<InboxDoc>('inbox', { where: { _id: { $in: ids } } }),
    ]);
    const sent = new Map(outbox.map((o) => [o.memberId, o]));
    const read = new Set(inbox.filter((i) => i.readAt).map((i) => i.memberId));
    const rows: NoticeReportRow[] = invitations.map((inv) => {
      const o = sent.get(inv.memberId);
      const sms = o?.smsState === 'sent';
      const channel = !o
        ? 'pending'
        : o.status === 'dead'
          ? 'failed'
          : o.wechat === 'sent'
            ? 'wechat'
            : sms
              ? 'sms'
              : o.inboxDone
                ? 'inbox'
                : 'pending';
      return {
        memberId: inv.memberId,
        name: inv.name,
        sector: inv.sector,
        channel,
        sms,
        read: read.has(inv.memberId),
        reply: inv.reply,
        leaveStatus: inv.leaveStatus,
      };
    });
    return {
      meetingId,
      noticeVersion: m.noticeVersion,
      job: jobView(await getJob(ctx.store, noticeJobId(meetingId, m.noticeVersion))),
      counts: {
        invited: rows.length,
        wechat: rows.filter((r) => r.channel === 'wechat').length,
        sms: rows.filter((r) => r.sms).length,
        inboxOnly: rows.filter((r) => r.channel === 'inbox').length,
        read: rows.filter((r) => r.read).length,
        replied: rows.filter((r) => r.reply !== 'none').length,
      },
      rows,
    };
  },
);

/** What closing would do now (the close dialog shows it): blockers, undecided leave, outcomes. */
export const previewClose = handle(meetings.previewClose, STAFF, async (ctx, { meetingId }) => {
  const m = await mustGet(ctx, meetingId);
  const { invitations, outcomesOf } = await closingState(ctx, m);
  const undecided = invitations.filter((i) => i.leaveStatus === 'pending');
  const { outcomes, absentMembers } = tally(invitations, outcomesOf);
  return {
    meetingId,
    blockedBy: closeBlocker(m, ctx.clock.now(), undecided.length),
    lastSessionStartsAt: lastSession(m).startsAt,
    undecided: undecided.map((i) => ({
      memberId: i.memberId,
      name: i.name,
      sector: i.sector,
      reason: i.leaveReason,
    })),
    outcomes,
    absentMembers,
  };
});

/**
 * Closes the meeting: every invitee gets an outcome per session (present, late, left early,
 * excused, absent without leave), and the matching duty events are recorded on the ledger's
 * rail in the same transactions as the outcomes, so a crash at any point loses none and a retry
 * resumes where it stopped. Refused before the last session has started (invitees not yet
 * checked in are not absent yet) and while a leave request is undecided (an undecided request is
 * not an absence without leave). After a re-open, closing again adjusts the ledger.
 */
export const close = command(meetings.close, STAFF, async (ctx, { meetingId }) => {
  const m = await mustGet(ctx, meetingId);
  const undecided = await ctx.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId, active: true, leaveStatus: 'pending' },
  });
  const blocker = closeBlocker(m, ctx.clock.now(), undecided.length);
  if (blocker === 'notPublished')
    throw fail('MEETING.NOT_PUBLISHED', '会议未发布或已取消，不能结束');
  if (blocker === 'notStarted') {
    const last = lastSession(m);
    throw fail(
      'MEETING.NOT_STARTED',
      `${m.sessions.length > 1 ? `最后一场（${last.label}）` : '会议'}于 ${businessDateTime(last.startsAt)} 开始，开始后才能结束会议`,
      { startsAt: last.startsAt },
    );
  }
  if (blocker === 'leaveUndecided') {
    throw fail(
      'MEETING.LEAVE_UNDECIDED',
      `还有 ${undecided.length} 人的请假未审批（${undecided
        .slice(0, 5)
        .map((i) => i.name)
        .join('、')}${undecided.length > 5 ? '等' : ''}），请先审批后再结束会议`,
      { members: undecided.map((i) => ({ memberId: i.memberId, name: i.name })) },
    );
  }
  if (blocker === null) {
    const actor = { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
    await changeStatus(ctx, meetingId, 'close', {
      action: 'close',
      to: 'closed',
      set: (fresh) => ({ closedAt: iso(ctx.clock.now()), closeRound: nextRound(fresh) }),
      also: (tx, fresh) =>
        startRound(
          tx,
          'close',
          { meetingId, round: nextRound(fresh), actor },
          iso(ctx.clock.now()),
        ),
    });
  }
  // The close of the current round: a retry, or the dialog asking on, moves it (a failed one again).
  const round = (blocker === 'closed' ? m : await mustGet(ctx, meetingId)).closeRound ?? 0;
  const jobId = closeJobId(meetingId, round);
  if (blocker === 'closed') await resumeJob(ctx.store, jobId, iso(ctx.clock.now()));
  const job = round > 0 ? await runJob(ctx, jobId, CLOSE_STEPS) : null;
  const closed = await ctx.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId, active: true },
  });
  const { outcomes } = tally(closed, (inv) => inv.outcomes ?? {});
  return { ...(await loadDetail(ctx, meetingId)), outcomes, job: jobView(job) };
});

/**
 * Re-opens a closed meeting to correct attendance; the next close adjusts the ledger. The
 * invitations' copy of the status follows as a job (the timer finishes what this call leaves).
 */
export const reopen = command(meetings.reopen, STAFF, async (ctx, { meetingId, reason }) => {
  await mustGet(ctx, meetingId);
  const actor = { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
  await changeStatus(ctx, meetingId, 'reopen', {
    action: 'reopen',
    to: 'published',
    set: { closedAt: null },
    reason,
    otherwise: () => {
      throw fail('MEETING.NOT_CLOSED');
    },
    also: (tx, fresh) =>
      startRound(
        tx,
        'reopen',
        { meetingId, round: fresh.closeRound ?? 0, actor },
        iso(ctx.clock.now()),
      ),
  });
  const m = await mustGet(ctx, meetingId);
  await runJob(ctx, reopenJobId(meetingId, m.closeRound ?? 0), REOPEN_STEPS);
  return loadDetail(ctx, meetingId);
});

/** The round a close of `m` starts (the first close is round 1). */
const nextRound = (m: MeetingDoc) => (m.closeRound ?? 0) + 1;

/** Close steps one `close` call runs (CLOSE_BATCH invitees each); the dialog asks for more. */
const CLOSE_STEPS = 1;
/** Reopen steps one call runs (TX_BATCH invitations each); the timer does the rest. */
const REOPEN_STEPS = 4;

function closeBlocker(m: MeetingDoc, now: Date, undecided: number): ClosePreview['blockedBy'] {
  // Closed already: closing again is a retry and answers the outcomes.
  if (m.status === 'closed') return 'closed';
  if (!meetingAllows('close', m.status)) return 'notPublished';
  if (iso(now) < lastSession(m).startsAt) return 'notStarted';
  if (undecided > 0) return 'leaveUndecided';
  return null;
}

function lastSession(m: MeetingDoc): SessionDoc {
  return m.sessions.reduce((a, b) => (b.startsAt > a.startsAt ? b : a));
}

/** The active invitations and what each one's outcomes would be if the meeting closed now. */
async function closingState(ctx: ActionContext, m: MeetingDoc) {
  const [invitations, checkIns] = await Promise.all([
    ctx.store.find<InvitationDoc>('meeting_invitations', {
      where: { meetingId: m._id, active: true },
    }),
    ctx.store.find<CheckInDoc>('meeting_checkins', { where: { meetingId: m._id } }),
  ]);
  const byKey = new Map(checkIns.map((c) => [`${c.sessionId}:${c.memberId}`, c]));
  const outcomesOf = (inv: InvitationDoc): Record<string, Outcome> =>
    m.status === 'closed' && inv.outcomes
      ? inv.outcomes
      : Object.fromEntries(
          m.sessions.map((s) => [s.id, outcomeOf(inv, byKey.get(`${s.id}:${inv.memberId}`))]),
        );
  return { invitations, outcomesOf };
}

/** Invitee-sessions per outcome, and how many invitees are absent without leave at least once. */
function tally(
  invitations: readonly InvitationDoc[],
  outcomesOf: (inv: InvitationDoc) => Record<string, Outcome>,
): { outcomes: Record<Outcome, number>; absentMembers: number } {
  const outcomes = Object.fromEntries(Object.keys(OUTCOME_LABELS).map((o) => [o, 0])) as Record<
    Outcome,
    number
  >;
  let absentMembers = 0;
  for (const inv of invitations) {
    const per = Object.values(outcomesOf(inv));
    for (const o of per) outcomes[o] += 1;
    if (per.includes('absent')) absentMembers += 1;
  }
  return { outcomes, absentMembers };
}

/**
 * The attendance sheet (签到表), ready to print: the meeting's title, time and place and each
 * session's totals (应到 / 实到 / 请假 / 缺席) above one row per invitee, with the check-in,
 * outcome and a 签名 column per session for those who sign on paper.
 */
export const exportAttendance = handle(
  meetings.exportAttendance,
  STAFF,
  async (ctx, { meetingId }) => {
    const m = await mustGet(ctx, meetingId);
    const [invitations, checkIns] = await Promise.all([
      invitees(ctx, meetingId),
      ctx.store.find<CheckInDoc>('meeting_checkins', { where: { meetingId } }),
    ]);
    const byKey = new Map(checkIns.map((c) => [`${c.sessionId}:${c.memberId}`, c]));
    const stateOf = (inv: InvitationDoc, s: SessionDoc): Outcome => {
      const c = byKey.get(`${s.id}:${inv.memberId}`);
      return (
        inv.outcomes?.[s.id] ??
        (c ? (c.late ? 'late' : 'present') : inv.leaveStatus === 'approved' ? 'excused' : 'absent')
      );
    };
    const single = m.sessions.length === 1;
    const columns = [
      { key: 'no', header: '序号', width: 6 },
      { key: 'name', header: '姓名' },
      { key: 'sector', header: '界别', width: 16 },
      { key: 'reply', header: '回执', width: 8 },
      { key: 'leave', header: '请假', width: 16 },
      ...m.sessions.flatMap((s) => [
        { key: `${s.id}_at`, header: `${s.label}签到`, width: 18 },
        { key: `${s.id}_state`, header: `${s.label}结果`, width: 10 },
        { key: `${s.id}_sign`, header: single ? '签名' : `${s.label}签名`, width: 18 },
      ]),
    ];
    const rows = invitations.map((inv, i) => ({
      no: i + 1,
      name: inv.name,
      sector: inv.sector,
      reply: REPLY_LABELS[inv.reply],
      leave: inv.leaveStatus
        ? `${LEAVE_STATUS_LABELS[inv.leaveStatus]}：${inv.leaveReason ?? ''}`
        : '',
      ...Object.fromEntries(
        m.sessions.flatMap((s) => {
          const c = byKey.get(`${s.id}:${inv.memberId}`);
          return [
            [`${s.id}_at`, c ? `${businessDateTime(c.at)}${c.byStaff ? '（代签）' : ''}` : ''],
            [`${s.id}_state`, OUTCOME_LABELS[stateOf(inv, s)]],
            [`${s.id}_sign`, ''],
          ];
        }),
      ),
    }));
    const totals = m.sessions.map((s) => {
      const states = invitations.map((inv) => stateOf(inv, s));
      const n = (o: Outcome) => states.filter((x) => x === o).length;
      const present = n('present') + n('late') + n('leftEarly');
      return `${single ? '' : `${s.label}：`}应到 ${states.length} 人，实到 ${present} 人，请假 ${n('excused')} 人，缺席 ${n('absent')} 人`;
    });
    const content = await writeWorkbookXlsx([
      {
        name: '签到表',
        columns,
        rows,
        heading: {
          title: `${m.title}签到表`,
          lines: [`时间：${businessDateTime(m.startsAt)}\u3000地点：${m.venue.name}`, ...totals],
        },
        print: { landscape: m.sessions.length > 1, rowHeight: 28 },
      },
    ]);
    return {
      fileName: `签到表-${m.title.slice(0, 30)}-${businessDate(m.startsAt)}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: content.toString('base64'),
    };
  },
);

function currentSession(m: MeetingDoc, now: Date): SessionDoc {
  const t = iso(now);
  return m.sessions.find((s) => t <= s.endsAt) ?? m.sessions[m.sessions.length - 1]!;
}
