/**
 * A department's scoring sheet (评分表, .xlsx): one row per assessed unit × criterion the department scores,
 * criterion by criterion (a department fills a key point for all cities at once, from the same source), prefilled
 * with what is saved; filled offline and uploaded back.
 *
 * Layout (sheet 评分表): row 1 title, row 2 how to fill it, row 3 the header, data from row 4. Columns: 序号 |
 * 被考核单位 | 编号 | 考核要点 | 分值 | 填写方式 | 评分 | 扣分理由 | 单位代码 (hidden) | 版本 (hidden: the score's
 * version at download, empty when none was saved). Only 评分 and 扣分理由 are unlocked (the sheet is protected);
 * 评分 has the data validation its rule calls for (是/否, the levels, a range), 扣分理由 a length limit.
 *
 * Reading (in the workbook worker, on bytes that passed the declaration upload's precheck: size, zip guard, XML
 * limits) returns the rows as text, or every structural problem (sheet, row, column, reason); what the text means
 * (the rule, the engine's check, the reason rule, versions) is judged by the scoring module.
 */
import type ExcelJS from 'exceljs';
import type { UploadProblem } from '../../../shared/contracts/declarations';
import type { Rule } from '../../../shared/scoring/framework-schema';
import { answerToText, inputHint } from '../../../shared/scoring/cell-text';
import { loadExcelJS } from './exceljs';
import { rowHeight, validateColumn, wrappedLines, xlsxBuffer } from '../document-kit/table';
import { MAX_UPLOAD_BYTES, precheck, type PrecheckOptions } from './declaration-template';
import { runWorkbookJob, WORKBOOK_LIMITS, type WorkbookLimits } from './workbook-worker';
import { cellText } from './read-cell';
import { hasOwnContent, mergeProblems, SameAsAbove, type ColumnRule } from './same-as-above';

export const SCORING_SHEET = '评分表';
export const SCORING_COLUMNS = ['序号', '被考核单位', '编号', '考核要点', '分值', '填写方式', '评分', '扣分理由', '单位代码', '版本'] as const;
export const SCORING_HEADER_ROW = 3;
/** 122 counties × the largest department's criteria fit well below this */
export const MAX_SCORING_ROWS = 5000;
export const SCORING_MAX_UPLOAD_BYTES = MAX_UPLOAD_BYTES;
const COL = { seq: 1, unit: 2, key: 3, title: 4, points: 5, hint: 6, score: 7, reason: 8, unitCode: 9, version: 10 } as const;

const PLATFORM = '请取消合并并恢复原内容，或重新下载评分表后填写';
/**
 * Merged cells and “同上” by column (same-as-above.ts): a 扣分理由 merged down several rows, or “同上”, is the reason
 * above on each row; a 评分 is each unit's own (merged or “同上”, refused: Excel keeps only the top score); the
 * platform's codes may not be merged; the columns shown for reference are not read.
 */
const SCORING_RULES: ColumnRule[] = [
  { name: '序号', same: 'ignore' },
  { name: '被考核单位', same: 'ignore' },
  { name: '编号', same: 'platform', advice: PLATFORM },
  { name: '考核要点', same: 'ignore' },
  { name: '分值', same: 'ignore' },
  { name: '填写方式', same: 'ignore' },
  { name: '评分', same: 'own', why: '每个被考核单位的每个考核要点须分别评分' },
  { name: '扣分理由', same: 'fill' },
  { name: '单位代码', same: 'platform', advice: PLATFORM },
  { name: '版本', same: 'platform', advice: PLATFORM },
];

export const SCORING_PRECHECK: PrecheckOptions = {
  doc: '评分表',
  maxDataRows: MAX_SCORING_ROWS,
  headerRow: SCORING_HEADER_ROW,
  rowsHint: '请使用平台下载的评分表，不要增加行',
};

export interface SheetCriterion {
  key: string;
  title: string;
  points: number;
  rule: Rule;
  role: 'base' | 'bonus' | 'deduction' | 'veto';
  notApplicable: string | null;
}

export interface SheetInfo {
  cycleTitle: string;
  departmentName: string;
  criteria: SheetCriterion[];
  units: { code: string; name: string }[];
  /** saved scores by `${unitCode}|${key}` */
  saved: Map<string, { answer: unknown; comment: string | null; version: number }>;
}

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

const REASON_RULE: ExcelJS.DataValidation = { type: 'textLength', operator: 'lessThanOrEqual', formulae: [1000], allowBlank: true, showErrorMessage: true, errorTitle: '扣分理由', error: '扣分理由不超过1000字' };

function scoreValidation(c: SheetCriterion): ExcelJS.DataValidation | null {
  const na = c.notApplicable ? ',合理缺项' : '';
  const base = { allowBlank: true, showErrorMessage: true, errorTitle: '评分', showInputMessage: true, promptTitle: c.key, prompt: inputHint(c.rule, c.points, !!c.notApplicable).slice(0, 250) };
  switch (c.rule.type) {
    case 'boolean':
      return { ...base, type: 'list', formulae: [`"是,否${na}"`], error: `请选择「是」或「否」${na ? '或「合理缺项」' : ''}` };
    case 'levels':
      return { ...base, type: 'list', formulae: [`"${c.rule.levels.join(',')}${na}"`], error: `请选择档次分值：${c.rule.levels.join('、')}` };
    case 'direct':
      if (c.notApplicable) return { ...base, type: 'textLength', operator: 'lessThanOrEqual', formulae: [30], error: '评分不超过30个字符' };
      return { ...base, type: 'decimal', operator: 'between', formulae: [c.rule.min ?? 0, c.points], error: `得分须在${c.rule.min ?? 0}～${c.points}之间` };
    case 'threshold':
    case 'linear':
      if (c.rule.valueRange && !c.notApplicable) {
        return { ...base, type: 'decimal', operator: 'between', formulae: [c.rule.valueRange[0], c.rule.valueRange[1]], error: `实测值须在${c.rule.valueRange[0]}～${c.rule.valueRange[1]}之间` };
      }
      return { ...base, type: 'textLength', operator: 'lessThanOrEqual', formulae: [30], error: '评分不超过30个字符' };
    default:
      return { ...base, type: 'textLength', operator: 'lessThanOrEqual', formulae: [30], error: '评分不超过30个字符' };
  }
}

/** The sheet, prefilled with the saved scores and reasons. */
export async function buildScoringSheet(info: SheetInfo): Promise<Buffer> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  wb.creator = '考评平台';
  wb.created = new Date();
  const ws = wb.addWorksheet(SCORING_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${SCORING_HEADER_ROW}:${SCORING_HEADER_ROW}` },
    // page numbers, as on every printed table of the platform
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页', evenFooter: '&C第 &P 页 共 &N 页' },
    views: [{ state: 'frozen', ySplit: SCORING_HEADER_ROW, xSplit: 3 }],
  });
  ws.columns = [6, 14, 8, 48, 7, 30, 12, 40, 10, 6].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, 8);
  ws.getCell(1, 1).value = `${info.cycleTitle}评分表（${info.departmentName}）`;
  ws.getCell(1, 1).font = { name: '宋体', size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  ws.mergeCells(2, 1, 2, 8);
  ws.getCell(2, 1).value =
    '填写说明：只填「评分」和「扣分理由」两列，其他列已锁定；得分低于分值（或减分、否决）的，必须填写扣分理由；扣分理由与上一行相同的可填“同上”或向下合并单元格，评分须逐行填写。请勿增删行、改动隐藏列。上传后逐行校验，有任何问题则全部不导入；下载后他人修改过的评分会被列出，不会被覆盖。';
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getCell(2, 1).font = { name: '宋体', size: 10, color: { argb: 'FF666666' } };
  ws.getRow(2).height = 42;
  const header = ws.getRow(SCORING_HEADER_ROW);
  header.values = [...SCORING_COLUMNS];
  header.eachCell((cell) => {
    cell.font = { name: '宋体', bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = border;
  });
  let r = SCORING_HEADER_ROW + 1;
  let seq = 1;
  const scoreRules: (ExcelJS.DataValidation | null)[] = [];
  for (const c of info.criteria) {
    const hint = inputHint(c.rule, c.points, !!c.notApplicable);
    const validation = scoreValidation(c);
    for (const u of info.units) {
      const saved = info.saved.get(`${u.code}|${c.key}`);
      const row = ws.getRow(r);
      const text = saved ? answerToText(saved.answer) : '';
      const asNumber = text !== '' && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
      row.values = [seq, u.name, c.key, c.title, c.points, hint, asNumber ?? (text || null), saved?.comment ?? null, u.code, saved ? saved.version : null];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        if (col > SCORING_COLUMNS.length) return;
        cell.border = border;
        cell.font = { name: '宋体', size: 10 };
        cell.alignment = { vertical: 'top', wrapText: col === COL.title || col === COL.hint || col === COL.reason };
        cell.protection = { locked: col !== COL.score && col !== COL.reason };
      });
      // 评分 keeps the General number format, which shows a score as typed (5, 5.5, 0.25, and 3.14159 as 3.14159): a
      // format of fixed decimals prints 5 as 「5.」 ('0.##' in Excel) or 5.0 ('0.0#'), and shows 3.14159 as 3.14 beside the
      // upload's refusal of its third decimal; the upload reads the value, never the format (read-cell.ts)
      row.getCell(COL.score).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7E6' } };
      row.getCell(COL.reason).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7E6' } };
      scoreRules.push(validation ?? null);
      // as high as its longest wrapped text, the prefilled 扣分理由 too: Excel does not grow a row for text it did not
      // type itself, and LibreOffice and WPS print such a row cut
      const widths = ws.columns.map((col) => col.width ?? 10);
      const lines = [c.title, hint, saved?.comment ?? ''].map((t, i) => (t ? wrappedLines(t, widths[[COL.title, COL.hint, COL.reason][i] - 1]) : 1));
      row.height = rowHeight(Math.max(...lines), 10);
      r++;
      seq++;
    }
  }
  validateColumn(ws, COL.score, SCORING_HEADER_ROW + 1, scoreRules);
  validateColumn(ws, COL.reason, SCORING_HEADER_ROW + 1, scoreRules.map(() => REASON_RULE));
  ws.getColumn(COL.unitCode).hidden = true;
  ws.getColumn(COL.version).hidden = true;
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: false,
    insertRows: false,
    deleteRows: false,
  });
  return xlsxBuffer(wb);
}

// ───────────────────────── reading an uploaded sheet ─────────────────────────

/** One data row of an uploaded sheet, as text. */
export interface SheetRow {
  /** Excel row number */
  row: number;
  unitCode: string;
  unitName: string;
  key: string;
  scoreText: string;
  reason: string;
  /** the score's version at download; null: none was saved */
  version: number | null;
}

/** the sheet's rows, or why not; cells that cannot stand come with the rows still read, so the upload answers every problem at once */
export type SheetOutcome = { ok: true; rows: SheetRow[] } | { ok: false; problems: UploadProblem[]; rows?: SheetRow[] };

/** Check the bytes (size, kind, zip guard, XML limits), then read the sheet in a worker thread with memory and time limits. */
export async function parseScoringSheet(buf: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<SheetOutcome> {
  const early = await precheck(buf, SCORING_PRECHECK);
  if (early) return early;
  return runWorkbookJob<SheetOutcome>('scoring', buf, limits);
}

/** The exceljs part of parseScoringSheet; runs in the worker thread (workbook-worker.thread.ts). */
export async function readScoringSheet(buf: Buffer): Promise<SheetOutcome> {
  const Excel = await loadExcelJS();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ sheet: null, row: null, column: null, reason: '文件已损坏或不是有效的 .xlsx，无法读取；请用 Excel/WPS 重新保存后上传' }] };
  }
  const ws = wb.getWorksheet(SCORING_SHEET);
  if (!ws) {
    return { ok: false, problems: [{ sheet: SCORING_SHEET, row: null, column: null, reason: `缺少工作表「${SCORING_SHEET}」，请使用平台下载的评分表（评分页「下载评分表」）` }] };
  }
  const problems: UploadProblem[] = [];
  const header = SCORING_COLUMNS.map((_, i) => cellText(ws, SCORING_HEADER_ROW, i + 1, problems, SCORING_COLUMNS));
  const wrong = SCORING_COLUMNS.filter((name, i) => header[i] !== name);
  if (wrong.length) {
    return { ok: false, problems: [{ sheet: SCORING_SHEET, row: SCORING_HEADER_ROW, column: null, reason: `表头与平台评分表不符（应为${SCORING_COLUMNS.join('、')}），请使用平台下载的评分表` }] };
  }
  mergeProblems(ws, SCORING_HEADER_ROW, SCORING_RULES, problems);
  const same = new SameAsAbove(ws, SCORING_HEADER_ROW, SCORING_RULES, problems);
  const rows: SheetRow[] = [];
  for (let r = SCORING_HEADER_ROW + 1; r <= ws.rowCount; r++) {
    if (!hasOwnContent(ws, r, SCORING_COLUMNS.length)) continue;
    const t = (col: number) => cellText(ws, r, col, problems, SCORING_COLUMNS);
    const unitCode = t(COL.unitCode);
    const key = t(COL.key);
    const scoreText = same.resolve(r, COL.score, t(COL.score));
    const reason = same.resolve(r, COL.reason, t(COL.reason));
    const versionText = t(COL.version);
    const unitName = t(COL.unit);
    if (scoreText === null || reason === null) continue; // “同上” where it cannot stand: listed
    if (!unitCode && !key && !scoreText && !reason && !unitName) continue;
    if (!unitCode || !key) {
      problems.push({ sheet: SCORING_SHEET, row: r, column: !key ? '编号' : '单位代码', reason: '缺少被考核单位代码或考核要点编号（锁定列不可改动），请使用平台下载的评分表重新填写' });
      continue;
    }
    let version: number | null = null;
    if (versionText !== '') {
      version = Number(versionText);
      if (!Number.isInteger(version) || version < 1) {
        problems.push({ sheet: SCORING_SHEET, row: r, column: '版本', reason: '隐藏列「版本」被改动，请重新下载评分表' });
        continue;
      }
    }
    rows.push({ row: r, unitCode, unitName, key, scoreText, reason, version });
  }
  if (!rows.length && !problems.length) return { ok: false, problems: [{ sheet: SCORING_SHEET, row: null, column: null, reason: '评分表没有数据行，请使用平台下载的评分表填写' }] };
  if (problems.length) return { ok: false, problems, rows };
  return { ok: true, rows };
}
