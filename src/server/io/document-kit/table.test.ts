import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { continuedHeading, rowHeight, rowsToPages, tableWorkbook, textWidth, validateColumn, wrappedLines, type TableSheet } from './table';
import { overlappingValidations, sheetXml } from '../../test/xlsx-xml';

const sheet = (over: Partial<TableSheet> = {}): TableSheet => ({
  name: '排名',
  title: '2023年度省政府对市州政府质量工作考核结果排名',
  columns: [
    { header: '排名', width: 6, kind: 'number', align: 'center', validation: { type: 'whole', operator: 'between', formulae: [1, 99], allowBlank: true } },
    { header: '市州', width: 20 },
    { header: '总分', width: 10, kind: 'number', numFmt: '0.00', validation: { type: 'decimal', operator: 'between', formulae: [0, 120], allowBlank: true } },
    { header: '说明', width: 30 },
  ],
  rows: Array.from({ length: 14 }, (_, i) => [i + 1, i === 2 ? '湘西土家族苗族自治州' : `市${i}`, String(90 - i / 3), i === 0 ? '说明'.repeat(20) : null]),
  notes: ['注：演示数据。'],
  ...over,
});

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return wb;
}

describe('the .xlsx table kit', () => {
  it('measures CJK text as two units and computes wrapped lines', () => {
    expect(textWidth('湘西')).toBe(4);
    expect(textWidth('ab')).toBeCloseTo(2.2);
    expect(wrappedLines('说明'.repeat(20), 30)).toBe(Math.ceil(80 / 28.5));
    expect(wrappedLines('一\n二', 30)).toBe(2);
  });

  it('prints A4 landscape fit to width, repeats title and header, numbers pages "第 N 页 共 M 页"', async () => {
    const ws = (await load(await tableWorkbook([sheet()]))).worksheets[0];
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  });

  it('declares 宋体 for title and header, 仿宋 for data, stores numbers as numbers', async () => {
    const ws = (await load(await tableWorkbook([sheet()]))).worksheets[0];
    expect(ws.getCell('A1').value).toBe('2023年度省政府对市州政府质量工作考核结果排名');
    expect(ws.getCell('A1').font.name).toBe('宋体');
    expect(ws.getCell('B2').font.name).toBe('宋体');
    expect(ws.getCell('B3').font.name).toBe('仿宋');
    expect(ws.getCell('C3').value).toBe(90);
    expect(ws.getCell('C4').value).toBeCloseTo(90 - 1 / 3, 10); // the exact value is kept…
    expect(ws.getCell('C4').numFmt).toBe('0.00'); // …and rounded for display
    expect(ws.getCell('A3').value).toBe(1);
    expect(ws.getCell('A17').value).toBe('注：演示数据。');
  });

  it('gives wrapped rows their height and the title a row of its own', async () => {
    const ws = (await load(await tableWorkbook([sheet()]))).worksheets[0];
    expect(ws.getRow(3).height).toBe(rowHeight(wrappedLines('说明'.repeat(20), 30)));
    expect(ws.getRow(3).height).toBeGreaterThan(ws.getRow(4).height!);
    expect(ws.getRow(4).height).toBe(rowHeight(1));
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(rowHeight(1, 16));
    expect(ws.getCell('A1').isMerged).toBe(true);
  });

  it('writes one data-validation range per column, none overlapping', async () => {
    const zip = await JSZip.loadAsync(await tableWorkbook([sheet({ blankRows: 5 })]));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const refs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.sort()).toEqual(['A3:A21', 'C3:C21']);
  });

  it('validateColumn writes each run of rows with the same rule as one range (never exceljs’s overlapping squeeze)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    const a: ExcelJS.DataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
    const b: ExcelJS.DataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 5] };
    // rows 4–13: a a a a a a b b null a — the run across row 9/10 is where text order (G10 < G4) used to overlap
    validateColumn(ws, 7, 4, [a, a, a, a, a, a, b, b, null, a]);
    const [xml] = await sheetXml(Buffer.from(await wb.xlsx.writeBuffer()));
    expect([...xml.matchAll(/<dataValidation\b[^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['G10:G11', 'G13:G13', 'G4:G9']);
    expect(overlappingValidations(xml)).toEqual([]);
    // the detector itself finds what exceljs used to write
    expect(overlappingValidations('<dataValidation type="list" sqref="G10:G12"/><dataValidation type="list" sqref="G4:G12"/>')).toEqual([['G10:G12', 'G4:G12']]);
  });

  it('a table several pages wide keeps its title, subtitle and notes over the columns repeated on every page (not cut at the first page’s edge)', async () => {
    const units = Array.from({ length: 30 }, (_, i) => ({ header: `单位${i + 1}`, width: 9 }));
    const wide = sheet({
      title: '湖南省质量强省 2023 年工作要点 任务 × 单位督办矩阵',
      subtitle: '灯的计算日期：2024年4月15日',
      columns: [{ header: '序号', width: 6 }, { header: '任务', width: 30 }, { header: '牵头单位', width: 20 }, ...units],
      rows: [[1, '强化协调推进', '省质强办', ...units.map(() => '逾期')]],
      notes: ['注：每格为该单位在该任务上的灯——正常（绿）、预警（黄：期限临近或进度落后于序时进度）、逾期（红：报送期限或办理期限已过）、已办结（灰：任务已销号）；空格表示该单位不承办该任务。'],
      wide: { pagesWide: 2, repeatColumns: 3 },
    });
    const [xml] = await sheetXml(await tableWorkbook([wide]));
    const merges = [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]).sort();
    // title, subtitle and the note span A:C, the columns printed on every page; before, A:AG, centred across both pages
    expect(merges).toEqual(['A1:C1', 'A2:C2', 'A5:C5']);
    const ws = (await load(await tableWorkbook([wide]))).worksheets[0];
    expect(ws.pageSetup.printTitlesColumn).toBe('A:C');
    // their rows are as tall as the text wrapped in those 56 units (the title at its 16 pt)
    expect(ws.getRow(1).height).toBe(rowHeight(wrappedLines(wide.title, (56 * 11) / 16), 16) + 6);
    expect(ws.getRow(1).height).toBeGreaterThan(rowHeight(1, 16) + 6);
    expect(ws.getRow(5).height).toBe(rowHeight(wrappedLines(wide.notes![0] as string, 56), 10));
    // a note given its columns spans those (the columns of the page it explains), as tall as its text at their width
    const banded = sheet({ ...wide, notes: ['注：A:C', { text: '说明'.repeat(30), columns: [4, 33] }, { text: '说明'.repeat(30), columns: [2, 3] }] });
    const bandedWs = (await load(await tableWorkbook([banded]))).worksheets[0];
    const [bandedXml] = await sheetXml(await tableWorkbook([banded]));
    expect([...bandedXml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['A1:C1', 'A2:C2', 'A5:C5', 'B7:C7', 'D6:AG6']);
    expect(bandedWs.getCell('D6').value).toBe('说明'.repeat(30));
    expect(bandedWs.getCell('A6').value).toBeNull();
    expect(bandedWs.getRow(6).height).toBe(rowHeight(1, 10));
    expect(bandedWs.getRow(7).height).toBe(rowHeight(wrappedLines('说明'.repeat(30), 50), 10));
    // one page wide: across the whole table as before
    const [narrow] = await sheetXml(await tableWorkbook([sheet()]));
    expect([...narrow.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['A17:D17', 'A1:D1']);
  });

  it('pages a sheet whose notes keep with its last row: rows to a page while they fit, and the last row goes over with notes that do not fit', () => {
    // rows 4…: 100 points each under 50 points of titles on a 400-point page → three rows a page
    expect(rowsToPages([100, 100, 100, 100, 100], { first: 4, titles: 50, notes: 30, page: 400 })).toEqual([6]);
    // the last page has 150 points left under rows 7–8: 160 points of 签字/盖章 take row 8 over with them
    expect(rowsToPages([100, 100, 100, 100, 100], { first: 4, titles: 50, notes: 160, page: 400 })).toEqual([6, 7]);
    // a short table on one page stays on one page
    expect(rowsToPages([30, 30], { first: 4, titles: 50, notes: 36, page: 400 })).toEqual([]);
    // a row taller than a page is a page of its own, not a break before the first row
    expect(rowsToPages([500, 100], { first: 4, titles: 50, notes: 10, page: 400 })).toEqual([4]);
  });

  it('never ends a page with a heading row: it goes over with the row it heads, unless it began its page', () => {
    // three 100-point rows a page: row 6 (index 2) is a heading, so the page ends after row 5 and the heading goes over
    expect(rowsToPages([100, 100, 100, 100, 100], { first: 4, titles: 50, notes: 30, page: 400 })).toEqual([6]);
    expect(rowsToPages([100, 100, 100, 100, 100], { first: 4, titles: 50, notes: 30, page: 400, keepWithNext: new Set([2]) })).toEqual([5]);
    // a heading at the top of its page stays there (moving it back would leave an empty page)
    expect(rowsToPages([100, 100, 100, 100, 100, 100], { first: 4, titles: 50, notes: 30, page: 400, keepWithNext: new Set([3]) })).toEqual([6]);
    // the notes take the last row over: a heading right above it goes with them
    expect(rowsToPages([100, 100, 100, 100, 100], { first: 4, titles: 50, notes: 160, page: 400, keepWithNext: new Set([3]) })).toEqual([6]);
    expect(rowsToPages([100, 100, 100, 100, 100], { first: 4, titles: 50, notes: 160, page: 400, keepWithNext: new Set([3, 4]) })).toEqual([6]);
  });

  it('begins a page within a heading’s rows with the heading’s repeat, counted in the page', () => {
    // a 50-point heading over eight 80-point rows under 50 points of titles on a 400-point page: three rows on page 1;
    // page 2 holds four rows, or three under a 50-point 「…（续）」
    const heights = [50, ...Array.from({ length: 8 }, () => 80)];
    const keepWithNext = new Set([0]);
    expect(rowsToPages(heights, { first: 4, titles: 50, notes: 0, page: 400, keepWithNext })).toEqual([7, 11]);
    const repeat = new Map(heights.map((_, i) => [i, 50] as const).slice(1));
    expect(rowsToPages(heights, { first: 4, titles: 50, notes: 0, page: 400, keepWithNext, repeat })).toEqual([7, 10]);
    // a row taller than what is left under the repeat still goes on that page: never a page of the repeat alone
    expect(rowsToPages([80, 340], { first: 4, titles: 50, notes: 0, page: 400, repeat: new Map([[1, 50]]) })).toEqual([4]);
  });

  it('a heading’s repeat is the heading and （续） on one line, a long heading cut with …', () => {
    expect(continuedHeading('7.a 产品质量安全保障：抽查合格率达到目标', 120)).toBe('7.a 产品质量安全保障：抽查合格率达到目标（续）');
    const long = '5.a 加强质量技术基础：扎实开展质量基础设施“一站式”服务，落实助力纾困中小微企业和个体工商户专项行动；实施标准化战略；加强计量体系和能力建设';
    const repeat = continuedHeading(long, 120);
    expect(repeat).toMatch(/^5\.a 加强质量技术基础：扎实开展.*…（续）$/);
    expect(wrappedLines(repeat, 120)).toBe(1);
  });

  it('a sheet it pages itself (keepNotesWithRows) repeats the heading at the top of a page its rows continue onto', async () => {
    const heading = '7.a 产品质量安全保障：抽查合格率达到目标';
    const rows = [{ heading }, ...Array.from({ length: 40 }, (_, i) => [i + 1, `第${i + 1}项`]), { heading: '8.b 短' }, [41, '末项']];
    const buf = await tableWorkbook([{ name: '表', title: '评分表', columns: [{ header: '序号', width: 6, kind: 'number' }, { header: '内容', width: 40 }], rows, notes: ['评分人（签字）：'], keepNotesWithRows: true }]);
    const [xml] = await sheetXml(buf);
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks.length).toBeGreaterThan(0);
    const ws = (await load(buf)).getWorksheet('表')!;
    const continued = breaks.filter((b) => ws.getCell(`A${b + 1}`).value !== '8.b 短');
    // the last row goes over with its heading and the notes; every other page begins 「7.a …（续）」 (one line of the
    // table's 46 units) over the next item
    expect(continued.length).toBe(breaks.length - 1);
    for (const b of breaks) expect(ws.getCell(`A${b}`).value).toEqual(expect.any(Number));
    for (const b of continued) {
      expect(ws.getCell(`A${b + 1}`).value).toBe(continuedHeading(heading, 46));
      expect(ws.getCell(`A${b + 1}`).value).toMatch(/^7\.a 产品质量安全保障：.*（续）$/);
      expect(ws.getRow(b + 1).height).toBe(rowHeight(1));
      expect(ws.getCell(`A${b + 1}`).font?.bold).toBe(true);
      expect(ws.getCell(`A${b + 2}`).value).toBe(Number(ws.getCell(`A${b}`).value) + 1);
    }
    // 1 to 41 all there once
    const items = Array.from({ length: ws.rowCount }, (_, r) => ws.getCell(`A${r + 1}`).value).filter((v) => typeof v === 'number');
    expect(items).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(continued.length).toBeGreaterThan(0);
  });

  it('a column’s validation covers its data rows, not the heading rows across the table', async () => {
    const [xml] = await sheetXml(await tableWorkbook([sheet({ rows: [{ heading: '一、市州' }, [1, '长沙市', 90, null], [2, '株洲市', 89, null], { heading: '二、县市区' }, [3, '浏阳市', 88, null]], notes: [] })]));
    // title 1, header 2, headings 3 and 6
    const refs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(refs).toEqual(['A4:A5', 'A7:A7', 'C4:C5', 'C7:C7']);
    expect(overlappingValidations(xml)).toEqual([]);
  });

  it('writes a heading row across the whole table, bold, as tall as its text wrapped across the table', async () => {
    const long = '7.a 产品质量安全保障：'.padEnd(90, '抽');
    const buf = await tableWorkbook([{ name: '表', title: '评分表', columns: [{ header: '序号', width: 6, kind: 'number' }, { header: '内容', width: 40 }], rows: [{ heading: long }, [1, '长沙市'], { heading: '8.b 短' }, [2, '株洲市']] }]);
    const [xml] = await sheetXml(buf);
    expect([...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['A1:B1', 'A3:B3', 'A5:B5']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.getWorksheet('表')!;
    expect(ws.getCell('A3').value).toBe(long);
    expect(ws.getCell('A3').font?.bold).toBe(true);
    expect(ws.getRow(3).height).toBe(rowHeight(wrappedLines(long, 46)));
    expect(ws.getRow(3).height).toBeGreaterThan(rowHeight(1));
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([1, '长沙市']);
    expect(ws.getCell('A5').value).toBe('8.b 短');
  });

  it('prints a sheet with keepNotesWithRows at full size with its page breaks set (Excel ignores manual breaks on a sheet scaled to fit)', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i + 1, `第${i + 1}项`]);
    const buf = await tableWorkbook([{ name: '表', title: '评分表', columns: [{ header: '序号', width: 6 }, { header: '内容', width: 40 }], rows, notes: ['评分人（签字）：', '（盖章）'], keepNotesWithRows: true }]);
    const [xml] = await sheetXml(buf);
    expect(xml).toMatch(/<rowBreaks count="\d+" manualBreakCount="\d+">/);
    expect(xml).not.toMatch(/fitToPage="1"/);
  });
});
