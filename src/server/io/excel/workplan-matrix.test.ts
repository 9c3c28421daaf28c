/**
 * The matrix's title as it prints: a plan of a few units is one page of narrow columns, whose title row holds the
 * plan's name and no more at the title's size; it is broken after the name. 岳阳市's demo plan (3 units) printed
 * 「…（演示数据） 任务 × 单位督办矩」 over a lone 「阵」.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { WorkplanMatrix } from '../../../shared/contracts/workplan';
import { textWidth, wrappedLines } from '../document-kit/table';
import { workplanMatrixXlsx } from './workplan-matrix';

const columns = ['岳阳市', '岳阳楼区', '汨罗市'].map((name, i) => ({ id: i + 1, name }));
const matrix = (title: string, units = columns): WorkplanMatrix => ({
  plan: { id: 2, title, year: 2026 },
  asOf: '2026-12-07',
  columns: units,
  rows: ['提升检验检测能力水平', '提升质量管理水平'].map((t, i) => ({
    task: { id: i + 1, number: i + 1, title: t },
    lead: '岳阳市',
    progress: 85,
    light: 'green',
    label: '正常',
    cells: Object.fromEntries(units.map((c) => [String(c.id), { light: 'green' as const, label: '正常', role: c.id === 1 ? 'lead' : 'cooperating', signed: true }])),
  })),
  periods: [{ code: '2026-Q1', label: '2026年第一季度', dueOn: '2026-04-10' }],
});
const titleOf = async (m: WorkplanMatrix) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await workplanMatrixXlsx(m)) as never);
  const ws = wb.getWorksheet('任务×单位')!;
  return { text: String(ws.getCell(1, 1).value), height: ws.getRow(1).height };
};

describe('the work plan matrix (.xlsx)', () => {
  it('breaks a title longer than its page of few columns after the plan’s name, and makes the row two lines high', async () => {
    const narrow = await titleOf(matrix('岳阳市2026年质量强市工作要点（演示数据）'));
    expect(narrow.text).toBe('岳阳市2026年质量强市工作要点（演示数据）\n任务 × 单位督办矩阵');
    // two lines of 16 pt
    expect(narrow.height).toBeGreaterThan(2 * 16 * 1.3);
  });

  it('keeps a title that fits its table on one line', async () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, name: `第${i + 1}单位` }));
    expect((await titleOf(matrix('岳阳市2026年工作要点', many))).text).toBe('岳阳市2026年工作要点 任务 × 单位督办矩阵');
  });

  it('prints each task and lead on one line where the page has room beside a few units, in two lines beside many', async () => {
    const load = async (m: WorkplanMatrix) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await workplanMatrixXlsx(m)) as never);
      return wb.getWorksheet('任务×单位')!;
    };
    // the two tasks' rows, under the title, the date line and the header
    const lines = (ws: ExcelJS.Worksheet, col: number) => [4, 5].map((r) => wrappedLines(String(ws.getCell(r, col).value), ws.getColumn(col).width!));
    // 3 units: the column a little narrower than its text broke 提升检验检测能力水 over 平
    const few = await load(matrix('岳阳市2026年质量强市工作要点（演示数据）'));
    expect(lines(few, 2)).toEqual([1, 1]);
    expect(lines(few, 3)).toEqual([1, 1]);
    // 40 units on A3 pages: the task columns stay narrow, repeated on each page
    const many = await load(matrix('湖南省质量强省2023年工作要点', Array.from({ length: 40 }, (_, i) => ({ id: i + 1, name: `第${i + 1}单位` }))));
    expect(many.getColumn(2).width).toBeLessThan(textWidth('提升检验检测能力水平') + 2);
  });
});
