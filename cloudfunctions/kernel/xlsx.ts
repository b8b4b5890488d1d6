/**
 * Reading and writing one-sheet .xlsx files with exceljs. exceljs is loaded only when a file is
 * actually read or written, so functions that never touch a spreadsheet do not pay for it at
 * cold start.
 */
import type * as ExcelJS from 'exceljs';

type ExcelModule = typeof ExcelJS;

let excelModule: Promise<ExcelModule> | undefined;

function loadExcelJs(): Promise<ExcelModule> {
  // Bundlers and jest hand back the CommonJS exports directly; native ESM puts them on `default`.
  excelModule ??= import('exceljs').then(
    (m) => ((m as { default?: ExcelModule }).default ?? m) as ExcelModule,
  );
  return excelModule;
}

/** Raised when the bytes are not a readable .xlsx workbook. */
export class XlsxReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XlsxReadError';
  }
}

export interface SheetRow {
  /** The row number the spreadsheet shows (1-based). */
  row: number;
  /** Cell texts from column A on; trailing empty cells may be missing. */
  cells: string[];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The text a person sees in a cell, independent of its number format: integers in full (a
 * phone number stored as a number stays 11 digits), other numbers to 15 significant digits as
 * Excel shows them, dates as YYYY-MM-DD, formulas by their cached result, rich text flattened.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
    return String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // exceljs builds dates from the serial number as UTC.
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText(value.result as ExcelJS.CellValue | undefined);
  }
  if ('hyperlink' in value) {
    return cellText(value.text as ExcelJS.CellValue | undefined);
  }
  if ('error' in value) return value.error;
  return '';
}

function isHidden(ws: ExcelJS.Worksheet): boolean {
  return ws.state === 'hidden' || ws.state === 'veryHidden';
}

/**
 * The rows of the first visible worksheet as text, empty rows left out. Throws XlsxReadError
 * when the bytes are not a workbook or it holds no worksheet.
 */
export async function readFirstSheet(bytes: Buffer): Promise<SheetRow[]> {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads at run time.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new XlsxReadError('无法打开 Excel 文件，文件可能已损坏或不是 .xlsx 格式', { cause });
  }
  const ws = wb.worksheets.find((w) => !isHidden(w)) ?? wb.worksheets[0];
  if (!ws) throw new XlsxReadError('Excel 文件中没有工作表');

  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // Merged cells report the merge's value in every cell they cover.
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

export type SheetValue = string | number | boolean | null;

export interface SheetColumn {
  /** Property of each record shown in this column. */
  key: string;
  /** Column title in the header row. */
  header: string;
  /** Width in characters; default from the header, at least 10. */
  width?: number;
  /** Store values as text (`@` format), e.g. phone or id numbers Excel would turn into 1.38E+10. */
  text?: boolean;
}

/** Excel refuses sheet names over 31 characters or holding any of `[]:*?/\`. */
function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return cleaned || 'Sheet1';
}

/** CJK characters take about two character widths in Excel's column width unit. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

export interface SheetSpec {
  name: string;
  columns: readonly SheetColumn[];
  rows: ReadonlyArray<Readonly<Record<string, SheetValue | undefined>>>;
  /**
   * Lines above the header row, each merged across the columns and centred: a bold title, then
   * `lines` (totals, time and place). The header row follows them.
   */
  heading?: { title: string; lines?: readonly string[] };
  /**
   * Laid out to print: A4 fitted to the page width, a thin border on every cell of the table,
   * the header row repeated on each page, records `rowHeight` points tall (room to sign).
   */
  print?: { landscape?: boolean; rowHeight?: number };
}

/** A one-sheet workbook; see `writeWorkbookXlsx`. */
export function writeSheetXlsx(
  rows: SheetSpec['rows'],
  columns: SheetSpec['columns'],
  sheetName: string,
): Promise<Buffer> {
  return writeWorkbookXlsx([{ name: sheetName, columns, rows }]);
}

/**
 * A workbook with one sheet per view: each a bold, frozen header row with a filter, then one
 * row per record. Strings are always stored as strings (never as formulas), so no cell can run
 * anything.
 */
export async function writeWorkbookXlsx(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  for (const { name, columns, rows, heading, print } of sheets) {
    const headerRow = heading ? 2 + (heading.lines?.length ?? 0) : 1;
    const ws = wb.addWorksheet(safeSheetName(name), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
    });
    ws.columns = columns.map((c) => ({
      key: c.key,
      width: c.width ?? Math.max(10, displayWidth(c.header) + 4),
      ...(c.text ? { style: { numFmt: '@' } } : {}),
    }));
    if (heading) writeHeading(ws, heading, columns.length);
    const header = ws.getRow(headerRow);
    header.values = columns.map((c) => c.header);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center' };
    for (const record of rows) {
      const values: Record<string, SheetValue> = {};
      for (const c of columns) {
        const v = record[c.key];
        values[c.key] = v === undefined || v === null ? null : c.text ? String(v) : v;
      }
      const row = ws.addRow(values);
      columns.forEach((c, i) => {
        if (c.text) row.getCell(i + 1).numFmt = '@';
      });
    }
    if (columns.length > 0) {
      ws.autoFilter = {
        from: { row: headerRow, column: 1 },
        to: { row: headerRow, column: columns.length },
      };
    }
    if (print) layOutForPrint(ws, print, headerRow, columns.length);
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as unknown as ArrayBuffer);
}

function writeHeading(
  ws: ExcelJS.Worksheet,
  heading: NonNullable<SheetSpec['heading']>,
  width: number,
): void {
  const last = Math.max(1, width);
  [heading.title, ...(heading.lines ?? [])].forEach((text, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = text;
    if (last > 1) ws.mergeCells(i + 1, 1, i + 1, last);
    row.alignment = { vertical: 'middle', horizontal: 'center' };
    if (i === 0) {
      row.font = { bold: true, size: 16 };
      row.height = 30;
    }
  });
}

function layOutForPrint(
  ws: ExcelJS.Worksheet,
  print: NonNullable<SheetSpec['print']>,
  headerRow: number,
  width: number,
): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: print.landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
  const thin = { style: 'thin' as const };
  for (let r = headerRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (r > headerRow && print.rowHeight) row.height = print.rowHeight;
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      if (r > headerRow) cell.alignment = { vertical: 'middle', wrapText: true };
    }
  }
}
