import { CsvError, parseCsv, toCsv } from '../../cloudfunctions/modules/members/csv';

describe('parseCsv', () => {
  it('splits plain records and fields', () => {
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends, mixed', () => {
    expect(parseCsv('a\r\nb\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('ignores one trailing line break but keeps blank lines inside', () => {
    expect(parseCsv('a,b\r\n')).toEqual([['a', 'b']]);
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('a\n\n')).toEqual([['a'], ['']]);
  });

  it('returns nothing for empty text or a lone BOM', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
  });

  it('strips a leading UTF-8 BOM only', () => {
    expect(parseCsv('\ufeff姓名,性别\n张三,男')).toEqual([
      ['姓名', '性别'],
      ['张三', '男'],
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(parseCsv(',a,,\n')).toEqual([['', 'a', '', '']]);
  });

  it('reads quoted fields with commas, escaped quotes and line breaks', () => {
    expect(parseCsv('"a,b","say ""hi""","line1\r\nline2\nline3"\r\nx')).toEqual([
      ['a,b', 'say "hi"', 'line1\r\nline2\nline3'],
      ['x'],
    ]);
  });

  it('reads an empty quoted field as a record', () => {
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('"",""\n')).toEqual([['', '']]);
    expect(parseCsv('""""')).toEqual([['"']]);
  });

  it('keeps stray quotes literally as Excel does', () => {
    expect(parseCsv('ab"c,d')).toEqual([['ab"c', 'd']]);
    expect(parseCsv('"ab"c,d')).toEqual([['abc', 'd']]);
  });

  it('throws a CsvError naming the line where an unterminated quote starts', () => {
    const text = 'a,b\n"ok\nstill ok",c\nd,"never closed\nmore';
    let err: unknown;
    try {
      parseCsv(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect((err as CsvError).line).toBe(4);
    expect((err as CsvError).message).toBe('CSV 格式错误：第 4 行开始的引号没有闭合');
  });

  it('throws on a lone quote', () => {
    expect(() => parseCsv('"')).toThrow(CsvError);
  });
});

describe('toCsv', () => {
  it('starts with a BOM and ends every record with CRLF', () => {
    expect(
      toCsv([
        ['姓名', '性别'],
        ['张三', '男'],
      ]),
    ).toBe('\ufeff姓名,性别\r\n张三,男\r\n');
  });

  it('writes only a BOM for no rows', () => {
    expect(toCsv([])).toBe('\ufeff');
  });

  it('quotes fields holding commas, quotes, line breaks or edge spaces', () => {
    expect(toCsv([['a,b', 'say "hi"', 'x\ny', 'r\rs', ' pad', 'plain']])).toBe(
      '\ufeff"a,b","say ""hi""","x\ny","r\rs"," pad",plain\r\n',
    );
  });

  it('writes numbers, booleans and nulls', () => {
    expect(toCsv([[13800138000, -1.5, true, false, null, 0]])).toBe(
      '\ufeff13800138000,-1.5,TRUE,FALSE,,0\r\n',
    );
  });

  it('neutralises formula injection but leaves plain numbers alone', () => {
    const out = toCsv([
      ['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(A1)', '\tx', '-12.5', '+86', '1e5'],
    ]);
    expect(out).toBe(
      '\ufeff"\'=HYPERLINK(""http://x"",""y"")",\'+cmd,\'-2+3,\'@SUM(A1),\'\tx,-12.5,+86,1e5\r\n',
    );
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['姓名', '备注'],
      ['张三', '多行\r\n备注, 含逗号和 "引号"'],
      ['', ''],
      ['李四', ''],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
