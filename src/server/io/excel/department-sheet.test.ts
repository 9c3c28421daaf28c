import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { departmentSheetWorkbook } from './department-sheet';
import { sheetXml } from '../../test/xlsx-xml';

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
    expect(ws.getCell('A2').value).toBe('评价部门：省市场监督管理局　　评分状态：已提交　　共2个考核要点、6项评分，其中1项未评分');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '被考核单位', '分值', '得分', '评分说明（失分原因）']);
    // each key point once, as a heading over its units' rows
    expect(ws.getCell('A4').value).toBe('7.a 产品质量安全保障：抽查合格率达到目标');
    expect((ws.getRow(5).values as unknown[]).slice(1)).toEqual([1, '长沙市', 3, 3]);
    expect(ws.getCell('E6').value).toBe('合格率95.1%，扣2分');
    expect(ws.getCell('E7').value).toBe('（未写明失分原因）');
    expect(ws.getCell('E8').value).toBe('未评分');
    expect(ws.getCell('D8').value).toBeNull();
    expect(ws.getCell('A9').value).toBe('21.a 加分项：获评全国质量强市示范城市');
    // a bonus not earned lost nothing: 未加分, never "no reason given"; an earned one needs no remark
    expect([ws.getCell('A10').value, ws.getCell('D10').value, ws.getCell('E10').value]).toEqual([5, 0, '未加分']);
    expect(ws.getCell('E11').value).toBeNull();
    expect(String(ws.getCell('A12').value)).toContain('评分人（签字）');
    expect(String(ws.getCell('A13').value)).toContain('省市场监督管理局（盖章）');
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  });

  it('prints 6 key points × 14 units on a few pages, not one page per 10 rows: the key point is not repeated on every row', async () => {
    const units = ['长沙市', '株洲市', '湘潭市', '衡阳市', '邵阳市', '岳阳市', '常德市', '张家界市', '益阳市', '郴州市', '永州市', '怀化市', '娄底市', '湘西土家族苗族自治州'];
    const lines = ['3.a', '5.b', '7.a', '9.c', '21.b', '21.c'].flatMap((code) =>
      units.map((unitName) => ({ code, itemTitle: '加强人才队伍建设', title: '建立“首席质量官”制度，开展质量管理培训与咨询服务。', points: 0.5, role: 'base' as const, unitName, score: 0.5, comment: null })),
    );
    const buf = await departmentSheetWorkbook({ cycleTitle: '2022年度省政府对市州政府质量工作考核', department: '省市场监督管理局', statusLabel: '已提交', lines });
    const xml = await sheetXml(buf);
    // 84 rows under 6 headings, one line each: 5 breaks (6 pages) at most, where the old layout needed 18
    const breaks = [...xml[0].matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks.length).toBeGreaterThan(0);
    expect(breaks.length).toBeLessThanOrEqual(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.getWorksheet('部门评分表')!;
    // no page ends with a key point's heading, and each page begins with one: its own, or the 「（续）」 of the key point
    // whose units it continues
    for (const b of breaks) {
      expect(String(ws.getCell(`A${b}`).value)).not.toMatch(/^\d+\.[a-z] /);
      const code = /^\d+\.[a-z]/.exec(String(ws.getCell(`A${b + 1}`).value))?.[0];
      expect(code, `row ${b + 1}`).toBeDefined();
      if (typeof ws.getCell(`A${b + 2}`).value === 'number' && Number(ws.getCell(`A${b + 2}`).value) % 14 !== 1)
        expect(ws.getCell(`A${b + 1}`).value).toBe(`${code} 加强人才队伍建设：建立“首席质量官”制度，开展质量管理培训与咨询服务。（续）`);
    }
  });
});
