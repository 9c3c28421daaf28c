/**
 * A scheme as the Annex 4 table (考核要点) in a Word document, the layout shared with the .xlsx export.
 * Landscape A4 with the 公文 page numbers ("— N —", odd right, even left). Each domain is a table of its own
 * whose two header rows, the column titles and the domain band "宏观质量 (19.5 分)", repeat on every page the
 * domain runs onto, so a domain crossing a page is named again at the top of the next (a cell merged down
 * prints its text on the first page only). Items stay merged down within their domain.
 */
import { AlignmentType, Document, LineRuleType, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { Annex4Layout, Annex4Row } from '../excel/scheme-annex4';
import { declareFonts, FONT, LANDSCAPE_TEXT_WIDTH, MARGIN, PAGE, pageFooter, SIZE } from '../document-kit/gongwen';

/** the landscape 版心 */
const WIDTH = LANDSCAPE_TEXT_WIDTH;
const WIDTHS = [24, 56, 20].map((p) => Math.floor((WIDTH * p) / 100));

function cell(text: string, i: number, opts: { rowSpan?: number; columnSpan?: number; bold?: boolean; center?: boolean; shade?: boolean } = {}): TableCell {
  return new TableCell({
    rowSpan: opts.rowSpan && opts.rowSpan > 1 ? opts.rowSpan : undefined,
    columnSpan: opts.columnSpan,
    width: { size: opts.columnSpan ? WIDTH : WIDTHS[i], type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    shading: opts.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, size: SIZE.wuhao, font: opts.bold ? FONT.heiti : FONT.fangsong })],
      }),
    ],
  });
}

/** the rows of the layout grouped by domain */
export function byDomain(rows: Annex4Row[]): { domain: string; rows: Annex4Row[] }[] {
  const groups: { domain: string; rows: Annex4Row[] }[] = [];
  for (const r of rows) {
    if (r.domainSpan > 0 || !groups.length) groups.push({ domain: r.domain, rows: [] });
    groups[groups.length - 1].rows.push(r);
  }
  return groups;
}

/**
 * The annex's blocks: `label` ("附件4", or the number the annex has in the document it is appended to), the title,
 * the version note when `note`, then one table a domain — the body of schemeAnnex4Docx and of the 征集通知's
 * annex of the base year's scheme (../word/notice.ts), set on a landscape page.
 */
export function schemeAnnex4Children(layout: Annex4Layout, opts: { label: Paragraph; note: boolean; title?: string }): (Paragraph | Table)[] {
  const header = layout.header.slice(1);
  const tables = byDomain(layout.rows).flatMap((g, gi) => [
    // a thin paragraph between the tables keeps Word from joining them into one
    ...(gi > 0 ? [new Paragraph({ spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT }, children: [] })] : []),
    new Table({
      width: { size: WIDTH, type: WidthType.DXA },
      columnWidths: WIDTHS,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, { bold: true, center: true, shade: true })) }),
        new TableRow({ tableHeader: true, cantSplit: true, children: [cell(g.domain, 0, { columnSpan: 3, bold: true })] }),
        ...g.rows.map((r) => {
          const cells: TableCell[] = [];
          if (r.itemSpan > 0) cells.push(cell(r.item, 0, { rowSpan: r.itemSpan }));
          cells.push(cell(r.keyPoint, 1), cell(r.departments, 2, { center: true }));
          return new TableRow({ cantSplit: true, children: cells });
        }),
      ],
    }),
  ]);
  return [
    opts.label,
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // the title keeps with the first table (and the note), never ending a page alone
      keepNext: true,
      spacing: { before: 200, after: 120 },
      children: [new TextRun({ text: opts.title ?? layout.title, size: SIZE.erhao, font: FONT.xiaobiaosong })],
    }),
    ...(opts.note ? [new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, spacing: { after: 120 }, children: [new TextRun({ text: layout.note, size: SIZE.wuhao, font: FONT.fangsong })] })] : []),
    ...tables,
  ];
}

export async function schemeAnnex4Docx(layout: Annex4Layout): Promise<Buffer> {
  const doc = new Document({
    creator: '考评平台',
    title: layout.title,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN.left, bottom: MARGIN.right, left: MARGIN.top, right: MARGIN.bottom, footer: 850 },
          },
        },
        footers: { default: pageFooter('odd'), even: pageFooter('even') },
        children: schemeAnnex4Children(layout, { label: new Paragraph({ children: [new TextRun({ text: '附件4', size: SIZE.sanhao, font: FONT.heiti })] }), note: true }),
      },
    ],
  });
  return declareFonts(await Packer.toBuffer(doc));
}
