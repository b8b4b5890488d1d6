import type { ChartImage } from '../../../typings/contracts';

/**
 * Charts the server drew (kernel/charts.ts: SVG data URIs), each in a card at the page's width
 * and the proportions it was drawn at; two to a row in a PC window. WeChat's `<image>` shows
 * SVG; the title is the picture's label for screen readers.
 */
Component({
  properties: {
    charts: { type: Array, value: [] as ChartImage[] },
  },
});
