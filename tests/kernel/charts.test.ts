import {
  barChart,
  chartImage,
  CHART_COLORS,
  lineChart,
  MONTH_LABELS,
  pieChart,
} from '../../cloudfunctions/kernel/charts';

/** The texts an SVG draws, in order. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

/** Bars ECharts draws: filled paths in a series colour. */
const bars = (svg: string, color: string) =>
  [...svg.matchAll(/<path [^>]*fill="([^"]+)"/g)].filter((m) => m[1] === color).length;

describe('charts (kernel/charts.ts, ECharts on the server)', () => {
  it('draws bars with their category names, values and the title, in the committee’s look', async () => {
    const chart = await barChart({
      id: 'byStage',
      title: '办理进度（件）',
      categories: ['待交办', '办理中', '已办结'],
      series: [{ name: '件数', data: [3, 5, 0] }],
    });
    expect(chart).toMatchObject({
      id: 'byStage',
      title: '办理进度（件）',
      width: 420,
      height: 280,
    });
    expect(chart.svg).toMatch(/^<svg[^>]*width="420" height="280"/);
    const t = texts(chart.svg);
    expect(t).toEqual(
      expect.arrayContaining(['办理进度（件）', '待交办', '办理中', '已办结', '3', '5']),
    );
    // One bar per non-zero value, in the brand red; a zero draws no label.
    expect(bars(chart.svg, CHART_COLORS[0]!)).toBeGreaterThanOrEqual(2);
    expect(t.filter((x) => x === '0').length).toBeLessThanOrEqual(1); // the axis's 0 only
    // A CJK font family, the viewer's own.
    expect(chart.svg).toContain('Noto Sans CJK SC');
    expect(chart.svg).toContain('Microsoft YaHei');
  });

  it('lays long names down the side and names several series in a legend', async () => {
    const chart = await barChart({
      id: 'byUnit',
      title: '承办单位',
      horizontal: true,
      categories: ['区交通运输局', '区教育局'],
      series: [
        { name: '交办', data: [4, 2] },
        { name: '已答复', data: [3, 1] },
      ],
    });
    const t = texts(chart.svg);
    expect(t).toEqual(
      expect.arrayContaining(['区交通运输局', '区教育局', '交办', '已答复', '4', '3']),
    );
    expect(bars(chart.svg, CHART_COLORS[1]!)).toBeGreaterThanOrEqual(2);
  });

  it('draws shares as a ring with counts and percentages, and says when there is nothing', async () => {
    const chart = await pieChart({
      id: 'byReplyClass',
      title: '答复类别',
      items: [
        { name: 'A 类', value: 3 },
        { name: 'B 类', value: 1 },
        { name: 'C 类', value: 0 },
      ],
    });
    const t = texts(chart.svg).join('|');
    expect(t).toContain('A 类');
    expect(t).toContain('3（75%）');
    expect(t).toContain('1（25%）');
    expect(t).not.toContain('C 类');
    const none = await pieChart({
      id: 'x',
      title: '答复类别',
      items: [{ name: 'A 类', value: 0 }],
    });
    expect(texts(none.svg)).toContain('暂无数据');
  });

  it('draws a year month by month, and answers a data URI for <image>', async () => {
    const data = MONTH_LABELS.map((_, i) => (i === 2 ? 7 : 0));
    const chart = await lineChart({
      id: 'byMonth',
      title: '各月提交',
      categories: MONTH_LABELS,
      series: [{ name: '提交', data }],
    });
    expect(texts(chart.svg)).toEqual(expect.arrayContaining(['1月', '12月', '7']));
    const image = chartImage(chart);
    expect(image).toMatchObject({ id: 'byMonth', title: '各月提交', width: 420, height: 260 });
    expect(image.src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(image.src.split(',')[1]!, 'base64').toString('utf8')).toBe(chart.svg);
  });
});
