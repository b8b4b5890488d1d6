/**
 * `npm run preview`: pictures of every page, as a phone shows them, without WeChat DevTools.
 *
 * Runs the layout check (jest project `preview`, tests/miniprogram/preview/) with PREVIEW_OUT
 * set, so each page the registry lists (tests/miniprogram/preview/pages.ts) is rendered with
 * the demo committee's data, in each state, as each role, at the standard text size and in
 * 关怀模式, and photographed by headless Chromium: `preview/<page>--<state>--<role>--x<scale>.png`
 * (750 px wide, full height) and `preview/index.html`, a gallery by feature (the folder is
 * gitignored). Layout problems fail the run and are shown in red in the gallery.
 *
 * Extra arguments go to jest, e.g. `npm run preview -- -t roster` for the roster page only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { previewToolsProblem } from './preview/prereqs';

const root = resolve(__dirname, '..');
const out = join(root, 'preview');

const problem = previewToolsProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
const jest = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--selectProjects',
    'preview',
    '--testPathPatterns',
    'layout',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, PREVIEW_OUT: out } },
);

const gallery = join(out, 'index.html');
if (existsSync(gallery)) {
  const pictures = readdirSync(out).filter((f) => f.endsWith('.png')).length;
  console.log(`\n${pictures} pictures; gallery: ${relative(process.cwd(), gallery)}`);
  if (jest.status !== 0)
    console.log('Some pages have layout problems: see above, or in red in the gallery.');
} else {
  console.error('\nNo gallery was written: see the errors above.');
}
process.exit(jest.status ?? 1);
