/**
 * Word documents (.docx) the office hands out: 提案汇编, 《社情民意》, 履职档案. A document is a
 * list of blocks (title, headings, paragraphs, tables, charts, page breaks) laid out on A4 as
 * government documents are set (GB/T 9704): 宋体 for the title, 黑体 for headings, 仿宋 for
 * the body, 宋体 in tables, page numbers at the foot. `docx` is loaded only when a document is
 * written, so functions that never write one do not pay for it at cold start.
 */
import type * as Docx from 'docx';
import { businessDate } from './clock';

type DocxModule = typeof Docx;

let docxModule: Promise<DocxModule> | undefined;

function loadDocx(): Promise<DocxModule> {
  // Bundlers and jest hand back the CommonJS exports directly; native ESM puts them on `default`.
  docxModule ??= import('docx').then(
    (m) => ((m as { default?: DocxModule }).default ?? m) as DocxModule,
  );
  return docxModule;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What every export action answers (the xlsx exports too). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

export type Align = 'left' | 'center' | 'right';

export type Block =
  /** The document's title (宋体, bold, 二号), centred; `lines` follow it in 仿宋, centred. */
  | { kind: 'title'; text: string; lines: string[] }
  /** 黑体: level 1 三号 (a part), level 2 四号 (an item within it); left unless `align`. */
  | { kind: 'heading'; text: string; level: 1 | 2; align?: Align }
  /**
   * Body text (仿宋 四号); each line of `text` is a paragraph. `label` leads it in 黑体
   * (`案由：`); `indent` indents the first line by two characters, as body text is set.
   */
  | {
      kind: 'paragraph';
      text: string;
      label?: string;
      indent?: boolean;
      align?: Align;
    }
  /** A bordered table (宋体 五号) with a bold header row repeated on every page. */
  | { kind: 'table'; columns: TableColumn[]; rows: string[][] }
  /**
   * A chart (kernel/charts.ts), centred at the text's width with its proportions, its title as
   * the picture's alt text. Word 2016 and later, WPS and LibreOffice draw the SVG itself; older
   * Word shows the fallback, a blank box (no rasteriser is shipped to draw a PNG).
   */
  | { kind: 'chart'; svg: string; width: number; height: number; title: string }
  | { kind: 'pageBreak' };

export interface TableColumn {
  header: string;
  /** Share of the text width; the shares of a table are relative to each other. Default 1. */
  weight?: number;
  align?: Align;
}

export const title = (text: string, ...lines: string[]): Block => ({ kind: 'title', text, lines });
export const heading = (text: string, level: 1 | 2 = 1, align?: Align): Block => ({
  kind: 'heading',
  text,
  level,
  ...(align ? { align } : {}),
});
export const paragraph = (
  text: string,
  options: { label?: string; indent?: boolean; align?: Align } = {},
): Block => ({ kind: 'paragraph', text, ...options });
export const table = (columns: TableColumn[], rows: string[][]): Block => ({
  kind: 'table',
  columns,
  rows,
});
export const pageBreak = (): Block => ({ kind: 'pageBreak' });
export const chart = (c: { svg: string; width: number; height: number; title: string }): Block => ({
  kind: 'chart',
  svg: c.svg,
  width: c.width,
  height: c.height,
  title: c.title,
});

/** A 1 × 1 white PNG: the fallback Word requires beside an SVG picture. */
const BLANK_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC',
  'base64',
);
/** A chart's width in a document: 15 cm (the text is 15.6 cm wide), in px at 96 dpi. */
const CHART_PX = Math.round((15 / 2.54) * 96);

/** A date as documents write it (Beijing time): `2026 年 3 月 5 日`. */
export function writtenDate(instant: Date | string): string {
  const [y, m, d] = businessDate(instant).split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}

export interface DocumentSpec {
  fileName: string;
  /** The file's own title (shown by Word's properties and the phone's viewer). */
  title: string;
  blocks: readonly Block[];
}

// Sizes in half-points (二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt); lengths in twips.
const SIZE = { title: 44, heading1: 32, heading2: 28, body: 28, table: 21 } as const;
const FONT = { title: '宋体', heading: '黑体', body: '仿宋', table: '宋体' } as const;
/** A4, with GB/T 9704's margins (37 mm top, 35 mm bottom, 28 mm left, 26 mm right). */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Characters XML 1.0 cannot hold (a pasted control character would make the file unreadable). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function clean(text: string): string {
  return text.replace(NOT_XML, '');
}

/** A text's lines, blank ones dropped (paragraph spacing separates them); one at least. */
function lines(text: string): string[] {
  const kept = clean(text)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return kept.length > 0 ? kept : [''];
}

function fontOf(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

/** Writes the document; answers it as the export actions do (base64 of the .docx). */
export async function writeDocx(spec: DocumentSpec): Promise<ExportedFile> {
  const d = await loadDocx();
  const alignment = (a: Align | undefined) =>
    a === 'center'
      ? d.AlignmentType.CENTER
      : a === 'right'
        ? d.AlignmentType.RIGHT
        : d.AlignmentType.JUSTIFIED;

  const run = (text: string, font: string, size: number, bold = false) =>
    new d.TextRun({ text: clean(text), font: fontOf(font), size, bold });

  const toParagraphs = (b: Block): Array<Docx.Paragraph | Docx.Table> => {
    switch (b.kind) {
      case 'title':
        return [
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            spacing: { before: 0, after: 240 },
            children: [run(b.text, FONT.title, SIZE.title, true)],
          }),
          ...b.lines.map(
            (l) =>
              new d.Paragraph({
                alignment: d.AlignmentType.CENTER,
                spacing: { after: 120 },
                children: [run(l, FONT.body, SIZE.body)],
              }),
          ),
          new d.Paragraph({ children: [] }),
        ];
      case 'heading':
        return [
          new d.Paragraph({
            heading: b.level === 1 ? d.HeadingLevel.HEADING_1 : d.HeadingLevel.HEADING_2,
            ...(b.align ? { alignment: alignment(b.align) } : {}),
            keepNext: true,
            spacing: { before: b.level === 1 ? 240 : 200, after: 120 },
            children: [
              run(
                b.text,
                FONT.heading,
                b.level === 1 ? SIZE.heading1 : SIZE.heading2,
                b.level === 2,
              ),
            ],
          }),
        ];
      case 'paragraph':
        return lines(b.text).map(
          (l, i) =>
            new d.Paragraph({
              alignment: alignment(b.align),
              spacing: { line: 360 },
              ...(b.indent ? { indent: { firstLine: 2 * SIZE.body * 10 } } : {}),
              children: [
                ...(b.label && i === 0 ? [run(b.label, FONT.heading, SIZE.body)] : []),
                run(l, FONT.body, SIZE.body),
              ],
            }),
        );
      case 'table':
        return [tableOf(d, b.columns, b.rows), new d.Paragraph({ children: [] })];
      case 'chart':
        return [
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            keepLines: true,
            spacing: { before: 120, after: 240, line: 240 },
            children: [
              new d.ImageRun({
                type: 'svg',
                data: Buffer.from(b.svg, 'utf8'),
                fallback: { type: 'png', data: BLANK_PNG },
                transformation: {
                  width: CHART_PX,
                  height: Math.round((CHART_PX * b.height) / b.width),
                },
                altText: { name: b.title, title: b.title, description: b.title },
              }),
            ],
          }),
        ];
      case 'pageBreak':
        return [new d.Paragraph({ children: [new d.PageBreak()] })];
    }
  };

  const doc = new d.Document({
    title: clean(spec.title),
    creator: '政协履职通',
    styles: {
      default: {
        document: {
          run: { font: fontOf(FONT.body), size: SIZE.body },
          paragraph: { spacing: { line: 360 } },
        },
        heading1: { run: { font: fontOf(FONT.heading), size: SIZE.heading1, color: '000000' } },
        heading2: { run: { font: fontOf(FONT.heading), size: SIZE.heading2, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: PAGE.width,
              height: PAGE.height,
              orientation: d.PageOrientation.PORTRAIT,
            },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: {
          default: new d.Footer({
            children: [
              new d.Paragraph({
                alignment: d.AlignmentType.CENTER,
                children: [
                  new d.TextRun({
                    children: ['— ', d.PageNumber.CURRENT, ' —'],
                    font: fontOf(FONT.table),
                    size: SIZE.heading2,
                  }),
                ],
              }),
            ],
          }),
        },
        children: spec.blocks.flatMap(toParagraphs),
      },
    ],
  });
  const bytes = await d.Packer.toBuffer(doc);
  return {
    fileName: spec.fileName,
    mimeType: DOCX_MIME,
    contentBase64: Buffer.from(bytes).toString('base64'),
  };
}

function tableOf(d: DocxModule, columns: TableColumn[], rows: string[][]): Docx.Table {
  const weights = columns.map((c) => c.weight ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / sum));
  const border = { style: d.BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (text: string, i: number, header: boolean) =>
    new d.TableCell({
      width: { size: widths[i]!, type: d.WidthType.DXA },
      verticalAlign: d.VerticalAlignTable.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: lines(text).map(
        (l) =>
          new d.Paragraph({
            alignment: header
              ? d.AlignmentType.CENTER
              : columns[i]?.align === 'center'
                ? d.AlignmentType.CENTER
                : columns[i]?.align === 'right'
                  ? d.AlignmentType.RIGHT
                  : d.AlignmentType.LEFT,
            spacing: { line: 280 },
            children: [
              new d.TextRun({
                text: l,
                font: fontOf(header ? FONT.heading : FONT.table),
                size: SIZE.table,
              }),
            ],
          }),
      ),
    });
  return new d.Table({
    width: { size: TEXT_WIDTH, type: d.WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new d.TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => cell(c.header, i, true)),
      }),
      ...rows.map(
        (r) =>
          new d.TableRow({
            cantSplit: true,
            children: columns.map((_, i) => cell(r[i] ?? '', i, false)),
          }),
      ),
    ],
  });
}
