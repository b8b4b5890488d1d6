import {
  CONSULTATION_SOURCE_LABELS,
  CONSULTATION_STATUS_LABELS,
  MATTER_STATUS_LABELS,
  studios,
  type StudioOverview,
} from '../../../typings/contracts/studios';
import type { ActionContext, Services } from '../../kernel/action';
import { handle, STAFF } from '../../kernel/action';
import { addDays, businessDate, iso } from '../../kernel/clock';
import type { MemberDoc } from '../../kernel/identity';
import { writeWorkbookXlsx } from '../../kernel/xlsx';
import { enqueue, type Notification } from '../notify/outbox';
import {
  C,
  type ConsultationDoc,
  type DraftLinkDoc,
  type MatterDoc,
  type StudioDoc,
} from './model';
import { isOverdue } from './views';

async function inPeriod(ctx: ActionContext, from: string, to: string) {
  return ctx.store.find<ConsultationDoc>(C.consultations, {
    where: { date: { $gte: from, $lte: to } },
    orderBy: [['date', 'asc']],
  });
}

/** Staff: each studio's consultations in the period, outcomes past their deadline, matters waiting. */
export const overview = handle(studios.overview, STAFF, async (ctx, { from, to }) => {
  const today = businessDate(ctx.clock.now());
  const [all, consultations, waiting, links, following] = await Promise.all([
    ctx.store.find<StudioDoc>(C.studios, { orderBy: [['name', 'asc']] }),
    inPeriod(ctx, from, to),
    ctx.store.find<MatterDoc>(C.matters, {
      where: { status: { $in: ['pending', 'passed'] } },
      orderBy: [['createdAt', 'asc']],
      limit: 200,
    }),
    ctx.store.find<DraftLinkDoc>(C.drafts, { where: { applied: true } }),
    ctx.store.find<ConsultationDoc>(C.consultations, {
      where: { status: 'followingUp', nextDeadline: { $lt: today } },
      limit: 200,
    }),
  ]);
  const consultationIds = new Set(consultations.map((c) => c._id));
  const result: StudioOverview = {
    from,
    to,
    rows: all.map((s) => {
      const mine = consultations.filter((c) => c.studioId === s._id);
      return {
        studioId: s._id,
        name: s.name,
        hostName: s.hostName,
        consultations: mine.length,
        held: mine.filter((c) => c.status !== 'planned').length,
        pendingMatters: waiting.filter((m) => m.studioId === s._id && m.status === 'pending')
          .length,
        overdueOutcomes: following
          .filter((c) => c.studioId === s._id)
          .reduce((n, c) => n + c.outcomes.filter((o) => isOverdue(o, today)).length, 0),
        drafts: links.filter((l) => l.studioId === s._id && consultationIds.has(l.consultationId))
          .length,
      };
    }),
    overdue: following.flatMap((c) =>
      c.outcomes
        .filter((o) => isOverdue(o, today))
        .map((o) => ({
          consultationId: c._id,
          studioName: c.studioName,
          topic: c.topic,
          outcome: o.text,
          unit: o.unit,
          deadline: o.deadline!,
        })),
    ),
    waiting: waiting.map((m) => ({
      matterId: m._id,
      studioName: m.studioName,
      topic: m.topic,
      statusLabel: MATTER_STATUS_LABELS[m.status],
      createdAt: m.createdAt,
    })),
  };
  return result;
});

/** The period's consultations and their outcomes, one sheet each, for the office's records. */
export const exportConsultations = handle(
  studios.exportConsultations,
  STAFF,
  async (ctx, { from, to }) => {
    const today = businessDate(ctx.clock.now());
    const list = await inPeriod(ctx, from, to);
    const content = await writeWorkbookXlsx([
      {
        name: '协商活动',
        columns: [
          { key: 'studio', header: '工作室', width: 24 },
          { key: 'date', header: '日期', width: 12 },
          { key: 'topic', header: '协商议题', width: 30 },
          { key: 'source', header: '议题来源', width: 12 },
          { key: 'place', header: '地点', width: 20 },
          { key: 'host', header: '主持委员', width: 12 },
          { key: 'members', header: '参加委员', width: 30 },
          { key: 'residents', header: '群众' },
          { key: 'officials', header: '部门人员' },
          { key: 'experts', header: '专家' },
          { key: 'status', header: '状态' },
          { key: 'feedback', header: '向群众反馈', width: 40 },
        ],
        rows: list.map((c) => ({
          studio: c.studioName,
          date: c.date,
          topic: c.topic,
          source: CONSULTATION_SOURCE_LABELS[c.source],
          place: c.place,
          host: c.hostName,
          members: c.members.map((m) => m.name).join('、'),
          residents: c.residents,
          officials: c.officials,
          experts: c.experts,
          status: CONSULTATION_STATUS_LABELS[c.status],
          feedback: c.feedback,
        })),
      },
      {
        name: '协商成果',
        columns: [
          { key: 'studio', header: '工作室', width: 24 },
          { key: 'topic', header: '协商议题', width: 30 },
          { key: 'outcome', header: '协商成果', width: 40 },
          { key: 'unit', header: '责任单位', width: 20 },
          { key: 'deadline', header: '完成期限', width: 12 },
          { key: 'state', header: '落实情况', width: 12 },
          { key: 'followUps', header: '跟进记录', width: 50 },
        ],
        rows: list.flatMap((c) =>
          c.outcomes.map((o) => ({
            studio: c.studioName,
            topic: c.topic,
            outcome: o.text,
            unit: o.unit,
            deadline: o.deadline ?? '',
            state: o.done ? '已落实' : isOverdue(o, today) ? '已逾期' : '落实中',
            followUps: o.followUps.map((f) => `${f.at.slice(0, 10)} ${f.text}`).join('\n'),
          })),
        ),
      },
    ]);
    return {
      fileName: `委员工作室协商活动-${from}至${to}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: content.toString('base64'),
    };
  },
);

/** Days before a deadline the host is reminded. */
export const REMIND_DAYS_BEFORE = 3;

/**
 * From the timer: an outcome due within three days reminds the host; one past its deadline
 * reminds the host and the office. Each reminder once (keyed by outcome and stage).
 */
export async function remindDeadlines(
  services: Pick<Services, 'store' | 'clock'>,
): Promise<number> {
  const now = services.clock.now();
  const today = businessDate(now);
  const soon = businessDate(addDays(now, REMIND_DAYS_BEFORE));
  const due = await services.store.find<ConsultationDoc>(C.consultations, {
    where: { status: 'followingUp', nextDeadline: { $lte: soon } },
    limit: 200,
  });
  if (!due.length) return 0;
  // Loaded once a run, and only when something is due.
  const staff = await services.store.find<MemberDoc>('members', {
    where: { active: true, roles: { $contains: 'staff' } },
  });
  let queued = 0;
  for (const c of due) {
    const notices: Notification[] = [];
    const reminded = { ...(c.reminded ?? {}) };
    for (const o of c.outcomes) {
      if (o.done || !o.deadline || o.deadline > soon) continue;
      const late = o.deadline < today;
      const stage = late ? 'overdue' : 'soon';
      if (reminded[o.id] === stage || (reminded[o.id] === 'overdue' && !late)) continue;
      reminded[o.id] = stage;
      const base = {
        key: `studio.deadline:${c._id}:${o.id}:${stage}`,
        kind: 'studio.deadline',
        title: late ? `协商成果已逾期：${c.topic}` : `协商成果即将到期：${c.topic}`,
        body: `“${o.text}”（${o.unit || '未填责任单位'}）期限 ${o.deadline}，请跟进落实并登记。`,
        link: `/pages/studios/consultation/index?id=${c._id}`,
      };
      notices.push({ ...base, memberId: c.hostMemberId });
      if (late) for (const s of staff) notices.push({ ...base, memberId: s._id });
    }
    if (!notices.length) continue;
    // The notices and the mark that they were queued, together: each reminder once.
    await services.store.transaction(async (tx) => {
      await enqueue(tx, iso(now), notices);
      await tx.update(C.consultations, c._id, { set: { reminded } });
    });
    queued += notices.length;
  }
  return queued;
}
