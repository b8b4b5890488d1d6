#!/usr/bin/env node
/**
 * Does what WeChat DevTools' "build npm" does for the one npm package the mini-program uses:
 * copies `node_modules/tdesign-miniprogram/miniprogram_dist` into
 * `miniprogram/miniprogram_npm/tdesign-miniprogram` (gitignored).
 *
 * Run as `npm run mp:npm`, and as the jest `globalSetup` of the miniprogram project so tests
 * work on a fresh clone. A stamp file records what was copied; when it matches, nothing is
 * done, so the common case costs one small file read.
 */
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** npm packages whose `miniprogram_dist` the mini-program uses. */
const PACKAGES = ['tdesign-miniprogram'];

const STAMP = '.copied-from';

function packageStamp(name) {
  const pkgDir = join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const dist = join(pkgDir, pkg.miniprogram ?? 'miniprogram_dist');
  // The version alone misses `npm link` and hand-edited dists; the dist's mtime catches those.
  return { dist, stamp: `${pkg.name}@${pkg.version} ${statSync(dist).mtimeMs}` };
}

/** Copies every package that is missing or stale; returns the names copied. */
export function buildMiniprogramNpm({ quiet = false } = {}) {
  const copied = [];
  for (const name of PACKAGES) {
    const { dist, stamp } = packageStamp(name);
    const target = join(root, 'miniprogram', 'miniprogram_npm', name);
    const stampFile = join(target, STAMP);
    if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) continue;

    rmSync(target, { recursive: true, force: true });
    cpSync(dist, target, { recursive: true });
    writeFileSync(stampFile, stamp);
    copied.push(name);
    if (!quiet) console.log(`miniprogram_npm: copied ${name} (${stamp})`);
  }
  return copied;
}

/** jest `globalSetup` entry. */
export default function globalSetup() {
  buildMiniprogramNpm({ quiet: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const copied = buildMiniprogramNpm();
  if (copied.length === 0) console.log('miniprogram_npm: up to date');
}
