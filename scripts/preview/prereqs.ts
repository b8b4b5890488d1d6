/**
 * What page previews need from the machine: a Chromium to lay pages out and photograph them,
 * and a CJK font so Chinese is drawn as characters, not boxes. Both come from the distribution
 * (Debian: `chromium`, `fonts-noto-cjk`); `.ci/run` installs them.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

export const INSTALL_COMMAND = 'apt-get install -y chromium fonts-noto-cjk';

/** Where Chromium is looked for when CHROMIUM_PATH is not set (Debian, Ubuntu's snap, others). */
const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium binary to use: CHROMIUM_PATH if set, else the first one installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) return isExecutable(chosen) ? chosen : null;
  return CHROMIUM_CANDIDATES.find(isExecutable) ?? null;
}

/** Font folders Chromium's fontconfig reads on Debian/Ubuntu. */
const FONT_DIRS = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  join(homedir(), '.fonts'),
  join(homedir(), '.local/share/fonts'),
];
const CJK_FONT_FILE = /cjk|wqy|droidsansfallback|sourcehan|notosanssc|notoserifsc/i;

/**
 * CJK fonts Chromium can use: the families `fc-list` knows, or, where the `fontconfig` tools
 * are not installed (Chromium needs only the library), CJK font files in the font folders.
 */
export function cjkFonts(): string[] {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'family'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\n').filter((line) => line.trim());
  } catch {
    return FONT_DIRS.flatMap((dir) => {
      try {
        return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
          CJK_FONT_FILE.test(basename(f)),
        );
      } catch {
        return [];
      }
    });
  }
}

/**
 * Null when previews can be made here; otherwise a message that says exactly what to install.
 */
export function previewToolsProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const missing: string[] = [];
  if (!findChromium(env)) {
    missing.push(
      env.CHROMIUM_PATH
        ? `Chromium: CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`
        : `Chromium (looked for ${CHROMIUM_CANDIDATES.join(', ')}; or set CHROMIUM_PATH)`,
    );
  }
  if (cjkFonts().length === 0) {
    missing.push('a CJK font (none in `fc-list :lang=zh` or the font folders): Chinese would show as boxes');
  }
  if (missing.length === 0) return null;
  return [
    'Page previews and the layout check need Chromium and a CJK font. Missing here:',
    ...missing.map((m) => `  - ${m}`),
    'Install them from the distribution (Debian/Ubuntu, as root):',
    `  apt-get update && ${INSTALL_COMMAND}`,
  ].join('\n');
}

/** The Chromium binary, or an error saying what to install. */
export function requirePreviewTools(env: NodeJS.ProcessEnv = process.env): { chromium: string } {
  const problem = previewToolsProblem(env);
  if (problem) throw new Error(problem);
  return { chromium: findChromium(env)! };
}
