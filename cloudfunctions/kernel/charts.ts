/**
 * Charts of the office's statistics (提案 by stage, reply class, unit and month; 考核 by grade
 * and sector; 书香政协 participation), drawn with Apache ECharts on the server as SVG: the
 * mini-program shows one in an `<image>` (a data URI), a Word document embeds it
 * (kernel/docx.ts `chart`). One look for all: the committee's red first, Chinese labels, a CJK
 * font family (the viewer's own: PingFang on Apple, 微软雅黑 on Windows, Noto elsewhere), no
 * animation. `echarts` is loaded only when a chart is drawn (about 1 MB; shipped beside the
 * bundles that draw, see scripts/build.ts `SHIPPED`), so other actions do not pay for it.
 */
import type * as ECharts from 'echarts';
import type { ChartImage } from '../../typings/contracts/common';

export type { ChartImage };

type EChartsModule = typeof ECharts;

let echartsModule: Promise<EChartsModule> | undefined;

function loadECharts(): Promise<EChartsModule> {
  // Bundlers and jest hand back the CommonJS exports directly; native ESM puts them on `default`.
  echartsModule ??= import('echarts').then((m) => {
    const echarts = ((m as { default?: EChartsModule }).default ?? m) as EChartsModule;
    // Text is measured by ECharts' own table of glyph widths, never a canvas: the same layout
    // wherever it runs (a DOM without canvas, as under jsdom, would otherwise be tried).
    type Platform = Parameters<EChartsModule['setPlatformAPI']>[0];
    echarts.setPlatformAPI({ createCanvas: (() => null) as unknown as Platform['createCanvas'] });
    return echarts;
  });
  return echartsModule;
}

/** A drawn chart: its SVG and the size it was drawn at (CSS px). */
export interface Chart {
  /** Stable within its answer (`byStage`); a page keys its pictures by it. */
  id: string;
  /** What it shows, in words (the caption, and the image's label for screen readers). */
  title: string;
  width: number;
  height: number;
  svg: string;
}

export const CHART_FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
/** Brand red first (app.wxss `--td-brand-color`), then colours that stay apart in print. */
export const CHART_COLORS = [
  '#b3261e',
  '#3a6ea5',
  '#d9822b',
  '#5b8c5a',
  '#8e6bb8',
  '#c9a227',
  '#6b7785',
  '#2a9d8f',
];
/**
 * Drawn 420 px wide: on a phone (about 343 px of card) the 12 px labels stay at 10 px; in a PC
 * window two charts stand side by side; in Word a chart is set 15 cm wide.
 */
export const CHART_WIDTH = 420;
const TEXT = '#1f1f1f';
const MUTED = '#4d4d4d';
const GRID_LINE = '#e6e6e6';

export interface Series {
  name: string;
  data: number[];
}

interface Frame {
  id: string;
  title: string;
  width?: number;
  height?: number;
}

async function draw(
  frame: Frame,
  option: Record<string, unknown>,
  defaults: { width: number; height: number },
): Promise<Chart> {
  const echarts = await loadECharts();
  const width = frame.width ?? defaults.width;
  const height = frame.height ?? defaults.height;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: CHART_COLORS,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CHART_FONT, color: TEXT, fontSize: 13 },
      title: {
        text: frame.title,
        left: 'center',
        top: 8,
        textStyle: { fontFamily: CHART_FONT, fontSize: 15, fontWeight: 600, color: TEXT },
      },
      ...option,
    });
    return { id: frame.id, title: frame.title, width, height, svg: chart.renderToSVGString() };
  } finally {
    chart.dispose();
  }
}

const legend = (show: boolean) =>
  show
    ? {
        legend: {
          bottom: 6,
          itemWidth: 14,
          itemHeight: 10,
          textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: MUTED },
        },
      }
    : {};

const axisLabel = { fontFamily: CHART_FONT, fontSize: 12, color: MUTED };

/**
 * Bars per category, one colour per series, each bar labelled with its value. `horizontal`
 * lays the categories down the side (long names: units, sectors).
 */
export function barChart(
  frame: Frame & { categories: string[]; series: Series[]; horizontal?: boolean; stack?: boolean },
): Promise<Chart> {
  const many = frame.series.length > 1;
  const categoryAxis = {
    type: 'category',
    data: frame.categories,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#999999' } },
    axisLabel: {
      ...axisLabel,
      interval: 0,
      ...(frame.horizontal ? { width: 112, overflow: 'break' } : { hideOverlap: false }),
    },
  };
  const valueAxis = {
    type: 'value',
    minInterval: 1,
    splitLine: { lineStyle: { color: GRID_LINE } },
    axisLabel,
  };
  const rows = frame.categories.length;
  return draw(
    frame,
    {
      ...legend(many),
      grid: {
        left: 16,
        right: 32,
        top: 44,
        bottom: many ? 36 : 16,
        containLabel: true,
      },
      xAxis: frame.horizontal ? valueAxis : categoryAxis,
      yAxis: frame.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: frame.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.data,
        ...(frame.stack ? { stack: 'total' } : {}),
        barMaxWidth: 28,
        label: {
          show: true,
          position: frame.stack ? 'inside' : frame.horizontal ? 'right' : 'top',
          fontFamily: CHART_FONT,
          fontSize: 12,
          color: frame.stack ? '#ffffff' : TEXT,
          formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
        },
      })),
    },
    {
      width: CHART_WIDTH,
      height: frame.horizontal ? Math.max(200, 72 + rows * (many ? 36 : 26)) : 280,
    },
  );
}

/** Shares of a whole as a ring, each slice named with its count and share. */
export function pieChart(
  frame: Frame & { items: Array<{ name: string; value: number }> },
): Promise<Chart> {
  const total = frame.items.reduce((s, i) => s + i.value, 0);
  return draw(
    frame,
    {
      ...legend(false),
      graphic: total
        ? []
        : [
            {
              type: 'text',
              left: 'center',
              top: 'middle',
              style: { text: '暂无数据', fontFamily: CHART_FONT, fontSize: 14, fill: MUTED },
            },
          ],
      series: [
        {
          type: 'pie',
          radius: ['38%', '62%'],
          center: ['50%', '56%'],
          avoidLabelOverlap: true,
          data: frame.items.filter((i) => i.value > 0),
          label: {
            fontFamily: CHART_FONT,
            fontSize: 12,
            color: TEXT,
            formatter: (p: { name: string; value: number; percent: number }) =>
              `${p.name}\n${p.value}（${Math.round(p.percent)}%）`,
          },
          labelLine: { length: 10, length2: 8 },
        },
      ],
    },
    { width: CHART_WIDTH, height: 280 },
  );
}

/** Values over time (the months of a year), one line per series, points labelled. */
export function lineChart(
  frame: Frame & { categories: string[]; series: Series[] },
): Promise<Chart> {
  const many = frame.series.length > 1;
  return draw(
    frame,
    {
      ...legend(many),
      grid: { left: 16, right: 24, top: 44, bottom: many ? 36 : 16, containLabel: true },
      xAxis: {
        type: 'category',
        data: frame.categories,
        boundaryGap: false,
        axisTick: { show: false },
        axisLabel: { ...axisLabel, interval: 0 },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        splitLine: { lineStyle: { color: GRID_LINE } },
        axisLabel,
      },
      series: frame.series.map((s) => ({
        type: 'line',
        name: s.name,
        data: s.data,
        symbolSize: 6,
        label: {
          show: true,
          fontFamily: CHART_FONT,
          fontSize: 11,
          color: TEXT,
          formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
        },
      })),
    },
    { width: CHART_WIDTH, height: 260 },
  );
}

/** The chart as the mini-program shows it (`<image src>`). */
export function chartImage(chart: Chart): ChartImage {
  return {
    id: chart.id,
    title: chart.title,
    width: chart.width,
    height: chart.height,
    src: `data:image/svg+xml;base64,${Buffer.from(chart.svg, 'utf8').toString('base64')}`,
  };
}

/** The months of a year as charts label them: `1月` … `12月`. */
export const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
