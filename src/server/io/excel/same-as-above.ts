/**
 * Merged cells and “同上” in the data rows of an uploaded workbook — one rule for every workbook import (申报表,
 * 评分表, 荣誉名录导入表), each column of each sheet saying which way it goes:
 *
 *   fill      a vertically merged range means its top cell's value on every row of the range (what a person
 *             means by merging: the same 考核领域, the same 扣分理由 for these rows), and a cell reading “同上”
 *             means the value of the row directly above (itself resolved). Only where repeating a value is
 *             harmless: names, groupings, reasons, sources.
 *   own       each row its own value (a score, a 分值, a key point, an awardee): a merged range is refused,
 *             naming it — Excel keeps only the top cell's value when merging, so applying it would record a value
 *             nobody typed for the other rows; “同上” is refused too.
 *   platform  written by the platform (codes, versions): merged is refused, with what to do.
 *   ignore    not read (shown for reference): anything goes.
 *
 * A range across columns is refused when it covers a column that is read; one that joins the header to data rows
 * is refused. Merges above the header (the title rows) are the template's own.
 *
 * exceljs gives every cell of a merged range its top cell's value; readers read through `cell.master` (read-cell.ts)
 * so that this does not depend on that.
 */
import type ExcelJS from 'exceljs';
import type { UploadProblem } from '../../../shared/contracts/declarations';
import { normalizeText } from '../../../shared/scoring/cell-text';

export type ColumnRule = { name: string; same: 'fill' | 'ignore' } | { name: string; same: 'own'; why: string } | { name: string; same: 'platform'; advice: string };

export const columnLetter = (c: number): string => {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

const RANGE = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/;
const columnNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The sheet's merged ranges as numbers, top to bottom, left to right. */
export function mergedRanges(ws: ExcelJS.Worksheet): { ref: string; top: number; left: number; bottom: number; right: number }[] {
  const out = [];
  for (const ref of (ws.model as { merges?: string[] }).merges ?? []) {
    const m = RANGE.exec(ref);
    if (!m) continue;
    out.push({ ref, top: Number(m[2]), left: columnNumber(m[1]), bottom: Number(m[4] ?? m[2]), right: columnNumber(m[3] ?? m[1]) });
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * Problems with the merged ranges that reach the data rows (below `headerRow`), by the columns' rules (rules[i]
 * is column i + 1; columns past the rules are not read). `columnName` names a column in the problem (the template's
 * name or its letter).
 */
export function mergeProblems(ws: ExcelJS.Worksheet, headerRow: number, rules: readonly ColumnRule[], problems: UploadProblem[], columnName: (col: number) => string = (c) => rules[c - 1]?.name ?? columnLetter(c)): void {
  for (const m of mergedRanges(ws)) {
    if (m.bottom < headerRow) continue; // the title rows
    const at = (col: number, reason: string) => problems.push({ sheet: ws.name, row: m.top, column: columnName(col), reason, throughRow: m.bottom });
    if (m.top <= headerRow) {
      // header cells merged across (the header check names what it reads there), or the header joined to other rows
      if (m.top !== m.bottom) at(m.left, `表头不能与其他行合并（${m.ref}），请取消合并`);
      continue;
    }
    const read = [];
    for (let c = m.left; c <= m.right; c++) if (rules[c - 1] && rules[c - 1].same !== 'ignore') read.push(c);
    const master = ws.getCell(m.top, m.left).value;
    if (!read.length || master === null || master === undefined || (typeof master === 'string' && !master.trim())) continue; // empty cells merged: nothing stands for any row
    if (m.left !== m.right) {
      at(read[0], `不能跨列合并单元格（${m.ref}）：${read.map((c) => rules[c - 1].name).join('、')}各占一列；请取消合并，分别填写`);
      continue;
    }
    const rule = rules[m.left - 1];
    if (rule.same === 'own') at(m.left, `${rule.name}不能合并单元格（${m.ref}）：${rule.why}；请取消合并，在每一行分别填写`);
    else if (rule.same === 'platform') at(m.left, `${rule.name}列由平台生成，不能合并单元格（${m.ref}）；${rule.advice}`);
  }
}

/** A cell of a merged range other than its top one: the value exceljs gives it is the range's, not its own. */
export const mergedOver = (cell: ExcelJS.Cell) => cell.isMerged && cell.master !== cell;

/**
 * Whether row r has a value of its own in columns 1..width — not only what a range merged down from above shows
 * there: a 考核领域 merged on into the template's blank rows does not make them rows to read.
 */
export function hasOwnContent(ws: ExcelJS.Worksheet, r: number, width: number): boolean {
  for (let c = 1; c <= width; c++) {
    const cell = ws.getCell(r, c);
    if (mergedOver(cell)) continue;
    const v = cell.value;
    if (v !== null && v !== undefined && String(cell.text ?? '').trim() !== '') return true;
  }
  return false;
}

/** A cell reading “同上” (full-width, spaces or a closing 。 allowed). */
export const isSameAsAbove = (text: string) => /^同上[。.]?$/.test(normalizeText(text));

/**
 * “同上” resolved row by row, in the order the rows are read: `resolve` gives a cell's text, the text of the row
 * directly above for “同上” in a 'fill' column, or null (with the problem listed) where “同上” cannot stand.
 */
export class SameAsAbove {
  private readonly last = new Map<number, { row: number; text: string }>();

  constructor(
    private readonly ws: ExcelJS.Worksheet,
    private readonly headerRow: number,
    private readonly rules: readonly ColumnRule[],
    private readonly problems: UploadProblem[],
  ) {}

  resolve(row: number, col: number, text: string): string | null {
    const rule = this.rules[col - 1];
    let out: string | null = text;
    if (rule && rule.same !== 'ignore' && isSameAsAbove(text)) {
      const at = (reason: string) => this.problems.push({ sheet: this.ws.name, row, column: rule.name, reason });
      const above = this.last.get(col);
      if (rule.same === 'own') {
        at(`${rule.name}不能填“同上”：${rule.why}；请填写本行的${rule.name}`);
        out = null;
      } else if (rule.same === 'platform') {
        at(`${rule.name}列由平台生成，不能填“同上”；${rule.advice}`);
        out = null;
      } else if (row - 1 <= this.headerRow) {
        at(`${rule.name}填的是“同上”，但这是第一行数据，上面没有可沿用的${rule.name}；请填写${rule.name}`);
        out = null;
      } else if (!above || above.row !== row - 1 || !above.text) {
        at(`${rule.name}填的是“同上”，但上一行（第${row - 1}行）的${rule.name}是空的；请填写${rule.name}`);
        out = null;
      } else out = above.text;
    }
    this.last.set(col, { row, text: out ?? '' });
    return out;
  }
}
