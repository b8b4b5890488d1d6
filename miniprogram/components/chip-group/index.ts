/**
 * One choice among a few, as a row of large chips (queues, filters, segments): the chosen one
 * filled. Labels never break inside a word; a chip may carry a count (待处理 3).
 * Emits `change` with `{ value }` when another chip is tapped.
 */
export interface Chip {
  value: string;
  label: string;
  /** Shown after the label when set. */
  count?: number;
}

Component({
  properties: {
    /** The chips, in order. */
    options: { type: Array, value: [] as Chip[] },
    /** The chosen chip's value. */
    value: { type: String, value: '' },
    /** wrap: chips flow onto more rows (many options); default: one row of equal chips. */
    layout: { type: String, value: 'row' },
  },
  methods: {
    onTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { value?: string }>) {
      const { value } = e.currentTarget.dataset;
      if (value === undefined || value === this.data.value) return;
      this.triggerEvent('change', { value });
    },
  },
});
