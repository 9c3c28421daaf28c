import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { loadExcelJS } from './exceljs';
import { cellText, isPercentFormat } from './read-cell';
import { buildScoringSheet, SCORING_HEADER_ROW } from './scoring-sheet';
import { rowHeight, wrappedLines } from '../document-kit/table';
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
  it('a number as Excel shows it, to 15 significant digits: a formula =0.1+0.2 saves 0.30000000000000004 and reads 0.3', async () => {
    const Excel = await loadExcelJS();
    const ws = new Excel.Workbook().addWorksheet('评分表');
    expect(0.1 + 0.2).toBe(0.30000000000000004);
    expect(14.5 - 1.2 - 0.1).toBe(13.200000000000001);
    ws.getCell(1, 1).value = { formula: '0.1+0.2', result: 0.1 + 0.2 } as never;
    ws.getCell(2, 1).value = { formula: '14.5-1.2-0.1', result: 14.5 - 1.2 - 0.1 } as never;
    ws.getCell(3, 1).value = 0.1 + 0.2;
    // the digits a person typed stay as typed (up to Excel's own 15)
    ws.getCell(4, 1).value = 97.123456789;
    const problems: UploadProblem[] = [];
    expect([1, 2, 3, 4].map((r) => cellText(ws, r, 1, problems, ['评分']))).toEqual(['0.3', '13.2', '0.3', '97.123456789']);
    expect(problems).toEqual([]);
  });
  it('a cell marked as a number that holds no number (written by a program) is a problem naming row and column, not the text "NaN"', async () => {
    const Excel = await loadExcelJS();
    const wb = new Excel.Workbook();
    wb.addWorksheet('荣誉名录').getCell(2, 3).value = 2023;
    const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('<v>2023</v>');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('<v>2023</v>', '<v>二〇二三</v>'));
    const back = new Excel.Workbook();
    await back.xlsx.load((await zip.generateAsync({ type: 'nodebuffer' })) as never);
    const problems: UploadProblem[] = [];
    expect(cellText(back.getWorksheet('荣誉名录')!, 2, 3, problems, ['类别', '获奖单位（项目）', '获奖年度'])).toBe('');
    expect(problems).toEqual([{ sheet: '荣誉名录', row: 2, column: '获奖年度', reason: '单元格标为数值，但文件中存的内容不是数字（文件可能由其他程序生成），请重新输入该单元格' }]);
  });
  it('tells a percent format from a literal % sign', () => {
    expect(['0%', '0.00%', '#,##0.0%;[Red]-0.0%'].map(isPercentFormat)).toEqual([true, true, true]);
    expect(['0"%"', '0\\%', 'General', '0.00', undefined].map(isPercentFormat)).toEqual([false, false, false, false, false]);
  });
});

describe('buildScoringSheet: every row prints whole', () => {
  it('a row is as high as its longest wrapped text, the 扣分理由 included (LibreOffice and WPS print a short row cut)', async () => {
    const title = '推进电子商务创新发展。';
    const reason = '（演示数据）「将服务业质量提升工作纳入服务业发展年度工作要点。」未完全达到要求（直接评分，得0.9分），扣0.1分';
    const buf = await buildScoringSheet({
      cycleTitle: '2023年度考核',
      departmentName: '省发展改革委',
      criteria: [{ key: '15.a', title, points: 1, rule: { type: 'direct', min: 0 }, role: 'base', notApplicable: null }],
      units: [
        { code: '430602', name: '岳阳楼区' },
        { code: '430621', name: '岳阳县' },
      ],
      saved: new Map([['430621|15.a', { answer: 0.9, comment: reason, version: 1 }]]),
    });
    const Excel = await loadExcelJS();
    const wb = new Excel.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.getWorksheet('评分表')!;
    const withReason = ws.getRow(SCORING_HEADER_ROW + 2);
    expect(withReason.getCell(8).value).toBe(reason);
    // 扣分理由 is 40 units wide: the reason takes three lines of 10 pt text
    expect(wrappedLines(reason, 40)).toBe(3);
    expect(withReason.height).toBeGreaterThanOrEqual(rowHeight(3, 10));
    // a row without a reason keeps the height of its one-line key point
    expect(ws.getRow(SCORING_HEADER_ROW + 1).height).toBeLessThan(rowHeight(2, 10));
  });
});
