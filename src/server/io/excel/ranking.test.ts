import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { unit, view } from '../../test/results.fixture';
import { rankingWorkbook } from './ranking';

describe('ranking workbook', () => {
  it('writes a preliminary demo ranking in rank order, numbers as numbers, with the notes', async () => {
    const buf = await rankingWorkbook(
      view([unit({ unitId: 2, unitCode: '430200', unitName: '株洲市', total: '95', veto: true, grade: 'D', rank: 2 }), unit({})]),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('考核结果排名');
    expect(ws.getCell('A1').value).toBe('2022年度省政府对市州政府质量工作考核 考核结果（初步）');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['排名', '市州', '总分', '宏观质量（60分）', '产品质量（40分）', '加分', '减分', '否决', '等级']);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([1, '长沙市', 90.25, 50, 40, 0.25, 0, '否', 'A']);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([2, '株洲市', 95, 50, 40, 0.25, 0, '是', 'D']);
    expect(ws.getCell('F3').numFmt).toBe('0.0#');
    expect(ws.getCell('A6').value).toBe('注：本表为初步结果，以最终发布结果为准。');
    expect(ws.getCell('A8').value).toBe('演示数据：本表数据为平台演示用的合成数据，不代表真实考核结果。');
  });
});
