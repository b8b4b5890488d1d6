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
      // exceljs and docx are not inside: a function that needs one has it beside the bundle,
      // loaded lazily.
      expect(source).not.toContain('ExcelJS');
      expect(source).not.toContain('schemas.openxmlformats.org/wordprocessingml/2006/main');
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
    // Names are ordered and searched wherever people are listed: the dictionaries ship beside.
    const dictionaries = ['pinyin-pro', 'cnchar', 'cnchar-order'];
    for (const name of ['members', 'meetings', 'ledger', 'reading', 'notify']) {
      const bundle = bundles.find((b) => b.name === name)!;
      expect(bundle.ships).toEqual(expect.arrayContaining(dictionaries));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { pinyin } = require(join(out, name, 'node_modules', 'pinyin-pro')) as {
        pinyin: (s: string) => string;
      };
      expect(pinyin('刘洋')).toBe('liú yáng');
    }
    const settings = bundles.find((b) => b.name === 'settings')!;
    expect(settings.ships.filter((n) => dictionaries.includes(n))).toEqual([]);
    // The outbox worker sends SMS: Tencent's SMS SDK ships beside the notify function only.
    const sms = bundles.filter((b) => b.ships.includes('tencentcloud-sdk-nodejs-sms'));
    expect(sms.map((b) => b.name)).toEqual(['notify']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require(join(out, 'notify', 'node_modules', 'tencentcloud-sdk-nodejs-sms')) as {
      sms: { v20210111: { Client: unknown } };
    };
    expect(typeof sdk.sms.v20210111.Client).toBe('function');
    // 提案汇编, 《社情民意》 and 履职档案 are Word files: docx ships beside those three only.
    const documents = bundles.filter((b) => b.ships.includes('docx')).map((b) => b.name);
    expect(documents.sort()).toEqual(['ledger', 'opinions', 'proposals']);
    for (const name of documents) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const docx = require(join(out, name, 'node_modules', 'docx')) as typeof import('docx');
      const doc = new docx.Document({ sections: [{ children: [new docx.Paragraph('测试')] }] });
      const bytes = await docx.Packer.toBuffer(doc);
      expect(Buffer.from(bytes).subarray(0, 2).toString()).toBe('PK');
    }
    // The statistics' charts (proposals, the assessment, the reading club): ECharts beside those
    // (and beside notify, whose timer imports the reading module; it never draws there).
    const charting = bundles.filter((b) => b.ships.includes('echarts')).map((b) => b.name);
    expect(charting.sort()).toEqual(['ledger', 'notify', 'proposals', 'reading']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const echarts = require(join(out, 'reading', 'node_modules', 'echarts')) as typeof import('echarts');
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 100, height: 50 });
    chart.setOption({ xAxis: { data: ['甲'] }, yAxis: {}, series: [{ type: 'bar', data: [1] }] });
    expect(chart.renderToSVGString()).toContain('甲');
    chart.dispose();
  }, 60_000);
});
