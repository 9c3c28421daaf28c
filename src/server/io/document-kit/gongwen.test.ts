import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { arabicDate, bodyEnd, gongwenDocx, LINE, recordEndsBody, type Gongwen } from './gongwen';

/** a 1×1 transparent PNG */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export const sample = (over: Partial<Gongwen> = {}): Gongwen => ({
  issuer: '湖南省质量强省领导小组办公室文件',
  docNo: '湘质强办发〔2023〕8号',
  title: '关于2023年度质量工作考核结果的通报',
  addressee: '各市州人民政府',
  body: [
    { kind: 'p', text: '根据考核方案，现将考核结果通报如下。' },
    { kind: 'h1', text: '一、总体情况' },
    { kind: 'h2', text: '（一）基本项' },
    { kind: 'h3', text: '1. 宏观质量' },
    { kind: 'table', header: ['市州', '总分'], rows: [['长沙市', '95.5']] },
    { kind: 'image', png: PNG, width: 800, height: 400, caption: '图 1 各市州得分' },
  ],
  attachments: ['考核结果排名表', '各市州失分情况'],
  signature: '湖南省质量强省领导小组办公室',
  date: '2023-06-19',
  cc: ['省人民政府办公厅'],
  printedBy: '湖南省质量强省领导小组办公室',
  printedOn: '2023-06-20',
  ...over,
});

async function open(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const read = (p: string) => zip.file(p)!.async('string');
  return { zip, document: await read('word/document.xml'), settings: await read('word/settings.xml'), fonts: await read('word/fontTable.xml'), read };
}
const textOf = (xml: string) => xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');

const CITIES = ['长沙市', '株洲市', '湘潭市', '衡阳市', '邵阳市', '岳阳市', '常德市', '张家界市', '益阳市', '郴州市', '永州市', '怀化市', '娄底市', '湘西土家族苗族自治州'];
/** a bulletin's body: a line, a heading, the lead-in and a ranking of `n` rows (and what follows it) */
export const tableBody = (n: number, after: Gongwen['body'] = []): Gongwen['body'] => [
  { kind: 'p', text: '根据考核方案，现将考核结果通报如下。' },
  { kind: 'h1', text: '一、考核结果' },
  { kind: 'p', text: '各市州得分及排名见下表。' },
  { kind: 'table', header: ['排名', '市州', '总分', '等级'], rows: Array.from({ length: n }, (_, i) => [String(i + 1), CITIES[i % 14]!, '91.5', 'A']) },
  ...after,
];

describe('the 公文 builder (GB/T 9704-2012)', () => {
  it('writes dates in Arabic numerals, the year in full, month and day without a leading zero (GB/T 9704-2012 §7.3.5.4)', () => {
    expect(arabicDate('2023-06-19')).toBe('2023年6月19日');
    expect(arabicDate('2020-10-30')).toBe('2020年10月30日');
    expect(arabicDate('2024-12-01')).toBe('2024年12月1日');
    expect(arabicDate('2023-11-21')).toBe('2023年11月21日');
    expect(arabicDate('2023-07-10', false)).toBe('7月10日');
    // a stored moment prints as its day in China, not its UTC day
    expect(arabicDate('2026-11-29T22:22:52.000Z')).toBe('2026年11月30日');
    expect(arabicDate('2026-11-29T15:59:59.000Z')).toBe('2026年11月29日');
    expect(arabicDate('2023-12-31T16:00:00.000Z')).toBe('2024年1月1日');
  });

  it('sets A4, the margins 37/35/28/26 mm, a 22-line exact grid and 28 characters a line', async () => {
    const { document } = await open(await gongwenDocx(sample()));
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const mar = document.match(/<w:pgMar ([^>]+)\/>/)![1];
    // 37 mm = 2098 twips, 35 mm = 1984, 28 mm = 1587, 26 mm = 1474
    expect(mar).toMatch(/w:top="2098"/);
    expect(mar).toMatch(/w:bottom="1984"/);
    expect(mar).toMatch(/w:left="1587"/);
    expect(mar).toMatch(/w:right="1474"/);
    // 225 mm of 版心 / 22 lines → 579 twips (28.95 pt), exact
    // the section's grid: 22 lines of 579 twips, the character pitch 442.25 / 28 = 15.79 pt = 16 pt − 841/4096 pt
    expect(document).toContain('<w:docGrid w:type="lines" w:linePitch="579" w:charSpace="-841"/>');
    // …which no paragraph snaps to, and no widow control takes a line off a page
    const styles = await (await JSZip.loadAsync(await gongwenDocx(sample()))).file('word/styles.xml')!.async('string');
    expect(styles).toContain('<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/></w:pPr></w:pPrDefault>');
    expect(document).toMatch(/<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    // 3号 body (32 half-points) condensed by 5 twips: 28 × (16 − 0.25) pt = 441 pt ≤ 442.2 pt of 版心
    expect(document).toContain('<w:spacing w:val="-5"/><w:sz w:val="32"/>');
    expect(document).toMatch(/<w:sz w:val="32"\/>/);
  });

  it('draws the red 版头, the title in 2号 小标宋 and the body fonts by level', async () => {
    const { document } = await open(await gongwenDocx(sample()));
    const text = textOf(document);
    expect(text.startsWith('湖南省质量强省领导小组办公室文件湘质强办发〔2023〕8号关于2023年度质量工作考核结果的通报各市州人民政府：')).toBe(true);
    // 发文机关标志: red 小标宋, 35 mm (1984 twips) − half the extra line height above it
    const mark = document.match(/<w:p>.*?<\/w:p>/)![0];
    expect(mark).toContain('w:eastAsia="方正小标宋简体"');
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(Number(mark.match(/w:before="(\d+)"/)![1])).toBeGreaterThan(1800);
    // separator: a red rule under the 发文字号
    expect(document).toMatch(/<w:bottom w:val="single" w:color="FF0000" w:sz="12" w:space="11"\/>/);
    // title 2号 = 22 pt = 44 half points, 小标宋
    const title = document.split('<w:p>').find((p) => p.includes('考核结果的通报</w:t>'))!;
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('方正小标宋简体');
    const para = (t: string) => document.split('<w:p>').find((p) => p.includes(`>${t}</w:t>`))!;
    expect(para('一、总体情况')).toContain('w:eastAsia="黑体"');
    expect(para('（一）基本项')).toContain('w:eastAsia="楷体_GB2312"');
    expect(para('1. 宏观质量')).toContain('<w:b/>');
    expect(para('根据考核方案，现将考核结果通报如下。')).toContain('w:eastAsia="仿宋_GB2312"');
    expect(para('根据考核方案，现将考核结果通报如下。')).toMatch(/<w:ind w:firstLine="632"\/>/);
  });

  it('prints the 成文日期 in Arabic numerals, month and day unpadded (§7.3.5.4), the signature centred over its printed width', async () => {
    const { document } = await open(await gongwenDocx(sample({ date: '2023-07-01', signature: '省质强办' })));
    const paras = document.split('<w:p>');
    const texts = paras.map(textOf);
    const at = texts.indexOf('2023年7月1日');
    expect(texts[at - 1]).toBe('省质强办');
    expect(texts.filter((t) => /[〇一二三四五六七八九]{4}年|年0\d月|月0\d日/.test(t))).toEqual([]);
    // 2023年7月1日 prints about 7½ characters wide (a figure is about half one), so the 4-character signature stands
    // between 1½ and 2 characters further in than the date's 右空四字 (1264 twips), not 2 as if the date were 8 characters
    const right = Number(paras[at - 1]!.match(/<w:ind w:right="(\d+)"\/>/)![1]);
    expect(right).toBeGreaterThan(1264 + 1.5 * 316);
    expect(right).toBeLessThan(1264 + 2 * 316);
  });

  it('writes the 附件说明 with a hanging indent, the signature over the date 右空四字 and the 版记', async () => {
    const { document } = await open(await gongwenDocx(sample()));
    const paras = document.split('<w:p>');
    const a1 = paras.find((p) => p.includes('附件：1. 考核结果排名表'))!;
    const a2 = paras.find((p) => p.includes('>2. 各市州失分情况<'))!;
    // left = 5 characters + "1. " (1.25 characters) = 1974; the first line hangs back to two characters
    expect(a1).toMatch(/<w:ind w:left="1974" w:hanging="1342"\/>/);
    expect(a2).toMatch(/<w:ind w:left="1974" w:hanging="395"\/>/);
    const date = paras.find((p) => textOf(p) === '2023年6月19日')!;
    expect(date).toContain('<w:jc w:val="right"/>');
    expect(date).toMatch(/<w:ind w:right="1264"\/>/); // 4 × 316 twips
    const sign = paras.find((p) => p.includes('>湖南省质量强省领导小组办公室</w:t>') && p.includes('w:jc w:val="right"'))!;
    // 10-character date, 14-character signature: centred over the date means no extra shift
    expect(sign).toMatch(/<w:ind w:right="1264"\/>/);
    const text = textOf(document);
    expect(text).toContain('抄送：省人民政府办公厅。');
    expect(text).toContain('湖南省质量强省领导小组办公室\t2023年6月20日印发');
    expect(text.indexOf('印发')).toBeGreaterThan(text.indexOf('2023年6月19日'));
    // the 版记 floats at the foot of the 版心 (bottom margin), 28 mm (1587 twips) from the page's left edge,
    // anchored to the empty paragraph that ends the document
    const record = document.slice(document.lastIndexOf('<w:tbl>'));
    expect(record).toContain('抄送：');
    expect(record).toMatch(/<w:tblpPr w:tblpX="1587" w:horzAnchor="page" w:tblpYSpec="bottom" w:vertAnchor="margin"\/>/);
    expect(record).toContain('<w:tblOverlap w:val="never"/>');
    expect(textOf(record.slice(record.indexOf('</w:tbl>')))).toBe('');
    expect(record.slice(record.indexOf('</w:tbl>'))).toMatch(/^<\/w:tbl><w:p>/);
  });

  it('numbers pages "— N —" in 4号, odd pages right and even pages left, with even/odd footers on', async () => {
    const { zip, settings, read } = await open(await gongwenDocx(sample()));
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map(read));
    const odd = footers.find((f) => f.includes('w:val="right"'))!;
    const even = footers.find((f) => f.includes('w:val="left"'))!;
    for (const f of [odd, even]) {
      expect(f).toContain('PAGE');
      expect(textOf(f).replace(/PAGE|\s/g, '')).toBe('——');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(odd).toMatch(/<w:ind w:right="316"\/>/);
    expect(even).toMatch(/<w:ind w:left="316"\/>/);
  });

  it('puts a 版记 that needs a page of its own (after landscape 附件) on an even page, the back of the sheet, without a page number', async () => {
    const annex = { landscape: true, children: [] as never[] };
    const { zip, document, read } = await open(await gongwenDocx(sample({ annexes: [annex] })));
    const props = document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
    // the 公文, the landscape 附件, the 版记's page
    expect(props).toHaveLength(3);
    // GB/T 9704-2012 §9.3: the 版记 on the last page, 封四 (an even page); the break starts the section on the next even
    // page, and Word, WPS and LibreOffice print the blank page §7.5 speaks of when the 附件 ends on an even one
    expect(props[2]).toMatch(/<w:type w:val="evenPage"\/>/);
    expect(props.slice(0, 2).every((p) => !p.includes('evenPage'))).toBe(true);
    // §7.5: the blank page before the 版记 and the 版记's page carry no page number (its own empty footers: a section
    // without footers would take the 附件's, with their numbers)
    const refs = [...props[2]!.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [m[1], m[2]]);
    expect(refs.map(([t]) => t).sort()).toEqual(['default', 'even']);
    const rels = await read('word/_rels/document.xml.rels');
    for (const [, id] of refs) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
      expect(await zip.file(`word/${target}`)!.async('string')).not.toContain('PAGE');
    }
  });

  it('ends the body’s last page with the 版记 only where that page is even with room for it; else the 版记 takes an even page of its own', async () => {
    const text = (n: number): Gongwen['body'] => Array.from({ length: n }, () => ({ kind: 'p' as const, text: `${'各市州要对照考核反馈意见认真分析失分原因逐项制定整改措施明确责任单位和完成时限'.repeat(2)}。` }));
    const sections = async (g: Gongwen) => (await open(await gongwenDocx(g))).document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
    // 6 paragraphs of three lines: the signature and date end the second page half-way down (LibreOffice prints it so)
    const even = sample({ body: text(6), attachments: [] });
    expect(bodyEnd(even)?.[0]).toBe(2);
    expect(recordEndsBody(even)).toBe(true);
    expect(await sections(even)).toHaveLength(1);
    // 14 of them end the third page: the 版记 went to its foot, an odd page (GB/T 9704 §9.3 wants the last page even)
    for (const odd of [sample({ body: text(10), attachments: [] }), sample({ body: text(14), attachments: [] }), sample({ body: text(24), attachments: [] })]) {
      expect(bodyEnd(odd)![0] % 2).toBe(1);
      const props = await sections(odd);
      expect(props).toHaveLength(2);
      expect(props[1]).toMatch(/<w:type w:val="evenPage"\/>/);
    }
    // an even last page too full for the 版记 (19 of its 22 lines taken): the 版记 goes over, to an even page of its own
    const full = sample({ body: text(8), attachments: [] });
    expect(bodyEnd(full)).toEqual([2, 19 * LINE]);
    expect(recordEndsBody(full)).toBe(false);
    expect(await sections(full)).toHaveLength(2);
    // a portrait 附件 last, whose pages the kit does not count: an even page of its own
    expect(await sections(sample({ body: text(8), attachments: ['表'], annexes: [{ children: [] }] }))).toHaveLength(3);
  });

  it('lays out a body with a table or a chart by its rows and its picture: the 版记 ends an even last page with room, else takes an even page of its own', async () => {
    const sections = async (g: Gongwen) => (await open(await gongwenDocx(g))).document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
    const ranking = (n: number, chart = false): Gongwen =>
      sample({ body: tableBody(n, chart ? [{ kind: 'image', png: PNG, width: 800, height: 400, caption: '图1 各市州得分' }] : []), attachments: [] });
    // 14 rows of the ranking end page 2 ten lines down (LibreOffice prints it so): the 版记 at its foot, no page of its own
    // (the kit counted no table and sent every such 版记 to a page of its own, after a blank page 3)
    expect(bodyEnd(ranking(14))).toEqual([2, expect.closeTo(10.2 * LINE, -2)]);
    expect(recordEndsBody(ranking(14))).toBe(true);
    expect(await sections(ranking(14))).toHaveLength(1);
    // with a chart under ten rows: page 2, sixteen and a half lines down
    expect(bodyEnd(ranking(10, true))?.[0]).toBe(2);
    expect(recordEndsBody(ranking(10, true))).toBe(true);
    expect(await sections(ranking(10, true))).toHaveLength(1);
    // 40 rows end page 3 (the header repeated on page 3), and 25 leave page 2 too full: an even page of its own
    expect(bodyEnd(ranking(40))?.[0]).toBe(3);
    expect(bodyEnd(ranking(25))?.[0]).toBe(2);
    for (const g of [ranking(40), ranking(25), ranking(14, true)]) {
      expect(recordEndsBody(g)).toBe(false);
      const props = await sections(g);
      expect(props).toHaveLength(2);
      expect(props[1]).toMatch(/<w:type w:val="evenPage"\/>/);
    }
    // a page break the kit does not lay out: an even page of its own
    expect(bodyEnd(sample({ body: [...tableBody(3), { kind: 'pageBreak' }] }))).toBeNull();
  });

  it('declares every font with its fallback and embeds the chart with its caption', async () => {
    const { zip, fonts, document } = await open(await gongwenDocx(sample()));
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);
    // 800 px wide is wider than the 版心 (589 px at 96 dpi): scaled down, proportions kept
    const ext = document.match(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/)!;
    expect(Number(ext[1])).toBe(589 * 9525);
    expect(Number(ext[2])).toBe(Math.round(400 * (589 / 800)) * 9525);
    expect(textOf(document)).toContain('图 1 各市州得分');
  });

  it('keeps the separator without a 发文字号 and shows a demo mark under the title', async () => {
    const { document } = await open(await gongwenDocx(sample({ docNo: null, mark: '演示数据' })));
    expect(document).toMatch(/w:color="FF0000" w:sz="12"/);
    expect(textOf(document)).toContain('关于2023年度质量工作考核结果的通报演示数据各市州人民政府：');
  });

  it('keeps a table row of a few lines on one page, and lets a row taller than a third of a page break', async () => {
    const long = '因机构改革，该项工作由原牵头单位移交，相关材料正在补充完善。'.repeat(12);
    const { document } = await open(await gongwenDocx(sample({ body: [{ kind: 'table', header: ['单位', '情况'], rows: [['长沙市', '按期完成'], ['株洲市', long]], weights: [1, 1] }] })));
    const rows = [...document.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    const split = (text: string) => rows.find((r) => textOf(r).includes(text))!.includes('<w:cantSplit/>');
    expect([split('单位'), split('长沙市'), split('株洲市')]).toEqual([true, true, false]);
  });

  it('gives every column room for its header on one line (a narrow weight split 排名 and 等级 over two lines), taking it from the wider columns', async () => {
    const header = ['排名', '市州', '基本项得分', '加分', '减分', '总分', '等级', '备注'];
    const weights = [0.8, 3, 1.5, 1, 1, 1.2, 0.8, 1.8];
    const { document } = await open(await gongwenDocx(sample({ body: [{ kind: 'table', header, rows: [['1', '长沙市', '97.3', '1', '0', '98.3', 'A', '']], weights }] })));
    const grids = [...document.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((g) => [...g[1].matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1])));
    const grid = grids.find((g) => g.length === 8)!;
    expect(grid).toHaveLength(8);
    // 小四 (12 pt = 240 twips a character) plus the cell's margins, and a little for the 黑体 glyphs
    header.forEach((h, i) => expect(grid[i], h).toBeGreaterThanOrEqual(h.length * 240 + 160));
    // the table still spans the 版心, no wider
    const total = grid.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(8844);
    expect(total).toBeGreaterThan(8800);
    // the wide column gave the room: it is still the widest
    expect(Math.max(...grid)).toBe(grid[1]);
  });

  it('never leaves the header with one or two rows at the foot of a page, nor the last one or two rows alone on the next: those rows keep with the next', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`单位${i + 1}`, String(90 + i)]);
    // (text after the table: a table that ends the body keeps its last row with the signature, tested below)
    const { document } = await open(await gongwenDocx(sample({ body: [{ kind: 'table', header: ['单位', '总分'], rows }, { kind: 'p', text: '特此通报。' }] })));
    const trs = [...document.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    const keeps = (text: string) => trs.find((r) => textOf(r).startsWith(text))!.includes('<w:keepNext/>');
    expect(keeps('单位总分')).toBe(true);
    // rows 1–2 go over with the header; rows 8–9 with row 10; the middle may break anywhere
    expect(rows.map((r) => keeps(r[0]))).toEqual([true, true, false, false, false, false, false, true, true, false]);
    // a tall row is content enough to end a page with: chained, the 通报's rows of 33 units left half a page empty
    const tall = [['长沙市、株洲市、湘潭市、衡阳市、邵阳市、岳阳市、常德市、张家界市、益阳市、郴州市、永州市、怀化市、娄底市', '96'], ...rows];
    const t2 = [...(await open(await gongwenDocx(sample({ body: [{ kind: 'table', header: ['单位', '总分'], rows: tall, weights: [1, 1] }] })))).document.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    expect(t2.find((r) => textOf(r).startsWith('长沙市'))!.includes('<w:keepNext/>')).toBe(false);
  });

  it('shares a table without weights by what its columns hold: the 指标 column is not as narrow as 序号', async () => {
    const rows = [['1', '地理标志商标产品产值', '亿元', '920', '—', '无数据'], ['2', '主导和参与制定国际、国家和行业标准', '项', '2240', '—', '无数据']];
    const { document } = await open(await gongwenDocx(sample({ body: [{ kind: 'table', header: ['序号', '指标', '单位', '2023年目标', '确认值', '状态'], rows }] })));
    const grid = [...document.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((g) => [...g[1].matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))).find((g) => g.length === 6)!;
    expect(grid[1]).toBe(Math.max(...grid));
    expect(grid[1]).toBeGreaterThan(2 * grid[0]);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8844);
  });

  it('keeps a figure with its caption, and a table with its lead-in and header row, on one page', async () => {
    const caption = '图：22. 国控断面Ⅰ—Ⅲ类优良水质比例——目标路径与湖南省、各市州确认值';
    const long = '截至2024年4月15日，共有232份进展报告逾期未报送。以下单位逾期超过督办期限仍未报送，予以通报：长沙市、株洲市、湘潭市、衡阳市、邵阳市、岳阳市。';
    const summary = '你市2022年度质量工作考核总分85.4分，排名第9位（共14个市州），等级为B。其中基本项得分87.4分，加分0分，减分2分。';
    const { document } = await open(
      await gongwenDocx(
        sample({
          body: [
            { kind: 'p', text: '各市州得分见下表。' },
            { kind: 'table', header: ['市州', '总分'], rows: [['长沙市', '95.5']] },
            { kind: 'flush', text: '表2 各市州排名' },
            { kind: 'table', header: ['市州', '名次'], rows: [['长沙市', '1']] },
            { kind: 'p', text: long },
            { kind: 'table', header: ['单位', '情况'], rows: [['株洲市', '按期完成']] },
            { kind: 'p', text: '全省情况如下图。' },
            { kind: 'image', png: PNG, width: 800, height: 400, caption },
            { kind: 'p', text: summary },
            { kind: 'image', png: PNG, width: 800, height: 400, caption: '图2 总分排名' },
            { kind: 'p', text: '特此通报。' },
          ],
        }),
      ),
    );
    const paras = [...document.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]);
    const para = (text: string) => paras.find((p) => textOf(p) === text)!;
    // the picture keeps with the caption; the caption (two lines in the report) never splits over a page
    const picture = paras.find((p) => p.includes('<w:drawing>'))!;
    expect(picture).toContain('<w:keepNext/>');
    expect(para(caption)).toContain('<w:keepLines/>');
    // what introduces a table or a figure goes over with it
    for (const t of ['各市州得分见下表。', '表2 各市州排名', '全省情况如下图。']) expect(para(t), t).toMatch(/<w:keepNext\/>[\s\S]*<w:keepLines\/>/);
    // text of three lines before a chart is not its lead-in: it flows, rather than going over with a chart half a page
    // tall and leaving the page before half empty
    expect(para(summary)).not.toContain('<w:keepNext/>');
    // the header row keeps with the first row; body rows do not chain the table together
    // a long lead-in goes over by its last line only: kept whole it would leave half a page empty before the table
    expect(para(long)).toContain('<w:keepNext/>');
    expect(para(long)).not.toContain('<w:keepLines/>');
    expect(para('市州')).toContain('<w:keepNext/>');
    expect(para('长沙市')).not.toContain('<w:keepNext');
    // spacing in whole twips (the half line after a caption or table was written "289.5", which strict readers refuse)
    expect(document).not.toMatch(/w:(before|after|line)="\d+\.\d+"/);
  });

  it('keeps the 成文日期 with a 附注 after it, so the 附注 never stands alone at the top of a page', async () => {
    const paraOf = (xml: string, text: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]).find((p) => textOf(p) === text)!;
    const withNote = (await open(await gongwenDocx(sample({ note: '（此件主动公开）' })))).document;
    expect(paraOf(withNote, '2023年6月19日')).toContain('<w:keepNext/>');
    const without = (await open(await gongwenDocx(sample()))).document;
    expect(paraOf(without, '2023年6月19日')).not.toContain('<w:keepNext/>');
  });

  it('keeps the body’s last lines and the 附件说明 with the signature, so the signature never stands on a page without text (it did after a 附件说明)', async () => {
    const paraOf = (xml: string, text: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]).find((p) => textOf(p) === text)!;
    const body = [{ kind: 'p' as const, text: '请认真分析原因，逐项制定整改措施。' }];
    const { document } = await open(await gongwenDocx(sample({ body, attachments: ['长沙市考核失分情况表', '整改台账'] })));
    for (const t of ['请认真分析原因，逐项制定整改措施。', '附件：1. 长沙市考核失分情况表', '2. 整改台账']) expect(paraOf(document, t), t).toMatch(/<w:keepNext\/>[\s\S]*<w:keepLines\/>/);
    // a long last paragraph goes over by its last line: whole, it took half a page with it
    const long = '请对照上述失分情况，认真分析原因，逐项制定整改措施，明确责任单位和完成时限，于收到本意见之日起30日内将整改情况报送。';
    const { document: d2 } = await open(await gongwenDocx(sample({ body: [{ kind: 'p', text: long }], attachments: ['整改台账'] })));
    expect(paraOf(d2, long)).toContain('<w:keepNext/>');
    expect(paraOf(d2, long)).not.toContain('<w:keepLines/>');
  });
  it('keeps a body that ends in a chart or a table with the signature: the 发文机关署名 and 成文日期 stood alone on the last page of the 规划指标监测情况 after its last chart', async () => {
    const paraOf = (xml: string, text: string) => [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]).find((p) => textOf(p) === text)!;
    const chart = [{ kind: 'p' as const, text: '各指标目标路径如下。' }, { kind: 'image' as const, png: PNG, width: 800, height: 400, caption: '图24 森林覆盖率' }];
    const { document } = await open(await gongwenDocx(sample({ body: chart, attachments: [] })));
    expect(paraOf(document, '图24 森林覆盖率')).toMatch(/<w:keepNext\/>[\s\S]*<w:keepLines\/>|<w:keepLines\/>[\s\S]*<w:keepNext\/>/);
    const table = [{ kind: 'table' as const, header: ['市州', '总分'], rows: [['长沙市', '95.5'], ['株洲市', '94']] }];
    const { document: d2 } = await open(await gongwenDocx(sample({ body: table, attachments: [] })));
    const rows = [...d2.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]).filter((r) => !textOf(r).includes('印发'));
    expect(rows.find((r) => textOf(r).startsWith('株洲市'))).toContain('<w:keepNext/>');
    // the half-line after the table goes over too, or the row would keep with it and the signature still break away
    const afterTable = d2.slice(d2.indexOf('</w:tbl>')).match(/<w:p>([\s\S]*?)<\/w:p>/)![1];
    expect(afterTable).toContain('<w:keepNext/>');
  });
});
