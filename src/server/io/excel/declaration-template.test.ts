import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { formatCriteriaCell, parseCriteriaCell } from '../../../shared/contracts/declarations';
import { buildDeclarationWorkbook, parseDeclarationWorkbook } from './declaration-template';

describe('the 要点考核内容 cell convention', () => {
  it('reads the seed’s own example, separated by ；', () => {
    const seed =
      '认真贯彻落实《质量强省建设纲要》《湖南省“十四五”质量强省发展规划》有部署（0.5分）；质量强市（州）组织机构完善（0.5分）；将质量工作纳入地方党委政府工作报告或地方党委政府专题研究质量工作（0.5分）；下发《2022年度质量强市工作要点》（0.5分）。';
    const r = parseCriteriaCell(seed);
    expect(r.errors).toEqual([]);
    expect(r.criteria.map((c) => c.points)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(r.criteria[1].text).toBe('质量强市（州）组织机构完善');
    expect(r.criteria[3].text).toBe('下发《2022年度质量强市工作要点》');
  });
  it('reads numbered lines and half-width brackets, and round-trips what it writes', () => {
    const r = parseCriteriaCell('1. 建立制度 (0.25 分)\n（2）开展培训；含线上线下（0.75分）');
    expect(r).toEqual({ criteria: [{ text: '建立制度', points: 0.25 }, { text: '开展培训；含线上线下', points: 0.75 }], errors: [] });
    expect(parseCriteriaCell(formatCriteriaCell(r.criteria)).criteria).toEqual(r.criteria);
  });
  it('names a part without points and points with too many decimals', () => {
    expect(parseCriteriaCell('有部署（0.5分）；组织机构完善').errors).toEqual(['「组织机构完善」缺少分值，每条要点考核内容须以“（N分）”结尾']);
    expect(parseCriteriaCell('有部署（0.125分）').errors).toEqual(['「有部署」的分值 0.125 最多保留两位小数']);
  });
});

describe('the declaration workbook', () => {
  const content = {
    indicators: [
      {
        domain: '宏观质量',
        item: '加强人才队伍建设',
        keyPoint: '建立“首席质量官”制度',
        criteria: [{ text: '建立制度', points: 0.5 }],
        points: 0.5,
        basis: '纲要',
        lastYearPoints: 0.5,
        sourceCode: '3.a',
        overReason: undefined,
      },
    ],
    bonuses: [{ project: '激励表彰', standard: '加 1 分', basis: '文件' }],
  };
  it('writes the seed’s header rows and reads back the same content', async () => {
    const buf = await buildDeclarationWorkbook({ cycleTitle: '2023年度省政府对市州政府质量工作考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    const ws = wb.getWorksheet('加分项申报表')!;
    expect([ws.getCell('A2').text, ws.getCell('A3').text]).toEqual(['单位名称：省市场监督管理局', '日期：']);
    expect(ws.getCell('A4').text).toContain('由省质强办统筹确定');
    const back = await parseDeclarationWorkbook(buf);
    expect(back.ok).toBe(true);
    if (back.ok) {
      const { overReason: _o, ...row } = content.indicators[0];
      expect(back.content).toEqual({ indicators: [{ ...row, lastYearPoints: null }], bonuses: content.bonuses });
      expect(back.indicatorRows).toEqual([6]);
    }
  });
});

describe('a zip bomb', () => {
  it('is refused from the sizes the zip declares, before anything is inflated', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(60 * 1024 * 1024, 0x20));
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(buf.length).toBeLessThan(1024 * 1024);
    const r = await parseDeclarationWorkbook(buf);
    expect(r).toEqual({
      ok: false,
      problems: [{ sheet: null, row: null, column: null, reason: '文件解压后约 60 MB，超过上限 50 MB；请只保留申报表内容，用 Excel/WPS 重新保存后上传' }],
    });
  });
});
