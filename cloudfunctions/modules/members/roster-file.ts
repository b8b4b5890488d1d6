/**
 * The roster file the committee office keeps in Excel: reading it for import (CSV or .xlsx,
 * whatever Excel or WPS saved) and writing it for export. Reading checks every row and reports
 * every problem at once, in Chinese, with the row number and column title the office sees.
 */
import {
  EDITABLE_ROLES,
  GENDERS,
  MAX_ROSTER_FILE_BYTES,
  ROLE_LABELS,
  phoneNumber,
  type Gender,
  type Role,
  type RosterRowError,
} from '../../../typings/contracts/members';
import type { ErrorCode } from '../../../typings/contracts/errors';
import {
  readFirstSheet,
  XlsxReadError,
  type SheetColumn,
  type SheetRow,
  type SheetValue,
} from '../../kernel/xlsx';
import { CsvError, parseCsv } from './csv';

export interface RosterRow {
  name: string;
  gender: Gender | null;
  sector: string | null;
  specialCommittee: string | null;
  standingMember: boolean;
  phone: string | null;
  term: string | null;
  roles: Role[];
}

export interface RosterFileContent {
  /** Rows without any error, by the row number the spreadsheet shows. */
  rows: Array<{ row: number; data: RosterRow }>;
  /** Every problem found; the import must be refused as a whole when there is any. */
  errors: RosterRowError[];
  /**
   * The fields the file has a column for. An update leaves every other field of an existing
   * entry as it is: a file with fewer columns erases nothing.
   */
  fields?: Array<keyof RosterRow>;
}

/** A file that cannot be read as a roster at all (as opposed to rows with mistakes). */
export class RosterFileError extends Error {
  constructor(
    readonly code: Extract<
      ErrorCode,
      'ROSTER.FILE_UNREADABLE' | 'ROSTER.EMPTY' | 'REQUEST.TOO_LARGE'
    >,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RosterFileError';
  }
}

export const MAX_ROSTER_ROWS = 3000;
export const MAX_NAME_LENGTH = 30;
/** Same bound as the roster filters in the contract, so every value stays filterable. */
export const MAX_TEXT_LENGTH = 30;

type Field = keyof RosterRow;

/** Canonical column titles: used for export, and accepted on import. */
export const ROSTER_HEADERS: Record<Field, string> = {
  name: '姓名',
  gender: '性别',
  sector: '界别',
  specialCommittee: '专委会',
  standingMember: '是否常委',
  phone: '手机号码',
  term: '届次',
  roles: '角色',
};

/** Accepted titles per field, best first: when two columns fit one field, the better title wins. */
const HEADER_ALIASES: Record<Field, readonly string[]> = {
  name: ['姓名'],
  gender: ['性别'],
  sector: ['界别'],
  specialCommittee: ['专委会', '专门委员会', '所属专委会', '所属专门委员会'],
  standingMember: ['是否常委', '常委'],
  phone: ['手机号码', '手机号', '手机', '移动电话', '联系电话'],
  term: ['届次', '届别'],
  roles: ['角色'],
};

const FIELD_BY_TITLE = new Map<string, { field: Field; rank: number }>();
for (const [field, titles] of Object.entries(HEADER_ALIASES) as Array<[Field, readonly string[]]>) {
  titles.forEach((t, rank) => FIELD_BY_TITLE.set(t, { field, rank }));
}

/** Title rows ("××区政协委员名册") may sit above the header; look this far for it. */
const HEADER_SEARCH_ROWS = 5;

const XLS_MESSAGE =
  '不支持旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 文件后重新上传';
const UNREADABLE_MESSAGE = '无法读取名册文件，请上传 CSV 或 Excel（.xlsx）文件';

// Whitespace Excel users leave around values: ordinary and full-width spaces, no-break and
// zero-width spaces, BOMs.
const SPACE = '\\s\\u00a0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const EDGE_SPACE = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'g');
const ANY_SPACE = new RegExp(`[${SPACE}]+`, 'g');

function clean(s: string | undefined): string {
  return (s ?? '').replace(EDGE_SPACE, '');
}

/** "姓\u3000名", "*手机号码", "手机号码（必填）" all name their column. */
function normalizeTitle(s: string): string {
  return clean(s)
    .replace(ANY_SPACE, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '');
}

/** Names padded for alignment ("张\u3000三") lose the padding; other names keep single spaces. */
export function normalizeName(s: string): string {
  const v = clean(s);
  const noSpace = v.replace(ANY_SPACE, '');
  return /^[\u3400-\u9fff\uf900-\ufaff·]+$/.test(noSpace) ? noSpace : v.replace(ANY_SPACE, ' ');
}

/** Digits only: full-width digits folded, spaces, dashes and brackets dropped, +86 removed. */
function normalizePhone(s: string): string {
  const v = s.normalize('NFKC').replace(/[\s\-‐‑–—()]/g, '');
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(v);
  return m?.[1] ?? v;
}

const TRUE_WORDS = new Set(['是', '√', '✓', '✔', '☑', '常委', 'Y', 'YES', 'TRUE', '1']);
const FALSE_WORDS = new Set(['否', '不是', '×', '✗', '✘', '非常委', 'N', 'NO', 'FALSE', '0']);

// Only the roles set on a member's page: a unit contact is made from the units page.
const ROLE_BY_WORD = new Map<string, Role>();
for (const role of EDITABLE_ROLES) {
  ROLE_BY_WORD.set(ROLE_LABELS[role], role);
  ROLE_BY_WORD.set(role.toLowerCase(), role);
}

const ROLE_LIST = EDITABLE_ROLES.map((r) => ROLE_LABELS[r]).join('、');

// ---------------------------------------------------------------------------------------------
// Bytes to rows of text

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m?.[1]?.toLowerCase() ?? '';
}

/** Control bytes other than tab and line breaks mean the file is not text. */
function looksBinary(bytes: Buffer): boolean {
  for (const b of bytes) {
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return true;
  }
  return false;
}

/** UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (what Excel on Chinese Windows saves). */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new RosterFileError(
        'ROSTER.FILE_UNREADABLE',
        '无法识别 CSV 文件的文字编码，请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”后重新上传',
        { cause },
      );
    }
  }
}

async function readSheetRows(fileName: string, bytes: Buffer): Promise<SheetRow[]> {
  if (bytes.length === 0) throw new RosterFileError('ROSTER.EMPTY', '名册文件是空的');
  if (bytes.length > MAX_ROSTER_FILE_BYTES) {
    throw new RosterFileError('REQUEST.TOO_LARGE', '名册文件不能超过 2 MB，请分批导入');
  }
  const ext = extensionOf(fileName);

  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) {
    try {
      return await readFirstSheet(bytes);
    } catch (cause) {
      if (cause instanceof XlsxReadError) {
        throw new RosterFileError('ROSTER.FILE_UNREADABLE', cause.message, { cause });
      }
      throw cause;
    }
  }
  // Old binary workbooks (.xls, WPS .et), and anything else named .xls (some systems save HTML
  // or text under that name).
  if (startsWith(bytes, OLE2) || ext === 'xls' || ext === 'et') {
    throw new RosterFileError('ROSTER.FILE_UNREADABLE', XLS_MESSAGE);
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new RosterFileError(
      'ROSTER.FILE_UNREADABLE',
      '不支持 Unicode 文本（UTF-16）格式，请另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后重新上传',
    );
  }
  if (looksBinary(bytes)) {
    const message =
      ext === 'xlsx' || ext === 'xlsm'
        ? '文件扩展名是 .xlsx，但内容不是 Excel 工作簿，文件可能已损坏'
        : UNREADABLE_MESSAGE;
    throw new RosterFileError('ROSTER.FILE_UNREADABLE', message);
  }
  // Text, whatever its name says: a CSV.
  let records: string[][];
  try {
    records = parseCsv(decodeText(bytes));
  } catch (cause) {
    if (cause instanceof CsvError) {
      throw new RosterFileError('ROSTER.FILE_UNREADABLE', `${cause.message}，请检查该行的双引号`, {
        cause,
      });
    }
    throw cause;
  }
  return records.map((cells, i) => ({ row: i + 1, cells }));
}

// ---------------------------------------------------------------------------------------------
// Rows of text to roster rows

interface ColumnMap {
  /** Column index (0-based) and the title as written in the file, per recognised field. */
  fields: Partial<Record<Field, { index: number; title: string }>>;
}

function mapHeader(cells: readonly string[]): ColumnMap {
  const fields: ColumnMap['fields'] = {};
  const ranks: Partial<Record<Field, number>> = {};
  cells.forEach((raw, index) => {
    const hit = FIELD_BY_TITLE.get(normalizeTitle(raw));
    if (!hit) return;
    const best = ranks[hit.field];
    if (best !== undefined && best <= hit.rank) return;
    ranks[hit.field] = hit.rank;
    fields[hit.field] = { index, title: clean(raw) };
  });
  return { fields };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => clean(c) === '');
}

function parseRow(
  sheetRow: SheetRow,
  columns: ColumnMap,
): { data: RosterRow; errors: RosterRowError[]; phoneGiven: boolean } {
  const { row, cells } = sheetRow;
  const errors: RosterRowError[] = [];
  const col = (field: Field) => columns.fields[field];
  const get = (field: Field): string => {
    const c = col(field);
    return c ? clean(cells[c.index]) : '';
  };
  const fail = (field: Field | null, message: string) => {
    errors.push({ row, column: field ? (col(field)?.title ?? null) : null, message });
  };
  const text = (field: Field, label: string): string | null => {
    const v = get(field);
    if (v.length > MAX_TEXT_LENGTH) {
      fail(field, `${label}不能超过 ${MAX_TEXT_LENGTH} 个字（现为 ${v.length} 个字）`);
    }
    return v || null;
  };

  const name = normalizeName(get('name'));
  if (!name) fail('name', '姓名不能为空');
  else if ([...name].length > MAX_NAME_LENGTH) {
    fail('name', `姓名不能超过 ${MAX_NAME_LENGTH} 个字（现为 ${[...name].length} 个字）`);
  }

  const genderText = get('gender');
  const gender = genderText.replace(/性$/, '');
  let genderValue: Gender | null = null;
  if ((GENDERS as readonly string[]).includes(gender)) genderValue = gender as Gender;
  else if (genderText) fail('gender', `性别应填写“男”或“女”，或留空（现为“${genderText}”）`);

  const sector = text('sector', '界别');
  const specialCommittee = text('specialCommittee', '专委会');
  const term = text('term', '届次');

  const standingText = get('standingMember');
  const standingWord = standingText.toUpperCase();
  let standingMember = false;
  if (TRUE_WORDS.has(standingWord)) standingMember = true;
  else if (standingText && !FALSE_WORDS.has(standingWord)) {
    fail('standingMember', `是否常委应填写“是”或“否”（也可填 √ 或留空），现为“${standingText}”`);
  }

  const phoneText = get('phone');
  let phone: string | null = null;
  if (phoneText) {
    const digits = normalizePhone(phoneText);
    if (phoneNumber.safeParse(digits).success) phone = digits;
    else fail('phone', `手机号“${phoneText}”格式不正确，应为 11 位中国大陆手机号，如 13800138000`);
  }

  const rolesText = get('roles');
  const roles: Role[] = [];
  for (const word of rolesText.split(/[、,，;；/／\s]+/)) {
    if (!word) continue;
    const role = ROLE_BY_WORD.get(word.toLowerCase());
    if (!role) {
      fail(
        'roles',
        `角色“${word}”无法识别，可填写：${ROLE_LIST}；多个角色用顿号（、）或逗号分隔，留空即为委员`,
      );
    } else if (!roles.includes(role)) roles.push(role);
  }
  if (roles.length === 0) roles.push('member');

  return {
    data: {
      name,
      gender: genderValue,
      sector,
      specialCommittee,
      standingMember,
      phone,
      term,
      roles,
    },
    errors,
    phoneGiven: phoneText !== '',
  };
}

/**
 * Reads a roster file (CSV in UTF-8 or GBK, or .xlsx; the content decides, not the name) and
 * checks every row. Returns the rows that passed and every error found; the caller refuses the
 * whole import when there is any error.
 *
 * Throws RosterFileError when the file cannot be read as a roster at all: old .xls, not a
 * spreadsheet, unreadable encoding, an unterminated quote, too large (REQUEST.TOO_LARGE), or no
 * data rows (ROSTER.EMPTY).
 *
 * Row-level errors: the header (row 1 unless title rows precede it) lacks a 姓名 column; more
 * than MAX_ROSTER_ROWS data rows (one error, no rows checked); per row: missing or too long
 * name, unknown gender, bad phone, unrecognised 常委 value, unknown role, over-long text; a
 * phone already used by an earlier row, or a name repeated with no phone on either row
 * (reported on the later row, naming the earlier one).
 */
export async function readRosterFile(fileName: string, bytes: Buffer): Promise<RosterFileContent> {
  const sheet = (await readSheetRows(fileName, bytes)).filter((r) => !isBlank(r.cells));
  const first = sheet[0];
  if (!first) throw new RosterFileError('ROSTER.EMPTY', '名册文件中没有任何内容');

  const headerAt = sheet
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) => r.cells.some((c) => FIELD_BY_TITLE.get(normalizeTitle(c))?.field === 'name'));
  const header = sheet[headerAt];
  if (headerAt < 0 || !header) {
    return {
      rows: [],
      errors: [
        {
          row: first.row,
          column: null,
          message: `表头中没有“姓名”列。第 ${first.row} 行应为表头，列名如：${Object.values(ROSTER_HEADERS).join('、')}`,
        },
      ],
    };
  }
  const columns = mapHeader(header.cells);
  const data = sheet.slice(headerAt + 1);
  if (data.length === 0) {
    throw new RosterFileError('ROSTER.EMPTY', '名册文件中只有表头，没有数据行');
  }

  const beyond = data[MAX_ROSTER_ROWS];
  if (beyond) {
    return {
      rows: [],
      errors: [
        {
          row: beyond.row,
          column: null,
          message: `名册最多 ${MAX_ROSTER_ROWS} 行数据，本文件有 ${data.length} 行，请分批导入`,
        },
      ],
    };
  }

  const rows: RosterFileContent['rows'] = [];
  const errors: RosterRowError[] = [];
  const phoneTitle = columns.fields.phone?.title ?? null;
  const nameTitle = columns.fields.name?.title ?? null;
  const byPhone = new Map<string, { row: number; name: string }>();
  const byNameWithoutPhone = new Map<string, number>();
  for (const sheetRow of data) {
    const { data: row, errors: rowErrors, phoneGiven } = parseRow(sheetRow, columns);
    // Duplicates are checked even on rows with other mistakes, so one upload shows them all.
    if (row.phone) {
      const earlier = byPhone.get(row.phone);
      if (!earlier) byPhone.set(row.phone, { row: sheetRow.row, name: row.name });
      else if (earlier.name === row.name) {
        rowErrors.push({
          row: sheetRow.row,
          column: null,
          message: `与第 ${earlier.row} 行重复（姓名和手机号都相同），请删除重复的行`,
        });
      } else {
        rowErrors.push({
          row: sheetRow.row,
          column: phoneTitle,
          message: `手机号 ${row.phone} 与第 ${earlier.row} 行（${earlier.name}）重复，一个手机号只能对应一人`,
        });
      }
    } else if (row.name && !phoneGiven) {
      const earlier = byNameWithoutPhone.get(row.name);
      if (earlier === undefined) byNameWithoutPhone.set(row.name, sheetRow.row);
      else {
        rowErrors.push({
          row: sheetRow.row,
          column: nameTitle,
          message: `与第 ${earlier} 行同名且都没有手机号，无法区分是否为同一人；如是同一人请删除重复的行，否则请填写手机号`,
        });
      }
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else rows.push({ row: sheetRow.row, data: row });
  }
  return { rows, errors, fields: Object.keys(columns.fields) as Field[] };
}

// ---------------------------------------------------------------------------------------------
// Export

/** Columns of the roster export, titled so that the exported file imports back unchanged. */
export const ROSTER_COLUMNS: SheetColumn[] = [
  { key: 'name', header: ROSTER_HEADERS.name, width: 12 },
  { key: 'gender', header: ROSTER_HEADERS.gender, width: 8 },
  { key: 'sector', header: ROSTER_HEADERS.sector, width: 16 },
  { key: 'specialCommittee', header: ROSTER_HEADERS.specialCommittee, width: 16 },
  { key: 'standingMember', header: ROSTER_HEADERS.standingMember, width: 10 },
  { key: 'phone', header: ROSTER_HEADERS.phone, width: 16, text: true },
  { key: 'term', header: ROSTER_HEADERS.term, width: 10 },
  { key: 'roles', header: ROSTER_HEADERS.roles, width: 24 },
];

/** A roster row as the cells of the export: 是/否, role labels joined by 、. */
export function toRosterRecord(row: RosterRow): Record<Field, SheetValue> {
  return {
    name: row.name,
    gender: row.gender,
    sector: row.sector,
    specialCommittee: row.specialCommittee,
    standingMember: row.standingMember ? '是' : '否',
    phone: row.phone,
    term: row.term,
    roles: row.roles.map((r) => ROLE_LABELS[r]).join('、'),
  };
}
