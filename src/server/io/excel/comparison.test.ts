import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seedExample } from '../word/notice';
import { CHANGE_POINTS_FORMAT, comparisonWorkbook } from './comparison';

describe('分值对照表', () => {
  it('puts this year against last year per key point, numbers as numbers, with the change and the reason', async () => {
    const ex = seedExample(2022);
    const row = ex.indicators[0];
    const buf = await comparisonWorkbook('2023年度省政府对市州政府质量工作考核', 2023, 2022, [
      { department: '省市场监督管理局', statusLabel: '已接收', content: { ...ex, indicators: [{ ...row, sourceCode: '1.a', lastYearPoints: 1.5, overReason: '新增部署要求' }, { ...row, item: '新增', points: 1 }] } },
      { department: '省教育厅', statusLabel: '草稿', content: { indicators: [{ ...row, sourceCode: '2.a', lastYearPoints: 3, points: 2.5 }], bonuses: [] } },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('分值对照表');
    expect(ws.getCell('A1').value).toBe('2023年度省政府对市州政府质量工作考核指标分值对照表（2023年申报与2022年对照）');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '申报部门', '申报状态', '考核领域', '考核内容', '考核要点', '上年编号', '2022年分值', '2023年分值', '增减', '超过上年分值的理由']);
    expect((ws.getRow(3).values as unknown[]).slice(1, 3)).toEqual([1, '省市场监督管理局']);
    expect([ws.getCell('G3').value, ws.getCell('H3').value, ws.getCell('I3').value, ws.getCell('J3').value, ws.getCell('K3').value]).toEqual(['1.a', 1.5, 2, 0.5, '新增部署要求']);
    expect(ws.getCell('H4').value).toBeNull();
    expect(ws.getCell('J4').value).toBeNull();
    expect(ws.getCell('J5').value).toBe(-0.5);
    expect(ws.getCell('J5').numFmt).toBe(CHANGE_POINTS_FORMAT);
    expect(ws.getCell('A6').value).toBe('合计：2个部门申报3个考核要点，2023年申报分值5.5分；其中沿用上年要点的上年分值4.5分；1个要点超过上年分值。');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
  });

  it('counts only the departments that declared a key point, and names those that declared none', async () => {
    const ex = seedExample(2022);
    const buf = await comparisonWorkbook('2023年度考核', 2023, 2022, [
      { department: '省市场监督管理局', statusLabel: '已接收', content: { ...ex, indicators: [ex.indicators[0]] } },
      { department: '省应急管理厅', statusLabel: '已提交', content: { indicators: [], bonuses: [] } },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A4').value)).toMatch(/^合计：1个部门申报1个考核要点（另有1个部门未申报考核要点：省应急管理厅），/);
  });
});
