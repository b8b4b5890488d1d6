/**
 * The layout check: every page of the registry (pages.ts), in every state, as every role, at
 * the standard text size and in 关怀模式, rendered with the demo committee's data and laid out by
 * headless Chromium at a phone's 375 px width. A case fails, naming the page, the state and the
 * element, when
 * - an element is wider than the screen,
 * - text is clipped by `overflow: hidden` without an ellipsis by design,
 * - a tappable element is smaller than 44 × 44 px at 375 px width (88 × 88 in the pictures),
 * - in 关怀模式 (text scale ≥ 1.3), the elderly-mode rules: a main tap target (a button, or a
 *   tappable element at least half the screen wide) under 60 × 60 px, text under 4.5:1 contrast
 *   (3:1 from 18 px or bold 14 px), a short segmented label that wraps (scripts/preview/browser.ts),
 * - anything raised an error while rendering (console.error/warn under simulate, handler
 *   errors, browser console errors), or the page ignores the text scale;
 * - rendering raised: a template that does not compile, a template that throws while it
 *   renders (the template engine only logs that, and the page may swallow the exception), or a
 *   page that ends up showing nothing at all;
 * - the page shows its error view (the shared `state state--error` block of app.wxss, or any
 *   element marked `data-state="error"`) in a state that should not show one: any state but
 *   `unreachable` and `refused`, unless the state says `showsError`.
 *
 * With PREVIEW_OUT=<folder> (`npm run preview`) it also writes a PNG of each case and an
 * index.html gallery there. Needs Chromium and a CJK font: without them this file fails at once,
 * saying what to install.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import {
  launchPreviewBrowser,
  type LayoutProblem,
  type PreviewBrowser,
} from '../../../scripts/preview/browser';
import { writeGallery, type GalleryShot } from '../../../scripts/preview/gallery';
import { requirePreviewTools } from '../../../scripts/preview/prereqs';
import { pageTitle } from './document';
import { ROLES, type PreviewPage, type PreviewState } from './pages';
import { previewCases, renderCase, type PreviewCase } from './render';

const tools = requirePreviewTools();
const OUT = process.env.PREVIEW_OUT;

let browser: PreviewBrowser;
const shots: GalleryShot[] = [];

beforeAll(async () => {
  browser = await launchPreviewBrowser(tools.chromium);
  if (OUT) mkdirSync(join(OUT, 'html'), { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (OUT && shots.length) writeGallery(OUT, shots);
});

/** The layout problems of Chromium, and what this file finds in the rendered page itself. */
interface Problem extends Omit<LayoutProblem, 'kind'> {
  kind: LayoutProblem['kind'] | 'render' | 'error-view' | 'blank';
}

function describeProblem(p: Problem): string {
  return p.element ? `${p.kind}: ${p.element}: ${p.detail}` : `${p.kind}: ${p.detail}`;
}

// ---------------------------------------------------------------------------------------------
// Templates of two roots in one test file.

/**
 * The official template compiler (wcc) keeps each compiled template's expressions in one global,
 * `__WXML_GLOBAL__.ops_cached`, under the file's number within its compile root (`$gwx_1`,
 * `$gwx_2`, …), filled the first time the template renders. The fixtures and the mini-program
 * are two roots, so their numbers meet: the fixture that renders first fills `$gwx_1`, and the
 * mini-program's `$gwx_1` (components/opinion-view, the first of its templates) then renders
 * with the fixture's expressions and throws. So each root keeps its own cache, swapped in while
 * one of its cases renders. (A fixture renders TDesign's templates under its own cache too:
 * fixtures use only TDesign components, whose numbers lie above the fixtures' own.)
 */
const templateCaches = new Map<string, Record<string, unknown>>();
const WXML_CACHES = ['ops_cached', 'ops_set', 'ops_init'] as const;

async function withTemplateCache<T>(root: string, run: () => Promise<T>): Promise<T> {
  const holder = globalThis as { __WXML_GLOBAL__?: Record<string, unknown> };
  const wxml = (holder.__WXML_GLOBAL__ ??= {});
  const outside = Object.fromEntries(WXML_CACHES.map((k) => [k, wxml[k]]));
  const own = templateCaches.get(root) ?? Object.fromEntries(WXML_CACHES.map((k) => [k, {}]));
  Object.assign(wxml, own);
  try {
    return await run();
  } finally {
    templateCaches.set(root, Object.fromEntries(WXML_CACHES.map((k) => [k, wxml[k]])));
    Object.assign(wxml, outside);
  }
}

// ---------------------------------------------------------------------------------------------
// What the rendered page shows.

/** The parts of jsdom's DOM used here (the project's TypeScript has no DOM library). */
interface El {
  tagName: string;
  className: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}
const { DOMParser } = globalThis as unknown as {
  DOMParser: new () => { parseFromString(html: string, type: string): El };
};

/** States whose picture is the error view: the transport failed, or the backend refused. */
const ERROR_STATES = ['unreachable', 'refused'];

/** `main--state main--state--error` → `state.state--error` (simulate prefixes by component). */
function elementName(el: El): string {
  const classes = (typeof el.className === 'string' ? el.className : '')
    .split(/\s+/)
    .filter(Boolean)
    .map((c) => c.replace(/^[a-z0-9-]+?--(?=[a-z])/, ''));
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  return `${el.tagName.toLowerCase()}${classes.map((c) => `.${c}`).join('')}「${shown}」`;
}

function isErrorView(el: El): boolean {
  if (el.getAttribute('data-state') === 'error') return true;
  return (typeof el.className === 'string' ? el.className : '')
    .split(/\s+/)
    .some((c) => c === 'state--error' || c.endsWith('--state--error'));
}

/** The error view where the state should not show one, and a page that shows nothing. */
function pageProblems(c: PreviewCase, html: string): Problem[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const root = doc.querySelector('[data-preview-page]');
  if (!root) return [{ kind: 'blank', element: '', detail: 'the snapshot has no page' }];
  const problems: Problem[] = [];
  const errorState = ERROR_STATES.includes(c.state.id) || c.state.showsError === true;
  const shown = Array.from(root.querySelectorAll('*')).filter(isErrorView);
  if (shown.length && !errorState) {
    problems.push({
      kind: 'error-view',
      element: elementName(shown[0]!),
      detail:
        `the page shows its error view in state "${c.state.id}", which is not an error state ` +
        `(${ERROR_STATES.join(', ')}, or one declared \`showsError\`)`,
    });
  }
  const text = (root.textContent ?? '').trim();
  const media = root.querySelector('wx-image, wx-canvas, wx-input, wx-textarea, wx-video');
  if (!text && !media) {
    problems.push({
      kind: 'blank',
      element: '',
      detail: 'the page shows nothing: no text, image or field (did its rendering fail?)',
    });
  }
  return problems;
}

/**
 * Template errors while rendering. wcc's template function catches what its expressions throw,
 * logs the template stack (`<file>.wxml:<tag>:<line>:<column>`, innermost last) and the error
 * with console.log, and rethrows into whatever called setData, where a page may well swallow
 * it. So console.log is watched: a template stack and an error make one `render` problem.
 */
function watchTemplateErrors(): { problems: Problem[]; stop(): void } {
  const problems: Problem[] = [];
  let where = '';
  const log = console.log;
  const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    const [first] = args;
    if (Array.isArray(first) && first.every((x) => typeof x === 'string')) {
      where = (first as string[]).at(-1) ?? '(outside any element)';
      return;
    }
    if (where) {
      // What the template threw: an Error, or a string ("Dom limit exceeded, …").
      const detail =
        first instanceof Error ? `${first.name}: ${first.message}` : format(...args);
      problems.push({ kind: 'render', element: `template ${where}`, detail });
      where = '';
      return;
    }
    log(...args);
  });
  return { problems, stop: () => spy.mockRestore() };
}

/** Renders, lays out and checks one case; returns its problems as readable lines. */
async function check(c: PreviewCase, options: { picture?: boolean } = {}): Promise<string[]> {
  const watch = watchTemplateErrors();
  let rendered: Awaited<ReturnType<typeof renderCase>>;
  try {
    rendered = await withTemplateCache(c.page.root ?? 'miniprogram', () => renderCase(c));
  } catch (err) {
    // A template that does not compile, or a page that cannot even load.
    const message = err instanceof Error ? err.message : String(err);
    return [...watch.problems, { kind: 'render' as const, element: '', detail: message }].map(
      describeProblem,
    );
  } finally {
    watch.stop();
  }
  const file = `${c.slug}.png`;
  // The snapshot too, to open in a browser's developer tools when a picture puzzles.
  if (OUT && options.picture !== false) writeFileSync(join(OUT, 'html', `${c.slug}.html`), rendered.html);
  const { problems } = await browser.inspect(rendered.html, {
    screenshot: OUT && options.picture !== false ? join(OUT, file) : undefined,
  });
  const all = [
    ...rendered.errors.map((detail): Problem => ({ kind: 'console', element: '', detail })),
    ...watch.problems,
    ...pageProblems(c, rendered.html),
    ...problems,
  ].map(describeProblem);
  if (OUT && options.picture !== false) {
    shots.push({
      feature: c.page.feature,
      route: c.page.route,
      title: pageTitle(c.page.route, c.page.root),
      stateId: c.state.id,
      stateLabel: c.state.label,
      roleLabel: ROLES[c.role].label,
      scale: c.scale,
      file,
      problems: all,
    });
  }
  return all;
}

/** What a failing case reports: the page, state, role and scale, then one line per problem. */
function failure(c: PreviewCase, problems: string[]): string {
  return `${c.title}: ${problems.length} layout problem(s)\n  ${problems.join('\n  ')}`;
}

describe('the layout check', () => {
  const BROKEN: PreviewPage = {
    route: 'broken/index',
    root: join(__dirname, 'fixtures'),
    feature: 'fixtures',
    roles: ['member'],
    states: [],
  };

  it('names each problem of a deliberately broken page, and nothing that is fine', async () => {
    const [c] = previewCases([BROKEN]);
    const problems = await check(c!, { picture: false });
    const report = problems.join('\n');

    expect(report).toMatch(/^too-wide: wx-view\.banner「一条固定 900 px 宽的横幅.*spans 0…900 px/m);
    expect(report).toMatch(/^clipped: wx-view\.clipped「这段说明很长.*overflow hidden and no ellipsis/m);
    expect(report).toMatch(/^small-tap: wx-view\.tiny「×」: tap target is 30 × 30 px at 375 px width/m);
    expect(report).toMatch(/^console: console\.error: broken page: a deliberate error/m);
    expect(report).not.toContain('ellipsis「');
    expect(report).not.toContain('足够大的按钮');
    expect(problems).toHaveLength(4);
    expect(failure(c!, problems)).toMatch(
      /^broken\/index, state "ready" as member, text scale 1: 4 layout problem\(s\)\n {2}console: /,
    );
  });

  const fixture = (route: string, states: PreviewState[] = []): PreviewPage => ({
    ...BROKEN,
    route,
    states,
  });

  it('fails a page that shows its error view in its normal state, naming page, state and view', async () => {
    const cases = previewCases([
      fixture('error-view/index', [
        { id: 'unreachable', label: '网络不通', backend: 'unreachable' },
        { id: 'refused', label: '后端拒绝' },
        { id: 'load-failed', label: '加载失败（本该显示错误）', showsError: true },
        { id: 'filtered', label: '筛选之后' },
      ]),
    ]).filter((c) => c.scale === 1);
    const reports = new Map<string, string[]>();
    for (const c of cases) reports.set(c.state.id, await check(c, { picture: false }));

    const ready = cases.find((c) => c.state.id === 'ready')!;
    expect(reports.get('ready')).toEqual([
      'error-view: wx-view.state.state--error「系统繁忙，请稍后再试重新加载」: the page shows its ' +
        'error view in state "ready", which is not an error state (unreachable, refused, or one ' +
        'declared `showsError`)',
    ]);
    expect(failure(ready, reports.get('ready')!)).toMatch(
      /^error-view\/index, state "ready" as member, text scale 1: 1 layout problem\(s\)\n {2}error-view: /,
    );
    expect(reports.get('filtered')).toEqual([expect.stringMatching(/^error-view: .*state "filtered"/)]);
    // Where the error view is the point of the picture, it is no problem.
    expect(reports.get('unreachable')).toEqual([]);
    expect(reports.get('refused')).toEqual([]);
    expect(reports.get('load-failed')).toEqual([]);
  });

  it('in 关怀模式, fails a small main button, faint text and a label broken inside its word', async () => {
    const cases = previewCases([fixture('elderly/index')]);
    const reports = new Map<number, string[]>();
    for (const c of cases) reports.set(c.scale, await check(c, { picture: false }));
    const report = reports.get(1.5)!.join('\n');

    expect(report).toMatch(
      /^elderly-tap: t-button「五十像素高」: main tap target \(button\) is [\d.]+ × 50 px at 375 px width in 关怀模式; needs 60 × 60 \(120 × 120 px in the picture\)/m,
    );
    expect(report).toMatch(
      /^low-contrast: wx-view\.faint「浅灰色的说明文字.*」: text #bbbbbb on #ffffff has contrast 1\.92:1 at 25\.5 px in 关怀模式; needs 3:1/m,
    );
    expect(report).toMatch(
      /^broken-label: wx-view\.segment\.narrow「我的提案」: the label 「我的提案」 breaks onto 2 lines in 关怀模式/m,
    );
    // The large button, dark text, the disabled button, the placeholder, the one-line label.
    expect(report).not.toMatch(/足够大|深色|停用|占位|全部提案/);
    expect(reports.get(1.5)).toHaveLength(3);
    // The elderly-mode rules are 关怀模式's: at the standard size the page has no problem.
    expect(reports.get(1)).toEqual([]);
  });

  it('fails a page whose rendering raises, naming the template, the error and the blank page', async () => {
    const [c] = previewCases([fixture('raises/index')]);
    const problems = await check(c!, { picture: false });
    const report = problems.join('\n');

    expect(report).toMatch(
      /^render: template raises\/index\.wxml:[\w-]+:\d+:\d+: Dom limit exceeded/m,
    );
    expect(report).toMatch(/^console: console\.error: .*raises page: a deliberate error in an observer/m);
    expect(report).toMatch(/^blank: the page shows nothing/m);
    expect(failure(c!, problems)).toMatch(/^raises\/index, state "ready" as member, text scale 1: /);
  });

  it('fails a page whose template does not compile, naming the file and the fault', async () => {
    // Its own root: wcc compiles every template of a root at once, so one bad template would
    // take the other fixtures down with it.
    const root = mkdtempSync(join(tmpdir(), 'lvzhi-uncompilable-'));
    try {
      mkdirSync(join(root, 'uncompilable'));
      const file = (name: string, text: string) => writeFileSync(join(root, 'uncompilable', name), text);
      file('index.json', '{ "usingComponents": {} }');
      file('index.js', 'Component({});');
      file('index.wxml', '<view class="page"><text>没有闭合的文字</view>');
      const [c] = previewCases([{ ...fixture('uncompilable/index'), root }]);
      const problems = await check(c!, { picture: false });

      expect(problems).toEqual([
        expect.stringMatching(/^render: .*uncompilable\/index\.wxml:1:\d+: expect end-tag `text`/),
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('every page, state, role and text scale', () => {
  it.each(previewCases().map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const problems = await check(c);
    if (problems.length) throw new Error(failure(c, problems));
  });
});
