import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm ci` refuses a lockfile that lacks the optional binaries of other platforms (npm 11 drops
 * them when it rewrites the lockfile where node_modules exists), so a Mac or Windows developer,
 * or a CI that runs `npm ci`, could not install. Every platform package of the native tools
 * must be pinned.
 */
describe('the lockfile', () => {
  const lock = JSON.parse(readFileSync(join(__dirname, '../../package-lock.json'), 'utf8')) as {
    packages: Record<string, { optionalDependencies?: Record<string, string> }>;
  };

  it.each(['node_modules/@swc/core', 'node_modules/unrs-resolver'])(
    'pins every optional platform binary of %s',
    (name) => {
      const optional = Object.keys(lock.packages[name]?.optionalDependencies ?? {});
      expect(optional.length).toBeGreaterThan(5);
      const missing = optional.filter((dep) => !lock.packages[`node_modules/${dep}`]);
      expect(missing).toEqual([]);
    },
  );
});
