/**
 * The declaration template (.xlsx) of seed 000 — Annex 1 "指标申报表" and Annex 2 "加分项申报表" — written
 * prefilled with a department's content, and read back when the filled file is uploaded.
 *
 * Layout of each sheet: row 1 title, row 2 单位名称, row 3 日期, row 4 the notice's note, row 5 the header,
 * data from row 6. Annex 1 columns: 考核领域 | 考核内容 | 考核要点 | 要点考核内容 | 分值 | 指标依据 | 上年分值 |
 * 超过上年分值的理由 | 上年编号 (hidden: the code of last year's key point the row continues, "7.a"; empty for
 * a new indicator). 要点考核内容 holds one criterion per line, each ending "（N分）"; "；" also separates
 * criteria, as in the seed's example (see parseCriteriaCell in src/shared/contracts/declarations.ts).
 *
 * Reading is all-or-nothing: every problem is listed (sheet, Excel row, column, reason in Chinese) and no
 * content is returned unless the whole file is good. The file is refused before it is fully loaded when
 * it is not an .xlsx (a Word file renamed, an old .xls), has more than MAX_DATA_ROWS rows, or is built to
 * exhaust the server (it inflates past MAX_UNCOMPRESSED_BYTES whatever its headers claim, nests XML deeper
 * than MAX_XML_DEPTH, holds more than MAX_SHARED_STRINGS strings or an archive inside); the rest is parsed by
 * exceljs in a worker thread with memory and time limits (workbook-worker.ts).
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import { blankRowsThatFit, FONT_BODY, FONT_TITLE, rowHeight, textWidth, validateColumn, wrappedLines, xlsxBuffer } from '../document-kit/table';
import {
  declarationContent,
  formatCriteriaCell,
  parseCriteriaCell,
  type BonusRow,
  type DeclarationContent,
  type IndicatorRow,
  type UploadProblem,
} from '../../../shared/contracts/declarations';
import { inflateEntries, listZip, XmlScanner, ZipGuardError, type ZipEntry, type ZipLimits } from '../zip-guard';
import { runWorkbookJob, WORKBOOK_LIMITS, type WorkbookLimits } from './workbook-worker';
import { isZipStart, notZipKind, zipKind } from './workbook-kind';
import { cellValue } from './read-cell';
import { withCellProblems } from './cell-problems';
import { columnLetter, mergedOver, mergeProblems, SameAsAbove, type ColumnRule } from './same-as-above';
import { normalizeText } from '../../../shared/scoring/cell-text';
import { withinPointPrecision } from '../../../shared/scoring/precision';

export const INDICATOR_SHEET = '指标申报表';
export const BONUS_SHEET = '加分项申报表';
export const INDICATOR_COLUMNS = ['考核领域', '考核内容', '考核要点', '要点考核内容', '分值', '指标依据', '上年分值', '超过上年分值的理由', '上年编号'] as const;
export const BONUS_COLUMNS = ['考核领域', '加分项目', '加分标准', '指标依据'] as const;
export const HEADER_ROW = 5;
export const MAX_DATA_ROWS = 1000;
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** What the zip may expand to, counted in bytes actually inflated (the sizes a zip declares are not trusted): a guard against zip bombs. */
export const MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;

export interface TemplateInfo {
  /** the cycle's title, e.g. 2023年度省政府对市州政府质量工作考核 */
  cycleTitle: string;
  /** the year last year's points come from */
  baseYear: number;
  departmentName: string;
  /** who decides the final points (省质强办) */
  officeShortName: string;
  content: DeclarationContent;
  /** which declaration, at which version, the file was filled from (kept in the file's properties; see templateStamp) */
  stamp?: TemplateStamp;
}

/**
 * The declaration and version a template was downloaded at, kept in the workbook's 关键词 (keywords) property, which
 * Excel, WPS and LibreOffice keep when they save: an upload of a file downloaded before someone saved online is
 * refused instead of overwriting what they saved. A file without it (made by hand, or its properties cleared) says nothing.
 */
export interface TemplateStamp {
  id: number;
  version: number;
}
const STAMP = /考评申报表 id=(\d+) version=(\d+)/;
export const stampText = (s: TemplateStamp) => `考评申报表 id=${s.id} version=${s.version}`;
export function readStamp(keywords: string | undefined): TemplateStamp | null {
  const m = STAMP.exec(keywords ?? '');
  return m ? { id: Number(m[1]), version: Number(m[2]) } : null;
}

/** reasonColumn: where the form has room for the reason (the workbook has a column of its own; the Word table writes it under 指标依据) */
export const indicatorNote = (i: Pick<TemplateInfo, 'baseYear' | 'officeShortName'>, reasonColumn = '超过上年分值的理由') =>
  `注：分值参照${i.baseYear}年度考核指标的分值申报，原则上不超过${i.baseYear}年的分值（超过的请在“${reasonColumn}”栏说明理由），并详细设定要点考核内容（每条以“（N分）”结尾，各条分值之和等于分值），最终分值由${i.officeShortName}统筹确定。`;
export const bonusNote = (i: Pick<TemplateInfo, 'officeShortName'>) =>
  `注：加分项原则上对标国务院质量工作考核指标设置，本部门如需设置，请列出项目（激励表彰、质量荣誉）、加分标准和指标依据，由${i.officeShortName}统筹确定。`;

const thin = { style: 'thin' as const };
const border = { top: thin, bottom: thin, left: thin, right: thin };

function sheetHead(ws: ExcelJS.Worksheet, title: string, info: TemplateInfo, note: string, columns: readonly string[]): void {
  const last = columns.length;
  ws.getCell(1, 1).value = title;
  ws.mergeCells(1, 1, 1, last);
  // fonts named as on every printed table (document-kit/table.ts): unnamed, a cell is the workbook's Calibri
  ws.getCell(1, 1).font = { name: FONT_TITLE, bold: true, size: 15 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.getCell(2, 1).value = `单位名称：${info.departmentName}`;
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).font = { name: FONT_BODY, size: 11 };
  ws.getCell(3, 1).value = '日期：';
  ws.mergeCells(3, 1, 3, last);
  ws.getCell(3, 1).font = { name: FONT_BODY, size: 11 };
  ws.getCell(4, 1).value = note;
  ws.mergeCells(4, 1, 4, last);
  ws.getCell(4, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getCell(4, 1).font = { name: FONT_BODY, size: 10, color: { argb: 'FF595959' } };
  ws.getRow(4).height = 45;
  const h = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = h.getCell(i + 1);
    cell.value = c;
    cell.font = { name: FONT_TITLE, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FA' } };
    cell.border = border;
  });
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
}

function styleData(row: ExcelJS.Row, n: number): void {
  for (let c = 1; c <= n; c++) {
    const cell = row.getCell(c);
    cell.border = border;
    cell.font = { name: FONT_BODY, size: 11 };
    cell.alignment = { wrapText: true, vertical: 'top' };
  }
}

/** [narrowest, widest] of each column in Excel units: a column is as wide as its longest line, within these */
const INDICATOR_WIDTHS: [number, number][] = [[10, 14], [12, 22], [16, 36], [24, 50], [7, 8], [14, 32], [9, 9], [14, 26], [9, 9]];
const BONUS_WIDTHS: [number, number][] = [[10, 12], [12, 22], [30, 60], [20, 40]];
/** lines of writing space an empty row offers (at 11 pt) */
export const BLANK_ROW_LINES = 3;
/** empty rows to write in under the content, at most: fewer when they would start a page of their own (blankRowsThatFit) */
export const MOST_BLANK_ROWS = 5;
// 11 pt text measured as 12 pt: the CJK fallback fonts set their lines a little apart
const BLANK_ROW_PT = rowHeight(BLANK_ROW_LINES, 12);

/**
 * Column widths by content (a CJK character counts two units, a Latin one ≈ 1.1, see textWidth): the longest line of
 * the header and the cells, plus a margin, clamped to the column's range; then each row as high as its wrapped text
 * (Excel does not grow a row for text it did not type itself). Returns the printed width in Excel units.
 */
function fitSheet(ws: ExcelJS.Worksheet, ranges: [number, number][], firstData: number, lastData: number, printed: number): number {
  const widths = ranges.map(([min, max], i) => {
    let longest = 0;
    for (let r = HEADER_ROW; r <= lastData; r++) {
      for (const line of String(ws.getCell(r, i + 1).text ?? '').split('\n')) longest = Math.max(longest, textWidth(line));
    }
    const width = Math.min(max, Math.max(min, Math.ceil(longest + 2)));
    ws.getColumn(i + 1).width = width;
    return width;
  });
  for (let r = firstData; r <= lastData; r++) {
    let lines = 0;
    for (let c = 1; c <= printed; c++) {
      const text = String(ws.getCell(r, c).text ?? '');
      if (text.trim()) lines = Math.max(lines, wrappedLines(text, widths[c - 1]));
    }
    ws.getRow(r).height = lines ? rowHeight(lines, 12) : BLANK_ROW_PT;
  }
  // the header row's height from its wrapped names, the note's from its text across the printed width
  ws.getRow(HEADER_ROW).height = rowHeight(Math.max(...widths.slice(0, printed).map((w, i) => wrappedLines(String(ws.getCell(HEADER_ROW, i + 1).text), w))));
  ws.getRow(4).height = rowHeight(wrappedLines(String(ws.getCell(4, 1).text), widths.slice(0, printed).reduce((a, b) => a + b, 0)), 10);
  return widths.slice(0, printed).reduce((a, b) => a + b, 0);
}

/**
 * Empty rows to write in under a sheet's content (up to MOST_BLANK_ROWS, each BLANK_ROW_LINES high), as many as fit
 * on the content's last page: five of them took 附件1 of a three-indicator declaration onto a second page of empty rows.
 */
function addBlankRows(ws: ExcelJS.Worksheet, printedUnits: number, columns: number, style: (row: ExcelJS.Row) => void): number {
  const n = blankRowsThatFit(ws, { titleRows: HEADER_ROW, printedUnits, blankPt: BLANK_ROW_PT, most: MOST_BLANK_ROWS });
  const first = ws.rowCount + 1;
  for (let r = first; r < first + n; r++) {
    const row = ws.getRow(r);
    styleData(row, columns);
    style(row);
    row.height = BLANK_ROW_PT;
  }
  return n;
}

/** A4 landscape, one page wide, title rows and header repeated on every page, "第 N 页 共 M 页" */
function printSetup(ws: ExcelJS.Worksheet): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    printTitlesRow: `1:${HEADER_ROW}`,
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页 共 &N 页', evenFooter: '&C第 &P 页 共 &N 页' };
}

export async function buildDeclarationWorkbook(info: TemplateInfo): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = '考评平台';
  wb.created = new Date();
  if (info.stamp) wb.keywords = stampText(info.stamp);

  const a1 = wb.addWorksheet(INDICATOR_SHEET);
  sheetHead(a1, `附件1  ${info.cycleTitle}指标申报表`, info, indicatorNote(info), INDICATOR_COLUMNS);
  const rows: IndicatorRow[] = info.content.indicators;
  const scoreCells = (row: ExcelJS.Row) => {
    row.getCell(5).numFmt = '0.0#';
    row.getCell(7).numFmt = '0.0#';
    row.getCell(7).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  };
  rows.forEach((r, i) => {
    const row = a1.getRow(HEADER_ROW + 1 + i);
    row.values = [r.domain, r.item, r.keyPoint, formatCriteriaCell(r.criteria), r.points, r.basis, r.lastYearPoints ?? null, r.overReason ?? null, r.sourceCode ?? null];
    styleData(row, INDICATOR_COLUMNS.length);
    scoreCells(row);
  });
  const a1Units = fitSheet(a1, INDICATOR_WIDTHS, HEADER_ROW + 1, HEADER_ROW + rows.length, INDICATOR_COLUMNS.length - 1);
  const a1Blank = addBlankRows(a1, a1Units, INDICATOR_COLUMNS.length, scoreCells);
  validateColumn(
    a1,
    5,
    HEADER_ROW + 1,
    Array.from({ length: rows.length + a1Blank }, () => ({
      type: 'decimal' as const,
      operator: 'between' as const,
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorTitle: '分值',
      error: '分值须为0～100之间的数字，最多两位小数',
    })),
  );
  printSetup(a1);
  a1.getColumn(9).hidden = true;

  const a2 = wb.addWorksheet(BONUS_SHEET);
  sheetHead(a2, `附件2  ${info.cycleTitle}加分项申报表`, info, bonusNote(info), BONUS_COLUMNS);
  const bonuses: BonusRow[] = info.content.bonuses;
  bonuses.forEach((b, i) => {
    const row = a2.getRow(HEADER_ROW + 1 + i);
    row.values = ['加分项', b.project, b.standard, b.basis];
    styleData(row, BONUS_COLUMNS.length);
  });
  addBlankRows(a2, fitSheet(a2, BONUS_WIDTHS, HEADER_ROW + 1, HEADER_ROW + bonuses.length, BONUS_COLUMNS.length), BONUS_COLUMNS.length, () => undefined);
  printSetup(a2);
  return xlsxBuffer(wb);
}

// ───────────────────────── reading an uploaded file ─────────────────────────

export type ParseOutcome =
  | { ok: true; content: DeclarationContent; /** Excel row of content.indicators[i] */ indicatorRows: number[]; bonusRows: number[]; stamp: TemplateStamp | null }
  | { ok: false; problems: UploadProblem[] };

const fail = (reason: string, sheet: string | null = null, row: number | null = null, column: string | null = null): { ok: false; problems: UploadProblem[] } => ({
  ok: false,
  problems: [{ sheet, row, column, reason }],
});

/** How an uploaded workbook may expand: actual inflated bytes, never the sizes the zip declares. */
export const XLSX_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxEntryBytes: MAX_UNCOMPRESSED_BYTES, maxTotalBytes: MAX_UNCOMPRESSED_BYTES, nested: 'refuse' };
/** Deeper element nesting than this in any XML part is refused before exceljs sees it (real sheets nest ~7 deep). */
export const MAX_XML_DEPTH = 100;
/** More shared strings than this (the template needs a few thousand at most) is refused before exceljs loads them. */
export const MAX_SHARED_STRINGS = 200_000;

const rowsTooMany = (n: { rows: number; first: number; last: number }, o: PrecheckOptions) =>
  `表格有${n.rows}行数据（第${n.first}～${n.last}行），超过上限${o.maxDataRows}行；${o.rowsHint}`;

/** What precheck calls the file in its messages, and how many rows with values a sheet may have. */
export interface PrecheckOptions {
  /** "申报表", "评分表" */
  doc: string;
  /** data rows: rows with a value below the header row */
  maxDataRows: number;
  /** the template's header row (Excel's number): rows up to it are the title, notes and header, not data */
  headerRow: number;
  rowsHint: string;
}
const DECLARATION_PRECHECK: PrecheckOptions = { doc: '申报表', maxDataRows: MAX_DATA_ROWS, headerRow: HEADER_ROW, rowsHint: '请只保留申报的指标行（用平台模板填写）' };

/**
 * Checks on the raw bytes and the zip before the workbook is loaded, all streaming and in bounded memory: the
 * kind of file (workbook-kind.ts names an .ods, .xls, CSV… for what it is), then every part inflated by the zip guard (counting real bytes), the XML parts scanned for
 * nesting depth and DOCTYPE, shared strings and rows with values counted.
 */
export async function precheck(buf: Buffer, o: PrecheckOptions = DECLARATION_PRECHECK): Promise<{ ok: false; problems: UploadProblem[] } | null> {
  const doc = o.doc;
  if (buf.length === 0) return fail(`文件为空（0字节），请上传填写好的${doc} .xlsx 文件`);
  if (buf.length > MAX_UPLOAD_BYTES) return fail(`文件过大（${(buf.length / 1024 / 1024).toFixed(1)} MB），${doc}不超过${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  // what the file is when it is not an .xlsx (.ods, .xls, CSV…), named by the one rule of workbook-kind.ts
  if (!isZipStart(buf)) return fail(notZipKind(buf, doc));
  const refused = (e: unknown): { ok: false; problems: UploadProblem[] } => {
    if (!(e instanceof ZipGuardError)) throw e;
    if (e.kind === 'corrupt' || e.kind === 'not_zip') return fail(`文件${e.message}，无法作为 .xlsx 打开，请用 Excel/WPS 重新保存后上传`);
    if (e.kind === 'too_large') return fail(`文件${e.message}；请只保留${doc}内容，用 Excel/WPS 重新保存后上传`);
    return fail(`文件${e.message}`);
  };
  let entries: ZipEntry[];
  try {
    entries = listZip(buf, XLSX_ZIP_LIMITS.maxEntries);
  } catch (e) {
    return refused(e);
  }
  const other = zipKind(buf, entries, doc);
  if (other) return fail(other);

  let sharedStrings = 0;
  /** the sheet with the most data rows past the limit: how many, and the first and last of them as Excel numbers rows */
  let over: { rows: number; first: number; last: number } | null = null;
  try {
    await inflateEntries(buf, entries, XLSX_ZIP_LIMITS, (entry) => {
      if (!/\.(xml|rels|vml)$/i.test(entry.name)) return undefined;
      const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name);
      const isShared = /^xl\/sharedStrings\.xml$/i.test(entry.name);
      // Data rows: rows below the header (by their number, r="7"; a row without one follows the previous) that hold a
      // value (<v>, inline <is>, or a formula <f>), counted without loading the workbook.
      let inRow = false;
      let hasValue = false;
      let rowNumber = 0;
      let rows = 0;
      let first = 0;
      const scanner = new XmlScanner(
        entry.name,
        { maxDepth: MAX_XML_DEPTH },
        (name, attributes) => {
          if (isShared && name === 'si' && ++sharedStrings > MAX_SHARED_STRINGS) {
            throw new ZipGuardError('content', `中的共享字符串超过${MAX_SHARED_STRINGS.toLocaleString('en-US')}条，远超${doc}所需；请只保留${doc}内容，用 Excel/WPS 重新保存后上传`);
          }
          if (!isSheet) return;
          if (name === 'row') {
            inRow = true;
            hasValue = false;
            // rows come in ascending order (a file claiming otherwise, e.g. r="1" on every row to pass as title rows, is counted on)
            const r = /(?:^|\s)r\s*=\s*["'](\d+)["']/.exec(attributes);
            rowNumber = Math.max(rowNumber + 1, r ? Number(r[1]) : 0);
          } else if (inRow && (name === 'v' || name === 'is' || name === 'f')) hasValue = true;
        },
        (name) => {
          if (!isSheet || name !== 'row') return;
          inRow = false;
          if (!hasValue || rowNumber <= o.headerRow) return;
          rows++;
          first ||= rowNumber;
          if (rows > o.maxDataRows && (!over || rows > over.rows)) over = { rows, first, last: rowNumber };
        },
        new Set(['row']),
      );
      return (chunk) => scanner.write(chunk);
    });
  } catch (e) {
    return refused(e);
  }
  if (over) return { ok: false, problems: [{ sheet: null, row: null, column: null, reason: rowsTooMany(over, o) }] };
  return null;
}

interface Cell {
  text: string;
  number: number | null;
  /** the cell's own problem (a formula without a result, an error value) is listed: say nothing more of it */
  refused?: boolean;
}

function readCell(ws: ExcelJS.Worksheet, row: number, col: number, column: string, problems: UploadProblem[]): Cell {
  const read = cellValue(ws.getCell(row, col).master);
  if ('problem' in read) {
    problems.push({ sheet: ws.name, row, column, reason: read.problem });
    return { text: '', number: null, refused: true };
  }
  const v = read.value;
  if (v === null) return { text: '', number: null };
  if (typeof v === 'number') return { text: String(v), number: v };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', number: null };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), number: null };
  return { text: v.trim(), number: null };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * 分值 as typed: 2, "2", "2分", "0.5 分", and the same in full-width characters (１０．５, as a Chinese input method
 * types them; the shared normalizeText, as for the honours import's year). A problem is a reason in Chinese.
 */
function parsePoints(c: Cell): { points: number } | { problem: string } | null {
  if (c.refused) return null;
  if (!c.text) return { problem: '请填写分值（数字，如2或0.5）' };
  const t = normalizeText(c.text).replace(/分$/, '');
  const n = c.number ?? (NUMBER.test(t) ? Number(t) : null);
  if (n === null) return { problem: `分值「${c.text}」不是数字，请填写如2或0.5` };
  if (n < 0) return { problem: `分值「${c.text}」是负数，分值须为正数（如2或0.5）` };
  if (n > 100) return { problem: `分值${c.text}超出范围，须在0～100之间` };
  if (!withinPointPrecision(n)) return { problem: `分值${c.text}最多保留两位小数` };
  return { points: n };
}

function checkHeader(ws: ExcelJS.Worksheet, expected: readonly string[], problems: UploadProblem[]): number | null {
  let headerRow: number | null = null;
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    if (String(ws.getCell(r, 1).text).trim() === expected[0]) {
      headerRow = r;
      break;
    }
  }
  if (headerRow === null) {
    problems.push({ sheet: ws.name, row: null, column: null, reason: `找不到表头行（第一列为“${expected[0]}”的行），请使用平台下载的模板，不要删除表头` });
    return null;
  }
  const before = problems.length;
  const lastCol = Math.max(ws.columnCount, expected.length);
  for (let c = 1; c <= lastCol; c++) {
    const got = String(ws.getCell(headerRow, c).text ?? '').trim();
    const want = expected[c - 1];
    const colName = columnLetter(c);
    if (want === undefined) {
      if (got) problems.push({ sheet: ws.name, row: headerRow, column: colName, reason: `多出的列「${got}」，模板只有${expected.length}列：${expected.join('、')}` });
    } else if (got !== want) {
      problems.push({
        sheet: ws.name,
        row: headerRow,
        column: colName,
        reason: got ? `第${colName}列应为「${want}」，实际为「${got}」；请勿增删或调换模板的列` : `缺少列「${want}」（第${colName}列），请勿删除模板的列`,
      });
    }
  }
  return problems.length === before ? headerRow : null;
}

function dataRows(ws: ExcelJS.Worksheet, headerRow: number, width: number, problems: UploadProblem[]): number[] {
  const rows: number[] = [];
  const last = ws.rowCount;
  if (last - headerRow > MAX_DATA_ROWS) {
    problems.push({ sheet: ws.name, row: null, column: null, reason: `数据超过${MAX_DATA_ROWS}行，请只保留申报的指标行` });
    return rows;
  }
  for (let r = headerRow + 1; r <= last; r++) {
    const row = ws.getRow(r);
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // what a range merged down from above shows is not the row's own (a 考核领域 merged on into the blank rows)
      const has = !mergedOver(cell) && cell.value !== null && cell.value !== undefined && String(cell.text ?? '').trim() !== '';
      if (!has) return;
      if (col > width) {
        problems.push({ sheet: ws.name, row: r, column: columnLetter(col), reason: `第${columnLetter(col)}列超出模板范围（模板共${width}列），请把内容填写在模板的列中` });
      } else any = true;
    });
    if (!any) continue;
    if (String(ws.getCell(r, 1).text).trim().startsWith('注')) continue; // a copied note line
    rows.push(r);
  }
  return rows;
}

const PLATFORM = '请取消合并并恢复原内容，或重新下载模板后填写';
/**
 * Merged cells and “同上” by column (same-as-above.ts). The groupings (考核领域, 考核内容 — the seed's own table merges
 * them down), the basis and the reason may stand for several rows; a key point, its criteria and its 分值 are each
 * row's own (repeating one would declare a key point twice, or points its criteria do not add up to).
 */
const INDICATOR_RULES: ColumnRule[] = [
  { name: '考核领域', same: 'fill' },
  { name: '考核内容', same: 'fill' },
  { name: '考核要点', same: 'own', why: '每个考核要点占一行，它的要点考核内容写在同一个单元格中（每条一行，以“（N分）”结尾）' },
  { name: '要点考核内容', same: 'own', why: '每行的要点考核内容只属于本行的考核要点' },
  { name: '分值', same: 'own', why: '每个考核要点的分值须分别填写' },
  { name: '指标依据', same: 'fill' },
  { name: '上年分值', same: 'ignore' },
  { name: '超过上年分值的理由', same: 'fill' },
  { name: '上年编号', same: 'platform', advice: PLATFORM },
];
const BONUS_RULES: ColumnRule[] = [
  { name: '考核领域', same: 'fill' },
  { name: '加分项目', same: 'fill' },
  { name: '加分标准', same: 'own', why: '每行一条加分标准' },
  { name: '指标依据', same: 'fill' },
];

/** Each column's cell of row r, read (readCell) and with “同上” resolved by the column's rule. */
function readRow(ws: ExcelJS.Worksheet, r: number, columns: readonly string[], same: SameAsAbove, problems: UploadProblem[]): Cell[] {
  return columns.map((col, i) => {
    const cell = readCell(ws, r, i + 1, col, problems);
    if (cell.refused) return cell;
    const text = same.resolve(r, i + 1, cell.text);
    if (text === null) return { text: '', number: null, refused: true };
    return text === cell.text ? cell : { text, number: null };
  });
}

function readIndicators(ws: ExcelJS.Worksheet, problems: UploadProblem[]): { rows: IndicatorRow[]; excelRows: number[] } {
  const headerRow = checkHeader(ws, INDICATOR_COLUMNS, problems);
  if (headerRow === null) return { rows: [], excelRows: [] };
  mergeProblems(ws, headerRow, INDICATOR_RULES, problems);
  const same = new SameAsAbove(ws, headerRow, INDICATOR_RULES, problems);
  const rows: IndicatorRow[] = [];
  const excelRows: number[] = [];
  for (const r of dataRows(ws, headerRow, INDICATOR_COLUMNS.length, problems)) {
    const cells = readRow(ws, r, INDICATOR_COLUMNS, same, problems);
    const [domain, item, keyPoint, criteriaCell, pointsCell, basis, , overReason, sourceCode] = cells;
    const at = (column: string, reason: string) => problems.push({ sheet: ws.name, row: r, column, reason });
    const missing = (c: Cell) => !c.text && !c.refused;
    if (missing(domain)) at('考核领域', '请填写考核领域（如宏观质量、产品质量）');
    if (missing(item)) at('考核内容', '请填写考核内容');
    if (missing(keyPoint)) at('考核要点', '请填写考核要点');
    const parsedPoints = parsePoints(pointsCell);
    if (parsedPoints && 'problem' in parsedPoints) at('分值', parsedPoints.problem);
    const points = parsedPoints && 'points' in parsedPoints ? parsedPoints.points : null;
    const parsed = parseCriteriaCell(criteriaCell.text);
    for (const e of parsed.errors) at('要点考核内容', e);
    const code = sourceCode.text;
    rows.push({
      domain: domain.text,
      item: item.text,
      keyPoint: keyPoint.text,
      criteria: parsed.criteria,
      points: points ?? 0,
      basis: basis.text,
      lastYearPoints: null,
      sourceCode: code ? code : null,
      ...(overReason.text ? { overReason: overReason.text } : {}),
    });
    excelRows.push(r);
  }
  return { rows, excelRows };
}

function readBonuses(ws: ExcelJS.Worksheet, problems: UploadProblem[]): { rows: BonusRow[]; excelRows: number[] } {
  const headerRow = checkHeader(ws, BONUS_COLUMNS, problems);
  if (headerRow === null) return { rows: [], excelRows: [] };
  mergeProblems(ws, headerRow, BONUS_RULES, problems);
  const same = new SameAsAbove(ws, headerRow, BONUS_RULES, problems);
  const rows: BonusRow[] = [];
  const excelRows: number[] = [];
  for (const r of dataRows(ws, headerRow, BONUS_COLUMNS.length, problems)) {
    const [domain, project, standard, basis] = readRow(ws, r, BONUS_COLUMNS, same, problems);
    const at = (column: string, reason: string) => problems.push({ sheet: ws.name, row: r, column, reason });
    if (domain.text && domain.text !== '加分项') at('考核领域', `加分项申报表的考核领域应为「加分项」，实际为「${domain.text}」`);
    if (!project.text && !project.refused) at('加分项目', '请填写加分项目（如激励表彰、质量荣誉）');
    if (!standard.text && !standard.refused) at('加分标准', '请填写加分标准');
    rows.push({ project: project.text, standard: standard.text, basis: basis.text });
    excelRows.push(r);
  }
  return { rows, excelRows };
}

const FIELD_COLUMN: Record<string, string> = {
  domain: '考核领域',
  item: '考核内容',
  keyPoint: '考核要点',
  criteria: '要点考核内容',
  points: '分值',
  basis: '指标依据',
  overReason: '超过上年分值的理由',
  sourceCode: '上年编号',
  project: '加分项目',
  standard: '加分标准',
};

/**
 * Read a filled template: the content, or every problem found (nothing partial). The bytes are checked here
 * (bounded memory), then parsed by exceljs in a worker thread with its own memory and time limits; a file the
 * worker cannot parse within them throws WorkbookTooComplex.
 */
export async function parseDeclarationWorkbook(buf: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<ParseOutcome> {
  const early = await precheck(buf);
  if (early) return early;
  return runWorkbookJob('declaration', buf, limits);
}

/** The exceljs part of parseDeclarationWorkbook; runs in the worker thread (workbook-worker.thread.ts), on bytes that passed precheck. */
export async function readDeclarationWorkbook(buf: Buffer): Promise<ParseOutcome> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return fail('文件已损坏或不是有效的 .xlsx，无法读取；请用 Excel/WPS 重新保存后上传');
  }
  const problems: UploadProblem[] = [];
  const names = wb.worksheets.map((w) => w.name);
  for (const n of names) {
    if (n !== INDICATOR_SHEET && n !== BONUS_SHEET) {
      problems.push({ sheet: n, row: null, column: null, reason: `未知的工作表「${n}」，模板只有「${INDICATOR_SHEET}」和「${BONUS_SHEET}」两个工作表，请删除其他工作表` });
    }
  }
  for (const n of [INDICATOR_SHEET, BONUS_SHEET]) {
    if (!names.includes(n)) problems.push({ sheet: n, row: null, column: null, reason: `缺少工作表「${n}」，请使用平台下载的模板` });
  }
  const a1 = wb.getWorksheet(INDICATOR_SHEET);
  const a2 = wb.getWorksheet(BONUS_SHEET);
  if (problems.length) return { ok: false, problems };
  const ind = readIndicators(a1!, problems);
  const bon = readBonuses(a2!, problems);

  // The shared contract (lengths, limits) with zod paths mapped back to Excel rows and columns — checked even when
  // some cells could not be read, so that one upload lists every problem (withCellProblems: a cell named once).
  const content = { indicators: ind.rows, bonuses: bon.rows };
  const r = declarationContent.safeParse(content);
  if (problems.length || !r.success) {
    const read = problems.splice(0);
    for (const issue of r.success ? [] : r.error.issues) {
      const [list, idx, field] = issue.path as [string, number | undefined, string | undefined];
      const sheet = list === 'bonuses' ? BONUS_SHEET : INDICATOR_SHEET;
      const rows = list === 'bonuses' ? bon.excelRows : ind.excelRows;
      problems.push({
        sheet,
        row: typeof idx === 'number' ? rows[idx] ?? null : null,
        column: field ? FIELD_COLUMN[field] ?? field : null,
        reason: issue.message,
      });
    }
    return { ok: false, problems: withCellProblems(read, problems) };
  }
  return { ok: true, content: r.data, indicatorRows: ind.excelRows, bonusRows: bon.excelRows, stamp: readStamp(wb.keywords) };
}

/** A problem as a form error: field "指标申报表·第7行·分值", message the reason. */
export function problemField(p: UploadProblem): { field: string; message: string } {
  const parts = [p.sheet ?? '文件', p.row !== null ? `第${p.row}行` : null, p.column].filter(Boolean);
  return { field: parts.join('·'), message: p.reason };
}
