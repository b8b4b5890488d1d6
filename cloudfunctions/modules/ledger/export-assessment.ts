import { ledger, type AssessmentRow } from '../../../typings/contracts/ledger';
import { handle, STAFF } from '../../kernel/action';
import { businessDateTime } from '../../kernel/clock';
import { writeWorkbookXlsx, type SheetColumn, type SheetSpec } from '../../kernel/xlsx';
import { toCsv } from '../members/csv';
import { assessmentRows } from './assessment';
import type { EntryDoc } from './facts';
import { activePolicy } from './policy-store';
import { toPoints } from './points';

const KIND_LABELS: Record<EntryDoc['kind'], string> = {
  event: '记分',
  reversal: '撤销',
  adjustment: '调整',
};

/**
 * The year's assessment for the office: xlsx with one sheet per view (总表, 未达标, 积分明细),
 * Chinese headers; or the 总表 alone as CSV (UTF-8 with BOM, opens in Excel).
 */
export const exportAssessment = handle(
  ledger.exportAssessment,
  STAFF,
  async (ctx, { year, format }) => {
    const policy = await activePolicy(ctx.store, year);
    const rows = await assessmentRows(ctx.store, year, policy);
    const totals = totalsSheet(rows, policy.body.categories);
    const base = `履职积分-${year}年`;
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
    const names = new Map(rows.map((r) => [r.memberId, r.name]));
    const labels = new Map(policy.body.categories.map((c) => [c.id, c.label]));
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
          name: names.get(e.memberId) ?? e.memberId,
          at: businessDateTime(e.at),
          kind: KIND_LABELS[e.kind],
          category: labels.get(e.category) ?? e.category,
          points: toPoints(e.points),
          reason: e.reason,
          actor: e.actorName ?? '系统',
          version: e.policyVersion,
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
    rows: [...rows]
      .sort((a, b) => a.rank - b.rank)
      .map((r) => ({
        rank: r.rank,
        name: r.name,
        sector: r.sector,
        specialCommittee: r.specialCommittee,
        ...Object.fromEntries(categories.map((c) => [`c_${c.id}`, r.byCategory[c.id] ?? 0])),
        total: r.total,
        grade: r.grade,
        passed: r.passed ? '是' : '否',
      })),
  };
}
