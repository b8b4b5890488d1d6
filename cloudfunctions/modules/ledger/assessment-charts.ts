import { ledger, type AssessmentRow } from '../../../typings/contracts/ledger';
import { handle, STAFF } from '../../kernel/action';
import { barChart, chartImage, type Chart } from '../../kernel/charts';
import { assessmentRows } from './assessment';
import { activePolicy, type ActivePolicy } from './policy-store';

/** The year's assessment as charts: by grade (or score band until closed) and by sector. */
export const getAssessmentCharts = handle(
  ledger.getAssessmentCharts,
  STAFF,
  async (ctx, { year }) => {
    const policy = await activePolicy(ctx.store, year);
    const rows = await assessmentRows(ctx.store, year, policy);
    return { charts: (await assessmentCharts(rows, year, policy)).map(chartImage) };
  },
);

/** Score bands of ten points, the lowest below the pass line: `60–69 分`. */
function scoreBands(
  rows: AssessmentRow[],
  passLine: number,
): Array<{ name: string; value: number }> {
  const top = Math.max(passLine, ...rows.map((r) => r.total));
  const bands = [{ name: `${passLine} 分以下`, from: -Infinity, to: passLine }];
  for (let from = passLine; from <= top; from += 10)
    bands.push({ name: `${from}–${from + 9} 分`, from, to: from + 10 });
  return bands.map((b) => ({
    name: b.name,
    value: rows.filter((r) => r.total >= b.from && r.total < b.to).length,
  }));
}

/**
 * The charts of the year's assessment: how many members in each grade (a closed year) or
 * score band (the year so far), and per sector how many reached the pass line. The page and
 * the assessment's Word documents show them.
 */
export async function assessmentCharts(
  rows: AssessmentRow[],
  year: number,
  policy: ActivePolicy,
): Promise<Chart[]> {
  const closed = rows.some((r) => r.grade !== null);
  const distribution = closed
    ? policy.body.grades.map((g) => ({
        name: g.label,
        value: rows.filter((r) => r.grade === g.label).length,
      }))
    : scoreBands(rows, policy.body.passLine);
  const sectors = new Map<string, { passed: number; below: number }>();
  for (const r of rows) {
    const key = r.sector ?? '未填界别';
    const s = sectors.get(key) ?? { passed: 0, below: 0 };
    if (r.passed) s.passed += 1;
    else s.below += 1;
    sectors.set(key, s);
  }
  const bySector = [...sectors.entries()].sort(
    (a, b) => b[1].passed + b[1].below - (a[1].passed + a[1].below),
  );
  return Promise.all([
    barChart({
      id: 'byGrade',
      title: closed ? `${year} 年度考核等次（人）` : `${year} 年度总分分布（截至目前，人）`,
      categories: distribution.map((d) => d.name),
      series: [{ name: '人数', data: distribution.map((d) => d.value) }],
    }),
    barChart({
      id: 'bySector',
      title: `${year} 年度各界别考核情况（人）`,
      horizontal: true,
      stack: true,
      categories: bySector.map(([name]) => name),
      series: [
        { name: closed ? '达标' : '已达合格线', data: bySector.map(([, s]) => s.passed) },
        { name: closed ? '未达标' : '暂未达到', data: bySector.map(([, s]) => s.below) },
      ],
    }),
  ]);
}
