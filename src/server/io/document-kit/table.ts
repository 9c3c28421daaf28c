/**
 * The .xlsx table kit: one sheet per table, set up to print as an office prints it.
 * - A4 landscape, fit to one page wide, margins of a printed form; the title row(s) and the header row repeat
 *   on every page (print titles); footer "第 N 页 共 M 页".
 * - Fonts declared as 宋体 (header, title) and 仿宋 (data); numbers stored as numbers with a display format.
 * - Row heights computed from the wrapped text (a CJK character counts two column-width units), since Excel
 *   does not grow a row for wrapped text it did not type itself and LibreOffice/WPS print such rows cut.
 * - Data validation as one range per column (ExcelJS, given one validation per cell, merges them into
 *   ranges sorted as text — "A10" before "A2" — that overlap, which WPS and LibreOffice misread).
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadExcelJS } from '../excel/exceljs';

export type CellValue = string | number | null;

/** a row that heads the rows after it (a key point over its units): one cell across the table, bold, kept with its next row */
export interface TableHeading {
  heading: string;
}
const isHeading = (r: CellValue[] | TableHeading): r is TableHeading => !Array.isArray(r);

/**
 * a note under the table: a text spans the table (several pages wide, the columns repeated on every page); with
 * `columns` (first and last, from 1) it spans those, the columns of one page it explains: a table two pages wide
 * notes each page under its own columns, at that page's width (over the repeated columns alone, three of sixteen,
 * they wrapped a line every few words and took a page of their own)
 */
export type TableNote = string | { text: string; columns: readonly [number, number] };

export interface TableColumn {
  header: string;
  /** column width in Excel units (≈ one Latin character; a CJK character takes two) */
  width: number;
  /** 'number' cells hold numbers (strings that parse as numbers are converted); text is left as text */
  kind?: 'text' | 'number';
  /** display format for numbers, e.g. "0.0#" (the stored value keeps every digit) */
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
  /** one validation for the whole column's data range */
  validation?: ExcelJS.DataValidation;
}

export interface TableSheet {
  name: string;
  title: string;
  /** a line under the title (e.g. 填报单位、日期) */
  subtitle?: string | null;
  columns: TableColumn[];
  rows: (CellValue[] | TableHeading)[];
  /** notes under the table, one merged row each */
  notes?: TableNote[];
  /** number of empty data rows to add for filling in by hand (with validations) */
  blankRows?: number;
  portrait?: boolean;
  /**
   * a table wider than a page prints readable: on A3 (or `paper`), as many pages wide as it needs with these first
   * columns repeated on each (the default: A4, one page wide, shrunk to fit)
   */
  wide?: { pagesWide: number; repeatColumns: number; paper?: 'A4' | 'A3' };
  /**
   * the notes print on the page of the table's last row, never on a page of their own (the 签字 and 盖章 lines of a
   * sheet to sign and seal): a landscape sheet one A4 page wide at full size is paged by manual breaks (rowsToPages)
   */
  keepNotesWithRows?: boolean;
  /**
   * a sheet a little longer than a page (at most a tenth, SHRINK_ALLOWANCE, by the kit's row heights) prints on that
   * one page, shrunk, never with its last rows on a page of their own (a reference list: the 荣誉类别); landscape only
   */
  onePageWhenClose?: boolean;
}

/**
 * Excel width units across a landscape page at full size, inside the kit's margins: a unit is the width of the default
 * font's "0", Arial 11 (DEFAULT_FONT), 6 pt in Excel and WPS (LibreOffice's Liberation Sans a little less)
 */
export const LANDSCAPE_UNITS = { A4: 126, A3: 184 } as const;
/** a table this much wider than a page still prints on it, shrunk by a tenth at most */
export const SHRINK_ALLOWANCE = 1 / 0.9;
/** points down an A4 landscape page inside the kit's margins: 210 mm less 0.75 in at the top and the bottom */
export const LANDSCAPE_HEIGHT_PT = 487;
/** what Excel, WPS and LibreOffice give a row whose height is not set, in points (LibreOffice's 0.45 cm is less) */
const DEFAULT_ROW_PT = 15;

/**
 * How many empty rows `blankPt` high fit under a sheet's last row without starting a page of their own, on an A4
 * landscape page one page wide (`printedUnits`: the printed columns' widths, shrunk to the page's LANDSCAPE_UNITS
 * when wider) whose rows 1…`titleRows` repeat on every page: the rows to write in fill the last page the content
 * needs, never a page of nothing but empty rows. A tenth of the page is kept in hand, as WPS and LibreOffice set
 * Chinese text a little taller than Excel.
 */
export function blankRowsThatFit(ws: ExcelJS.Worksheet, o: { titleRows: number; printedUnits: number; blankPt: number; most: number }): number {
  const height = (r: number) => ws.getRow(r).height ?? DEFAULT_ROW_PT;
  const page = LANDSCAPE_HEIGHT_PT * 0.9 * Math.max(1, o.printedUnits / LANDSCAPE_UNITS.A4);
  let titles = 0;
  for (let r = 1; r <= o.titleRows; r++) titles += height(r);
  const room = page - titles;
  let left = room;
  for (let r = o.titleRows + 1; r <= ws.rowCount; r++) {
    const h = height(r);
    // a row that does not fit what is left starts the next page
    left = h <= left ? left - h : Math.max(0, room - h);
  }
  return Math.max(0, Math.min(o.most, Math.floor(left / o.blankPt)));
}

export const FONT_TITLE = '宋体';
export const FONT_BODY = '仿宋';
const TITLE_SIZE = 16;
const HEAD_SIZE = 11;
const BODY_SIZE = 11;
const THIN = { style: 'thin' as const };
const BOX = { top: THIN, bottom: THIN, left: THIN, right: THIN };

/** display width of a string in Excel column units: a CJK/full-width character counts two */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/.test(ch) ? 2 : 1.1;
  return w;
}

/**
 * a column width (units) in which each of `texts` prints on one line (wrappedLines counts 1.5 units of padding), at
 * least `min` and at most `max` units (past it a long text wraps)
 */
export function widthToFit(texts: readonly string[], min: number, max = Infinity): number {
  return Math.min(max, Math.max(min, Math.ceil(Math.max(0, ...texts.map(textWidth)) + 2)));
}

/**
 * whether a sheet's title prints on one line across `units` column units: the title is set at TITLE_SIZE, and a unit
 * holds less of it than of the body's text; a title that does not should be broken where it reads (after a plan's
 * name), not wherever the line ends (「…督办矩」 over 「阵」)
 */
export const titleFits = (title: string, units: number) => (textWidth(title) * TITLE_SIZE) / BODY_SIZE <= units - 1.5;

/** lines a text takes in a column of `width` units (explicit line breaks kept) */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return String(text)
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** row height in points for `lines` lines of `size`-point text */
export const rowHeight = (lines: number, size = BODY_SIZE) => Math.ceil(lines * size * 1.35 + 4);

const toNumber = (v: CellValue): CellValue => {
  if (typeof v !== 'string' || v.trim() === '') return v;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
};

// a range address is written as given (exceljs's types do not declare dataValidations)
const validationsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

/**
 * Data validation for one column, one rule per row from `firstRow` (null: none): each run of rows with the same rule
 * is written as one range. Never set cell.dataValidation row by row: exceljs squeezes those into ranges when it
 * writes, sorting the addresses as text (G10 before G4), and emits overlapping ranges (G10:G12 and G4:G12), which
 * Excel rejects with a repair prompt.
 */
export function validateColumn(ws: ExcelJS.Worksheet, column: number, firstRow: number, rules: readonly (ExcelJS.DataValidation | null | undefined)[]): void {
  const letter = ws.getColumn(column).letter;
  const key = (v: ExcelJS.DataValidation | null | undefined) => (v ? JSON.stringify(v) : '');
  let start = 0;
  for (let i = 1; i <= rules.length; i++) {
    if (i < rules.length && key(rules[i]) === key(rules[start])) continue;
    const rule = rules[start];
    if (rule) validationsOf(ws).add(`${letter}${firstRow + start}:${letter}${firstRow + i - 1}`, rule);
    start = i;
  }
}

/**
 * Where a table's pages break (the rows after which each page ends, as sheet row numbers) when its rows are `heights`
 * points high from row `first`, under `titles` points of rows repeated on every page, with `notes` points of notes
 * after the last row that go on the last row's page: a page holds `page` points. The notes that do not fit take the
 * last row over with them. A page that begins at row index i within a heading's rows begins with that heading's
 * repeat (「…（续）」), `repeat.get(i)` points high (by index into heights, as keepWithNext).
 */
export function rowsToPages(
  heights: number[],
  o: { first: number; titles: number; notes: number; page: number; keepWithNext?: ReadonlySet<number>; repeat?: ReadonlyMap<number, number> },
): number[] {
  const room = o.page - o.titles;
  const breaks: number[] = [];
  // a heading (keepWithNext, by index into heights) never ends a page: it goes over with the row it heads, unless it
  // began that page itself
  const heading = (i: number) => o.keepWithNext?.has(i) ?? false;
  let pageStart = 0;
  const startPage = (at: number) => {
    breaks.push(o.first + at - 1);
    pageStart = at;
    return room - (o.repeat?.get(at) ?? 0);
  };
  let left = room;
  heights.forEach((h, i) => {
    // a page holding no row yet (a repeated heading at most) takes the row however tall
    if (h > left && i > pageStart) {
      const back = heading(i - 1) && pageStart < i - 1 ? 1 : 0;
      left = startPage(i - back) - (back ? heights[i - 1] : 0);
    }
    left -= h;
  });
  // the notes that do not fit take the last row over (with its heading), unless it already begins a page
  const last = heights.length - 1;
  if (heights.length > 1 && o.notes > left && pageStart !== last) {
    const at = last - (heading(last - 1) ? 1 : 0);
    if (at > pageStart) startPage(at);
  }
  return breaks;
}

/**
 * The heading a page its rows continue onto begins with: the heading followed by （续）, on one line `width` units
 * wide (cut with … where longer: a key point's text runs to three lines, its number and first words say which it is).
 * A few units are kept in hand, as LibreOffice and WPS set Chinese text a little wider than the kit counts.
 */
export function continuedHeading(heading: string, width: number): string {
  const mark = '（续）';
  const usable = width - 1.5 - 6;
  if (textWidth(heading + mark) <= usable) return heading + mark;
  let cut = '';
  for (const ch of heading) {
    if (textWidth(`${cut}${ch}…${mark}`) > usable) break;
    cut += ch;
  }
  return `${cut.trimEnd()}…${mark}`;
}

/**
 * adds one table sheet to a workbook; returns the sheet and the row numbers of the header and the data (`rowOf`: the
 * sheet row of each of `rows`, as a page's repeated heading (「…（续）」) may come between them)
 */
export function addTableSheet(wb: ExcelJS.Workbook, t: TableSheet) {
  const n = t.columns.length;
  const ws = wb.addWorksheet(t.name, {
    views: [{ state: 'frozen', ySplit: t.subtitle ? 3 : 2 }],
    pageSetup: {
      // 8 is A3 in OOXML, 9 A4 (exceljs's PaperSize names A4 but not A3)
      paperSize: (t.wide && t.wide.paper !== 'A4' ? 8 : 9) as ExcelJS.PaperSize,
      orientation: t.portrait ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: t.wide?.pagesWide ?? 1,
      fitToHeight: 0,
      // several pages wide: the rows' pages side by side (1 and 2 the same rows), not each column band to the end first
      pageOrder: t.wide && t.wide.pagesWide > 1 ? 'overThenDown' : 'downThenOver',
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页', evenFooter: '&C第 &P 页 共 &N 页' },
  });
  t.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const totalWidth = t.columns.reduce((a, c) => a + c.width, 0);

  // A table several pages wide repeats its first columns on every page: the title, subtitle and notes span those, so
  // each page prints them whole (merged across the whole width, the centred title was cut at the first page's edge
  // and the notes at each page's); one page wide, they span the table.
  const span = t.wide && t.wide.pagesWide > 1 ? t.wide.repeatColumns : n;
  const spanWidth = t.columns.slice(0, span).reduce((a, c) => a + c.width, 0);

  const title = ws.addRow([t.title]);
  ws.mergeCells(title.number, 1, title.number, span);
  title.getCell(1).font = { name: FONT_TITLE, size: TITLE_SIZE, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  // the title is a merged row: its height comes from the text across its span, so it never runs into the header
  // (measured at the title's size: a column unit holds less of 16 pt text than of 11 pt; one page wide, the width it
  // always had, so the single-page sheets keep their layout)
  title.height = rowHeight(wrappedLines(t.title, span === n ? totalWidth : (spanWidth * BODY_SIZE) / TITLE_SIZE), TITLE_SIZE) + 6;
  if (t.subtitle) {
    const s = ws.addRow([t.subtitle]);
    ws.mergeCells(s.number, 1, s.number, span);
    s.getCell(1).font = { name: FONT_BODY, size: BODY_SIZE };
    s.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    s.height = rowHeight(wrappedLines(t.subtitle, spanWidth));
  }
  const head = ws.addRow(t.columns.map((c) => c.header));
  head.height = rowHeight(Math.max(...t.columns.map((c) => wrappedLines(c.header, c.width))), HEAD_SIZE);
  head.eachCell((c) => {
    c.font = { name: FONT_TITLE, size: HEAD_SIZE, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BOX;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  ws.pageSetup.printTitlesRow = `1:${head.number}`;
  if (t.wide && t.wide.pagesWide > 1) ws.pageSetup.printTitlesColumn = `A:${ws.getColumn(t.wide.repeatColumns).letter}`;

  const firstData = head.number + 1;
  const rows = [...t.rows, ...Array.from({ length: t.blankRows ?? 0 }, () => t.columns.map(() => null))];
  const widthOf = (from: number, to: number) => t.columns.slice(from - 1, to).reduce((a, c) => a + c.width, 0);
  const notes = (t.notes ?? []).map((note) => (typeof note === 'string' ? { text: note, from: 1, to: span } : { text: note.text, from: note.columns[0], to: note.columns[1] }));
  const noteHeights = notes.map((note) => rowHeight(wrappedLines(note.text, widthOf(note.from, note.to)), 10));
  // each row's height from its text, before any is written: a sheet the kit pages itself (keepNotesWithRows) places
  // its breaks, and the headings repeated under them, as it writes the rows
  const headingHeight = (text: string) => rowHeight(wrappedLines(text, totalWidth));
  const cellsOf = (values: CellValue[]) => values.map((v, i) => (t.columns[i]?.kind === 'number' ? toNumber(v) : v));
  const heights = rows.map((values) => {
    if (isHeading(values)) return headingHeight(values.heading);
    // numbers are shown rounded by their format on one line
    const cells = cellsOf(values);
    const lines = t.columns.map((col, i) => (cells[i] !== null && cells[i] !== undefined && cells[i] !== '' && typeof cells[i] !== 'number' ? wrappedLines(String(cells[i]), col.width) : 1));
    return rowHeight(Math.max(1, ...lines));
  });
  // the heading over each row (its repeat, should a page begin at that row), by index into rows
  const under = new Map<number, string>();
  const headings = new Set<number>();
  let current: string | null = null;
  for (const [k, values] of rows.entries()) {
    if (isHeading(values)) {
      headings.add(k);
      current = continuedHeading(values.heading, totalWidth);
    } else if (current !== null) under.set(k, current);
  }

  // Excel pages a sheet scaled to fit by its own breaks (it ignores manual ones), so a sheet that fits the page's width
  // prints at full size; every page's rows are set — their heights are the kit's, so a page's content is known: a
  // thirtieth of the page is kept in hand (blankRowsThatFit keeps a tenth, for rows whose height the app chooses)
  const pageStarts = new Set<number>();
  if (t.keepNotesWithRows && !t.portrait && !t.wide && totalWidth <= LANDSCAPE_UNITS.A4 && rows.length) {
    ws.pageSetup.fitToPage = false;
    ws.pageSetup.scale = 100;
    let titles = 0;
    for (let r = 1; r <= head.number; r++) titles += ws.getRow(r).height ?? DEFAULT_ROW_PT;
    const repeat = new Map([...under].map(([k, text]) => [k, headingHeight(text)]));
    const notesHeight = noteHeights.reduce((a, b) => a + b, 0);
    for (const b of rowsToPages(heights, { first: 0, titles, notes: notesHeight, page: LANDSCAPE_HEIGHT_PT * 0.97, keepWithNext: headings, repeat })) pageStarts.add(b + 1);
  }

  const headingRows = new Set<number>();
  const addHeading = (text: string, height: number) => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, n);
    const c = r.getCell(1);
    c.font = { name: FONT_BODY, size: BODY_SIZE, bold: true };
    c.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    c.border = BOX;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8F8F8' } };
    r.height = height;
    headingRows.add(r.number);
    return r;
  };
  const rowOf: number[] = [];
  for (const [k, values] of rows.entries()) {
    if (pageStarts.has(k)) {
      ws.getRow(ws.rowCount).addPageBreak();
      const repeated = under.get(k);
      if (repeated !== undefined) addHeading(repeated, headingHeight(repeated));
    }
    if (isHeading(values)) {
      rowOf.push(addHeading(values.heading, heights[k]!).number);
      continue;
    }
    const r = ws.addRow(cellsOf(values));
    t.columns.forEach((col, i) => {
      const c = r.getCell(i + 1);
      c.font = { name: FONT_BODY, size: BODY_SIZE };
      c.border = BOX;
      c.alignment = { horizontal: col.align ?? (col.kind === 'number' ? 'center' : 'left'), vertical: 'middle', wrapText: true };
      if (col.numFmt) c.numFmt = col.numFmt;
    });
    r.height = heights[k];
    rowOf.push(r.number);
  }
  const lastData = rowOf[rowOf.length - 1] ?? firstData - 1;
  // a column's validation covers its data rows, never a heading across the table (its text is no score to check)
  if (rows.length)
    t.columns.forEach((col, i) => {
      if (col.validation) validateColumn(ws, i + 1, firstData, Array.from({ length: lastData - firstData + 1 }, (_, k) => (headingRows.has(firstData + k) ? null : col.validation)));
    });
  for (const [k, note] of notes.entries()) {
    const r = ws.addRow([]);
    const c = r.getCell(note.from);
    c.value = note.text;
    ws.mergeCells(r.number, note.from, r.number, note.to);
    c.font = { name: FONT_BODY, size: 10 };
    c.alignment = { wrapText: true, vertical: 'top' };
    r.height = noteHeights[k];
  }
  if (t.onePageWhenClose && !t.wide && !t.portrait) {
    let height = 0;
    for (let r = 1; r <= ws.rowCount; r++) height += ws.getRow(r).height ?? DEFAULT_ROW_PT;
    // shrunk to the page's width, the page holds more of the sheet's points
    if (height <= LANDSCAPE_HEIGHT_PT * Math.max(1, totalWidth / LANDSCAPE_UNITS.A4) * SHRINK_ALLOWANCE) ws.pageSetup.fitToHeight = 1;
  }
  return { ws, headRow: head.number, firstData, lastData, rowOf };
}

/**
 * The workbook's default font (its Normal style, styles.xml's first font): every app sizes a column-width unit by the
 * width of this font's "0", and the kit's widths and row heights (textWidth: a CJK character two units) assume one unit
 * a Latin character of it. exceljs writes Calibri, which LibreOffice without Calibri or its twin Carlito replaces by
 * DejaVu Sans, a quarter wider: each unit held more text than the kit counted and the rows printed a third too tall
 * (4 lines high for 3). Arial is on every Windows, and LibreOffice ships its metric twin Liberation Sans.
 */
const DEFAULT_FONT = '<font><sz val="11"/><name val="Arial"/><family val="2"/></font>';

/** a workbook's bytes, with the kit's default font (DEFAULT_FONT): every printable .xlsx is written through here */
export async function xlsxBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const styles = await zip.file('xl/styles.xml')!.async('string');
  zip.file('xl/styles.xml', styles.replace(/(<fonts[^>]*>\s*)<font>[\s\S]*?<\/font>/, `$1${DEFAULT_FONT}`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function newWorkbook() {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = '考评平台';
  wb.created = new Date();
  return wb;
}

export async function tableWorkbook(sheets: TableSheet[]): Promise<Buffer> {
  const wb = await newWorkbook();
  for (const s of sheets) addTableSheet(wb, s);
  return xlsxBuffer(wb);
}
