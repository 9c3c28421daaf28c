import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { formatCriteriaCell, parseCriteriaCell } from '../../../shared/contracts/declarations';
import { deflate, deflatedZeros, rawZip, xlsxWith } from '../../test/zip.fixture';
import { buildDeclarationWorkbook, parseDeclarationWorkbook } from './declaration-template';
import { overlappingValidations, sheetXml } from '../../test/xlsx-xml';
import { runWorkbookJob, WORKBOOK_LIMITS, WorkbookTooComplex } from './workbook-worker';

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
    expect(parseCriteriaCell('有部署（0.125分）').errors).toEqual(['「有部署」的分值0.125最多保留两位小数']);
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
    // the 分值 column's rule as one range, nothing overlapping (Excel would offer to repair the file)
    const [a1] = await sheetXml(buf);
    expect([...a1.matchAll(/<dataValidation\b[^>]*sqref="([^"]+)"/g)].map((m) => m[1])).toEqual(['E6:E11']);
    for (const xml of await sheetXml(buf)) expect(overlappingValidations(xml)).toEqual([]);
    const back = await parseDeclarationWorkbook(buf);
    expect(back.ok).toBe(true);
    if (back.ok) {
      const { overReason: _o, ...row } = content.indicators[0];
      expect(back.content).toEqual({ indicators: [{ ...row, lastYearPoints: null }], bonuses: content.bonuses });
      expect(back.indicatorRows).toEqual([6]);
    }
  });
});

describe('the declaration workbook as printed', () => {
  it('sizes the columns by their content, gives each row its wrapped lines and empty rows room to write', async () => {
    const long = '认真贯彻落实《质量强省建设纲要》有部署并将质量工作纳入地方党委政府工作报告（0.5分）';
    const buf = await buildDeclarationWorkbook({
      cycleTitle: '2023年度省政府对市州政府质量工作考核',
      baseYear: 2022,
      departmentName: '省市场监督管理局',
      officeShortName: '省质强办',
      content: {
        indicators: [{ domain: '宏观质量', item: '质量强省', keyPoint: '有部署', criteria: [{ text: long.replace(/（0.5分）$/, ''), points: 0.5 }], points: 0.5, basis: 'GB/T 19001', lastYearPoints: null, sourceCode: null }],
        bonuses: [],
      },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    const ws = wb.getWorksheet('指标申报表')!;
    const width = (c: number) => ws.getColumn(c).width;
    // 考核领域: "考核领域"/"宏观质量" are 4 CJK = 8 units + 2, under the column's floor of 10
    expect(width(1)).toBe(10);
    // 考核内容: "考核内容" 8 + 2 = 10 → floor 12
    expect(width(2)).toBe(12);
    // 要点考核内容: the 44-character line (88 units) is clamped to 50 and wraps
    expect(width(4)).toBe(50);
    // 指标依据: "GB/T 19001" is 10 Latin characters (11 units) and the header 8: floor 14
    expect(width(6)).toBe(14);
    // 分值 keeps its number and shows it with one or two decimals
    expect(ws.getCell('E6').value).toBe(0.5);
    expect(ws.getCell('E6').numFmt).toBe('0.0#');
    // row 6: 88 units in a column of 50 (48.5 usable) → 2 lines at 12 pt × 1.35 + 4 = 37 pt; empty rows 3 lines = 53 pt
    expect(ws.getRow(6).height).toBe(37);
    for (let r = 7; r <= 11; r++) expect(ws.getRow(r).height).toBe(53);
    // A4 landscape, one page wide, title rows and header on every page, page numbers
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('1:5');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    const bonus = wb.getWorksheet('加分项申报表')!;
    for (let r = 6; r <= 10; r++) expect(bonus.getRow(r).height).toBe(53);
    expect(bonus.getColumn(3).width).toBe(30);
  });
});

describe('the declaration workbook’s fonts', () => {
  it('names a Chinese font on every printed cell (unnamed, Excel and WPS print the form in Calibri with a fallback for the Chinese)', async () => {
    const buf = await buildDeclarationWorkbook({ cycleTitle: '2023年度省政府对市州政府质量工作考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: { indicators: [], bonuses: [] } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    for (const name of ['指标申报表', '加分项申报表']) {
      const ws = wb.getWorksheet(name)!;
      // the title and header in 宋体 as the table kit sets them; the unit line, the note and the rows to fill in 仿宋
      expect(ws.getCell('A1').font).toMatchObject({ name: '宋体', bold: true });
      expect(ws.getCell('A5').font).toMatchObject({ name: '宋体', bold: true });
      for (const address of ['A2', 'A3', 'A4', 'A6', 'B8', 'D10']) expect(ws.getCell(address).font?.name, `${name}!${address}`).toBe('仿宋');
    }
  });

  it('sizes a column unit by Arial (the workbook’s default font), which LibreOffice has as Liberation Sans: by Calibri, missing with its twin Carlito, LibreOffice made each unit a quarter wider and the rows printed a third too tall', async () => {
    const buf = await buildDeclarationWorkbook({ cycleTitle: '2023年度省政府对市州政府质量工作考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: { indicators: [], bonuses: [] } });
    const styles = await (await JSZip.loadAsync(buf)).file('xl/styles.xml')!.async('string');
    // the first font is the Normal style's, the one every app measures a column-width unit by (the width of its "0")
    expect(/<fonts[^>]*>\s*<font>([\s\S]*?)<\/font>/.exec(styles)![1]).toMatch(/<name val="Arial"\/>/);
  });
});

describe('a zip bomb', () => {
  it('with honest headers is refused once 50 MB have actually been inflated', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(60 * 1024 * 1024, 0x20));
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(buf.length).toBeLessThan(1024 * 1024);
    const r = await parseDeclarationWorkbook(buf);
    expect(r).toEqual({
      ok: false,
      problems: [{ sheet: null, row: null, column: null, reason: '文件解压后超过上限50 MB（按实际解压出的内容计算）；请只保留申报表内容，用 Excel/WPS 重新保存后上传' }],
    });
  });
});

describe('hostile workbooks are refused before exceljs sees them, and the server keeps running', () => {
  const reasons = (r: Awaited<ReturnType<typeof parseDeclarationWorkbook>>) => (r.ok ? [] : r.problems.map((p) => p.reason));

  it('a sheet whose headers declare 1 KB but inflates to 1 GB: stopped at 50 MB of real output, RSS grows < 200 MB', async () => {
    const bomb = xlsxWith([{ name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(1024), method: 8, declaredSize: 1024 }]);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const r = await parseDeclarationWorkbook(bomb);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(reasons(r)).toEqual(['文件解压后超过上限50 MB（按实际解压出的内容计算）；请只保留申报表内容，用 Excel/WPS 重新保存后上传']);
  });

  it('XML nested 100,000 deep', async () => {
    const deep = xlsxWith([{ name: 'xl/worksheets/sheet1.xml', data: deflate('<worksheet><sheetData>' + '<row>'.repeat(100_000)), method: 8 }]);
    expect(reasons(await parseDeclarationWorkbook(deep))).toEqual(['文件中的「xl/worksheets/sheet1.xml」嵌套层级超过100层，结构异常，无法解析']);
  });

  it('a million shared strings', async () => {
    const xml = `<sst count="1000000" uniqueCount="1000000">${'<si><t>考评</t></si>'.repeat(1_000_000)}</sst>`;
    const many = xlsxWith([{ name: 'xl/sharedStrings.xml', data: deflate(xml), method: 8 }]);
    expect(many.length).toBeLessThan(1024 * 1024);
    expect(reasons(await parseDeclarationWorkbook(many))).toEqual(['文件中的共享字符串超过200,000条，远超申报表所需；请只保留申报表内容，用 Excel/WPS 重新保存后上传']);
  });

  it('a zip inside the zip (never expanded), and a DOCTYPE', async () => {
    const inner = rawZip([{ name: 'bomb.xml', data: deflatedZeros(1024), method: 8, declaredSize: 10 }]);
    const nested = xlsxWith([{ name: 'xl/embeddings/oleObject1.bin', data: inner }]);
    expect(reasons(await parseDeclarationWorkbook(nested))).toEqual([
      '文件内嵌了压缩文件「xl/embeddings/oleObject1.bin」，平台不接受压缩包里再套压缩包；请删除其中嵌入的文件或对象后重新保存',
    ]);
    const lol = xlsxWith([{ name: 'xl/worksheets/sheet1.xml', data: deflate('<!DOCTYPE lolz [<!ENTITY lol "lol">]><worksheet>&lol;</worksheet>'), method: 8 }]);
    expect(reasons(await parseDeclarationWorkbook(lol))).toEqual(['文件中的「xl/worksheets/sheet1.xml」含有 DOCTYPE 或实体声明，平台不接受；请用 Excel/WPS 重新保存后上传']);
  });

  it('a worker that runs out of time or memory is refused as too complex, and the next parse works', async () => {
    const good = await buildDeclarationWorkbook({ cycleTitle: '2023年度考核', baseYear: 2022, departmentName: '省发展改革委', officeShortName: '省质强办', content: { indicators: [], bonuses: [] } });
    const slow = await parseDeclarationWorkbook(good, { ...WORKBOOK_LIMITS, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(WorkbookTooComplex);
    expect((slow as WorkbookTooComplex).message).toBe(
      '文件过大或结构过于复杂，无法解析（解析时间超过上限）；请只保留申报表内容，删除多余的工作表、图片和格式，用 Excel/WPS 另存为新的 .xlsx 后重新上传',
    );
    // 1000 rows of 300 cells each: small (5 MB of XML, 55 KB zipped) and within every precheck limit, but exceljs
    // needs well over 32 MB of heap for 300,000 cells (at 48 MB it sometimes fitted): the worker dies of OOM, this process does not.
    const rows = Array.from({ length: 1000 }, (_, r) => `<row r="${r + 1}">${'<c><v>1</v></c>'.repeat(300)}</row>`).join('');
    const zip = await JSZip.loadAsync(good);
    zip.file('xl/worksheets/sheet1.xml', `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    const wide = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const rss = process.memoryUsage().rss;
    const hungry = await parseDeclarationWorkbook(wide, { maxOldGenerationSizeMb: 32, timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(hungry).toBeInstanceOf(WorkbookTooComplex);
    expect((hungry as WorkbookTooComplex).reason).toBe('memory');
    expect((hungry as WorkbookTooComplex).message).toContain('文件过大或结构过于复杂，无法解析（解析所需内存超过上限）');
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(await parseDeclarationWorkbook(good)).toEqual({ ok: true, content: { indicators: [], bonuses: [] }, indicatorRows: [], bonusRows: [], stamp: null });
  }, 90_000);

  it('the refusal is the 422 every upload route answers, naming the sheet that was uploaded', async () => {
    const good = await buildDeclarationWorkbook({ cycleTitle: '2023年度考核', baseYear: 2022, departmentName: '省发展改革委', officeShortName: '省质强办', content: { indicators: [], bonuses: [] } });
    for (const [kind, sheet] of [['scoring', '评分表'], ['honours', '荣誉名单'], ['declaration', '申报表']] as const) {
      const e = await runWorkbookJob(kind, good, { ...WORKBOOK_LIMITS, timeoutMs: 1 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkbookTooComplex);
      expect(e).toMatchObject({ status: 422, code: 'too_complex', fields: [{ field: '文件', message: '文件过大或结构过于复杂，无法解析' }] });
      expect((e as Error).message).toBe(`文件过大或结构过于复杂，无法解析（解析时间超过上限）；请只保留${sheet}内容，删除多余的工作表、图片和格式，用 Excel/WPS 另存为新的 .xlsx 后重新上传`);
    }
  }, 90_000);
});

describe('分值 as people type it', () => {
  const info = { cycleTitle: '2023年度考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: { indicators: [], bonuses: [] } };
  /** the template with one indicator row per 分值 cell value (each row otherwise complete) */
  async function withPoints(values: unknown[], tweak?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildDeclarationWorkbook(info)) as any);
    const ws = wb.getWorksheet('指标申报表')!;
    values.forEach((v, i) => {
      const r = 6 + i;
      ws.getRow(r).values = ['宏观质量', `考核内容${i}`, `要点${i}`, '有部署（1分）', null, '纲要'];
      ws.getCell(r, 5).value = v as ExcelJS.CellValue;
    });
    tweak?.(ws);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const problems = (r: Awaited<ReturnType<typeof parseDeclarationWorkbook>>) => (r.ok ? [] : r.problems.map((p) => `${p.row}·${p.column}：${p.reason}`));

  it('full-width digits and point (１０, １０．５, ２分) are the numbers they are', async () => {
    const r = await parseDeclarationWorkbook(await withPoints(['１０', '１０．５', '２分', ' 0.5 分 ', 3]));
    expect(problems(r)).toEqual([]);
    expect(r.ok && r.content.indicators.map((i) => i.points)).toEqual([10, 10.5, 2, 0.5, 3]);
  });

  it('a negative 分值, typed as a number or as text, is said to be negative: 分值 must be positive', async () => {
    const r = await parseDeclarationWorkbook(await withPoints([-2, '-0.5', '－２', '两分', 120]));
    expect(problems(r)).toEqual([
      '6·分值：分值「-2」是负数，分值须为正数（如2或0.5）',
      '7·分值：分值「-0.5」是负数，分值须为正数（如2或0.5）',
      '8·分值：分值「－２」是负数，分值须为正数（如2或0.5）',
      '9·分值：分值「两分」不是数字，请填写如2或0.5',
      '10·分值：分值120超出范围，须在0～100之间',
    ]);
  });

  it('a formula: its result as Excel shows it is read; without a result or with an error, one message', async () => {
    const r = await parseDeclarationWorkbook(
      await withPoints([{ formula: 'SUM(1,1.5)', result: 2.5 }, { formula: 'A1', result: '３' }], (ws) => {
        ws.getCell('A6').value = { formula: '"宏观"&"质量"', result: '宏观质量' } as ExcelJS.CellValue;
      }),
    );
    expect(problems(r)).toEqual([]);
    expect(r.ok && r.content.indicators.map((i) => [i.domain, i.points])).toEqual([
      ['宏观质量', 2.5],
      ['宏观质量', 3],
    ]);
    const bad = await parseDeclarationWorkbook(
      await withPoints([{ formula: 'SUM(E1:E2)' }, { formula: 'E99/0', result: { error: '#DIV/0!' } }, { formula: '-1', result: -1 }], (ws) => {
        ws.getCell('A6').value = { formula: 'Z1' } as ExcelJS.CellValue;
      }),
    );
    expect(problems(bad)).toEqual([
      '6·考核领域：单元格是公式（=Z1），文件中没有它的计算结果；请改为直接填写数值或文字（复制后“选择性粘贴—数值”）',
      '6·分值：单元格是公式（=SUM(E1:E2)），文件中没有它的计算结果；请改为直接填写数值或文字（复制后“选择性粘贴—数值”）',
      '7·分值：单元格的公式结果是错误值#DIV/0!（=E99/0），请改正公式或直接填写内容',
      '8·分值：分值「-1」是负数，分值须为正数（如2或0.5）',
    ]);
  });
  it("a cell the file cannot give and another row's problem found by the contract come in one answer, the cell named once", async () => {
    // row 7's 考核领域 is over the contract's 20 characters (a check only the contract makes)
    const r = await parseDeclarationWorkbook(await withPoints([{ formula: 'SUM(E1:E2)' }, 2], (ws) => (ws.getCell('A7').value = '宏观质量'.repeat(6))));
    expect(problems(r)).toEqual([
      '6·分值：单元格是公式（=SUM(E1:E2)），文件中没有它的计算结果；请改为直接填写数值或文字（复制后“选择性粘贴—数值”）',
      '7·考核领域：不超过20个字',
    ]);
  });
});

describe('merged cells and “同上” in the declaration sheets', () => {
  const info = { cycleTitle: '2023年度考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: { indicators: [], bonuses: [] } };
  /** the template with these rows from row 6 of 指标申报表 (and of 加分项申报表), then `tweak` */
  async function sheetWith(indicators: unknown[][], tweak?: (a1: ExcelJS.Worksheet, a2: ExcelJS.Worksheet) => void, bonuses: unknown[][] = []): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildDeclarationWorkbook(info)) as any);
    const a1 = wb.getWorksheet('指标申报表')!;
    const a2 = wb.getWorksheet('加分项申报表')!;
    indicators.forEach((v, i) => (a1.getRow(6 + i).values = v as ExcelJS.CellValue[]));
    bonuses.forEach((v, i) => (a2.getRow(6 + i).values = v as ExcelJS.CellValue[]));
    tweak?.(a1, a2);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const problems = (r: Awaited<ReturnType<typeof parseDeclarationWorkbook>>) => (r.ok ? [] : r.problems.map((p) => `${p.sheet}·${p.row}·${p.column}：${p.reason}`));

  it('考核领域 and 考核内容 merged down (as the seed’s own table is laid out) and “同上” in 指标依据 or 理由: each row has the value', async () => {
    const buf = await sheetWith(
      [
        ['宏观质量', '质量强省', '有部署', '有部署（1分）', 1, '《纲要》'],
        [null, null, '组织机构完善', '机构完善（1分）', 1, '同上'],
        [null, '质量基础', '计量体系', '体系健全（2分）', 2, ' 同 上 '],
      ],
      (a1, a2) => {
        a1.mergeCells('A6:A8');
        a1.mergeCells('B6:B7');
        a2.mergeCells('B6:B7');
      },
      [
        ['加分项', '激励表彰', '获国务院督查激励加 1 分', '国办发'],
        ['加分项', null, '获省政府督查激励加 0.5 分', '同上'],
      ],
    );
    const r = await parseDeclarationWorkbook(buf);
    expect(problems(r)).toEqual([]);
    expect(r.ok && r.content.indicators.map((i) => [i.domain, i.item, i.keyPoint, i.basis])).toEqual([
      ['宏观质量', '质量强省', '有部署', '《纲要》'],
      ['宏观质量', '质量强省', '组织机构完善', '《纲要》'],
      ['宏观质量', '质量基础', '计量体系', '《纲要》'],
    ]);
    expect(r.ok && r.content.bonuses).toEqual([
      { project: '激励表彰', standard: '获国务院督查激励加 1 分', basis: '国办发' },
      { project: '激励表彰', standard: '获省政府督查激励加 0.5 分', basis: '国办发' },
    ]);
  });

  it('a merged 分值, 考核要点 or 要点考核内容, a range across columns, “同上” in 分值 or on the first row: refused, naming the range', async () => {
    const buf = await sheetWith(
      [
        ['宏观质量', '同上', '有部署', '有部署（1分）', 1, '《纲要》'],
        ['宏观质量', '质量强省', '组织机构完善', '机构完善（1分）', null, '《纲要》'],
        ['宏观质量', '质量强省', '要点三', '内容（1分）', '同上', '《纲要》'],
        ['宏观质量', '质量强省', '要点四', '内容（1分）', 1, '《纲要》'],
        ['宏观质量', '质量强省', '要点五', '内容（1分）', 1, '《纲要》'],
        ['宏观质量', '质量强省', '要点六', '内容（1分）', 1, '《纲要》'],
        ['宏观质量', null, null, '内容（1分）', 1, '《纲要》'],
      ],
      (a1, a2) => {
        a1.mergeCells('E6:E7');
        a1.mergeCells('C11:C12');
        a1.mergeCells('D9:D10');
        a1.mergeCells('A12:B12');
        a2.mergeCells('C6:C7');
      },
      [
        ['加分项', '激励表彰', '加 1 分', '国办发'],
        ['加分项', '激励表彰', null, '国办发'],
      ],
    );
    // in row order, each sheet's in turn
    expect(problems(await parseDeclarationWorkbook(buf))).toEqual([
      '指标申报表·6·分值：分值不能合并单元格（E6:E7）：每个考核要点的分值须分别填写；请取消合并，在每一行分别填写',
      '指标申报表·6·考核内容：考核内容填的是“同上”，但这是第一行数据，上面没有可沿用的考核内容；请填写考核内容',
      '指标申报表·8·分值：分值不能填“同上”：每个考核要点的分值须分别填写；请填写本行的分值',
      '指标申报表·9·要点考核内容：要点考核内容不能合并单元格（D9:D10）：每行的要点考核内容只属于本行的考核要点；请取消合并，在每一行分别填写',
      '指标申报表·11·考核要点：考核要点不能合并单元格（C11:C12）：每个考核要点占一行，它的要点考核内容写在同一个单元格中（每条一行，以“（N分）”结尾）；请取消合并，在每一行分别填写',
      '指标申报表·12·考核领域：不能跨列合并单元格（A12:B12）：考核领域、考核内容各占一列；请取消合并，分别填写',
      '加分项申报表·6·加分标准：加分标准不能合并单元格（C6:C7）：每行一条加分标准；请取消合并，在每一行分别填写',
    ]);
  });
});
