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

export type LayoutProblemKind = 'too-wide' | 'clipped' | 'small-tap' | 'console';

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
}
interface Win {
  innerWidth: number;
  innerHeight: number;
  getComputedStyle(el: El): Style;
  document: { querySelector(selector: string): El | null; documentElement: El };
}

interface CheckOptions {
  attr: typeof ATTR;
  minTap: number;
}

/**
 * Runs in the browser. Looks at every element of the page (inside `[data-preview-page]`):
 * - too wide: sticks out of the screen, 375 px or the snapshot's own viewport (only the
 *   outermost such element is named);
 * - clipped: `overflow` hidden/clip in a direction where the content is larger than the box,
 *   unless the element shows an ellipsis by design (`text-overflow: ellipsis`, or
 *   `-webkit-line-clamp` for several lines);
 * - small tap target: a tappable element (marked by the snapshot) under 44 × 44 px.
 */
function checkInPage(options: CheckOptions): LayoutProblem[] {
  const win = globalThis as unknown as Win;
  const { attr, minTap } = options;
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

  const docWidth = win.document.documentElement.scrollWidth;
  if (docWidth > screen + 0.5 && tooWide.size === 0) {
    problems.push({
      kind: 'too-wide',
      element: '',
      detail: `the page scrolls sideways: ${docWidth} px wide on a ${screen} px screen`,
    });
  }
  return problems;
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
      const problems = await page.evaluate(checkInPage, { attr: ATTR, minTap: MIN_TAP_PX });
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
