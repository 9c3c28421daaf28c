/** A scheme as the Annex 4 table (考核要点) in a Word document, the layout shared with the .xlsx export. */
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Annex4Layout } from '../excel/scheme-annex4';

const FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const WIDTHS = [14, 22, 46, 18]; // percent

function cell(text: string, i: number, opts: { rowSpan?: number; bold?: boolean; center?: boolean } = {}): TableCell {
  return new TableCell({
    rowSpan: opts.rowSpan && opts.rowSpan > 1 ? opts.rowSpan : undefined,
    width: { size: WIDTHS[i], type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.bold, size: 21, font: FONT })],
      }),
    ],
  });
}

export async function schemeAnnex4Docx(layout: Annex4Layout): Promise<Buffer> {
  const header = new TableRow({ tableHeader: true, children: layout.header.map((h, i) => cell(h, i, { bold: true, center: true })) });
  const rows = layout.rows.map((r) => {
    const cells: TableCell[] = [];
    if (r.domainSpan > 0) cells.push(cell(r.domain, 0, { rowSpan: r.domainSpan, center: true }));
    if (r.itemSpan > 0) cells.push(cell(r.item, 1, { rowSpan: r.itemSpan }));
    cells.push(cell(r.keyPoint, 2), cell(r.departments, 3, { center: true }));
    return new TableRow({ cantSplit: true, children: cells });
  });
  const doc = new Document({
    creator: '考评平台',
    title: layout.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: [
          new Paragraph({ children: [new TextRun({ text: '附件 4', size: 28, font: { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' } })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 200, after: 120 },
            children: [new TextRun({ text: layout.title, bold: true, size: 36, font: { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' } })],
          }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 120 }, children: [new TextRun({ text: layout.note, size: 21, font: FONT })] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
