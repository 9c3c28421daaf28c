import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { framework, type Framework } from '../../../shared/scoring/framework-schema';
import { REPO_ROOT } from '../../config';
import { LANDSCAPE_HEIGHT_PT, LANDSCAPE_UNITS, rowHeight, textWidth, wrappedLines } from '../document-kit/table';
import { annex4Layout, schemeAnnex4Xlsx } from './scheme-annex4';

const fw2022: Framework = framework.parse(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json'), 'utf8')));
const names = new Map<string, string>(
  (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/departments.json'), 'utf8')) as { code: string; name: string }[]).map((d) => [d.code, d.name]),
);
const SEED_000 = path.join(REPO_ROOT, '../shared/seeds/000_bdb2641fca90ea06.txt');
const meta = { versionNo: 1, status: 'published', publishedAt: '2022-05-20T02:00:00.000Z' };

describe('Annex 4 layout of a scheme (seed 000, 附件 4)', () => {
  const layout = annex4Layout(fw2022, names, meta);

  it('has one row per key point, domains with their totals, numbered items and the bonus/deduction/veto rows', () => {
    expect(layout.title).toBe('2022 年度湖南省政府质量工作考核要点');
    expect(layout.note).toBe('第1版（2022年5月20日发布）');
    // 23 items; 2 has three key points, 7 three, 20 two → 20 base items + 4 extra rows… counted exactly:
    expect(layout.rows).toHaveLength(28);
    expect(layout.rows.filter((r) => r.domainSpan > 0).map((r) => [r.domain, r.domainSpan])).toEqual([
      ['宏观质量 (19.5分)', 8],
      ['产品质量 (35.5分)', 7],
      ['工程质量 (20分)', 3],
      ['服务质量 (15分)', 5],
      ['环境质量 (10分)', 2],
      ['加分项', 1],
      ['减分项', 1],
      ['否决项', 1],
    ]);
    expect(layout.rows[1]).toMatchObject({ item: '2. 加强品牌建设', itemSpan: 3, keyPoint: '落实全省“十四五”品牌发展规划，实施品牌提升工程。(0.5分)', departments: '省发展改革委' });
    // 2.b, 22 and 23: the scheme's own words (相关成员单位 are named by nobody; the office enters the score)
    expect(layout.rows[2]).toMatchObject({ itemSpan: 0, keyPoint: '开展品牌提升行动，质量品牌建设成效明显。(2分)', departments: '质量强省领导小组办公室，相关成员单位' });
    expect(layout.rows[26]).toMatchObject({ item: '22. 较大质量安全事故(或事件)', departments: '质量强省领导小组相关成员单位' });
    expect(layout.rows[27]).toMatchObject({ departments: '质量强省领导小组相关成员单位' });
    expect(layout.rows[0].departments).toBe('湖南省质量强省领导小组办公室');
    expect(layout.rows[8].keyPoint.endsWith('(14.5分)')).toBe(true);
    expect(layout.rows[25]).toMatchObject({ domain: '加分项', item: '21. 质量工作真抓实干督查激励', keyPoint: '2022年度推进质量工作成效突出地方受国办督查激励和省政府督查激励的市州进行加分。', departments: '省市场监督管理局' });
    expect(layout.rows[27].item).toBe('23. 发生重大质量安全事故');
  });

  it.runIf(fs.existsSync(SEED_000))('prints the 评价部门 column of seed 附件4 row by row, in the scheme\'s spellings', () => {
    const seed = fs.readFileSync(SEED_000, 'utf8');
    const cells = seed
      .slice(seed.indexOf('2022 年度湖南省政府质量工作考核要点'))
      .split('\n')
      .filter((l) => l.includes('\t') && !l.startsWith('考核领域'))
      .map((l) => l.split('\t').filter((c) => c.trim() !== '').at(-1)!.trim());
    // the names as the live system prints them (evaluatorNames: a department by its schemeName, the office by its name without 湖南)
    const printed = new Map<string, string>(
      (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/departments.json'), 'utf8')) as { code: string; name: string; schemeName?: string }[]).map((d) => [d.code, d.schemeName ?? d.name]),
    );
    printed.set('office', '质量强省领导小组办公室');
    const rows = annex4Layout(fw2022, printed, meta).rows;
    // the seed's table has 27 rows: the Annex 4 export 28 (item 20's two key points are one row in the seed)
    const departments = rows.filter((r, i) => !(i > 0 && r.item === rows[i - 1].item && r.item.startsWith('20.'))).map((r) => r.departments);
    expect(departments).toEqual(cells);
  });

  it('marks a draft as such', () => {
    expect(annex4Layout(fw2022, names, { versionNo: 3, status: 'draft', publishedAt: null }).note).toBe('草案第3版（未发布）');
  });

  it('writes an .xlsx that exceljs re-opens with the same cells and merges', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await schemeAnnex4Xlsx(layout)) as never);
    const ws = wb.getWorksheet('考核要点')!;
    expect(ws.rowCount).toBe(3 + 28);
    expect(ws.headerFooter.oddHeader).toBe('&L附件4');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.getCell('A1').value).toBe('2022 年度湖南省政府质量工作考核要点');
    expect(ws.getCell('A12').value).toBe('产品质量 (35.5分)');
    expect(ws.getCell('B12').value).toBe('7. 产品质量安全保障');
    expect(ws.getCell('D13').value).toBe('省药品监督管理局');
    // the domain on every row of its own (a page starting inside 产品质量 still names it); items merged down
    for (let r = 12; r <= 18; r++) expect(ws.getCell(`A${r}`).value).toBe('产品质量 (35.5分)');
    expect(ws.getCell('A11').value).toBe('宏观质量 (19.5分)');
    expect(ws.getCell('A11').isMerged).toBe(false);
    const merges = (ws.model as any).merges as string[];
    expect(merges.sort()).toEqual(['A1:D1', 'A2:D2', 'B12:B14', 'B27:B28', 'B5:B7'].sort());
    // title, version note and header on every printed page
    expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    expect(ws.pageSetup.orientation).toBe('landscape');
    // rows as high as their wrapped key point (column C, 72 units): row 12's point takes several lines
    const c12 = String(ws.getCell('C12').value);
    expect(textWidth(c12)).toBeGreaterThan(4 * 70.5);
    expect(ws.getRow(12).height).toBe(rowHeight(wrappedLines(c12, 72), 12));
    expect(ws.getRow(12).height).toBeGreaterThanOrEqual(5 * 16);
  });

  it('keeps each merged item on one page: the breaks fall between items, and each page holds its rows at the print scale', async () => {
    const buf = await schemeAnnex4Xlsx(layout);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.getWorksheet('考核要点')!;
    // a fixed scale (Excel ignores manual breaks on a sheet scaled to fit), the four columns within the page's width
    expect(ws.pageSetup.fitToPage).toBeFalsy();
    const units = [1, 2, 3, 4].reduce((a, c) => a + ws.getColumn(c).width!, 0);
    expect((units * ws.pageSetup.scale!) / 100).toBeLessThanOrEqual(LANDSCAPE_UNITS.A4);
    // the manual breaks as the sheet's XML has them (exceljs writes them but does not read them back)
    const sheetXml = await (await JSZip.loadAsync(buf)).file('xl/worksheets/sheet1.xml')!.async('string');
    const breaks = [...sheetXml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    // 7. 产品质量安全保障 (rows 12–14) ran from page 1 onto page 2, its name printed on page 1 only
    const merged = ((ws.model as any).merges as string[]).filter((m) => m.startsWith('B') && m !== 'B1').map((m) => m.match(/\d+/g)!.map(Number));
    for (const [top, bottom] of merged) expect(breaks.filter((b) => b >= top! && b < bottom!), `B${top}:B${bottom}`).toEqual([]);
    // every page's rows, under the repeated title, note and header, fit the page at the sheet's scale
    const titles = [1, 2, 3].reduce((a, r) => a + ws.getRow(r).height!, 0);
    const room = (LANDSCAPE_HEIGHT_PT * 100) / ws.pageSetup.scale! - titles;
    const ends = [...breaks, ws.rowCount];
    ends.forEach((end, k) => {
      const start = k === 0 ? 4 : ends[k - 1]! + 1;
      let h = 0;
      for (let r = start; r <= end; r++) h += ws.getRow(r).height!;
      expect(h, `rows ${start}–${end}`).toBeLessThanOrEqual(room);
    });
  });
});
