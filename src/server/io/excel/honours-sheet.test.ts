/**
 * The honours import sheet as people fill it: “同上” and cells merged down where a value may stand for several
 * rows (the same kind, year, city or source document), refused where it may not (the awardee); and the rows
 * counted as Excel numbers them, data rows only.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE_HEIGHT_PT, LANDSCAPE_UNITS, SHRINK_ALLOWANCE, wrappedLines } from '../document-kit/table';
import { HONOURS_COLUMNS, HONOURS_SHEET, KINDS_SHEET, buildHonoursTemplate, honoursSheetOf, parseHonoursSheet } from './honours-sheet';

async function sheet(rows: unknown[][], tweak: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(HONOURS_SHEET);
  ws.addRow(['荣誉名录导入表']);
  ws.addRow(['填写说明']);
  ws.addRow([...HONOURS_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  tweak(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the honours import sheet', () => {
  it('a kind, year, city or source merged down, or “同上”, stands for each row; a merged awardee or “同上” in it is refused', async () => {
    const ok = await parseHonoursSheet(
      await sheet(
        [
          ['鲁班奖', '岳阳一号工程', 2023, '岳阳', '汨罗市', '建协〔2023〕5号', null],
          [null, '岳阳二号工程', null, '同上', '同上', '同上', null],
          ['中华老字号', '长沙食品有限公司', 2022, '长沙市', null, '商务部公告', '导入'],
        ],
        (ws) => {
          ws.mergeCells('A4:A5');
          ws.mergeCells('C4:C5');
        },
      ),
    );
    expect(ok).toEqual({
      ok: true,
      rows: [
        { row: 4, kind: '鲁班奖', awardee: '岳阳一号工程', year: '2023', city: '岳阳', county: '汨罗市', sourceDoc: '建协〔2023〕5号', note: '' },
        { row: 5, kind: '鲁班奖', awardee: '岳阳二号工程', year: '2023', city: '岳阳', county: '汨罗市', sourceDoc: '建协〔2023〕5号', note: '' },
        { row: 6, kind: '中华老字号', awardee: '长沙食品有限公司', year: '2022', city: '长沙市', county: '', sourceDoc: '商务部公告', note: '导入' },
      ],
    });
    const bad = await parseHonoursSheet(
      await sheet(
        [
          ['鲁班奖', '同上', 2023, '岳阳', null, '同上', null],
          ['鲁班奖', '岳阳二号工程', 2023, '岳阳', null, '建协〔2023〕5号', null],
          ['鲁班奖', null, 2023, '岳阳', null, '建协〔2023〕5号', null],
        ],
        (ws) => ws.mergeCells('B5:B6'),
      ),
    );
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.row}·${p.column}：${p.reason}`)).toEqual([
      '5·获奖单位（项目）：获奖单位（项目）不能合并单元格（B5:B6）：每行一条荣誉，获奖单位各自填写；请取消合并，在每一行分别填写',
      '4·获奖单位（项目）：获奖单位（项目）不能填“同上”：每行一条荣誉，获奖单位各自填写；请填写本行的获奖单位（项目）',
      '4·来源文件（文号或标题）：来源文件（文号或标题）填的是“同上”，但这是第一行数据，上面没有可沿用的来源文件（文号或标题）；请填写来源文件（文号或标题）',
    ]);
  });

  it('too many rows: the count is of the data rows (not the title, the hint and the header), with their rows in Excel', async () => {
    const rows = Array.from({ length: 2001 }, (_, i) => ['鲁班奖', `工程${i}`, 2023, '岳阳', null, '建协〔2023〕5号', null]);
    const r = await parseHonoursSheet(await honoursSheetOf(rows));
    expect(r).toEqual({ ok: false, problems: [{ sheet: null, row: null, column: null, reason: '表格有2001行数据（第4～2004行），超过上限2000行；请分批导入，每次不超过2000行' }] });
    // exactly the limit goes through to the reader
    const fits = await parseHonoursSheet(await honoursSheetOf(rows.slice(0, 2000)));
    expect(fits.ok && fits.rows.length).toBe(2000);
  });
});

describe('the row count cannot be dodged', () => {
  it('rows that all claim to be row 1 are counted as the rows they are', async () => {
    const zip = await JSZip.loadAsync(await honoursSheetOf([]));
    const rows = Array.from({ length: 2100 }, () => '<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>').join('');
    zip.file('xl/worksheets/sheet1.xml', `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    const r = await parseHonoursSheet(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(r.ok ? null : r.problems[0].reason).toBe('表格有2097行数据（第4～2100行），超过上限2000行；请分批导入，每次不超过2000行');
  });

  it('the template’s list of kinds names its sources as the documents’ readers know them, never the platform’s seed files', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildHonoursTemplate(['长沙市', '株洲市'])) as never);
    const text: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => text.push(String(c.value ?? '')))));
    expect(text.join('\n')).not.toContain('种子');
    expect(text).toContain('推进质量工作成效突出地方受国办督查激励的市（州），年度考核加1分（2022年度湖南省政府质量工作考核要点第21项）');
  });

  it('the 荣誉类别 sheet prints on the one page its rows need, one page wide, its header repeated, each 市州 name on one line', async () => {
    // LibreOffice printed its last rows (the three 督查激励 kinds) on a second page of their own
    const cities = ['长沙市', '株洲市', '湘潭市', '衡阳市', '邵阳市', '岳阳市', '常德市', '张家界市', '益阳市', '郴州市', '永州市', '怀化市', '娄底市', '湘西土家族苗族自治州'];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildHonoursTemplate(cities)) as never);
    const ws = wb.getWorksheet(KINDS_SHEET)!;
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, printTitlesRow: '1:2' });
    const widths = Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width!);
    const column = (name: string) => (ws.getRow(2).values as unknown[]).indexOf(name);
    expect(cities.filter((c) => wrappedLines(c, widths[column('市州') - 1]) > 1)).toEqual([]);
    // by the kit's row heights it is a little longer than an A4 landscape page at the width's shrink: it is printed on
    // one page, shrunk by a tenth more at most
    const scale = Math.min(1, LANDSCAPE_UNITS.A4 / widths.reduce((a, b) => a + b, 0));
    let height = 0;
    for (let r = 1; r <= ws.rowCount; r++) height += ws.getRow(r).height ?? 15;
    expect(height * scale).toBeLessThanOrEqual(LANDSCAPE_HEIGHT_PT * SHRINK_ALLOWANCE);
    expect(ws.pageSetup.fitToHeight).toBe(1);
  });
});
