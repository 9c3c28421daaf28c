/**
 * A scheme as the table of seed 000 Annex 4 (考核要点): 考核领域 | 考核内容 | 考核要点 | 评价部门, the domain with
 * its total ("宏观质量 (19.5 分)"), items numbered "1. 实施质量强省战略", each key point followed by its points
 * ("(3 分)"), then the 加分项 / 减分项 / 否决项 rows. annex4Layout() is shared with the Word export
 * (../word/scheme-annex4.ts).
 *
 * In the .xlsx the domain is written on every row, not merged down: a domain runs over several printed pages, and
 * a merged cell prints its text once (on the page where the merge starts, or nowhere when centred on a page break),
 * so a page would show key points without their domain. Items (a few rows each) stay merged, each kept on one page
 * (itemPageBreaks). The title, version note and header repeat on every page (print titles); "附件 4" heads and
 * "第 N 页 共 M 页" foots each page.
 */
import { loadExcelJS } from './exceljs';
import { arabicDate } from '../document-kit/gongwen';
import { LANDSCAPE_HEIGHT_PT, LANDSCAPE_UNITS, rowHeight, wrappedLines, xlsxBuffer } from '../document-kit/table';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { fromNumber, toDecimalString } from '../../../shared/scoring/rational';

export interface Annex4Row {
  domain: string;
  /** rows the domain cell spans (on its first row), 0 on the rows it covers */
  domainSpan: number;
  item: string;
  itemSpan: number;
  keyPoint: string;
  departments: string;
}

export interface Annex4Layout {
  title: string;
  /** e.g. "第 2 版（2026年11月24日发布）" or "草案 第 1 版（未发布）"; '' for a table printed without its version (the 征集通知's 附件4) */
  note: string;
  header: [string, string, string, string];
  rows: Annex4Row[];
}

const pts = (n: number) => toDecimalString(fromNumber(n));

export function annex4Layout(
  fw: Framework,
  names: ReadonlyMap<string, string>,
  meta?: { versionNo: number; status: string; publishedAt: string | null },
): Annex4Layout {
  const rows: Annex4Row[] = [];
  const deptNames = (codes: string[]) => [...new Set(codes)].map((c) => names.get(c) ?? c).join('，');
  let n = 0;
  for (const s of fw.sections) {
    const role = s.role ?? 'base';
    const start = rows.length;
    const domain = role === 'base' ? `${s.title.replace(/[（(].*$/, '').trim()} (${pts(s.points)}分)` : s.title;
    for (const it of s.items) {
      n++;
      const item = `${n}. ${it.title}`;
      const first = rows.length;
      if (role === 'base') {
        for (const c of it.criteria)
          rows.push({ domain, domainSpan: 0, item, itemSpan: 0, keyPoint: `${c.title}(${pts(c.points)}分)`, departments: c.evaluatorsText ?? deptNames(c.evaluators ?? it.evaluators ?? []) });
      } else {
        const text = it.method?.trim() || it.criteria.map((c) => c.title).join('；');
        const evs = it.criteria.flatMap((c) => c.evaluators ?? it.evaluators ?? []);
        // the scheme's own words where it names a group (相关成员单位) for every criterion, else the departments that score
        const words = it.criteria.every((c) => c.evaluatorsText) ? [...new Set(it.criteria.map((c) => c.evaluatorsText))].join('；') : null;
        rows.push({ domain, domainSpan: 0, item, itemSpan: 0, keyPoint: text, departments: words ?? deptNames(evs) });
      }
      rows[first].itemSpan = rows.length - first;
    }
    if (rows.length > start) rows[start].domainSpan = rows.length - start;
  }
  const note = !meta
    ? ''
    : meta.status === 'draft'
      ? `草案第${meta.versionNo}版（未发布）`
      : `第${meta.versionNo}版（${meta.publishedAt ? `${arabicDate(meta.publishedAt)}发布` : '已发布'}${meta.status === 'superseded' ? '，已被新版本取代' : ''}）`;
  return { title: fw.title, note, header: ['考核领域', '考核内容', '考核要点', '评价部门'], rows };
}

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const widths = [16, 26, 72, 24];
/** the rows repeated on every page: the title, the version note, the header */
const TITLE_HEIGHT = 36;
const NOTE_HEIGHT = 18;
const HEADER_HEIGHT = 24;
/**
 * the print scale (%) at which the four columns fit the width of the kit's A4 landscape page, a twentieth kept in hand:
 * LibreOffice sets a column a little wider than its units (at the bare ratio, 91%, it put 评价部门 on pages of its own)
 */
const SCALE = Math.floor((95 * LANDSCAPE_UNITS.A4) / widths.reduce((a, b) => a + b, 0));

/**
 * The rows after which a page ends (sheet row numbers), an item's rows kept on one page: a merged item broken by a
 * page prints its name on one of the two pages only, and the other page's key points are nobody's (产品质量's 7.c at the
 * top of page 2 under an empty 考核内容). `heights`: each data row's, from sheet row `first`; `titles`: the rows
 * repeated on every page. A thirtieth of the page is kept in hand, as the table kit does.
 */
export function itemPageBreaks(rows: readonly Pick<Annex4Row, 'itemSpan'>[], heights: readonly number[], first: number, titles: number): number[] {
  const room = (LANDSCAPE_HEIGHT_PT * 0.97 * 100) / SCALE - titles;
  const breaks: number[] = [];
  let left = room;
  rows.forEach((r, i) => {
    if (r.itemSpan === 0) return;
    const block = heights.slice(i, i + r.itemSpan).reduce((a, b) => a + b, 0);
    // a page holding no row yet takes the item however tall
    if (block > left && left < room) {
      breaks.push(first + i - 1);
      left = room;
    }
    left -= block;
  });
  return breaks;
}
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** The .xlsx bytes: title (row 1), version note (row 2), header (row 3), one row per key point from row 4. */
export async function schemeAnnex4Xlsx(layout: Annex4Layout): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = '考评平台';
  wb.created = new Date();
  const ws = wb.addWorksheet('考核要点', {
    // a fixed scale, not fit-to-width: Excel ignores manual page breaks on a sheet scaled to fit, and the breaks below
    // keep each item on one page; the scale is the one fit-to-width came to (the columns' units on the kit's A4 page)
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: false,
      scale: SCALE,
      printTitlesRow: '1:3',
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    // "附件4" at the top left of every printed page, page numbers at the foot
    headerFooter: { oddHeader: '&L附件4', oddFooter: '&C第 &P 页 共 &N 页' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, 4);
  const title = ws.getCell(1, 1);
  title.value = layout.title;
  title.font = { name: '方正小标宋简体', size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = TITLE_HEIGHT;
  ws.mergeCells(2, 1, 2, 4);
  const note = ws.getCell(2, 1);
  note.value = layout.note;
  note.font = { name: '仿宋', size: 11 };
  note.alignment = { horizontal: 'right' };
  ws.getRow(2).height = NOTE_HEIGHT;
  const header = ws.getRow(3);
  layout.header.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { name: '黑体', size: 12, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = border;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  header.height = HEADER_HEIGHT;
  layout.rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    [r.domain, r.item, r.keyPoint, r.departments].forEach((v, j) => {
      const c = row.getCell(j + 1);
      c.value = v;
      c.font = { name: '仿宋', size: 11 };
      c.alignment = { vertical: 'middle', horizontal: j === 2 ? 'left' : 'center', wrapText: true };
      c.border = border;
    });
    // as high as the wrapped text (a CJK character two units; 11 pt measured as 12 for the fallback fonts' spacing);
    // a merged item counts only on a row of its own
    const texts = [r.domain, r.itemSpan === 1 ? r.item : '', r.keyPoint, r.departments];
    row.height = Math.max(20, rowHeight(Math.max(...texts.map((t, j) => (t ? wrappedLines(t, widths[j]) : 1))), 12));
  });
  layout.rows.forEach((r, i) => {
    if (r.itemSpan > 1) ws.mergeCells(4 + i, 2, 4 + i + r.itemSpan - 1, 2);
  });
  const heights = layout.rows.map((_, i) => ws.getRow(4 + i).height!);
  for (const b of itemPageBreaks(layout.rows, heights, 4, TITLE_HEIGHT + NOTE_HEIGHT + HEADER_HEIGHT)) ws.getRow(b).addPageBreak();
  return xlsxBuffer(wb);
}
