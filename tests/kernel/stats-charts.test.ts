import { seedDemoActivity } from '../../scripts/local/demo-activity';
import type { ChartImage } from '../../typings/contracts';
import { makeHarness, type Harness } from '../support/harness';

/** The SVG behind a chart's data URI. */
const svgOf = (chart: ChartImage) =>
  Buffer.from(chart.src.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('the statistics pages’ charts (drawn on the server)', () => {
  let h: Harness;
  let periodId: string;
  beforeAll(async () => {
    h = await makeHarness();
    const activity = await seedDemoActivity(h.services, h.clock.now());
    periodId = activity.readingPeriodId;
  });
  afterAll(() => h.close());

  it('proposals.getStatsCharts: by stage, by reply class, per unit, by month; staff only', async () => {
    const { charts } = await h.ok<{ charts: ChartImage[] }>(
      'demo-staff',
      'proposals.getStatsCharts',
      {
        year: 2026,
      },
    );
    expect(charts.map((c) => c.id)).toEqual(['byStage', 'byReplyClass', 'byUnit', 'byMonth']);
    for (const c of charts) {
      expect(c.src).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(svgOf(c)).toMatch(/^<svg /);
      expect(texts(svgOf(c))).toContain(c.title);
    }
    expect(texts(svgOf(charts[0]!))).toEqual(
      expect.arrayContaining(['待审查', '办理中', '已办结']),
    );
    expect(texts(svgOf(charts[3]!))).toEqual(
      expect.arrayContaining(['1月', '12月', '提交', '答复']),
    );
    const stats = await h.ok<{ byUnit: Array<{ name: string }> }>(
      'demo-staff',
      'proposals.getStats',
      {
        year: 2026,
      },
    );
    expect(stats.byUnit.length).toBeGreaterThan(0);
    // Long unit names wrap onto a second line (never cut off).
    const unitText = texts(svgOf(charts[2]!)).join('');
    for (const u of stats.byUnit.slice(0, 10)) expect(unitText).toContain(u.name);
    expect((await h.err('demo-member-01', 'proposals.getStatsCharts', { year: 2026 })).code).toBe(
      'AUTH.FORBIDDEN',
    );
  });

  it('ledger.getAssessmentCharts: score bands until the year is closed, and by sector', async () => {
    const { charts } = await h.ok<{ charts: ChartImage[] }>(
      'demo-staff',
      'ledger.getAssessmentCharts',
      {
        year: 2026,
      },
    );
    expect(charts.map((c) => c.id)).toEqual(['byGrade', 'bySector']);
    expect(charts[0]!.title).toContain('总分分布');
    expect(texts(svgOf(charts[0]!))).toContain('60 分以下');
    expect(texts(svgOf(charts[1]!))).toEqual(expect.arrayContaining(['已达合格线', '暂未达到']));
    expect((await h.err('demo-member-01', 'ledger.getAssessmentCharts', { year: 2026 })).code).toBe(
      'AUTH.FORBIDDEN',
    );
  });

  it('reading.participationCharts: per group, per sector, by kind of post', async () => {
    const { charts } = await h.ok<{ charts: ChartImage[] }>(
      'demo-staff',
      'reading.participationCharts',
      {
        periodId,
      },
    );
    expect(charts.map((c) => c.id)).toEqual(['byGroup', 'bySector', 'byKind']);
    expect(texts(svgOf(charts[0]!))).toEqual(expect.arrayContaining(['群成员', '已发表']));
    expect(texts(svgOf(charts[2]!)).join('|')).toContain('读书心得');
  });
});
