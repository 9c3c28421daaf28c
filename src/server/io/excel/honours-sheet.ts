/**
 * The honours roll's import sheet (荣誉名录, .xlsx): the template (title, how to fill it, the header, blank rows with
 * a list validation on 类别; a second sheet lists the kinds with their level and the cities) and its reader.
 *
 * Reading runs in the workbook worker (limits on memory and time) after the upload precheck (size, zip guard, XML
 * limits) and returns the rows as text with their Excel row numbers, or the structural problems; what the text means
 * (a known kind, a year, a city and county of Hunan) is judged by the honours module, row by row.
 */
import type { UploadProblem } from '../../../shared/contracts/declarations';
import { HONOUR_KINDS, HONOUR_LEVEL_LABELS } from '../../../shared/honours/kinds';
import { addTableSheet, LANDSCAPE_UNITS, newWorkbook, SHRINK_ALLOWANCE, widthToFit, xlsxBuffer } from '../document-kit/table';
import { loadExcelJS } from './exceljs';
import { precheck, type PrecheckOptions } from './declaration-template';
import { runWorkbookJob, WORKBOOK_LIMITS, type WorkbookLimits } from './workbook-worker';
import { cellText } from './read-cell';
import { hasOwnContent, mergeProblems, SameAsAbove, type ColumnRule } from './same-as-above';

export const HONOURS_SHEET = '荣誉名录';
export const KINDS_SHEET = '荣誉类别';
export const HONOURS_COLUMNS = ['类别', '获奖单位（项目）', '获奖年度', '市州', '县市区', '来源文件（文号或标题）', '备注'] as const;
export const MAX_HONOUR_ROWS = 2000;
const HINT = '填写说明：每行一条荣誉。“类别”从下拉列表选择（见“荣誉类别”工作表）；“获奖年度”填四位年份；“市州”填全称或简称（如岳阳市、岳阳）；“县市区”可空（县级督查激励必填）；“来源文件”填文号或文件标题。类别、年度、市州、县市区、来源文件与上一行相同的，可填“同上”或向下合并单元格。任何一行有误，整个文件不导入，并逐行列出问题。';

/**
 * Merged cells and “同上” by column (same-as-above.ts): several awards of one kind, year, city or from one document
 * are written once and merged down, or “同上”; the awardee is each row's own.
 */
const HONOURS_RULES: ColumnRule[] = HONOURS_COLUMNS.map((name) =>
  name === '获奖单位（项目）' ? { name, same: 'own', why: '每行一条荣誉，获奖单位各自填写' } : { name, same: 'fill' },
);

export const HONOURS_PRECHECK: PrecheckOptions = { doc: '荣誉名录导入表', maxDataRows: MAX_HONOUR_ROWS, headerRow: 3, rowsHint: '请分批导入，每次不超过2000行' };

export interface HonourSheetRow {
  row: number;
  kind: string;
  awardee: string;
  year: string;
  city: string;
  county: string;
  sourceDoc: string;
  note: string;
}
/**
 * The sheet's rows, or why not. A file whose rows could be read but some of whose cells cannot stand (a formula without
 * its result, 同上 where it may not, a bad merge) still gives its rows: the import checks them too and answers every
 * problem at once (checkImportRows), so the next upload does not bring up what this one could have.
 */
export type HonourSheetOutcome = { ok: true; rows: HonourSheetRow[] } | { ok: false; problems: UploadProblem[]; rows?: HonourSheetRow[] };

export async function buildHonoursTemplate(cities: string[]): Promise<Buffer> {
  const wb = await newWorkbook();
  const kindsRange = `'${KINDS_SHEET}'!$A$3:$A$${HONOUR_KINDS.length + 2}`;
  addTableSheet(wb, {
    name: HONOURS_SHEET,
    title: '荣誉名录导入表',
    subtitle: HINT,
    columns: [
      { header: HONOURS_COLUMNS[0], width: 30, validation: { type: 'list', allowBlank: true, formulae: [kindsRange], showErrorMessage: true, errorTitle: '类别', error: '请从下拉列表选择类别' } },
      { header: HONOURS_COLUMNS[1], width: 36 },
      { header: HONOURS_COLUMNS[2], width: 10, kind: 'number', validation: { type: 'whole', operator: 'between', allowBlank: true, formulae: [1990, 2100], showErrorMessage: true, errorTitle: '获奖年度', error: '请填写四位年份' } },
      { header: HONOURS_COLUMNS[3], width: 14 },
      { header: HONOURS_COLUMNS[4], width: 14 },
      { header: HONOURS_COLUMNS[5], width: 36 },
      { header: HONOURS_COLUMNS[6], width: 24 },
    ],
    rows: [],
    blankRows: 50,
  });
  // the reference sheet prints on as few pages as it needs: 类别, 级别 and 市州 as wide as their longest word (a 市州
  // on one line), 说明 the rest of a page's width with the shrink the kit allows, so its notes take two lines, not three
  // (at 124 units its last three rows, the 督查激励 kinds, printed on a page of their own)
  const kindRows = HONOUR_KINDS.map((k, i) => [k.name, HONOUR_LEVEL_LABELS[k.level], k.planIndicator ? `指标${k.planIndicator}` : '', k.note ?? '', cities[i] ?? '']);
  const kindColumns = [
    { header: '类别', width: widthToFit(kindRows.map((r) => r[0]), 10, 30) },
    { header: '级别', width: widthToFit(kindRows.map((r) => r[1]), 8) },
    { header: '计入规划指标', width: 14 },
    { header: '市州', width: widthToFit(cities, 8, 24) },
  ];
  const note = { header: '说明', width: Math.floor(LANDSCAPE_UNITS.A4 * SHRINK_ALLOWANCE) - kindColumns.reduce((a, c) => a + c.width, 0) };
  addTableSheet(wb, {
    name: KINDS_SHEET,
    title: '荣誉类别与市州',
    columns: [...kindColumns.slice(0, 3), note, kindColumns[3]],
    rows: kindRows,
    onePageWhenClose: true,
  });
  return xlsxBuffer(wb);
}

/** an import sheet as a person fills the template (title, hint, header on row 3, the rows): for tests and the browser journey */
export async function honoursSheetOf(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(HONOURS_SHEET);
  ws.addRow(['荣誉名录导入表']);
  ws.addRow(['填写说明']);
  ws.addRow([...HONOURS_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export async function parseHonoursSheet(buf: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<HonourSheetOutcome> {
  const early = await precheck(buf, HONOURS_PRECHECK);
  if (early) return early;
  return runWorkbookJob<HonourSheetOutcome>('honours', buf, limits);
}

/** The exceljs part of parseHonoursSheet; runs in the worker thread (workbook-worker.thread.ts). */
export async function readHonoursSheet(buf: Buffer): Promise<HonourSheetOutcome> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ sheet: null, row: null, column: null, reason: '文件已损坏或不是有效的 .xlsx，无法读取；请用 Excel/WPS 重新保存后上传' }] };
  }
  const ws = wb.getWorksheet(HONOURS_SHEET);
  if (!ws) return { ok: false, problems: [{ sheet: HONOURS_SHEET, row: null, column: null, reason: `缺少工作表「${HONOURS_SHEET}」，请使用平台下载的导入模板` }] };
  let header: number | null = null;
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    if (String(ws.getCell(r, 1).text).trim() === HONOURS_COLUMNS[0]) {
      header = r;
      break;
    }
  }
  const problems: UploadProblem[] = [];
  if (header === null || HONOURS_COLUMNS.some((name, i) => String(ws.getCell(header!, i + 1).text).trim() !== name)) {
    return { ok: false, problems: [{ sheet: HONOURS_SHEET, row: header, column: null, reason: `表头与导入模板不符（应为${HONOURS_COLUMNS.join('、')}），请使用平台下载的导入模板` }] };
  }
  mergeProblems(ws, header, HONOURS_RULES, problems);
  const same = new SameAsAbove(ws, header, HONOURS_RULES, problems);
  const rows: HonourSheetRow[] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    if (!hasOwnContent(ws, r, HONOURS_COLUMNS.length)) continue;
    // a cell where “同上” cannot stand reads as empty (its problem is listed, and the file refused)
    const t = (col: number) => same.resolve(r, col, cellText(ws, r, col, problems, HONOURS_COLUMNS)) ?? '';
    const row = { row: r, kind: t(1), awardee: t(2), year: t(3), city: t(4), county: t(5), sourceDoc: t(6), note: t(7) };
    rows.push(row);
  }
  if (!rows.length) return { ok: false, problems: [...problems, { sheet: HONOURS_SHEET, row: null, column: null, reason: '表中没有填写任何荣誉，请在表头下方逐行填写后上传' }] };
  if (problems.length) return { ok: false, problems, rows };
  return { ok: true, rows };
}
