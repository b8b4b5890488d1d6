/**
 * Text that grows with WeChat's font size (older members use 关怀模式, body text near 24 px).
 * Pages put `<page-meta root-font-size="{{rootFontSize}}px" />` first and size their text in
 * `rem`, so one root size scales the whole page. 1 rem = 16 px at the standard setting.
 */
export const BASE_ROOT_FONT_SIZE = 16;
const MIN_SCALE = 1;
const MAX_SCALE = 2;

export function readFontScale(): number {
  let scale = 1;
  try {
    const info: Partial<WechatMiniprogram.AppBaseInfo> =
      typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
    if (typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0) {
      scale = info.fontSizeScaleFactor;
    } else if (typeof info.fontSizeSetting === 'number' && info.fontSizeSetting > 0) {
      scale = info.fontSizeSetting / BASE_ROOT_FONT_SIZE;
    }
  } catch {
    // An old base library without either API: standard size.
  }
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function rootFontSize(): number {
  return Math.round(BASE_ROOT_FONT_SIZE * readFontScale());
}

export const fontScale = Behavior({
  // Read once when the first page loads so that page renders at the right size at once;
  // `attached` catches a change made while the app stayed in memory.
  data: { rootFontSize: rootFontSize() },
  lifetimes: {
    attached() {
      const size = rootFontSize();
      if (size !== this.data.rootFontSize) this.setData({ rootFontSize: size });
    },
  },
});
