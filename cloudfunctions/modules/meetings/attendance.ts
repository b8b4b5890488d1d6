import type { DutyEventType } from '../../../typings/contracts/ledger';
import {
  meetings,
  OUTCOME_LABELS,
  type AttendanceBoard,
  type MeetingKind,
  type NoticeReportRow,
  type Outcome,
} from '../../../typings/contracts/meetings';
import { command, handle, STAFF, type ActionContext } from '../../kernel/action';
import { audit } from '../../kernel/audit';
import { forEachLimit, inTransactionBatches } from '../../kernel/concurrency';
import { businessDate, businessDateTime, businessYear, iso } from '../../kernel/clock';
import { fail } from '../../kernel/errors';
import { writeWorkbookXlsx } from '../../kernel/xlsx';
import { postDutyEvent, retractDutyEvent } from '../ledger/ledger-port';
import type { InboxDoc } from '../notify/delivery';
import { outboxId, type OutboxDoc } from '../notify/outbox';
import { mustGet } from './manage';
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

/**
 * Closes the meeting: every invitee gets an outcome per session (present, late, left early,
 * excused, absent without leave) and the ledger gets the matching duty events exactly once.
 * Closing again posts nothing new; after a re-open, closing again adjusts the ledger through
 * reversals. The ledger step runs after the commit and is re-run by every close, so a crash
 * in between heals on the next close.
 */
export const close = command(meetings.close, STAFF, async (ctx, { meetingId }) => {
  const m = await mustGet(ctx, meetingId);
  if (m.status === 'draft' || m.status === 'cancelled')
    throw fail('MEETING.NOT_PUBLISHED', '会议未发布或已取消，不能结束');
  const invitations = await ctx.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId, active: true },
  });
  if (m.status === 'published') {
    const checkIns = await ctx.store.find<CheckInDoc>('meeting_checkins', { where: { meetingId } });
    const byKey = new Map(checkIns.map((c) => [`${c.sessionId}:${c.memberId}`, c]));
    const now = iso(ctx.clock.now());
    await inTransactionBatches(ctx.store, invitations, async (tx, batch) => {
      for (const inv of batch) {
        const outcomes = Object.fromEntries(
          m.sessions.map((s) => [s.id, outcomeOf(inv, byKey.get(`${s.id}:${inv.memberId}`))]),
        );
        inv.outcomes = outcomes;
        await tx.update('meeting_invitations', inv._id, {
          set: { outcomes, meetingStatus: 'closed' },
        });
      }
    });
    await ctx.store.transaction(async (tx) => {
      await tx.update('meetings', meetingId, {
        set: { status: 'closed', closedAt: now, updatedAt: now },
        inc: { version: 1 },
      });
      await audit(tx, ctx, {
        targetType: 'meeting',
        targetId: meetingId,
        before: { status: 'published' },
        after: { status: 'closed' },
      });
    });
  }
  const fresh = await mustGet(ctx, meetingId);
  // Each invitation touches only its member's account, so they can go in parallel.
  await forEachLimit(invitations, 8, (inv) => syncLedger(ctx, fresh, inv));
  const totals = Object.fromEntries(Object.keys(OUTCOME_LABELS).map((o) => [o, 0])) as Record<
    Outcome,
    number
  >;
  for (const inv of invitations) for (const o of Object.values(inv.outcomes ?? {})) totals[o] += 1;
  return { ...(await loadDetail(ctx, meetingId)), outcomes: totals };
});

/** Re-opens a closed meeting to correct attendance; the next close adjusts the ledger. */
export const reopen = command(meetings.reopen, STAFF, async (ctx, { meetingId, reason }) => {
  const m = await mustGet(ctx, meetingId);
  if (m.status !== 'closed') throw fail('MEETING.NOT_CLOSED');
  await ctx.store.transaction(async (tx) => {
    await tx.update('meetings', meetingId, {
      set: { status: 'published', closedAt: null, updatedAt: iso(ctx.clock.now()) },
      inc: { version: 1 },
    });
    await audit(tx, ctx, {
      targetType: 'meeting',
      targetId: meetingId,
      before: { status: 'closed' },
      after: { status: 'published' },
      reason,
    });
  });
  const invitations = await ctx.store.find<InvitationDoc>('meeting_invitations', {
    where: { meetingId },
  });
  await inTransactionBatches(ctx.store, invitations, async (tx, batch) => {
    for (const inv of batch)
      await tx.update('meeting_invitations', inv._id, { set: { meetingStatus: 'published' } });
  });
  return loadDetail(ctx, meetingId);
});

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
    const replyLabel = { none: '未回执', attend: '参加', leave: '请假' } as const;
    const leaveLabel = { pending: '待审批', approved: '已批准', refused: '未批准' } as const;
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
      reply: replyLabel[inv.reply],
      leave: inv.leaveStatus ? `${leaveLabel[inv.leaveStatus]}：${inv.leaveReason ?? ''}` : '',
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

type Tier = 'plenary' | 'standing' | 'activity';
const TIER: Record<MeetingKind, Tier> = {
  plenary: 'plenary',
  standing: 'standing',
  chairs: 'standing',
  consultation: 'activity',
  inspection: 'activity',
  research: 'activity',
  training: 'activity',
  activity: 'activity',
};

/** The duty events one outcome earns: attendance, and a mark for lateness or leaving early. */
function eventsFor(kind: MeetingKind, outcome: Outcome): DutyEventType[] {
  const tier = TIER[kind];
  const attended: DutyEventType = `${tier}.attended`;
  switch (outcome) {
    case 'present':
      return [attended];
    case 'late':
    case 'leftEarly':
      return [attended, 'meeting.lateOrLeftEarly'];
    case 'excused':
      return tier === 'activity' ? [] : [`${tier}.excused`];
    case 'absent':
      return [`${tier}.absent`];
  }
}

/** Posts this invitation's duty events and retracts those a re-close no longer gives. */
async function syncLedger(ctx: ActionContext, m: MeetingDoc, inv: InvitationDoc): Promise<void> {
  const wanted = new Map<string, { event: DutyEventType; session: SessionDoc }>();
  for (const session of m.sessions) {
    const outcome = inv.outcomes?.[session.id];
    if (!outcome) continue;
    for (const event of eventsFor(m.kind, outcome))
      wanted.set(`meeting:${m._id}:${session.id}:${inv.memberId}:${event}`, { event, session });
  }
  const year = businessYear(m.startsAt);
  const actor = { id: ctx.caller.member!._id, name: ctx.caller.member!.name };
  for (const key of inv.ledgerKeys) {
    if (!wanted.has(key))
      await retractDutyEvent(
        ctx,
        { key, memberId: inv.memberId, year },
        '会议重新结束后出勤结果变更',
        actor,
      );
  }
  for (const [key, { event, session }] of wanted) {
    await postDutyEvent(ctx, {
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
  const keys = [...wanted.keys()];
  if (keys.join('|') !== inv.ledgerKeys.join('|'))
    await ctx.store.update('meeting_invitations', inv._id, { set: { ledgerKeys: keys } });
}
