import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTIONS } from '../../cloudfunctions/functions/registry';
import { bundleFunctions } from '../../scripts/build';

describe('the deployable bundles', () => {
  const out = mkdtempSync(join(tmpdir(), 'bundles-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundles each function into one self-contained file that answers the envelope', async () => {
    const bundles = await bundleFunctions(out);
    expect(bundles.map((b) => b.name)).toEqual(Object.keys(FUNCTIONS));
    for (const { name, bytes } of bundles) {
      expect(bytes).toBeLessThan(4 * 1024 * 1024);
      const dir = join(out, name);
      expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toHaveProperty('permissions.openapi');
      expect(existsSync(join(dir, 'package.json'))).toBe(true);
      const source = readFileSync(join(dir, 'index.js'), 'utf8');
      expect(source).not.toMatch(/require\("(zod|dayjs|wx-server-sdk|better-sqlite3)"\)/);
      // Loaded as the cloud would load it; a malformed event is refused before any database call.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fn = require(join(dir, 'index.js')) as { main: (event: unknown) => Promise<unknown> };
      await expect(fn.main({ nothing: true })).resolves.toMatchObject({ ok: false, error: { code: 'REQUEST.MALFORMED' } });
      // exceljs is not inside: a function that needs it has it beside the bundle, loaded lazily.
      expect(source).not.toContain('ExcelJS');
      if (source.includes('"exceljs"')) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const excel = require(join(dir, 'node_modules', 'exceljs')) as { Workbook?: unknown };
        expect(typeof excel.Workbook).toBe('function');
      }
    }
    // The roster, attendance sheets and assessments are workbooks; settings never is.
    const shipping = bundles.filter((b) => b.ships.includes('exceljs')).map((b) => b.name);
    expect(shipping).toEqual(expect.arrayContaining(['members', 'meetings', 'ledger']));
    expect(shipping).not.toContain('settings');
  }, 60_000);
});
