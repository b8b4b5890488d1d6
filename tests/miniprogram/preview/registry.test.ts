/**
 * The preview registry (pages.ts) lists exactly the pages of app.json, so a new page cannot
 * skip the pictures and the layout check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MINIPROGRAM_ROOT } from '../support/page';
import { PREVIEW_PAGES } from './pages';

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
}

function appPages(): string[] {
  const app = JSON.parse(readFileSync(join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as AppJson;
  const sub = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].flatMap((p) =>
    p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`),
  );
  return [...app.pages, ...sub];
}

describe('the preview registry', () => {
  it('has an entry for every page of app.json, pages and sub-packages', () => {
    const listed = new Set(PREVIEW_PAGES.map((p) => p.route));
    const missing = appPages().filter((route) => !listed.has(route));

    expect(missing).toEqual([]); // add each to tests/miniprogram/preview/pages.ts
  });

  it('lists no page that app.json does not have', () => {
    const pages = new Set(appPages());

    expect(PREVIEW_PAGES.map((p) => p.route).filter((r) => !pages.has(r))).toEqual([]);
  });

  it('gives each page a feature, at least one role, and distinct state ids', () => {
    for (const page of PREVIEW_PAGES) {
      const ids = page.states.map((s) => s.id);

      expect({ route: page.route, feature: Boolean(page.feature) }).toEqual({
        route: page.route,
        feature: true,
      });
      expect(page.roles.length).toBeGreaterThan(0);
      expect(new Set([...ids, 'ready']).size).toBe(ids.length + 1); // `ready` is implied
    }
  });
});
