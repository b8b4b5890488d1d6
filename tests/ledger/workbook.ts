import ExcelJS from 'exceljs';
import { cellText } from '../../cloudfunctions/kernel/xlsx';

/** One sheet of an exported workbook as the office reads it: each row's cell texts. */
export interface SheetText {
  name: string;
  rows: string[][];
}

/** Opens an export's `contentBase64` (xlsx) and reads every cell of every sheet as text. */
export async function readWorkbook(contentBase64: string): Promise<SheetText[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
      rows.push(cells);
    });
    return { name: ws.name, rows };
  });
}

/**
 * A sheet's rows as records keyed by the header row's titles; `headerRow` (0-based) skips the
 * lines above it (a printed sheet's title and totals).
 */
export function records(sheet: SheetText, headerRow = 0): Array<Record<string, string>> {
  const [header = [], ...rows] = sheet.rows.slice(headerRow);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * Every cell holding a Latin word of two or more letters (`accepted`, `lead`, `m_00001`): a
 * code that leaked into a sheet meant for people. A single letter (`A 类`) is Chinese usage.
 */
export function englishCells(sheets: SheetText[]): string[] {
  return sheets.flatMap((s) => [
    ...(/[A-Za-z]{2,}/.test(s.name) ? [`${s.name} (sheet name)`] : []),
    ...s.rows.flatMap((row, r) =>
      row.flatMap((text, c) =>
        /[A-Za-z]{2,}/.test(text) ? [`${s.name}!R${r + 1}C${c + 1}: ${text}`] : [],
      ),
    ),
  ]);
}
