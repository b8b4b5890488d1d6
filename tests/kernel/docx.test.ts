import { barChart } from '../../cloudfunctions/kernel/charts';
import {
  chart,
  DOCX_MIME,
  heading,
  pageBreak,
  paragraph,
  table,
  title,
  writeDocx,
  writtenDate,
} from '../../cloudfunctions/kernel/docx';
import { readDocx } from '../support/docx';

describe('writeDocx (the document kernel)', () => {
  it('writes an A4 document set as government documents are, that reads back', async () => {
    const file = await writeDocx({
      fileName: '测试.docx',
      title: '测试文件',
      blocks: [
        title('2026 年度提案汇编', '共 2 件'),
        heading('一、经济建设（2 件）'),
        heading('第 2026-0001 号　关于停车的建议', 2),
        paragraph('第一段\n\n第二段 <&>', { label: '案由：', indent: true }),
        table(
          [{ header: '案号' }, { header: '标题', weight: 3 }],
          [['2026-0001', '关于停车的建议']],
        ),
        pageBreak(),
        paragraph('完'),
      ],
    });

    expect(file.fileName).toBe('测试.docx');
    expect(file.mimeType).toBe(DOCX_MIME);
    const doc = await readDocx(file.contentBase64);
    expect(doc.paragraphs).toEqual(
      expect.arrayContaining([
        '2026 年度提案汇编',
        '共 2 件',
        '一、经济建设（2 件）',
        '第 2026-0001 号　关于停车的建议',
        '案由：第一段',
        '第二段 <&>',
        '完',
      ]),
    );
    expect(doc.tables).toEqual([
      [
        ['案号', '标题'],
        ['2026-0001', '关于停车的建议'],
      ],
    ]);
    // A4 portrait, GB/T 9704 margins; a page break; the table's header row repeats.
    expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc.xml).toMatch(
      /<w:pgMar w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/,
    );
    expect(doc.xml).toContain('<w:br w:type="page"/>');
    expect(doc.xml).toContain('<w:tblHeader/>');
    // 宋体 title, 黑体 headings and labels, 仿宋 body text.
    const fontOf = (text: string) => {
      const run = doc.xml.split('</w:r>').find((r) => r.includes(`>${text}</w:t>`));
      return /w:eastAsia="([^"]+)"/.exec(run ?? '')?.[1];
    };
    expect(fontOf('2026 年度提案汇编')).toBe('宋体');
    expect(fontOf('一、经济建设（2 件）')).toBe('黑体');
    expect(fontOf('案由：')).toBe('黑体');
    expect(fontOf('第一段')).toBe('仿宋');
    expect(doc.styles).toContain('w:eastAsia="仿宋"');
  });

  it('leaves out characters XML cannot hold, so a pasted control character cannot break the file', async () => {
    const file = await writeDocx({
      fileName: 'x.docx',
      title: 'x\u0007',
      blocks: [paragraph('前\u0001后'), table([{ header: 'a\u000b' }], [['b\u0000']])],
    });

    const doc = await readDocx(file.contentBase64);
    expect(doc.paragraphs).toEqual(expect.arrayContaining(['前后']));
    expect(doc.tables[0]).toEqual([['a'], ['b']]);
  });

  it('embeds a chart as an SVG picture with a PNG fallback, at the text’s width, titled', async () => {
    const drawn = await barChart({
      id: 'byUnit',
      title: '承办单位办理情况',
      categories: ['区交通运输局'],
      series: [{ name: '交办', data: [3] }],
    });
    const file = await writeDocx({ fileName: 'c.docx', title: 'c', blocks: [chart(drawn)] });

    const doc = await readDocx(file.contentBase64);
    const svg = Object.entries(doc.media).find(([path]) => path.endsWith('.svg'));
    const png = Object.entries(doc.media).find(([path]) => path.endsWith('.png'));
    expect(svg?.[1].toString('utf8')).toBe(drawn.svg);
    expect(png?.[1].subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(doc.xml).toContain('asvg:svgBlip');
    expect(doc.xml).toContain('title="承办单位办理情况"');
    // 15 cm wide (in EMU), the chart's proportions kept.
    const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(doc.xml) ?? [];
    expect(Math.abs(Number(cx) / 360000 - 15)).toBeLessThan(0.05);
    expect(Number(cy) / Number(cx)).toBeCloseTo(drawn.height / drawn.width, 2);
  });

  it('writes dates as documents do, in Beijing time', () => {
    expect(writtenDate('2026-03-04T17:00:00.000Z')).toBe('2026 年 3 月 5 日');
    expect(writtenDate(new Date('2026-12-31T01:00:00.000Z'))).toBe('2026 年 12 月 31 日');
  });
});
