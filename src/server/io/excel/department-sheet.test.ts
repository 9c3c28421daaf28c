import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { departmentSheetWorkbook } from './department-sheet';

describe('部门评分表', () => {
  it('lists every key point and unit with numbers as numbers, the reason for lost points and the signature lines', async () => {
    const line = { code: '7.a', itemTitle: '产品质量安全保障', title: '抽查合格率达到目标', points: 3, role: 'base' as const, unitName: '长沙市', score: 3 as number | null, comment: null as string | null };
    const bonus = { code: '21.a', itemTitle: '加分项', title: '获评全国质量强市示范城市', points: 1, role: 'bonus' as const, unitName: '长沙市', score: 0, comment: null };
    const buf = await departmentSheetWorkbook({
      cycleTitle: '2023年度省政府对市州政府质量工作考核',
      department: '省市场监督管理局',
      statusLabel: '已提交',
      lines: [line, { ...line, unitName: '株洲市', score: 1, comment: '合格率95.1%，扣2分' }, { ...line, unitName: '湘潭市', score: 2 }, { ...line, unitName: '衡阳市', score: null }, bonus, { ...bonus, unitName: '株洲市', score: 1 }],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.getWorksheet('部门评分表')!;
    expect(ws.getCell('A1').value).toBe('2023年度省政府对市州政府质量工作考核评分表（省市场监督管理局）');
    expect(ws.getCell('A2').value).toBe('评价部门：省市场监督管理局　　评分状态：已提交　　共 6 项，其中 1 项未评分');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '考核要点', '分值', '被考核单位', '得分', '评分说明（失分原因）']);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([1, '7.a 产品质量安全保障：抽查合格率达到目标', 3, '长沙市', 3]);
    expect(ws.getCell('F5').value).toBe('合格率95.1%，扣2分');
    expect(ws.getCell('F6').value).toBe('（未写明失分原因）');
    expect(ws.getCell('F7').value).toBe('未评分');
    expect(ws.getCell('E7').value).toBeNull();
    // a bonus not earned lost nothing: 未加分, never "no reason given"; an earned one needs no remark
    expect([ws.getCell('E8').value, ws.getCell('F8').value]).toEqual([0, '未加分']);
    expect(ws.getCell('F9').value).toBeNull();
    expect(String(ws.getCell('A10').value)).toContain('评分人（签字）');
    expect(String(ws.getCell('A11').value)).toContain('省市场监督管理局（盖章）');
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  });
});
