/**
 * Turns a page rendered by miniprogram-simulate into a standalone HTML document that Chromium
 * lays out as a phone would (scripts/preview/browser.ts checks and photographs it):
 *
 * - styles: the WXSS of the page, of app.wxss and of every loaded component, compiled the way
 *   simulate compiles them (classes prefixed by component) but with rpx turned into px at the
 *   screen's width (750 rpx = 375 px on the phone, = 1280 px in a 1280 px window; simulate
 *   itself maps 1 rpx to 1 px);
 * - the viewport: the phone's, or the one the case asks for (`data-preview-viewport` on the
 *   root element, which scripts/preview/browser.ts lays the snapshot out at);
 * - WeChat's built-in components (`wx-view`, `wx-button`, …) get their default styles;
 * - the root font size comes from the page's `rootFontSize` (what `<page-meta
 *   root-font-size>` would set; simulate ignores page-meta), so rem text grows in 关怀模式;
 * - text fields show their value or placeholder (simulate renders `<input>` empty);
 * - TDesign's icon font is loaded from the internet on a phone; the few icons the pages use
 *   are drawn with built-in shapes instead, and any other icon shows as a dashed circle;
 * - tappable elements are marked for the check (see `markPage`), and the root element of each
 *   component gets a readable name for messages;
 * - the last cell of a TDesign cell group draws no divider, as on a phone;
 * - a navigation bar (the page's title) and, on tab pages, the tab bar frame the page.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compile, getContent } from 'miniprogram-simulate/src/wxss';
import {
  ATTR,
  VIEWPORT_ATTR,
  VIEWPORTS,
  type Viewport,
} from '../../../scripts/preview/browser';
import { loadedComponents, MINIPROGRAM_ROOT, type PageComponent } from '../support/page';

/** rpx → px on a screen `width` px wide (750 rpx is the screen's width; 375 px on the phone). */
export function rpxToPx(css: string, width: number = VIEWPORTS.phone.width): string {
  return css.replace(/(-?\d*\.?\d+)rpx/gi, (_, n: string) => `${(Number(n) * width) / 750}px`);
}

/** The tag simulate renders a page under (support/page.ts loads pages as `main`). */
const PAGE_TAG = 'main';

const cssCache = new Map<string, string>();
function componentCss(path: string, prefix: string, width: number): string {
  const key = `${prefix}:${width}:${path}`;
  let css = cssCache.get(key);
  if (css === undefined) {
    css = rpxToPx(compile(getContent(`${path}.wxss`), { prefix }), width)
      // Remote fonts (TDesign's icon font): previews are offline; icons are drawn below.
      .replace(/@font-face\s*\{[^}]*url\(\s*['"]?https?:[^}]*\}/g, '');
    cssCache.set(key, css);
  }
  return css;
}

/** app.wxss: its `page` rules (those inside `@media` too) style the page root, here the body. */
function appCss(width: number): string {
  return componentCss(join(MINIPROGRAM_ROOT, 'app'), PAGE_TAG, width).replace(
    /(^|[{}\s,])page(?=[\s,{.:[])/g,
    '$1body',
  );
}

/** Defaults of WeChat's built-in components that the pages rely on (body: the screen's width). */
const builtinCss = (width: number) => `
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; width: ${width}px; }
wx-view, wx-scroll-view, wx-swiper, wx-form, wx-navigator { display: block; }
wx-text, wx-label { display: inline; }
wx-page-meta { display: none; }
wx-image { display: inline-block; overflow: hidden; width: 320px; height: 240px; }
wx-button {
  position: relative; display: block; margin-left: auto; margin-right: auto;
  padding-left: 14px; padding-right: 14px; box-sizing: border-box; font-size: 18px;
  text-align: center; text-decoration: none; line-height: 2.55555556; border-radius: 5px;
  overflow: hidden; color: #000; background-color: #f8f8f8; border: 0;
}
wx-button::after {
  content: " "; width: 200%; height: 200%; position: absolute; top: 0; left: 0;
  border: 1px solid rgba(0, 0, 0, 0.2); transform: scale(0.5); transform-origin: 0 0;
  box-sizing: border-box; border-radius: 10px;
}
/* A native field clips its text sideways; vertically the platform centres one line. */
wx-input {
  display: block; overflow-x: clip; overflow-y: visible; white-space: nowrap;
  text-overflow: clip; height: 1.4rem; min-height: 1.4rem; line-height: 1.4rem;
}
wx-textarea { display: block; overflow: hidden; width: 300px; height: 150px; white-space: pre-wrap; }
wx-textarea[data-preview-auto-height] { height: auto; }
[data-preview-placeholder] { color: #999; }
.preview-nav {
  height: 44px; display: flex; align-items: center; justify-content: center;
  background: #fff; border-bottom: 0.5px solid #e5e5e5;
  font: 600 17px/1 'Noto Sans CJK SC', sans-serif; color: #000;
}
.preview-tabbar {
  display: flex; height: 50px; background: #fff; border-top: 0.5px solid #ccc;
  font: 12px/1 'Noto Sans CJK SC', sans-serif;
}
.preview-tabbar > div { flex: 1; display: flex; align-items: center; justify-content: center; }
`;

/** Icon shapes (24 × 24, stroked in the icon's colour through a mask). */
const ICON_PATHS: Record<string, string> = {
  'chevron-right': '<path d="M9 5l7 7-7 7" fill="none" stroke="#000" stroke-width="2"/>',
  'chevron-left': '<path d="M15 5l-7 7 7 7" fill="none" stroke="#000" stroke-width="2"/>',
  search:
    '<circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="#000" stroke-width="2"/><path d="M15.5 15.5l5 5" stroke="#000" stroke-width="2"/>',
  upload:
    '<path d="M12 16V4M7 9l5-5 5 5M4 16v4h16v-4" fill="none" stroke="#000" stroke-width="2"/>',
  download:
    '<path d="M12 4v12M7 11l5 5 5-5M4 16v4h16v-4" fill="none" stroke="#000" stroke-width="2"/>',
  close: '<path d="M6 6l12 12M18 6L6 18" stroke="#000" stroke-width="2"/>',
  'close-circle-filled':
    '<path fill-rule="evenodd" d="M12 2a10 10 0 110 20 10 10 0 010-20zm-3.5 5.1L7.1 8.5 10.6 12l-3.5 3.5 1.4 1.4 3.5-3.5 3.5 3.5 1.4-1.4-3.5-3.5 3.5-3.5-1.4-1.4-3.5 3.5z"/>',
  'check-circle-filled':
    '<path fill-rule="evenodd" d="M12 2a10 10 0 110 20 10 10 0 010-20zm4.6 6.3L10.5 14.4 7.4 11.3 6 12.7l4.5 4.5 7.5-7.5z"/>',
  'error-circle-filled':
    '<path fill-rule="evenodd" d="M12 2a10 10 0 110 20 10 10 0 010-20zm-1 5v7h2V7zm0 9v2h2v-2z"/>',
};

function iconCss(): string {
  const base = `.t-icon--t-icon-base::before { content: '' !important; display: inline-block;
    width: 1em; height: 1em; box-sizing: border-box; border: 1px dashed currentColor;
    border-radius: 50%; vertical-align: top; }`;
  const shapes = Object.entries(ICON_PATHS).map(([name, path]) => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">${path}</svg>`;
    const url = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
    return `.t-icon--t-icon-${name}.t-icon--t-icon-base::before { border: 0; border-radius: 0;
      background: currentColor; -webkit-mask: ${url} center / contain no-repeat;
      mask: ${url} center / contain no-repeat; }`;
  });
  return [base, ...shapes].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Marking the page: which elements take a tap, and names for messages.

/** The parts of j-component's exparser nodes used here (not part of its typed API). */
interface XNode {
  /** The DOM element (absent on virtual nodes: virtual hosts, wx:if / wx:for blocks, slots). */
  $$?: DomEl;
  _vt?: {
    tagName: string;
    componentId?: string;
    event?: Record<string, unknown>;
    attrs?: Array<{ name: string; value: unknown }>;
  };
  childNodes?: XNode[];
  shadowRoot?: XNode;
}
interface DomEl {
  nodeType: number;
  querySelectorAll(selector: string): ArrayLike<DomEl>;
  closest(selector: string): DomEl | null;
  classList: { remove(name: string): void };
  tagName: string;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  textContent: string | null;
  className: string;
  outerHTML: string;
}

/** Events that mean "the member taps this" when a page binds them. */
const TAP_EVENTS = ['tap', 'longpress', 'longtap', 'click'];
/** Native elements a finger uses whatever is bound to them (when our templates declare them). */
const NATIVE_TAPPABLE = ['button', 'input', 'textarea', 'switch', 'checkbox', 'radio', 'picker'];

function attrOf(node: XNode, name: string): unknown {
  return node._vt?.attrs?.find((a) => a.name === name)?.value;
}

function isElement(dom: DomEl | undefined): dom is DomEl {
  return Boolean(dom && dom.nodeType === 1);
}

/** The first DOM element a (possibly virtual) node renders. */
function firstDom(node: XNode): DomEl | undefined {
  if (isElement(node.$$)) return node.$$;
  for (const child of [
    ...(node.shadowRoot ? [node.shadowRoot] : []),
    ...(node.childNodes ?? []),
  ]) {
    const found = firstDom(child);
    if (found) return found;
  }
  return undefined;
}

function hasNative(node: XNode, tags: string[]): boolean {
  if (tags.includes(node._vt?.tagName ?? '')) return true;
  return [...(node.shadowRoot ? [node.shadowRoot] : []), ...(node.childNodes ?? [])].some((c) =>
    hasNative(c, tags),
  );
}

function nameOf(node: XNode): string {
  const tag = node._vt?.tagName ?? '?';
  // A class given as an array (TDesign passes some so) arrives joined with commas.
  const cls = String(attrOf(node, 'class') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean);
  return `${tag}${cls.map((c) => `.${c}`).join('')}`;
}

/**
 * Marks what a finger can tap, for the 44 × 44 check. simulate keeps event bindings off the
 * DOM, so this walks j-component's tree, where each node keeps the bindings of the template
 * that declared it:
 * - in the page's own templates (ours, not TDesign's insides): a node with a tap-like binding
 *   (for a component such as `<t-cell bind:click>`, its rendered root), and native form
 *   controls;
 * - components in our templates that contain a text field (t-input, t-search): their rendered
 *   root, the box a member aims at (not the native input inside it);
 * - anywhere: native buttons (TDesign's t-button and the dialog's buttons render one), and
 *   nodes with a `hover-class` (TDesign sets one on cells with `hover`).
 * TDesign's own small inner controls that the page does not bind (the clear icon of a search
 * box) are TDesign's design and are not checked.
 */
export function markPage(page: PageComponent, isOurs: (componentId: string) => boolean): void {
  const mark = (dom: DomEl | undefined, name: string) => {
    if (dom && !dom.hasAttribute(ATTR.tap)) dom.setAttribute(ATTR.tap, name);
  };
  /** `owner`: the component whose template declared `node` (its tag, and its name for messages). */
  const visit = (node: XNode, ours: boolean, owner: { tag: string; name: string }) => {
    const vt = node._vt;
    const tag = vt?.tagName ?? '';
    const custom = Boolean(vt?.componentId && vt.componentId !== tag);
    // Inside a TDesign component, name native nodes by the component the page used.
    const name = ours ? nameOf(node) : owner.name;
    if (vt && tag) {
      const events = Object.keys(vt.event ?? {});
      if (ours && events.some((e) => TAP_EVENTS.includes(e))) mark(firstDom(node), name);
      if (ours && custom && hasNative(node, ['input', 'textarea'])) mark(firstDom(node), name);
      if (!custom && (tag === 'button' || (ours && NATIVE_TAPPABLE.includes(tag))))
        mark(node.$$, name);
      const hover = attrOf(node, 'hoverClass');
      if (typeof hover === 'string' && hover && hover !== 'none') mark(node.$$, name);
      if (custom) {
        const root = firstDom(node);
        if (root && !root.hasAttribute(ATTR.name)) root.setAttribute(ATTR.name, name);
      }
      if (!custom && (tag === 'input' || tag === 'textarea')) showFieldText(node, owner.tag);
      if (!custom && tag === 'image') showImage(node);
    }
    if (node.shadowRoot) {
      const childOurs = custom ? isOurs(vt!.componentId!) : ours;
      visit(node.shadowRoot, childOurs, custom ? { tag, name } : owner);
    }
    for (const child of node.childNodes ?? []) visit(child, ours, owner);
  };
  const root = (page as unknown as { _exparserNode: XNode })._exparserNode;
  visit(root, true, { tag: PAGE_TAG, name: PAGE_TAG });
}

/** simulate renders `<image>` as an empty box: draw its picture (data URLs, as the QR code is). */
function showImage(node: XNode): void {
  const dom = node.$$;
  const src = String(attrOf(node, 'src') ?? '');
  if (!isElement(dom) || !src.startsWith('data:image/')) return;
  dom.setAttribute('style', `${dom.getAttribute('style') ?? ''};background: url("${src}") center / contain no-repeat;`);
}

/** simulate renders `<input>` empty: show the value, or the placeholder in its style. */
function showFieldText(node: XNode, owner: string): void {
  const dom = node.$$;
  if (!isElement(dom)) return;
  const value = attrOf(node, 'value');
  const text = value === undefined || value === null ? '' : String(value);
  // `auto-height`: the platform's textarea grows with its lines (from its min-height).
  if (attrOf(node, 'autoHeight') === true) dom.setAttribute('data-preview-auto-height', '');
  if (text) {
    dom.textContent = attrOf(node, 'password') === true ? '•'.repeat(text.length) : text;
    return;
  }
  const placeholder = String(attrOf(node, 'placeholder') ?? '');
  if (!placeholder) return;
  dom.textContent = placeholder;
  dom.setAttribute('data-preview-placeholder', '');
  const classes = String(attrOf(node, 'placeholderClass') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((c) => `${owner}--${c}`);
  if (classes.length) dom.className = `${dom.className} ${classes.join(' ')}`;
}

/**
 * On a phone, a TDesign cell group tells its last cell not to draw a divider (a component
 * relation, which simulate does not link for separately loaded components): do it here.
 */
function hideLastCellDividers(dom: DomEl): void {
  for (const group of Array.from(dom.querySelectorAll('.t-cell-group--t-cell-group'))) {
    const cells = Array.from(group.querySelectorAll('.t-cell--t-cell')).filter(
      (cell) => cell.closest('.t-cell-group--t-cell-group') === group,
    );
    cells[cells.length - 1]?.classList.remove('t-cell--t-cell--bordered');
  }
}

// ---------------------------------------------------------------------------------------------

interface AppJson {
  window?: { navigationBarTitleText?: string };
  tabBar?: { selectedColor?: string; color?: string; list: Array<{ pagePath: string; text: string }> };
}

const appJson = JSON.parse(readFileSync(join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as AppJson;

/** The title WeChat shows in the navigation bar of `route`. */
export function pageTitle(route: string, root = MINIPROGRAM_ROOT): string {
  const json = JSON.parse(readFileSync(join(root, `${route}.json`), 'utf8')) as {
    navigationBarTitleText?: string;
  };
  return json.navigationBarTitleText ?? appJson.window?.navigationBarTitleText ?? '';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function tabBar(route: string): string {
  const bar = appJson.tabBar;
  if (!bar?.list.some((t) => t.pagePath === route)) return '';
  const items = bar.list
    .map((t) => {
      const color = t.pagePath === route ? (bar.selectedColor ?? '#000') : (bar.color ?? '#666');
      return `<div style="color:${color}">${escapeHtml(t.text)}</div>`;
    })
    .join('');
  return `<div class="preview-tabbar">${items}</div>`;
}

/**
 * The standalone document of `page` (rendered from `route`), with the root font size the page
 * asked for, for a screen of `viewport` (the phone by default). Marks the page first.
 */
export function pageDocument(
  page: PageComponent,
  route: string,
  root = MINIPROGRAM_ROOT,
  viewport: Viewport = VIEWPORTS.phone,
): string {
  const components = loadedComponents();
  const pagePath = join(root, route);
  const ours = new Set(
    components.filter((c) => !c.path.includes('/miniprogram_npm/')).map((c) => c.id),
  );
  markPage(page, (id) => ours.has(id));

  // As in WeChat: app.wxss first, then components, then the page's own rules (which win).
  // Every page is loaded under the same tag, so only this page's own rules may go in.
  const css = components
    .filter((c) => c.tag !== PAGE_TAG || c.path === pagePath)
    .sort((a, b) => Number(a.path === pagePath) - Number(b.path === pagePath))
    .map(
      (c) =>
        `/* ${relative(MINIPROGRAM_ROOT, c.path)} */\n${componentCss(c.path, c.tag, viewport.width)}`,
    );
  const data = (page.data ?? {}) as { rootFontSize?: unknown };
  const rootFontSize = typeof data.rootFontSize === 'number' ? data.rootFontSize : 16;
  const dom = page.dom as unknown as DomEl;
  dom.setAttribute(ATTR.scope, route);
  hideLastCellDividers(dom);
  const size = `${viewport.width}x${viewport.height}`;

  return `<!doctype html>
<html lang="zh-CN" ${VIEWPORT_ATTR}="${size}"><head><meta charset="utf-8">
<meta name="viewport" content="width=${viewport.width}">
<title>${escapeHtml(pageTitle(route, root))}</title>
<style>${builtinCss(viewport.width)}</style>
<style>/* app.wxss */\n${appCss(viewport.width)}</style>
<style>${css.join('\n')}</style>
<style>${iconCss()}</style>
<style>html { font-size: ${rootFontSize}px; }</style>
</head><body>
<div class="preview-nav">${escapeHtml(pageTitle(route, root))}</div>
${dom.outerHTML}
${tabBar(route)}
</body></html>`;
}
