import JSZip from 'jszip';

/** A Word export as a reader of the file sees it. */
export interface DocxText {
  /** `word/document.xml` as written. */
  xml: string;
  /** `word/styles.xml`. */
  styles: string;
  /** Each paragraph's text (tables' cells included, one paragraph per line), in order. */
  paragraphs: string[];
  /** Each table's rows as cell texts. */
  tables: string[][][];
  /** Every paragraph joined by newlines. */
  text: string;
  /** The pictures' parts (`word/media/…`), by path: an SVG chart and its PNG fallback. */
  media: Record<string, Buffer>;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const runsText = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join('');

/** Opens an export's `contentBase64` (docx): unzips it and reads its paragraphs and tables. */
export async function readDocx(contentBase64: string): Promise<DocxText> {
  const zip = await JSZip.loadAsync(Buffer.from(contentBase64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) =>
    runsText(m[0]),
  );
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) =>
        [...c[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => runsText(p[0])).join('\n'),
      ),
    ),
  );
  const media: Record<string, Buffer> = {};
  for (const path of Object.keys(zip.files).filter((p) => p.startsWith('word/media/')))
    media[path] = await zip.file(path)!.async('nodebuffer');
  return { xml, styles, paragraphs, tables, text: paragraphs.join('\n'), media };
}
