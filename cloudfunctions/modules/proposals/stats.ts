import {
  HANDLING_STAGE_LABELS,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  proposals,
  RATING_LABELS,
  REPLY_CLASS_LABELS,
  REPLY_CLASSES,
  UNIT_ROLE_LABELS,
  type ProposalStats,
  type ReplyClass,
} from '../../../typings/contracts/proposals';
import { handle, STAFF } from '../../kernel/action';
import {
  barChart,
  chartImage,
  lineChart,
  MONTH_LABELS,
  pieChart,
  type Chart,
} from '../../kernel/charts';
import { businessDate } from '../../kernel/clock';
import { writeWorkbookXlsx, type SheetValue } from '../../kernel/xlsx';
import { confirmedCoSigners, kindOf, type ProposalDoc } from './model';
import { isOverdue } from './views';

/** The office's statistics for a year (what its annual report on proposal work publishes). */
export const getStats = handle(proposals.getStats, STAFF, async (ctx, { year }) =>
  computeStats(
    await ctx.store.find<ProposalDoc>('proposals', { where: { year, status: { $ne: 'draft' } } }),
    year,
    ctx.clock.now(),
  ),
);

/** The year's statistics as charts (drawn on the server, answered as SVG data URIs). */
export const getStatsCharts = handle(proposals.getStatsCharts, STAFF, async (ctx, { year }) => {
  const docs = await ctx.store.find<ProposalDoc>('proposals', {
    where: { year, status: { $ne: 'draft' } },
  });
  return { charts: (await statsCharts(docs, year, ctx.clock.now())).map(chartImage) };
});

/** Where the year's proposals stand, from 待审查 to 已办结 (one bar each). */
function stageCounts(docs: ProposalDoc[]): Array<{ name: string; value: number }> {
  const count = (keep: (p: ProposalDoc) => boolean) => docs.filter(keep).length;
  const stage = (s: keyof typeof HANDLING_STAGE_LABELS) =>
    count((p) => p.status === 'accepted' && (p.handling?.stage ?? 'unassigned') === s);
  return [
    {
      name: '待审查',
      value: count((p) => ['submitted', 'cosigning', 'converting'].includes(p.status)),
    },
    { name: PROPOSAL_STATUS_LABELS.rejected, value: count((p) => p.status === 'rejected') },
    { name: PROPOSAL_STATUS_LABELS.converted, value: count((p) => p.status === 'converted') },
    { name: PROPOSAL_STATUS_LABELS.merged, value: count((p) => p.status === 'merged') },
    ...(['unassigned', 'assigned', 'replied', 'rehandling', 'closed'] as const).map((s) => ({
      name: HANDLING_STAGE_LABELS[s],
      value: stage(s),
    })),
  ];
}

/** The month (1–12, Beijing time) of an instant within `year`, else null. */
function monthIn(year: number, at: string | null | undefined): number | null {
  if (!at) return null;
  const [y, m] = businessDate(at).split('-').map(Number);
  return y === year ? m! : null;
}

/**
 * The charts of the year's statistics: by stage, by reply class, per unit (the ten with most
 * proposals) and by month (received and answered). The page and 提案汇编 show them.
 */
export async function statsCharts(docs: ProposalDoc[], year: number, now: Date): Promise<Chart[]> {
  const s = computeStats(docs, year, now);
  const units = s.byUnit.slice(0, 10);
  const received = MONTH_LABELS.map(() => 0);
  const answered = MONTH_LABELS.map(() => 0);
  for (const p of docs) {
    const m = monthIn(year, p.submittedAt);
    if (m) received[m - 1]! += 1;
    for (const u of p.handling?.units ?? [])
      for (const r of u.replies) {
        const rm = monthIn(year, r.at);
        if (rm) answered[rm - 1]! += 1;
      }
  }
  const stages = stageCounts(docs);
  return Promise.all([
    barChart({
      id: 'byStage',
      title: `${year} 年提案办理进度（件）`,
      horizontal: true,
      categories: stages.map((x) => x.name),
      series: [{ name: '件数', data: stages.map((x) => x.value) }],
    }),
    pieChart({
      id: 'byReplyClass',
      title: `${year} 年答复类别（件次）`,
      items: REPLY_CLASSES.map((c) => ({
        name: `${c} 类 ${REPLY_CLASS_LABELS[c]}`,
        value: s.replyClasses[c],
      })),
    }),
    barChart({
      id: 'byUnit',
      title: units.length < s.byUnit.length ? '承办单位（交办最多的 10 家）' : '承办单位办理情况',
      horizontal: true,
      categories: units.map((u) => u.name),
      series: [
        { name: '交办', data: units.map((u) => u.assigned) },
        { name: '已答复', data: units.map((u) => u.replied) },
        { name: '超期', data: units.map((u) => u.overdue) },
      ],
    }),
    lineChart({
      id: 'byMonth',
      title: `${year} 年各月提交与答复（件）`,
      categories: MONTH_LABELS,
      series: [
        { name: '提交', data: received },
        { name: '答复', data: answered },
      ],
    }),
  ]);
}

export const exportStats = handle(proposals.exportStats, STAFF, async (ctx, { year }) => {
  const docs = await ctx.store.find<ProposalDoc>('proposals', {
    where: { year, status: { $ne: 'draft' } },
    orderBy: [['number', 'asc']],
  });
  const s = computeStats(docs, year, ctx.clock.now());
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const content = await writeWorkbookXlsx([
    {
      name: '总体情况',
      columns: [
        { key: 'item', header: '项目', width: 32 },
        { key: 'value', header: '数值', width: 12 },
      ],
      rows: [
        { item: '收到提案', value: s.counts.received },
        { item: '立案', value: s.counts.accepted },
        { item: '并案', value: s.counts.merged },
        { item: '转社情民意', value: s.counts.converted },
        { item: '不予立案', value: s.counts.rejected },
        { item: '待审查', value: s.counts.pending },
        { item: '办复率', value: pct(s.replyRate) },
        { item: '满意率', value: pct(s.satisfactionRate) },
        ...REPLY_CLASSES.map((c) => ({ item: replyClassText(c), value: s.replyClasses[c] })),
        { item: '超期未办复', value: s.overdue },
      ],
    },
    {
      name: '承办单位',
      columns: [
        { key: 'name', header: '承办单位', width: 24 },
        { key: 'assigned', header: '交办件数' },
        { key: 'replied', header: '已答复' },
        { key: 'overdue', header: '超期' },
        { key: 'evaluated', header: '已评价' },
        { key: 'satisfied', header: '满意及基本满意' },
      ],
      rows: s.byUnit,
    },
    {
      name: '界别',
      columns: [
        { key: 'sector', header: '界别', width: 20 },
        { key: 'received', header: '提交' },
        { key: 'accepted', header: '立案' },
      ],
      rows: s.bySector,
    },
    {
      name: '提案清单',
      columns: LIST_COLUMNS,
      rows: docs.map(listRow),
    },
  ]);
  return {
    fileName: `提案统计-${year}年.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: content.toString('base64'),
  };
});

const LIST_COLUMNS = [
  { key: 'number', header: '案号' },
  { key: 'title', header: '标题', width: 40 },
  { key: 'category', header: '类别', width: 14 },
  { key: 'kind', header: '提案形式', width: 14 },
  { key: 'lead', header: '提案人' },
  { key: 'coSigners', header: '联名人', width: 24 },
  { key: 'submittedAt', header: '提交日期', width: 12 },
  { key: 'status', header: '状态', width: 14 },
  { key: 'stage', header: '办理', width: 14 },
  { key: 'leadUnits', header: '主办单位', width: 24 },
  { key: 'coUnits', header: '会办单位', width: 24 },
  { key: 'replyClass', header: '答复类别', width: 28 },
  { key: 'rating', header: '满意度', width: 12 },
];

/** `A 类（已解决或采纳）` */
function replyClassText(c: ReplyClass): string {
  return `${c} 类（${REPLY_CLASS_LABELS[c]}）`;
}

/** One line of 提案清单: every status, stage, role, class and rating in words. */
function listRow(p: ProposalDoc): Record<string, SheetValue> {
  const kind = kindOf(p);
  const units = p.handling?.units ?? [];
  const unitNames = (keep: (role: string) => boolean) =>
    units
      .filter((u) => keep(u.role))
      .map((u) => (u.role === 'separate' ? `${u.name}（${UNIT_ROLE_LABELS.separate}）` : u.name))
      .join('、');
  return {
    number: p.number,
    title: p.title,
    category: p.category,
    kind:
      kind === 'collective' && p.collective
        ? `${PROPOSAL_KIND_LABELS.collective}（${p.collective.name}）`
        : PROPOSAL_KIND_LABELS[kind],
    lead: p.leadName,
    coSigners: confirmedCoSigners(p)
      .map((c) => c.name)
      .join('、'),
    submittedAt: p.submittedAt ? businessDate(p.submittedAt) : '',
    status: PROPOSAL_STATUS_LABELS[p.status],
    stage: p.handling ? HANDLING_STAGE_LABELS[p.handling.stage] : '',
    leadUnits: unitNames((r) => r !== 'co'),
    coUnits: unitNames((r) => r === 'co'),
    replyClass: replyClassesOf(p),
    rating: leadRatingOf(p),
  };
}

/**
 * The answer's class: under joint handling the lead unit's latest reply (会办 units answer
 * through it); under separate handling each unit's, named.
 */
function replyClassesOf(p: ProposalDoc): string {
  const units = p.handling?.units ?? [];
  const latest = (u: (typeof units)[number]) => u.replies[u.replies.length - 1];
  if (p.handling?.mode === 'separate') {
    return units
      .flatMap((u) => {
        const r = latest(u);
        return r ? [`${u.name}：${replyClassText(r.replyClass)}`] : [];
      })
      .join('；');
  }
  const lead = units.find((u) => u.role === 'lead');
  const reply = lead && latest(lead);
  return reply ? replyClassText(reply.replyClass) : '';
}

/** The proposer's latest evaluation of the answer (the one the unit statistics count). */
function leadRatingOf(p: ProposalDoc): string {
  const rating = [...(p.handling?.evaluations ?? [])]
    .sort((a, b) => a.round - b.round)
    .reverse()
    .find((e) => e.memberId === p.leadId)?.rating;
  return rating ? RATING_LABELS[rating] : '';
}

export function computeStats(docs: ProposalDoc[], year: number, now: Date): ProposalStats {
  const by = (status: ProposalDoc['status']) => docs.filter((p) => p.status === status).length;
  const accepted = docs.filter((p) => p.status === 'accepted');
  const replied = accepted.filter(
    (p) => p.handling && ['replied', 'rehandling', 'closed'].includes(p.handling.stage),
  );
  const replyClasses = Object.fromEntries(REPLY_CLASSES.map((c) => [c, 0])) as Record<
    ReplyClass,
    number
  >;
  for (const p of accepted)
    for (const u of p.handling?.units ?? []) {
      const last = u.replies[u.replies.length - 1];
      if (last) replyClasses[last.replyClass] += 1;
    }
  const latestRatings = accepted.flatMap((p) => {
    const latest = new Map<string, string>();
    for (const e of [...(p.handling?.evaluations ?? [])].sort((a, b) => a.round - b.round))
      latest.set(e.memberId, e.rating);
    return [...latest.values()];
  });
  const units = new Map<string, ProposalStats['byUnit'][number]>();
  for (const p of accepted) {
    for (const u of p.handling?.units ?? []) {
      const row = units.get(u.unitId) ?? {
        unitId: u.unitId,
        name: u.name,
        assigned: 0,
        replied: 0,
        overdue: 0,
        satisfied: 0,
        evaluated: 0,
      };
      row.assigned += 1;
      if (u.replies.length) row.replied += 1;
      if (isOverdue(p, now) && !u.replies.some((r) => r.round === p.handling!.round))
        row.overdue += 1;
      const leadRating = [...(p.handling?.evaluations ?? [])]
        .reverse()
        .find((e) => e.memberId === p.leadId);
      if (leadRating) {
        row.evaluated += 1;
        if (leadRating.rating !== 'unsatisfied') row.satisfied += 1;
      }
      units.set(u.unitId, row);
    }
  }
  const sectors = new Map<string, { sector: string; received: number; accepted: number }>();
  for (const p of docs) {
    const key = p.collective?.name ?? p.leadSector ?? '未填界别';
    const row = sectors.get(key) ?? { sector: key, received: 0, accepted: 0 };
    row.received += 1;
    if (p.status === 'accepted' || p.status === 'merged') row.accepted += 1;
    sectors.set(key, row);
  }
  return {
    year,
    counts: {
      received: docs.length,
      accepted: accepted.length,
      rejected: by('rejected'),
      converted: by('converted'),
      merged: by('merged'),
      pending: by('submitted') + by('cosigning') + by('converting'),
    },
    replyRate: accepted.length ? replied.length / accepted.length : null,
    satisfactionRate: latestRatings.length
      ? latestRatings.filter((r) => r !== 'unsatisfied').length / latestRatings.length
      : null,
    ratings: latestRatings.length,
    replyClasses,
    overdue: accepted.filter((p) => isOverdue(p, now)).length,
    byUnit: [...units.values()].sort((a, b) => b.assigned - a.assigned),
    bySector: [...sectors.values()].sort((a, b) => b.received - a.received),
  };
}
