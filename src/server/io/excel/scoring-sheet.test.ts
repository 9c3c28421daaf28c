import { describe, expect, it } from 'vitest';
import { loadExcelJS } from './exceljs';
import { cellText, isPercentFormat } from './read-cell';
import type { UploadProblem } from '../../../shared/contracts/declarations';

describe('cellText: a cell read as the person who typed it sees it', () => {
  it('a number shown as a percentage is read as the percentage (Excel stores "96%" as 0.96)', async () => {
    const Excel = await loadExcelJS();
    const ws = new Excel.Workbook().addWorksheet('评分表');
    const set = (row: number, value: unknown, numFmt?: string) => {
      const c = ws.getCell(row, 1);
      c.value = value as never;
      if (numFmt) c.numFmt = numFmt;
    };
    set(1, 0.96, '0%');
    set(2, 0.957, '0.0%');
    set(3, 0.96);
    set(4, 96, '0"%"');
    set(5, new Date(Date.UTC(2023, 4, 1)), 'yyyy-mm-dd');
    set(6, 1.1, '0.00%');
    const problems: UploadProblem[] = [];
    expect([1, 2, 3, 4, 5, 6].map((r) => cellText(ws, r, 1, problems, ['评分']))).toEqual(['96%', '95.7%', '0.96', '96', '2023-05-01', '110%']);
    expect(problems).toEqual([]);
  });
  it('tells a percent format from a literal % sign', () => {
    expect(['0%', '0.00%', '#,##0.0%;[Red]-0.0%'].map(isPercentFormat)).toEqual([true, true, true]);
    expect(['0"%"', '0\\%', 'General', '0.00', undefined].map(isPercentFormat)).toEqual([false, false, false, false, false]);
  });
});
