import ExcelJS from 'exceljs';
import {
  MAX_ROSTER_ROWS,
  ROSTER_COLUMNS,
  RosterFileError,
  readRosterFile,
  toRosterRecord,
  type RosterRow,
} from '../../cloudfunctions/modules/members/roster-file';
import { cellText, readFirstSheet, writeSheetXlsx } from '../../cloudfunctions/kernel/xlsx';
import { MAX_ROSTER_FILE_BYTES } from '../../typings/contracts/members';

// ---------------------------------------------------------------------------------------------
// Fixture builders

const HEADER = ['姓名', '性别', '界别', '专委会', '是否常委', '手机号码', '届次', '角色'];

function csv(lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

/** GBK bytes of the few characters the fixture uses (checked against TextDecoder below). */
const GBK: Record<string, string> = {
  张: 'd5c5',
  三: 'c8fd',
  李: 'c0ee',
  四: 'cbc4',
  男: 'c4d0',
  女: 'c5ae',
  姓: 'd0d5',
  名: 'c3fb',
  性: 'd0d4',
  别: 'b1f0',
  界: 'bde7',
  经: 'bead',
  济: 'bcc3',
  手: 'cad6',
  机: 'bbfa',
  号: 'bac5',
  码: 'c2eb',
};

function gbk(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of text) {
    const hex = GBK[ch];
    if (hex) parts.push(Buffer.from(hex, 'hex'));
    else if (ch.charCodeAt(0) < 0x80) parts.push(Buffer.from(ch, 'latin1'));
    else throw new Error(`no GBK bytes for ${ch} in the fixture table`);
  }
  return Buffer.concat(parts);
}

type FixtureCell = ExcelJS.CellValue;

async function xlsx(
  rows: FixtureCell[][],
  setup?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const r of rows) ws.addRow(r);
  setup?.(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function member(over: Partial<RosterRow> = {}): RosterRow {
  return {
    name: '张三',
    gender: null,
    sector: null,
    specialCommittee: null,
    standingMember: false,
    phone: null,
    term: null,
    roles: ['member'],
    ...over,
  };
}

async function fileError(p: Promise<unknown>): Promise<RosterFileError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RosterFileError);
  return err as RosterFileError;
}

// ---------------------------------------------------------------------------------------------

describe('readRosterFile: CSV', () => {
  it('reads a UTF-8 roster with every column', async () => {
    const bytes = csv([
      '\ufeff' + HEADER.join(','),
      '张三,男,经济界,经济委,是,13800138000,七届,"委员、管理员"',
      '李四,女,教育界,文史委,否,,七届,',
    ]);
    const { rows, errors } = await readRosterFile('名册.csv', bytes);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        data: {
          name: '张三',
          gender: '男',
          sector: '经济界',
          specialCommittee: '经济委',
          standingMember: true,
          phone: '13800138000',
          term: '七届',
          roles: ['member', 'admin'],
        },
      },
      {
        row: 3,
        data: {
          name: '李四',
          gender: '女',
          sector: '教育界',
          specialCommittee: '文史委',
          standingMember: false,
          phone: null,
          term: '七届',
          roles: ['member'],
        },
      },
    ]);
  });

  it('accepts header variants, ignores unknown columns, trims every kind of space', async () => {
    const bytes = csv([
      '序号,姓　名,所属专委会,常委,联系电话,届别,备注,*性别（必填）',
      '1, 张　三 ,\u3000提案委\u3000,√,+86 138-0013-8000,第七届,随便写,男 ',
      '2,Ma Li  Na,,,138 0013 8001,,,女性',
      '3,李四,,,,,,',
    ]);
    const { rows, errors } = await readRosterFile('roster.csv', bytes);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(rows[0]?.data).toEqual(
      member({
        specialCommittee: '提案委',
        standingMember: true,
        phone: '13800138000',
        term: '第七届',
        gender: '男',
      }),
    );
    expect(rows[1]?.data).toEqual(member({ name: 'Ma Li Na', phone: '13800138001', gender: '女' }));
    expect(rows[2]?.data).toEqual(member({ name: '李四' }));
  });

  it('maps every role label and separator', async () => {
    const bytes = csv([
      '姓名,角色',
      '张三,"工作室负责人,机关工作人员，管理员、委员"',
      '李四,委员、委员',
    ]);
    const { rows, errors } = await readRosterFile('r.csv', bytes);
    expect(errors).toEqual([]);
    expect(rows[0]?.data.roles).toEqual(['studioHost', 'staff', 'admin', 'member']);
    expect(rows[1]?.data.roles).toEqual(['member']);
  });

  it('skips empty rows but keeps the row numbers the spreadsheet shows', async () => {
    const bytes = csv(['姓名,手机号', ',', '张三,13800138000', '', '  ,  ', '李四,bad']);
    const { rows, errors } = await readRosterFile('r.csv', bytes);
    expect(rows).toEqual([{ row: 3, data: member({ phone: '13800138000' }) }]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([[6, '手机号']]);
  });

  it('numbers rows by record, as a spreadsheet does, when a quoted field spans lines', async () => {
    const bytes = csv(['姓名,界别,性别', '张三,"经济界\n民建",', '李四,,x']);
    const { rows, errors } = await readRosterFile('r.csv', bytes);
    expect(rows).toEqual([{ row: 2, data: member({ sector: '经济界\n民建' }) }]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([[3, '性别']]);
  });

  it('drops alignment padding inside Chinese names only', async () => {
    const bytes = csv(['姓名', '张　　三', '"李\n四"', 'John  Smith']);
    const { rows } = await readRosterFile('r.csv', bytes);
    expect(rows.map((r) => r.data.name)).toEqual(['张三', '李四', 'John Smith']);
  });

  it('reads a GBK-encoded roster as Excel on Chinese Windows saves it', async () => {
    expect(new TextDecoder('gb18030').decode(gbk('张三'))).toBe('张三');
    expect(gbk('张三').toString('hex')).toBe('d5c5c8fd');
    const bytes = gbk('姓名,性别,界别,手机号码\r\n张三,男,经济界,13800138000\r\n李四,女,,\r\n');
    const { rows, errors } = await readRosterFile('名册.csv', bytes);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 2, data: member({ gender: '男', sector: '经济界', phone: '13800138000' }) },
      { row: 3, data: member({ name: '李四', gender: '女' }) },
    ]);
  });

  it('reads a CSV even when it is named .xlsx or .txt: the content decides', async () => {
    const bytes = csv(['姓名', '张三']);
    expect((await readRosterFile('名册.xlsx', bytes)).rows).toEqual([{ row: 2, data: member() }]);
    expect((await readRosterFile('名册.txt', bytes)).rows).toEqual([{ row: 2, data: member() }]);
  });
});

describe('readRosterFile: XLSX', () => {
  it('reads the first sheet with numeric phones, rich text, formulas and booleans', async () => {
    const bytes = await xlsx([
      HEADER,
      ['张三', '男', '经济界', '经济委', '是', 13800138000, '七届', '委员'],
      [
        { richText: [{ text: '李', font: { bold: true } }, { text: '四' }] },
        '女',
        { formula: '"教育"&"界"', result: '教育界' },
        null,
        true,
        13900139000,
        7,
        '工作室负责人、委员',
      ],
      [],
      ['王五', null, null, null, '否', '13700137000', null, null],
    ]);
    const { rows, errors } = await readRosterFile('名册.xlsx', bytes);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        data: member({
          gender: '男',
          sector: '经济界',
          specialCommittee: '经济委',
          standingMember: true,
          phone: '13800138000',
          term: '七届',
        }),
      },
      {
        row: 3,
        data: member({
          name: '李四',
          gender: '女',
          sector: '教育界',
          standingMember: true,
          phone: '13900139000',
          term: '7',
          roles: ['studioHost', 'member'],
        }),
      },
      { row: 5, data: member({ name: '王五', phone: '13700137000' }) },
    ]);
  });

  it('finds the header under a merged title row and reads merged values in every row', async () => {
    const bytes = await xlsx(
      [
        ['××区政协委员名册', null, null],
        ['姓名', '界别', '手机'],
        ['张三', '经济界', 13800138000],
        ['李四', null, 13800138001],
      ],
      (ws) => {
        ws.mergeCells('A1:C1');
        ws.mergeCells('B3:B4');
      },
    );
    const { rows, errors } = await readRosterFile('名册.xlsx', bytes);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 3, data: member({ sector: '经济界', phone: '13800138000' }) },
      { row: 4, data: member({ name: '李四', sector: '经济界', phone: '13800138001' }) },
    ]);
  });

  it('reads the first visible sheet', async () => {
    const bytes = await xlsx([['备注'], ['说明']], (ws, wb) => {
      ws.state = 'hidden';
      const second = wb.addWorksheet('委员');
      second.addRow(['姓名']);
      second.addRow(['张三']);
    });
    expect((await readRosterFile('名册.xlsx', bytes)).rows).toEqual([{ row: 2, data: member() }]);
  });

  it('reports errors with the real sheet row numbers', async () => {
    const bytes = await xlsx([
      ['姓名', '手机号码'],
      ['张三', 13800138000],
      [null, null],
      ['李四', 12345],
    ]);
    const { errors } = await readRosterFile('名册.xlsx', bytes);
    expect(errors).toEqual([
      {
        row: 4,
        column: '手机号码',
        message: '手机号“12345”格式不正确，应为 11 位中国大陆手机号，如 13800138000',
      },
    ]);
  });
});

describe('cellText', () => {
  it('turns every kind of cell value into the text a person sees', () => {
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(2 ** 64)).toBe('18446744073709551616');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(-2.5)).toBe('-2.5');
    expect(cellText(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
    expect(cellText({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(cellText({ formula: 'A1', result: 13800138000 })).toBe('13800138000');
    expect(cellText({ formula: 'A1', result: undefined } as unknown as ExcelJS.CellValue)).toBe('');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(null)).toBe('');
  });

  it('reads a date cell from a workbook as YYYY-MM-DD', async () => {
    const bytes = await xlsx([['日期'], [new Date(Date.UTC(2023, 11, 31))]]);
    expect(await readFirstSheet(bytes)).toEqual([
      { row: 1, cells: ['日期'] },
      { row: 2, cells: ['2023-12-31'] },
    ]);
  });
});

describe('readRosterFile: bad rows', () => {
  it('reports a missing 姓名 column on row 1', async () => {
    const { rows, errors } = await readRosterFile(
      'r.csv',
      csv(['名字,手机号', '张三,13800138000']),
    );
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 1, column: null });
    expect(errors[0]?.message).toContain('没有“姓名”列');
  });

  it('reports a missing 姓名 column on row 1 of an xlsx too', async () => {
    const bytes = await xlsx([['名字'], ['张三']]);
    expect((await readRosterFile('r.xlsx', bytes)).errors).toMatchObject([
      { row: 1, column: null },
    ]);
  });

  it('reports every problem of every row without stopping', async () => {
    const bytes = csv([
      '姓名,性别,常委,手机号码,角色,界别',
      '张三,男,是,13800138000,委员,',
      ',x,也许,1380013800,主席,',
      '李四,女,否,23800138000,,' + '界'.repeat(31),
      '王五,未知,,,委员、秘书长,',
      'A'.repeat(31) + ',,,,,',
    ]);
    const { rows, errors } = await readRosterFile('r.csv', bytes);
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(errors).toEqual([
      { row: 3, column: '姓名', message: '姓名不能为空' },
      { row: 3, column: '性别', message: '性别应填写“男”或“女”，或留空（现为“x”）' },
      {
        row: 3,
        column: '常委',
        message: '是否常委应填写“是”或“否”（也可填 √ 或留空），现为“也许”',
      },
      {
        row: 3,
        column: '手机号码',
        message: '手机号“1380013800”格式不正确，应为 11 位中国大陆手机号，如 13800138000',
      },
      {
        row: 3,
        column: '角色',
        message:
          '角色“主席”无法识别，可填写：委员、工作室负责人、机关工作人员、管理员；多个角色用顿号（、）或逗号分隔，留空即为委员',
      },
      { row: 4, column: '界别', message: '界别不能超过 30 个字（现为 31 个字）' },
      {
        row: 4,
        column: '手机号码',
        message: '手机号“23800138000”格式不正确，应为 11 位中国大陆手机号，如 13800138000',
      },
      { row: 5, column: '性别', message: '性别应填写“男”或“女”，或留空（现为“未知”）' },
      expect.objectContaining({
        row: 5,
        column: '角色',
        message: expect.stringContaining('“秘书长”'),
      }),
      { row: 6, column: '姓名', message: '姓名不能超过 30 个字（现为 31 个字）' },
    ]);
  });

  it('reports a duplicate phone on the later row, naming the earlier one', async () => {
    const bytes = csv([
      '姓名,手机',
      '张三,13800138000',
      '李四,13900139000',
      '王五,138-0013-8000',
      '赵六,+8613900139000',
    ]);
    const { rows, errors } = await readRosterFile('r.csv', bytes);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(errors).toEqual([
      {
        row: 4,
        column: '手机',
        message: '手机号 13800138000 与第 2 行（张三）重复，一个手机号只能对应一人',
      },
      {
        row: 5,
        column: '手机',
        message: '手机号 13900139000 与第 3 行（李四）重复，一个手机号只能对应一人',
      },
    ]);
  });

  it('reports a repeated person (same name and phone) as a duplicate row', async () => {
    const bytes = csv(['姓名,手机', '张三,13800138000', '李四,', '张 三,13800138000']);
    const { errors } = await readRosterFile('r.csv', bytes);
    expect(errors).toEqual([
      { row: 4, column: null, message: '与第 2 行重复（姓名和手机号都相同），请删除重复的行' },
    ]);
  });

  it('reports the same name twice without a phone as ambiguous', async () => {
    const bytes = csv(['姓名,手机', '张三,', '张三,13800138000', '张三,']);
    const { errors } = await readRosterFile('r.csv', bytes);
    expect(errors).toEqual([
      {
        row: 4,
        column: '姓名',
        message:
          '与第 2 行同名且都没有手机号，无法区分是否为同一人；如是同一人请删除重复的行，否则请填写手机号',
      },
    ]);
  });

  it('still finds duplicates on rows that have other mistakes', async () => {
    const bytes = csv(['姓名,性别,手机', '张三,x,13800138000', '李四,男,13800138000']);
    const { errors } = await readRosterFile('r.csv', bytes);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '性别'],
      [3, '手机'],
    ]);
  });

  it(`accepts ${MAX_ROSTER_ROWS} data rows and refuses one more with a single error`, async () => {
    const lines = (n: number) => [
      '姓名,手机号码',
      ...Array.from({ length: n }, (_, i) => `委员${i},1${String(3000000000 + i)}`),
    ];
    const ok = await readRosterFile('r.csv', csv(lines(MAX_ROSTER_ROWS)));
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toHaveLength(MAX_ROSTER_ROWS);

    const tooMany = await readRosterFile('r.csv', csv(lines(MAX_ROSTER_ROWS + 1)));
    expect(tooMany.rows).toEqual([]);
    expect(tooMany.errors).toEqual([
      {
        row: MAX_ROSTER_ROWS + 2,
        column: null,
        message: `名册最多 ${MAX_ROSTER_ROWS} 行数据，本文件有 ${MAX_ROSTER_ROWS + 1} 行，请分批导入`,
      },
    ]);
  });
});

describe('readRosterFile: unreadable files', () => {
  const OLE2 = Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(504), 'hex');

  it('refuses an old binary .xls with a clear message', async () => {
    const err = await fileError(readRosterFile('名册.xls', OLE2));
    expect(err.code).toBe('ROSTER.FILE_UNREADABLE');
    expect(err.message).toContain('不支持旧版 Excel（.xls）文件');
    // The content decides even when the name says otherwise.
    expect((await fileError(readRosterFile('名册.xlsx', OLE2))).message).toContain('.xls');
  });

  it('refuses anything else named .xls', async () => {
    const err = await fileError(readRosterFile('名册.XLS', csv(['姓名', '张三'])));
    expect(err.message).toContain('不支持旧版 Excel（.xls）文件');
  });

  it('refuses garbage bytes', async () => {
    const garbage = Buffer.from([0x00, 0x13, 0x88, 0xff, 0x10, 0x02, 0x7f, 0x41]);
    const err = await fileError(readRosterFile('名册.csv', garbage));
    expect(err.code).toBe('ROSTER.FILE_UNREADABLE');
    expect(err.message).toBe('无法读取名册文件，请上传 CSV 或 Excel（.xlsx）文件');
    const named = await fileError(readRosterFile('名册.xlsx', garbage));
    expect(named.message).toBe('文件扩展名是 .xlsx，但内容不是 Excel 工作簿，文件可能已损坏');
  });

  it('refuses a broken zip', async () => {
    const bytes = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(64, 0x41)]);
    const err = await fileError(readRosterFile('名册.xlsx', bytes));
    expect(err.code).toBe('ROSTER.FILE_UNREADABLE');
    expect(err.message).toBe('无法打开 Excel 文件，文件可能已损坏或不是 .xlsx 格式');
  });

  it('refuses text that is neither UTF-8 nor GB18030', async () => {
    const err = await fileError(readRosterFile('r.csv', Buffer.from([0x41, 0x2c, 0x81, 0x20])));
    expect(err.message).toContain('无法识别 CSV 文件的文字编码');
  });

  it('refuses UTF-16 text with a hint', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t\r\n', 'utf16le')]);
    expect((await fileError(readRosterFile('r.txt', bytes))).message).toContain('UTF-16');
  });

  it('refuses an unterminated quote, naming the line', async () => {
    const err = await fileError(readRosterFile('r.csv', csv(['姓名,界别', '张三,"经济界'])));
    expect(err.code).toBe('ROSTER.FILE_UNREADABLE');
    expect(err.message).toBe('CSV 格式错误：第 2 行开始的引号没有闭合，请检查该行的双引号');
  });

  it('refuses empty files and header-only files as empty', async () => {
    expect((await fileError(readRosterFile('r.csv', Buffer.alloc(0)))).code).toBe('ROSTER.EMPTY');
    expect((await fileError(readRosterFile('r.csv', csv(['', ' , '])))).code).toBe('ROSTER.EMPTY');
    expect((await fileError(readRosterFile('r.csv', csv(['姓名,性别'])))).code).toBe(
      'ROSTER.EMPTY',
    );
    const emptySheet = await xlsx([]);
    expect((await fileError(readRosterFile('r.xlsx', emptySheet))).code).toBe('ROSTER.EMPTY');
  });

  it('refuses files over the size limit', async () => {
    const big = Buffer.alloc(MAX_ROSTER_FILE_BYTES + 1, 0x41);
    expect((await fileError(readRosterFile('r.csv', big))).code).toBe('REQUEST.TOO_LARGE');
  });
});

describe('writeSheetXlsx', () => {
  const people: RosterRow[] = [
    member({
      gender: '男',
      sector: '经济界',
      specialCommittee: '经济委',
      standingMember: true,
      phone: '13800138000',
      term: '七届',
      roles: ['member', 'admin'],
    }),
    member({ name: '李四', gender: '女', phone: '13900139000', roles: ['staff'] }),
    member({ name: '=HYPERLINK("http://evil","点我")' }),
  ];

  async function load(bytes: Buffer): Promise<ExcelJS.Worksheet> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    return ws;
  }

  it('writes a bold, frozen Chinese header and the rows; phones as text', async () => {
    const bytes = await writeSheetXlsx(people.map(toRosterRecord), ROSTER_COLUMNS, '委员名册');
    const ws = await load(bytes);
    expect(ws.name).toBe('委员名册');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = ws.getRow(1);
    expect((header.values as unknown[]).slice(1)).toEqual(HEADER);
    expect(header.getCell(1).font?.bold).toBe(true);

    const first = ws.getRow(2);
    expect((first.values as unknown[]).slice(1)).toEqual([
      '张三',
      '男',
      '经济界',
      '经济委',
      '是',
      '13800138000',
      '七届',
      '委员、管理员',
    ]);
    const phone = first.getCell(6);
    expect(phone.type).toBe(ExcelJS.ValueType.String);
    expect(phone.numFmt).toBe('@');
    expect(ws.getColumn(6).numFmt).toBe('@');
    // A name that looks like a formula stays a string.
    expect(ws.getRow(4).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(4).getCell(1).value).toBe('=HYPERLINK("http://evil","点我")');
    expect(ws.rowCount).toBe(4);
  });

  it('round-trips: an exported roster imports back unchanged', async () => {
    const bytes = await writeSheetXlsx(people.map(toRosterRecord), ROSTER_COLUMNS, '委员名册');
    const { rows, errors } = await readRosterFile('export.xlsx', bytes);
    expect(errors).toEqual([]);
    expect(rows).toEqual(people.map((data, i) => ({ row: i + 2, data })));
  });

  it('keeps the generic writer generic: nulls, booleans, widths and a sanitised sheet name', async () => {
    const bytes = await writeSheetXlsx(
      [
        { a: 'x', b: null, c: true },
        { a: 'y', c: false },
      ],
      [
        { key: 'a', header: '甲', width: 20 },
        { key: 'b', header: '乙' },
        { key: 'c', header: '丙' },
      ],
      '2024/01: [统计]*?',
    );
    const ws = await load(bytes);
    expect(ws.name).toBe('2024 01   统计');
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.getColumn(2).width).toBe(10);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['x', undefined, true]);
    expect(ws.getRow(3).getCell(3).value).toBe(false);
  });
});
