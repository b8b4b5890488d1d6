import type { DutyEventType } from '../../../typings/contracts/ledger';
import {
  LEAVE_STATUS_LABELS,
  meetings,
  OUTCOME_LABELS,
  REPLY_LABELS,
  type AttendanceBoard,
  type ClosePreview,
  type MeetingKind,
  type NoticeReportRow,
  type Outcome,
} from '../../../typings/contracts/meetings';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { TX_BATCH } from '../../kernel/concurrency';
import { businessDate, businessDateTime, businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { writeWorkbookXlsx } from '../../kernel/xlsx';
import { recordDutyEvent, recordRetraction } from '../ledger/ledger-port';
import { onceInBatches } from '../../kernel/once';
import { changeStatus } from './status-step';
import { meetingAllows } from './lifecycle';
import type { TxOps } from '../../store/port';
import type { InboxDoc } from '../notify/delivery';
import { outboxId, type OutboxDoc } from '../notify/outbox';
import { getJob, jobView } from '../../kernel/jobs';
import { mustGet } from './manage';
import { noticeJobId } from './notice-job';
import type { CheckInDoc, InvitationDoc, MeetingDoc, SessionDoc } from './model';
import { loadDetail } from './queries';

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
    ctx.store.find<InvitationDoc>('meeting_invitations', {
      where: { meetingId: m._id, active: true },
      orderBy: [
        ['sector', 'asc'],
        ['name', 'asc'],
      ],
    }),
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

/** Per invitee: how the latest notice reached them (WeChat message or inbox only), read, replied. */
export const getNoticeReport = handle(
  meetings.getNoticeReport,
  STAFF,
  async (ctx, { meetingId }) => {
    const m = await mustGet(ctx, meetingId);
    const invitations = await ctx.store.find<InvitationDoc>('meeting_invitations', {
      where: { meetingId, active: true },
      orderBy: [
        ['sector', 'asc'],
        ['name', 'asc'],
      ],
    });
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
      const channel = !o
        ? 'pending'
        : o.status === 'dead'
          ? 'failed'
          : o.wechat === 'sent'
            ? 'wechat'
            : o.inboxDone
              ? 'inbox'
              : 'pending';
      return {
        memberId: inv.memberId,
        name: inv.name,
        sector: inv.sector,
        channel,
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
  const { invitations, outcomesOf } = await closingState(ctx, m);
  const undecided = invitations.filter((i) => i.leaveStatus === 'pending');
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
    const now = iso(ctx.clock.now());
    const actor = { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
    await onceInBatches(ctx, 'outcomes', invitations, CLOSE_BATCH, async (tx, batch) => {
      for (const inv of batch) {
        const outcomes = outcomesOf(inv);
        const ledgerKeys = await recordAttendance(tx, ctx, m, inv, outcomes, actor);
        await tx.update('meeting_invitations', inv._id, {
          set: { outcomes, ledgerKeys, meetingStatus: 'closed' },
        });
      }
    });
    await changeStatus(ctx, meetingId, 'close', {
      action: 'close',
      to: 'closed',
      set: { closedAt: now },
    });
  }
  const closed = await ctx.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId, active: true },
  });
  const { outcomes } = tally(closed, (inv) => inv.outcomes ?? {});
  return { ...(await loadDetail(ctx, meetingId)), outcomes };
});

/** Re-opens a closed meeting to correct attendance; the next close adjusts the ledger. */
export const reopen = command(meetings.reopen, STAFF, async (ctx, { meetingId, reason }) => {
  await mustGet(ctx, meetingId);
  await changeStatus(ctx, meetingId, 'reopen', {
    action: 'reopen',
    to: 'published',
    set: { closedAt: null },
    reason,
    otherwise: () => {
      throw fail('MEETING.NOT_CLOSED');
    },
  });
  const invitations = await ctx.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId },
  });
  await onceInBatches(ctx, 'reopen-invitations', invitations, TX_BATCH, async (tx, batch) => {
    for (const inv of batch)
      await tx.update('meeting_invitations', inv._id, { set: { meetingStatus: 'published' } });
  });
  return loadDetail(ctx, meetingId);
});

/** Invitations per close transaction: each writes its outcomes and a few duty-event records. */
const CLOSE_BATCH = 20;

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

/** The attendance sheet: one row per invitee, one column pair per session. */
export const exportAttendance = handle(
  meetings.exportAttendance,
  STAFF,
  async (ctx, { meetingId }) => {
    const m = await mustGet(ctx, meetingId);
    const [invitations, checkIns] = await Promise.all([
      ctx.store.find<InvitationDoc>('meeting_invitations', {
        where: { meetingId, active: true },
        orderBy: [
          ['sector', 'asc'],
          ['name', 'asc'],
        ],
      }),
      ctx.store.find<CheckInDoc>('meeting_checkins', { where: { meetingId } }),
    ]);
    const byKey = new Map(checkIns.map((c) => [`${c.sessionId}:${c.memberId}`, c]));
    const columns = [
      { key: 'name', header: '姓名' },
      { key: 'sector', header: '界别', width: 16 },
      { key: 'reply', header: '回执', width: 8 },
      { key: 'leave', header: '请假', width: 16 },
      ...m.sessions.flatMap((s) => [
        { key: `${s.id}_at`, header: `${s.label}签到`, width: 18 },
        { key: `${s.id}_state`, header: `${s.label}结果`, width: 10 },
      ]),
    ];
    const rows = invitations.map((inv) => ({
      name: inv.name,
      sector: inv.sector,
      reply: REPLY_LABELS[inv.reply],
      leave: inv.leaveStatus
        ? `${LEAVE_STATUS_LABELS[inv.leaveStatus]}：${inv.leaveReason ?? ''}`
        : '',
      ...Object.fromEntries(
        m.sessions.flatMap((s) => {
          const c = byKey.get(`${s.id}:${inv.memberId}`);
          const state =
            inv.outcomes?.[s.id] ??
            (c
              ? c.late
                ? 'late'
                : 'present'
              : inv.leaveStatus === 'approved'
                ? 'excused'
                : 'absent');
          return [
            [`${s.id}_at`, c ? `${businessDateTime(c.at)}${c.byStaff ? '（代签）' : ''}` : ''],
            [`${s.id}_state`, OUTCOME_LABELS[state]],
          ];
        }),
      ),
    }));
    const content = await writeWorkbookXlsx([{ name: '签到表', columns, rows }]);
    return {
      fileName: `签到表-${m.title.slice(0, 30)}-${businessDate(m.startsAt)}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: content.toString('base64'),
    };
  },
);

function outcomeOf(inv: InvitationDoc, c: CheckInDoc | undefined): Outcome {
  if (c) {
    if (c.leftEarly?.status === 'confirmed') return 'leftEarly';
    return c.late ? 'late' : 'present';
  }
  return inv.leaveStatus === 'approved' ? 'excused' : 'absent';
}

function currentSession(m: MeetingDoc, now: Date): SessionDoc {
  const t = iso(now);
  return m.sessions.find((s) => t <= s.endsAt) ?? m.sessions[m.sessions.length - 1]!;
}

/** `none`: attendance earns nothing of its own (a studio's consultation: its log scores). */
type Tier = 'plenary' | 'standing' | 'activity' | 'reading.activity' | 'none';
const TIER: Record<MeetingKind, Tier> = {
  plenary: 'plenary',
  standing: 'standing',
  chairs: 'standing',
  consultation: 'activity',
  inspection: 'activity',
  research: 'activity',
  training: 'activity',
  activity: 'activity',
  reading: 'reading.activity',
  studio: 'none',
};

/** The duty events one outcome earns: attendance, and a mark for lateness or leaving early. */
function eventsFor(kind: MeetingKind, outcome: Outcome): DutyEventType[] {
  const tier = TIER[kind];
  if (tier === 'none') return [];
  const attended: DutyEventType = `${tier}.attended`;
  switch (outcome) {
    case 'present':
      return [attended];
    case 'late':
    case 'leftEarly':
      return [attended, 'meeting.lateOrLeftEarly'];
    case 'excused':
      return tier === 'plenary' || tier === 'standing' ? [`${tier}.excused`] : [];
    case 'absent':
      // A reading activity is voluntary: missing one costs nothing.
      return tier === 'reading.activity' ? [] : [`${tier}.absent`];
  }
}

/**
 * Records, in the close transaction, this invitation's duty events and retracts those a
 * re-close no longer gives (in the year each was counted in). Returns the keys it now holds.
 */
async function recordAttendance(
  tx: TxOps,
  ctx: ActionContext,
  m: MeetingDoc,
  inv: InvitationDoc,
  outcomes: Record<string, Outcome>,
  actor: { id: string; name: string },
): Promise<string[]> {
  const wanted = new Map<string, { event: DutyEventType; session: SessionDoc }>();
  for (const session of m.sessions) {
    const outcome = outcomes[session.id];
    if (!outcome) continue;
    for (const event of eventsFor(m.kind, outcome))
      wanted.set(`meeting:${m._id}:${session.id}:${inv.memberId}:${event}`, { event, session });
  }
  for (const key of inv.ledgerKeys) {
    if (wanted.has(key)) continue;
    const session = m.sessions.find((s) => key.startsWith(`meeting:${m._id}:${s.id}:`));
    await recordRetraction(
      tx,
      ctx,
      { key, memberId: inv.memberId, yearHint: businessYear(session?.startsAt ?? m.startsAt) },
      '会议重新结束后出勤结果变更',
      actor,
    );
  }
  for (const [key, { event, session }] of wanted) {
    await recordDutyEvent(tx, ctx, {
      key,
      event,
      memberId: inv.memberId,
      occurredAt: session.startsAt,
      source: {
        type: 'meeting',
        id: m._id,
        title: m.sessions.length > 1 ? `${m.title}（${session.label}）` : m.title,
      },
      actor,
    });
  }
  return [...wanted.keys()];
}
