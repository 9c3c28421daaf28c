/**
 * A cell of an uploaded workbook read as the person who filled it sees it — the one reading every workbook import
 * uses (申报表, 评分表, 荣誉名录导入表):
 *
 *   a number             as shown: to 15 significant digits, as Excel and WPS show it (=0.1+0.2 saves 0.30000000000000004)
 *   a formula            its result as saved with it (Excel, WPS and LibreOffice always save the value they show);
 *                        a formula saved without a result (files written by programs) or whose result is an error
 *                        value is one problem, naming the formula, with what to do
 *   an error value       a problem (#N/A, #REF!…); so is a number cell whose stored content is not a number
 *   rich text, a link    its text
 *   a percentage         "96%" as typed (Excel stores 0.96 with a percent format)
 *   a date               the day as written (exceljs gives a Date at UTC midnight of the day typed)
 *   a merged cell        its range's top cell (whether that may stand for the row is same-as-above.ts's rule)
 */
import type ExcelJS from 'exceljs';
import { CONTROL_CHARS, CONTROL_CHARS_MESSAGE } from '../../../shared/contracts/common';
import type { UploadProblem } from '../../../shared/contracts/declarations';

export type PlainValue = string | number | boolean | Date | null;
export type CellRead = { value: PlainValue } | { problem: string };

/** A number format that shows the value × 100 with a % sign ("0%", "0.0%"; a quoted or escaped % is literal). */
export const isPercentFormat = (fmt: string | undefined) => !!fmt && /%/.test(fmt.replace(/"[^"]*"|\\./g, ''));

const NOT_A_NUMBER = '单元格标为数值，但文件中存的内容不是数字（文件可能由其他程序生成），请重新输入该单元格';
const PASTE_VALUES = '请改为直接填写数值或文字（复制后“选择性粘贴—数值”）';

/**
 * A cell's text, refused when it holds what text() refuses in a form: Excel stores a control character as _x0000_ and
 * exceljs reads it back as the character, so a 扣分理由 with NUL answered 500 on PostgreSQL, and one with U+FFFF (or a
 * lone surrogate, _xD800_) was stored on SQLite and made the 反馈意见书 that prints it unreadable.
 */
function textOf(s: string): CellRead {
  return CONTROL_CHARS.test(s) ? { problem: `单元格${CONTROL_CHARS_MESSAGE}` } : { value: s };
}

function plain(v: unknown): CellRead {
  if (v === null || v === undefined) return { value: null };
  // a cell marked as a number whose stored content is not one (files written by programs): exceljs reads NaN
  if (typeof v === 'number' && !Number.isFinite(v)) return { problem: NOT_A_NUMBER };
  // a number as Excel and WPS show it, to 15 significant digits: a formula's =0.1+0.2 is saved as 0.30000000000000004
  // and shown (and meant) as 0.3
  if (typeof v === 'number') return { value: Number(v.toPrecision(15)) };
  if (typeof v === 'string') return textOf(v);
  if (typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: Number.isNaN(v.getTime()) ? null : v };
  if (typeof v === 'object') {
    if ('error' in v) return { problem: `单元格是错误值${(v as { error: string }).error}，请填写内容` };
    if ('richText' in v) return textOf((v as { richText: { text: string }[] }).richText.map((t) => t.text).join(''));
    if ('text' in v) return plain((v as { text: unknown }).text); // a hyperlink
  }
  return { value: String(v) };
}

/** The value of a cell as shown: a formula's saved result, or one problem (see the module comment). */
export function cellValue(cell: ExcelJS.Cell): CellRead {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    const shown = f.formula ? `（=${f.formula.slice(0, 60)}）` : '';
    const result = f.result;
    if (result === undefined || result === null || result === '') return { problem: `单元格是公式${shown}，文件中没有它的计算结果；${PASTE_VALUES}` };
    if (typeof result === 'object' && 'error' in (result as object)) {
      return { problem: `单元格的公式结果是错误值${(result as { error: string }).error}${shown}，请改正公式或直接填写内容` };
    }
    return plain(result);
  }
  return plain(v);
}

/** A cell as text (trimmed), as its person sees it; a problem is addressed to its row and column (named from `columns`) and reads as ''. */
export function cellText(ws: ExcelJS.Worksheet, row: number, col: number, problems: UploadProblem[], columns: readonly string[]): string {
  const cell = ws.getCell(row, col).master;
  const read = cellValue(cell);
  if ('problem' in read) {
    problems.push({ sheet: ws.name, row, column: columns[col - 1] ?? null, reason: read.problem });
    return '';
  }
  const v = read.value;
  if (v === null) return '';
  if (typeof v === 'number') return isPercentFormat(cell.numFmt) ? `${Number((v * 100).toPrecision(12))}%` : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v.trim();
}
