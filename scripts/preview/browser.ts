/**
 * One headless Chromium (Debian's, driven by playwright-core) that lays out page snapshots as a
 * phone would, checks their layout and photographs them. One browser and one tab serve every
 * snapshot: launching is the slow part.
 *
 * Units: the tab is a 375 px wide viewport at device scale 2, so CSS px are the points of an
 * iPhone 6/7/8-sized phone (WeChat's px; 750 rpx = 375 px) and pictures are 750 px wide.
 * A snapshot may name another viewport (`data-preview-viewport="1280x800"` on its root, see
 * VIEWPORTS): a PC WeChat window or a tablet on its side. It is then laid out, checked and
 * photographed at that size, at the same device scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The phone: width in CSS px (= pt), a first-screen height, and the picture's scale. */
export const PHONE = { width: 375, height: 667, deviceScaleFactor: 2 } as const;

export interface Viewport {
  width: number;
  height: number;
}

/**
 * Screens a page can be pictured on: the phone, and a PC WeChat window or a tablet on its side
 * (`desk`, 1280 × 800; what a door screen runs on).
 */
export const VIEWPORTS = {
  phone: { width: PHONE.width, height: PHONE.height },
  desk: { width: 1280, height: 800 },
} as const satisfies Record<string, Viewport>;

export type ViewportName = keyof typeof VIEWPORTS;

/** The attribute a snapshot names its viewport by, `<width>x<height>`. */
export const VIEWPORT_ATTR = 'data-preview-viewport';

/** The viewport a snapshot asks for (the phone unless it names another). */
export function viewportOf(html: string): Viewport {
  const m = new RegExp(`${VIEWPORT_ATTR}="(\\d+)x(\\d+)"`).exec(html);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : VIEWPORTS.phone;
}

/** Smallest tap target, in CSS px at 375 px width (44 pt; 88 × 88 px in the 750 px picture). */
export const MIN_TAP_PX = 44;

/**
 * 关怀模式 (WeChat's care mode, text scale ≥ 1.3; the previews use 1.5) under the 2021 national
 * elderly-mode rule: main tap targets ≥ 60 × 60 px at 375 px width (120 × 120 in the pictures),
 * text contrast ≥ 4.5:1 (3:1 for text ≥ 18 px, or bold ≥ 14 px), and short segmented labels
 * (≤ 6 characters with Chinese in them) on one line. The page's scale is its root font size
 * over 16 px (behaviors/font-scale.ts).
 */
export const ELDERLY = {
  minScale: 1.3,
  baseFontSize: 16,
  minTap: 60,
  /** A tappable element at least this share of the screen wide is a row (a cell, a card). */
  rowShare: 0.5,
  contrast: 4.5,
  largeContrast: 3,
  largeTextPx: 18,
  boldTextPx: 14,
  maxLabel: 6,
} as const;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type LayoutProblemKind =
  | 'too-wide'
  | 'clipped'
  | 'small-tap'
  | 'elderly-tap'
  | 'low-contrast'
  | 'broken-label'
  | 'console';

export interface LayoutProblem {
  kind: LayoutProblemKind;
  /** The element, named by its component / class and text; empty for page-wide problems. */
  element: string;
  detail: string;
}

/**
 * Attributes the snapshot puts on elements (tests/miniprogram/preview/document.ts):
 * the scope of the check, what a finger can tap, and readable names for messages.
 */
export const ATTR = {
  scope: 'data-preview-page',
  tap: 'data-preview-tap',
  name: 'data-preview-name',
} as const;

// The check runs inside the page; these are the few DOM shapes it uses (the project's
// TypeScript has no DOM library).
interface El {
  tagName: string;
  className: string | { baseVal: string };
  textContent: string | null;
  parentElement: El | null;
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  getBoundingClientRect(): { left: number; right: number; top: number; width: number; height: number };
  getClientRects(): { length: number };
  querySelectorAll(selector: string): ArrayLike<El>;
}
interface Style {
  display: string;
  position: string;
  visibility: string;
  overflowX: string;
  overflowY: string;
  textOverflow: string;
  webkitLineClamp: string;
  color: string;
  backgroundColor: string;
  backgroundImage: string;
  opacity: string;
  fontSize: string;
  fontWeight: string;
}
interface TextRange {
  selectNodeContents(node: unknown): void;
  getClientRects(): ArrayLike<{ top: number; width: number; height: number }>;
}
interface Win {
  innerWidth: number;
  innerHeight: number;
  getComputedStyle(el: El): Style;
  document: {
    querySelector(selector: string): El | null;
    documentElement: El;
    createRange(): TextRange;
  };
}

interface CheckOptions {
  attr: typeof ATTR;
  minTap: number;
  elderly: typeof ELDERLY;
}

/**
 * Runs in the browser. Looks at every element of the page (inside `[data-preview-page]`):
 * - too wide: sticks out of the screen, 375 px or the snapshot's own viewport (only the
 *   outermost such element is named);
 * - clipped: `overflow` hidden/clip in a direction where the content is larger than the box,
 *   unless the element shows an ellipsis by design (`text-overflow: ellipsis`, or
 *   `-webkit-line-clamp` for several lines);
 * - small tap target: a tappable element (marked by the snapshot) under 44 × 44 px;
 * and in 关怀模式 (root font size ≥ 1.3 × 16 px), the elderly-mode rules (ELDERLY):
 * - elderly tap target: a main tap target under 60 × 60 px. Main: a native button (t-button
 *   renders one), or a tappable element at least half the screen wide (a cell, a row, a card,
 *   a full-width field); other tappable elements (icons, tags, links) keep the 44 px rule;
 * - low contrast: text whose colour against the background behind it (the nearest opaque
 *   background colour up the tree, with the translucent ones above it laid over it) is under
 *   4.5:1 (3:1 from 18 px, or bold from 14 px), WCAG relative luminance. Not checked: disabled
 *   controls (`disabled`, `aria-disabled`, a `…disabled` class up the tree), placeholders, and
 *   text over a background image or gradient;
 * - broken label: a short label (at most 6 characters, Chinese among them) inside a tappable
 *   element or a segmented control (TDesign tabs, tags, radios, checkboxes, buttons; classes
 *   named tab, segment, chip) whose text wraps onto a second line.
 */
function checkInPage(options: CheckOptions): LayoutProblem[] {
  const win = globalThis as unknown as Win;
  const { attr, minTap, elderly } = options;
  const screen = win.innerWidth;
  const problems: LayoutProblem[] = [];
  const root = win.document.querySelector(`[${attr.scope}]`);
  if (!root) return [{ kind: 'console', element: '', detail: 'snapshot has no page element' }];

  const classesOf = (el: El): string[] => {
    const raw = typeof el.className === 'string' ? el.className : el.className.baseVal;
    // simulate prefixes each class with its component's tag (`main--card`, `t-cell--t-cell`).
    return raw
      .split(/\s+/)
      .filter(Boolean)
      .map((c) => c.replace(/^[a-z][-a-z0-9]*?--/, ''));
  };
  const own = (el: El): string => {
    const tag = el.tagName.toLowerCase();
    const cls = classesOf(el).filter((c) => !/--/.test(c) && !/^t-class/.test(c));
    return `${tag}${cls.slice(0, 2).map((c) => `.${c}`).join('')}`;
  };
  const describe = (el: El): string => {
    let named: El | null = el;
    while (named && named !== root && !named.hasAttribute(attr.name)) named = named.parentElement;
    const host = named && named !== root ? named.getAttribute(attr.name) : null;
    const self = el.hasAttribute(attr.name) ? el.getAttribute(attr.name)! : own(el);
    const path = host && named !== el ? `${host} › ${self}` : self;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return text ? `${path}「${text.length > 24 ? `${text.slice(0, 24)}…` : text}」` : path;
  };
  const round = (n: number) => Math.round(n * 10) / 10;

  const all = Array.from(root.querySelectorAll('*'));
  const tooWide = new Set<El>();
  for (const el of all) {
    if (el.getClientRects().length === 0) continue; // not rendered (display: none, …)
    const style = win.getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const rect = el.getBoundingClientRect();

    if (rect.width > 0 && (rect.right > screen + 0.5 || rect.left < -0.5)) {
      tooWide.add(el);
      if (!el.parentElement || !tooWide.has(el.parentElement)) {
        problems.push({
          kind: 'too-wide',
          element: describe(el),
          detail: `spans ${round(rect.left)}…${round(rect.right)} px on a ${screen} px wide screen (${round(rect.width)} px wide)`,
        });
      }
    }

    const hides = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
    const ellipsis = style.textOverflow === 'ellipsis';
    const clamped = style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '';
    if (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && !ellipsis && !clamped) {
      problems.push({
        kind: 'clipped',
        element: describe(el),
        detail: `content is ${el.scrollWidth} px wide in a ${el.clientWidth} px box with overflow hidden and no ellipsis`,
      });
    } else if (
      hides(style.overflowY) &&
      el.scrollHeight > el.clientHeight + 1 &&
      !clamped &&
      !ellipsis
    ) {
      problems.push({
        kind: 'clipped',
        element: describe(el),
        detail: `content is ${el.scrollHeight} px tall in a ${el.clientHeight} px box with overflow hidden and no line clamp`,
      });
    }

    if (el.hasAttribute(attr.tap) && rect.width > 0) {
      if (rect.width < minTap - 0.5 || rect.height < minTap - 0.5) {
        problems.push({
          kind: 'small-tap',
          element: describe(el),
          detail: `tap target is ${round(rect.width)} × ${round(rect.height)} px at ${screen} px width; needs ${minTap} × ${minTap} (${minTap * 2} × ${minTap * 2} px in the picture)`,
        });
      }
    }
  }

  const rootSize = parseFloat(win.getComputedStyle(win.document.documentElement).fontSize);
  if (rootSize / elderly.baseFontSize >= elderly.minScale - 1e-6) {
    problems.push(...elderlyProblems());
  }

  const docWidth = win.document.documentElement.scrollWidth;
  if (docWidth > screen + 0.5 && tooWide.size === 0) {
    problems.push({
      kind: 'too-wide',
      element: '',
      detail: `the page scrolls sideways: ${docWidth} px wide on a ${screen} px screen`,
    });
  }
  return problems;

  function elderlyProblems(): LayoutProblem[] {
    const found: LayoutProblem[] = [];
    const rendered = (el: El) =>
      el.getClientRects().length > 0 && win.getComputedStyle(el).visibility !== 'hidden';
    const ancestors = (el: El): El[] => {
      const chain: El[] = [];
      for (let at: El | null = el; at; at = at.parentElement) chain.push(at);
      return chain;
    };
    const inScope = (el: El): El[] => {
      const chain = ancestors(el);
      const end = chain.indexOf(root!);
      return end < 0 ? chain : chain.slice(0, end + 1);
    };

    // Main tap targets: 60 × 60.
    for (const el of all) {
      if (!el.hasAttribute(attr.tap) || !rendered(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width <= 0) continue;
      const button = el.tagName.toLowerCase() === 'wx-button';
      const row = rect.width >= screen * elderly.rowShare;
      if (!button && !row) continue;
      if (rect.width < elderly.minTap - 0.5 || rect.height < elderly.minTap - 0.5) {
        const what = button ? 'button' : 'row';
        found.push({
          kind: 'elderly-tap',
          element: describe(el),
          detail: `main tap target (${what}) is ${round(rect.width)} × ${round(rect.height)} px at ${screen} px width in 关怀模式; needs ${elderly.minTap} × ${elderly.minTap} (${elderly.minTap * 2} × ${elderly.minTap * 2} px in the picture)`,
        });
      }
    }

    // Contrast.
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba | null => {
      const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css);
      if (!m) return null;
      const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : Number(m[4]);
      return [Number(m[1]), Number(m[2]), Number(m[3]), a];
    };
    const over = (top: Rgba, under: Rgba): Rgba => [
      top[0] * top[3] + under[0] * (1 - top[3]),
      top[1] * top[3] + under[1] * (1 - top[3]),
      top[2] * top[3] + under[2] * (1 - top[3]),
      1,
    ];
    const luminance = (c: Rgba): number => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const hex = (c: Rgba) =>
      `#${c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('')}`;
    const skipped = (el: El): boolean =>
      inScope(el).some(
        (at) =>
          at.hasAttribute('disabled') ||
          at.getAttribute('aria-disabled') === 'true' ||
          at.hasAttribute('data-preview-placeholder') ||
          classesOf(at).some((c) => /disabled$|placeholder/.test(c)),
      );
    const ownText = (el: El): string =>
      Array.from(el.childNodes)
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
    for (const el of all) {
      if (!ownText(el) || !rendered(el) || skipped(el)) continue;
      const style = win.getComputedStyle(el);
      const text = parse(style.color);
      if (!text) continue;
      // The background behind the text: translucent layers down to the first opaque one.
      const layers: Rgba[] = [];
      let alpha = text[3];
      let unknown = false;
      for (const at of ancestors(el)) {
        const s = at === el ? style : win.getComputedStyle(at);
        const bg = parse(s.backgroundColor);
        if (s.backgroundImage !== 'none' && (!bg || bg[3] < 0.999)) {
          unknown = true; // a picture or a gradient: its colour is not known here
          break;
        }
        if (bg && bg[3] > 0) layers.push(bg);
        if (bg && bg[3] >= 0.999) break;
        alpha *= Number(s.opacity);
      }
      if (unknown || alpha <= 0) continue;
      let back: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) back = over(layer, back);
      const fore = over([text[0], text[1], text[2], alpha], back);
      const [hi, lo] = [luminance(fore), luminance(back)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700 || style.fontWeight === 'bold';
      const large = size >= elderly.largeTextPx - 0.01 || (bold && size >= elderly.boldTextPx - 0.01);
      const needed = large ? elderly.largeContrast : elderly.contrast;
      if (ratio < needed - 0.005) {
        found.push({
          kind: 'low-contrast',
          element: describe(el),
          detail: `text ${hex(fore)} on ${hex(back)} has contrast ${ratio.toFixed(2)}:1 at ${round(size)} px${bold ? ' bold' : ''} in 关怀模式; needs ${needed}:1`,
        });
      }
    }

    // Short labels of segmented controls and tappable elements stay on one line.
    const SEGMENTED =
      /^(t-tabs__item|t-tab-bar-item|t-tag|t-check-tag|t-radio|t-checkbox|t-button|t-dropdown-menu__item)$|(^|[-_])(tabs?|segments?|segmented|chips?)([-_]|$)/;
    const cjk = /[\u3400-\u9fff\uf900-\ufaff]/;
    const reported = new Set<El>();
    for (const el of all) {
      if (!ownText(el) || !rendered(el)) continue;
      const label = (el.textContent ?? '').replace(/\s+/g, '');
      if (label.length < 2 || label.length > elderly.maxLabel || !cjk.test(label)) continue;
      const chain = inScope(el);
      if (chain.some((at) => reported.has(at))) continue;
      const segmented = chain.some(
        (at) => at.hasAttribute(attr.tap) || classesOf(at).some((c) => SEGMENTED.test(c)),
      );
      if (!segmented) continue;
      const range = win.document.createRange();
      range.selectNodeContents(el);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
      const half = parseFloat(win.getComputedStyle(el).fontSize) / 2;
      const tops: number[] = [];
      for (const r of rects) if (!tops.some((t) => Math.abs(t - r.top) < half)) tops.push(r.top);
      if (tops.length > 1) {
        reported.add(el);
        found.push({
          kind: 'broken-label',
          element: describe(el),
          detail: `the label 「${label}」 breaks onto ${tops.length} lines in 关怀模式; keep a short label on one line (white-space: nowrap, no flex-shrink, or fewer items per row)`,
        });
      }
    }
    return found;
  }
}

/** Runs in the browser: is a fixed layer (a dialog's mask) covering most of the screen? */
function hasOverlay(scope: string): boolean {
  const win = globalThis as unknown as Win;
  const root = win.document.querySelector(`[${scope}]`);
  if (!root) return false;
  return Array.from(root.querySelectorAll('*')).some((el) => {
    const style = win.getComputedStyle(el);
    if (style.position !== 'fixed' || style.visibility === 'hidden') return false;
    if (el.getClientRects().length === 0) return false;
    const rect = el.getBoundingClientRect();
    return rect.width * rect.height >= 0.5 * win.innerWidth * win.innerHeight;
  });
}

export interface Inspection {
  problems: LayoutProblem[];
  /** The page's full height in CSS px. */
  height: number;
}

export interface PreviewBrowser {
  /**
   * Lays out one standalone HTML snapshot, checks it and, with `screenshot`, writes a PNG of
   * the whole page there, at the phone's size or at the viewport the snapshot names
   * (`viewportOf`). Console errors, page errors and attempts to reach the network (previews
   * are offline) are reported as `console` problems.
   */
  inspect(html: string, options?: { screenshot?: string }): Promise<Inspection>;
  close(): Promise<void>;
}

export async function launchPreviewBrowser(executablePath: string): Promise<PreviewBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'lvzhi-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: PHONE.width, height: PHONE.height },
      deviceScaleFactor: PHONE.deviceScaleFactor,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const page: Page = context.pages()[0] ?? (await context.newPage());
  let errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`browser console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`browser page error: ${error.message}`));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url === 'about:blank') return route.continue();
    errors.push(`the page tried to load ${url} (previews are offline; ship it in the package)`);
    return route.abort();
  });

  let size: Viewport = VIEWPORTS.phone;
  return {
    async inspect(html, options = {}) {
      errors = [];
      const wanted = viewportOf(html);
      if (wanted.width !== size.width || wanted.height !== size.height) {
        await page.setViewportSize(wanted);
        size = wanted;
      }
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
      const problems = await page.evaluate(checkInPage, {
        attr: ATTR,
        minTap: MIN_TAP_PX,
        elderly: ELDERLY,
      });
      const height = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } })
            .document.documentElement.scrollHeight,
      );
      if (options.screenshot) {
        // With a dialog open, the phone shows one screen under its mask: picture that screen.
        const overlay = await page.evaluate(hasOverlay, ATTR.scope);
        await page.screenshot({
          path: options.screenshot,
          fullPage: !overlay,
          animations: 'disabled',
        });
      }
      for (const detail of errors) problems.push({ kind: 'console', element: '', detail });
      return { problems, height };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
