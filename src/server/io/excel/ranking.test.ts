import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { unit, view } from '../../test/results.fixture';
import { rowHeight } from '../document-kit/table';
import { CHANGE_FORMAT, rankingWorkbook } from './ranking';

describe('ranking workbook', () => {
  it('writes base score before bonus and deduction, the veto item, last year’s rank and the change', async () => {
    const buf = await rankingWorkbook(
      view(
        [
          unit({
            unitId: 2,
            unitCode: '430200',
            unitName: '株洲市',
            total: '95',
            veto: true,
            vetoCodes: ['23.a'],
            grade: 'D',
            rank: 2,
            criteria: [
              { code: '23.a', itemCode: '23', criterionCode: 'a', itemTitle: '发生重大质量安全事故', title: '在考核年度内，因质量问题造成严重的财产损失或人身伤害的，考核结果一律为D级。', sectionCode: 'D9', role: 'veto', status: 'ok', score: '0', maximum: '0', lost: '0', explanation: '', comment: null, department: null },
            ],
          }),
          unit({}),
        ],
        { vetoItems: [{ code: '23.a', itemTitle: '发生重大质量安全事故', title: '在考核年度内，因质量问题造成严重的财产损失或人身伤害的，考核结果一律为D级。' }], previous: { cycleId: 9, year: 2021, units: [{ unitCode: '430100', total: '88', rank: 2, grade: 'B' }, { unitCode: '430200', total: '90', rank: 1, grade: 'A' }] } },
      ),
      '市州',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('考核结果排名');
    expect(ws.getCell('A1').value).toBe('2022年度省政府对市州政府质量工作考核 考核结果（初步）');
    expect(ws.getCell('A1').isMerged).toBe(true);
    // the title row is tall enough for the title and the header is a row of its own under it
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(rowHeight(1, 16));
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      '排名', '市州', '宏观质量\n（60分）', '产品质量\n（40分）', '基本项得分', '加分', '减分', '否决项', '总分', '等级', '2021年排名', '名次变化',
    ]);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([1, '长沙市', 50, 40, 90, 0.25, 0, '否', 90.25, 'A', 2, 1]);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([2, '株洲市', 50, 40, 90, 0.25, 0, '是：发生重大质量安全事故', 95, 'D', 1, -1]);
    expect(ws.getCell('I3').numFmt).toBe('0.0#');
    expect(ws.getCell('L3').numFmt).toBe(CHANGE_FORMAT);
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const notes = [5, 6, 7, 8, 9].map((r) => ws.getCell(`A${r}`).value);
    expect(notes).toContain('注：本表为初步结果，以最终发布结果为准。');
    // the item's wording under the table, named by its title as in the cell: no code a reader must decode
    expect(notes).toContain('否决项“发生重大质量安全事故”：在考核年度内，因质量问题造成严重的财产损失或人身伤害的，考核结果一律为D级。');
    expect(notes.join('')).not.toContain('23.a');
  });

  it('names the veto item of a unit whose key points the reader does not see (a city reading the others’ totals)', async () => {
    const stripped = unit({ unitId: 2, unitCode: '430200', unitName: '株洲市', veto: true, vetoCodes: ['23.a'], grade: 'D', rank: 2, criteria: [] });
    const buf = await rankingWorkbook(view([unit({}), stripped], { scope: 'own', vetoItems: [{ code: '23.a', itemTitle: '发生重大质量安全事故', title: '在考核年度内……一律为D级。' }] }), '市州');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(4).getCell(8).value).toBe('是：发生重大质量安全事故');
    // the title fits its column on one line: the row is no taller than the others
    expect(ws.getRow(4).height).toBe(ws.getRow(3).height);
    const notes = [5, 6, 7, 8, 9].map((r) => String(ws.getCell(`A${r}`).value ?? ''));
    expect(notes).toContain('否决项“发生重大质量安全事故”：在考核年度内……一律为D级。');
    expect(notes).toContain('演示数据：本表数据为平台演示用的合成数据，不代表真实考核结果。');
  });

  it('dates the publication as a document writes a day (2023年3月20日), in China’s day, not as stored (2023-03-20)', async () => {
    const buf = await rankingWorkbook(view([unit({})], { stage: 'final', publishedAt: '2023-03-19T17:30:00.000Z' }), '市州');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    const notes = Array.from({ length: 8 }, (_, i) => String(ws.getCell(`A${4 + i}`).value ?? ''));
    expect(notes).toContain('发布时间：2023年3月20日');
  });

  it('without a previous year’s results prints no 上年排名 and 名次变化 columns (two empty columns on every page)', async () => {
    const buf = await rankingWorkbook(view([unit({})], { stage: 'final' }), '市州');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets[0];
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['排名', '市州', '宏观质量\n（60分）', '产品质量\n（40分）', '基本项得分', '加分', '减分', '否决项', '总分', '等级']);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([1, '长沙市', 50, 40, 90, 0.25, 0, '否', 90.25, 'A']);
    expect(ws.getColumn(11).width ?? null).toBeNull();
  });

  it("a city's cycle heads the unit column 县市区, as its 通报 does", async () => {
    const buf = await rankingWorkbook(view([unit({})], { stage: 'final' }), '县市区');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    expect(wb.worksheets[0].getCell('B2').value).toBe('县市区');
  });
});
