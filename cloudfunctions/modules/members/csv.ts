/**
 * CSV as Excel and WPS write it (RFC 4180, tolerant where Excel is tolerant).
 * No dependencies: cloud functions stay small.
 */

/** A CSV text that cannot be read; `line` is 1-based, counted in physical lines. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * Parses CSV text into records of fields.
 * - Quoted fields may hold commas, line breaks and `""` (an escaped quote).
 * - Line ends may be CRLF, LF or CR; a leading UTF-8 BOM is dropped.
 * - A line break at the very end does not make an extra empty record; blank lines elsewhere
 *   come back as `['']` so that record numbers still match the rows a spreadsheet shows.
 * - A quote inside an unquoted field, or text after a closing quote, is kept literally (as
 *   Excel does). An unterminated quoted field throws a CsvError.
 */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  /** Whether anything of the current record has been read (an empty quoted field counts). */
  let started = false;
  const n = src.length;

  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
    started = false;
  };

  while (i < n) {
    const ch = src[i];
    if (ch === '\r' || ch === '\n') {
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      endRecord();
      continue;
    }
    started = true;
    if (ch === '"' && field === '') {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) {
          throw new CsvError(`CSV 格式错误：第 ${startLine} 行开始的引号没有闭合`, startLine);
        }
        const q = src[i];
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && src[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      // Text after the closing quote, up to the next delimiter, is kept as it is.
      while (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
        field += src[i];
        i++;
      }
      continue;
    }
    if (ch === ',') {
      record.push(field);
      field = '';
      i++;
      continue;
    }
    field += ch;
    i++;
  }
  // The last record, unless the text ended with a line break (or was empty).
  if (started) endRecord();
  return records;
}

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
/** Characters that make Excel, WPS or LibreOffice read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function formatField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  let s = value;
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes records as CSV for Excel: UTF-8 with a BOM (without it Excel on Chinese Windows reads
 * the file as GBK and garbles it), CRLF after every record, fields quoted when needed.
 * Text that a spreadsheet would run as a formula gets a leading `'`; plain numbers stay as they are.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  let out = '\ufeff';
  for (const row of rows) out += row.map(formatField).join(',') + '\r\n';
  return out;
}
