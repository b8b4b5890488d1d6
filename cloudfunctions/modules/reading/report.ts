import {
  PARTICIPATION_BY_LABELS,
  reading,
  type ParticipationBy,
  type ParticipationReport,
  type ParticipationRow,
} from '../../../typings/contracts/reading';
import { handle, STAFF, type ActionContext } from '../../kernel/action';
import { barChart, chartImage, pieChart, type Chart } from '../../kernel/charts';
import type { MemberDoc } from '../../kernel/identity';
import { MEMBER_NAMES, sortPeople } from '../../kernel/people-order';
import { writeWorkbookXlsx, type SheetColumn } from '../../kernel/xlsx';
import { peopleOrder } from '../settings/store';
import { inAudience, mustPeriod, periodView } from './access';
import { C, type GroupDoc, type JoinDoc, type StatDoc, type StreakDoc } from './model';

/**
 * Participation in a period, from the per-member counters the write path keeps (a few
 * thousand small documents, however many posts there are): by group, sector or member, with
 * the members who never posted.
 */
export const participation = handle(reading.participation, STAFF, async (ctx, { periodId, by }) =>
  buildReport(ctx, periodId, by),
);

export const exportParticipation = handle(
  reading.exportParticipation,
  STAFF,
  async (ctx, { periodId }) => {
    const reports = await Promise.all(
      (['group', 'sector', 'member'] as const).map((by) => buildReport(ctx, periodId, by)),
    );
    const columns = (first: string): SheetColumn[] => [
      { key: 'label', header: first, width: 24 },
      { key: 'members', header: '人数' },
      { key: 'posted', header: '发表人数' },
      { key: 'notes', header: '读书心得' },
      { key: 'checkIns', header: '打卡' },
      { key: 'guides', header: '导读' },
      { key: 'characters', header: '字数' },
      { key: 'checkInDays', header: '打卡天数' },
    ];
    const [byGroup, bySector, byMember] = reports as [
      ParticipationReport,
      ParticipationReport,
      ParticipationReport,
    ];
    const content = await writeWorkbookXlsx([
      {
        name: PARTICIPATION_BY_LABELS.group,
        columns: columns('读书群'),
        rows: byGroup.rows.map((r) => ({ ...r })),
      },
      {
        name: PARTICIPATION_BY_LABELS.sector,
        columns: columns('界别'),
        rows: bySector.rows.map((r) => ({ ...r })),
      },
      {
        name: PARTICIPATION_BY_LABELS.member,
        columns: columns('委员'),
        rows: byMember.rows.map((r) => ({ ...r })),
      },
      {
        name: '未发表的委员',
        columns: [
          { key: 'name', header: '姓名', width: 16 },
          { key: 'sector', header: '界别', width: 20 },
        ],
        rows: byGroup.summary.neverPosted,
      },
    ]);
    return {
      fileName: `书香政协参与情况-${byGroup.period.title}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: content.toString('base64'),
    };
  },
);

async function buildReport(
  ctx: ActionContext,
  periodId: string,
  by: ParticipationBy,
): Promise<ParticipationReport> {
  const period = await mustPeriod(ctx.store, periodId);
  const [groups, stats, allMembers, order] = await Promise.all([
    ctx.store.find<GroupDoc>(C.groups, { where: { periodId } }),
    ctx.store.find<StatDoc>(C.stats, { where: { periodId } }),
    ctx.store.find<MemberDoc>('members', { where: { active: true } }),
    peopleOrder(ctx.store),
  ]);
  const members = allMembers.filter((m) => m.roles.includes('member'));
  const groupIds = groups.map((g) => g._id);
  const [joins, streaks] = groupIds.length
    ? await Promise.all([
        ctx.store.find<JoinDoc>(C.joins, { where: { groupId: { $in: groupIds } } }),
        ctx.store.find<StreakDoc>(C.streaks, { where: { groupId: { $in: groupIds } } }),
      ])
    : [[], []];
  const keyOf = (s: { groupId: string; memberId: string }, sector: string | null): string =>
    by === 'group' ? s.groupId : by === 'sector' ? (sector ?? '未填界别') : s.memberId;
  const byId = new Map(members.map((m) => [m._id, m]));
  const rows = new Map<string, ParticipationRow & { who: Set<string> }>();
  const row = (key: string, label: string) => {
    let r = rows.get(key);
    if (!r) {
      r = {
        key,
        label,
        members: 0,
        posted: 0,
        notes: 0,
        checkIns: 0,
        guides: 0,
        characters: 0,
        checkInDays: 0,
        who: new Set(),
      };
      rows.set(key, r);
    }
    return r;
  };
  const labelOf = (key: string): string =>
    by === 'group'
      ? (groups.find((g) => g._id === key)?.name ?? key)
      : by === 'sector'
        ? key
        : (byId.get(key)?.name ?? key);
  // Who could take part, per row.
  if (by === 'group')
    for (const g of groups) {
      const joined = new Set(joins.filter((j) => j.groupId === g._id).map((j) => j.memberId));
      row(g._id, g.name).members = members.filter(
        (m) => inAudience(g, m) || joined.has(m._id) || m._id === g.ownerId,
      ).length;
    }
  else
    for (const m of members)
      row(
        keyOf({ groupId: '', memberId: m._id }, m.sector),
        by === 'member' ? m.name : (m.sector ?? '未填界别'),
      ).members += 1;
  for (const s of stats) {
    if (s.posts <= 0) continue;
    const sector = byId.get(s.memberId)?.sector ?? s.sector;
    const key = keyOf(s, sector);
    const r = row(key, labelOf(key));
    r.notes += s.notes;
    r.checkIns += s.checkIns;
    r.guides += s.guides;
    r.characters += s.characters;
    r.who.add(s.memberId);
  }
  for (const s of streaks) {
    const key = keyOf(s, byId.get(s.memberId)?.sector ?? null);
    row(key, labelOf(key)).checkInDays += s.days;
  }
  const posters = new Set(stats.filter((s) => s.posts > 0).map((s) => s.memberId));
  const unsorted = [...rows.values()].map(({ who, ...r }) => ({ ...r, posted: who.size }));
  const busiest = (a: ParticipationRow, b: ParticipationRow) =>
    b.posted - a.posted || b.characters - a.characters;
  // Members by name in the committee's order; groups and sectors by their own names.
  const list =
    by === 'member'
      ? await sortPeople(
          unsorted,
          order,
          { name: (r) => r.label, id: (r) => r.key, keys: (r) => byId.get(r.key)?.nameKeys },
          busiest,
        )
      : unsorted.sort((a, b) => busiest(a, b) || a.label.localeCompare(b.label, 'zh'));
  const quiet = await sortPeople(
    members.filter((m) => !posters.has(m._id)),
    order,
    MEMBER_NAMES,
  );
  return {
    period: periodView(period, ctx.clock.now()),
    by,
    rows: list,
    summary: {
      members: members.length,
      posted: [...posters].filter((id) => byId.has(id)).length,
      posts: stats.reduce((n, s) => n + s.posts, 0),
      characters: stats.reduce((n, s) => n + s.characters, 0),
      checkInDays: streaks.reduce((n, s) => n + s.days, 0),
      neverPosted: quiet.map((m) => ({ memberId: m._id, name: m.name, sector: m.sector })),
    },
  };
}

/** A period's participation as charts: per group, per sector, and what members wrote. */
export const participationCharts = handle(
  reading.participationCharts,
  STAFF,
  async (ctx, { periodId }) => {
    const [byGroup, bySector] = await Promise.all(
      (['group', 'sector'] as const).map((by) => buildReport(ctx, periodId, by)),
    );
    return { charts: (await participationChartsOf(byGroup!, bySector!)).map(chartImage) };
  },
);

/**
 * The charts of a period's participation (the reading report page shows them): members and
 * those who posted per group; per sector who posted and who did not; 心得, 打卡 and 导读.
 */
export function participationChartsOf(
  byGroup: ParticipationReport,
  bySector: ParticipationReport,
): Promise<Chart[]> {
  const sum = (key: 'notes' | 'checkIns' | 'guides') =>
    byGroup.rows.reduce((s, r) => s + r[key], 0);
  return Promise.all([
    barChart({
      id: 'byGroup',
      title: `${byGroup.period.title}：各读书群参与情况（人）`,
      horizontal: true,
      categories: byGroup.rows.map((r) => r.label),
      series: [
        { name: '群成员', data: byGroup.rows.map((r) => r.members) },
        { name: '已发表', data: byGroup.rows.map((r) => r.posted) },
      ],
    }),
    barChart({
      id: 'bySector',
      title: '各界别委员发表情况（人）',
      horizontal: true,
      stack: true,
      categories: bySector.rows.map((r) => r.label),
      series: [
        { name: '已发表', data: bySector.rows.map((r) => r.posted) },
        { name: '未发表', data: bySector.rows.map((r) => Math.max(0, r.members - r.posted)) },
      ],
    }),
    pieChart({
      id: 'byKind',
      title: '发表内容（篇）',
      items: [
        { name: '读书心得', value: sum('notes') },
        { name: '打卡', value: sum('checkIns') },
        { name: '导读', value: sum('guides') },
      ],
    }),
  ]);
}
