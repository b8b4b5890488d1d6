/**
 * The layout check: every page of the registry (pages.ts), in every state, as every role, at
 * the standard text size and in 关怀模式, rendered with the demo committee's data and laid out by
 * headless Chromium at a phone's 375 px width. A case fails, naming the page, the state and the
 * element, when
 * - an element is wider than the screen,
 * - text is clipped by `overflow: hidden` without an ellipsis by design,
 * - a tappable element is smaller than 44 × 44 px at 375 px width (88 × 88 in the pictures),
 * - anything raised an error while rendering (console.error/warn under simulate, handler
 *   errors, browser console errors), or the page ignores the text scale.
 *
 * With PREVIEW_OUT=<folder> (`npm run preview`) it also writes a PNG of each case and an
 * index.html gallery there. Needs Chromium and a CJK font: without them this file fails at once,
 * saying what to install.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launchPreviewBrowser,
  type LayoutProblem,
  type PreviewBrowser,
} from '../../../scripts/preview/browser';
import { writeGallery, type GalleryShot } from '../../../scripts/preview/gallery';
import { requirePreviewTools } from '../../../scripts/preview/prereqs';
import { pageTitle } from './document';
import { ROLES, type PreviewPage } from './pages';
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

function describeProblem(p: LayoutProblem): string {
  return p.element ? `${p.kind}: ${p.element}: ${p.detail}` : `${p.kind}: ${p.detail}`;
}

/** Renders, lays out and checks one case; returns its problems as readable lines. */
async function check(c: PreviewCase, options: { picture?: boolean } = {}): Promise<string[]> {
  const rendered = await renderCase(c);
  const file = `${c.slug}.png`;
  // The snapshot too, to open in a browser's developer tools when a picture puzzles.
  if (OUT && options.picture !== false) writeFileSync(join(OUT, 'html', `${c.slug}.html`), rendered.html);
  const { problems } = await browser.inspect(rendered.html, {
    screenshot: OUT && options.picture !== false ? join(OUT, file) : undefined,
  });
  const all = [
    ...rendered.errors.map((detail): LayoutProblem => ({ kind: 'console', element: '', detail })),
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
});

describe('every page, state, role and text scale', () => {
  it.each(previewCases().map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const problems = await check(c);
    if (problems.length) throw new Error(failure(c, problems));
  });
});
