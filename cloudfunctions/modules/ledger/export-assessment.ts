import {
  ENTRY_KIND_LABELS,
  ledger,
  type AssessmentRow,
  type PointCategory,
} from '../../../typings/contracts/ledger';
import { handle, STAFF } from '../../kernel/action';
import { businessDate, businessDateTime } from '../../kernel/clock';
import type { MemberDoc } from '../../kernel/identity';
import { sortPeople } from '../../kernel/people-order';
import { writeWorkbookXlsx, type SheetColumn, type SheetSpec } from '../../kernel/xlsx';
import type { DocumentStore } from '../../store/port';
import { toCsv } from '../members/csv';
import { peopleOrder } from '../settings/store';
import { assessmentRows } from './assessment';
import { DEFAULT_POLICY } from '../../../typings/contracts/default-policy';
import type { EntryDoc } from './facts';
import { activePolicy, publishedId, type PolicyDoc } from './policy-store';
import { toPoints } from './points';
import { yearStatus } from './records';

/** What the 等次 column says before the year is closed: the totals are only 截至目前. */
export const NOT_GRADED = '未评定';

/**
 * The year's assessment for the office: xlsx with one sheet per view (总表, 未达标, 积分明细),
 * Chinese headers and labels only; or the 总表 alone as CSV (UTF-8 with BOM, opens in Excel).
 * Before the year is closed the file is named 截至 today and the 等次 column is 未评定.
 */
export const exportAssessment = handle(
  ledger.exportAssessment,
  STAFF,
  async (ctx, { year, format }) => {
    const [policy, status] = await Promise.all([
      activePolicy(ctx.store, year),
      yearStatus(ctx.store, year),
    ]);
    const rows = await assessmentRows(ctx.store, year, policy, { closed: status.closed });
    const totals = totalsSheet(rows, policy.body.categories);
    const base = status.closed
      ? `履职积分-${year}年`
      : `履职积分-${year}年-截至${businessDate(ctx.clock.now())}`;
    if (format === 'csv') {
      const csv = toCsv([
        totals.columns.map((c) => c.header),
        ...totals.rows.map((r) => totals.columns.map((c) => r[c.key] ?? null)),
      ]);
      return {
        fileName: `${base}.csv`,
        mimeType: 'text/csv',
        contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
      };
    }
    const entries = await ctx.store.find<EntryDoc>('point_entries', {
      where: { year },
      orderBy: [
        ['memberId', 'asc'],
        ['at', 'asc'],
        ['seq', 'asc'],
      ],
    });
    const names = await memberNames(
      ctx.store,
      new Map(rows.map((r) => [r.memberId, r.name])),
      entries,
    );
    // The detail by member, names in the committee's order (each member's entries by time).
    const people = await sortPeople([...names], await peopleOrder(ctx.store), {
      name: ([, name]) => name,
      id: ([id]) => id,
    });
    const place = new Map(people.map(([id], i) => [id, i]));
    entries.sort((a, b) => (place.get(a.memberId) ?? 0) - (place.get(b.memberId) ?? 0));
    const labels = await categoryLabels(ctx.store, year, policy.body.categories, entries);
    const sheets: SheetSpec[] = [
      totals,
      {
        ...totals,
        name: `未达标（低于${policy.body.passLine}分）`,
        rows: totals.rows.filter((r) => r.passed === '否'),
      },
      {
        name: '积分明细',
        columns: [
          { key: 'name', header: '姓名' },
          { key: 'at', header: '记录时间', width: 18 },
          { key: 'kind', header: '类型', width: 8 },
          { key: 'category', header: '类别', width: 14 },
          { key: 'points', header: '分值', width: 8 },
          { key: 'reason', header: '事由', width: 60 },
          { key: 'actor', header: '操作人' },
          { key: 'version', header: '规则版本', width: 10 },
        ],
        rows: entries.map((e) => ({
          name: names.get(e.memberId) ?? '（不在名册）',
          at: businessDateTime(e.at),
          kind: ENTRY_KIND_LABELS[e.kind],
          category: labels.get(e.category) ?? '（已取消的类别）',
          points: toPoints(e.points),
          reason: e.reason,
          actor: e.actorName ?? '系统',
          version: e.policyVersion > 0 ? `第 ${e.policyVersion} 版` : '默认办法',
        })),
      },
    ];
    const content = await writeWorkbookXlsx(sheets);
    return {
      fileName: `${base}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: content.toString('base64'),
    };
  },
);

function totalsSheet(
  rows: AssessmentRow[],
  categories: Array<{ id: string; label: string }>,
): SheetSpec {
  const columns: SheetColumn[] = [
    { key: 'rank', header: '名次', width: 8 },
    { key: 'name', header: '姓名' },
    { key: 'sector', header: '界别', width: 16 },
    { key: 'specialCommittee', header: '专委会', width: 16 },
    ...categories.map((c) => ({ key: `c_${c.id}`, header: c.label })),
    { key: 'total', header: '总分', width: 8 },
    { key: 'grade', header: '等次', width: 8 },
    { key: 'passed', header: '达标', width: 8 },
  ];
  return {
    name: '总表',
    columns,
    // Already in rank order (ties by name), so the 名次 column reads down.
    rows: rows.map((r) => ({
      rank: r.rank,
      name: r.name,
      sector: r.sector,
      specialCommittee: r.specialCommittee,
      ...Object.fromEntries(categories.map((c) => [`c_${c.id}`, r.byCategory[c.id] ?? 0])),
      total: r.total,
      grade: r.grade ?? NOT_GRADED,
      passed: r.passed ? '是' : '否',
    })),
  };
}

/** Names of everyone with entries, also members no longer assessed (left the roster). */
async function memberNames(
  store: DocumentStore,
  known: Map<string, string>,
  entries: EntryDoc[],
): Promise<Map<string, string>> {
  const missing = [...new Set(entries.map((e) => e.memberId))].filter((id) => !known.has(id));
  if (missing.length === 0) return known;
  const members = await store.find<MemberDoc>('members', { where: { _id: { $in: missing } } });
  return new Map([...known, ...members.map((m) => [m._id, m.name] as const)]);
}

/**
 * Category labels for the entries: the policy in force, then the versions the entries were
 * posted under (a category a later version dropped keeps the label it had), never an id.
 */
async function categoryLabels(
  store: DocumentStore,
  year: number,
  current: readonly PointCategory[],
  entries: EntryDoc[],
): Promise<Map<string, string>> {
  const labels = new Map(current.map((c) => [c.id, c.label]));
  const versions = [
    ...new Set(entries.filter((e) => !labels.has(e.category)).map((e) => e.policyVersion)),
  ];
  for (const v of versions.sort((a, b) => b - a)) {
    const body =
      v === 0
        ? DEFAULT_POLICY
        : (await store.get<PolicyDoc>('point_policies', publishedId(year, v)))?.body;
    for (const c of body?.categories ?? []) if (!labels.has(c.id)) labels.set(c.id, c.label);
  }
  return labels;
}
