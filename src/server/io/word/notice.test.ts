import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { framework } from '../../../shared/scoring/framework-schema';
import { REPO_ROOT } from '../../config';
import { annex4Layout } from '../excel/scheme-annex4';
import { declarationDocx, noticeDocx, seedExample, type NoticeInfo } from './notice';
import { titleLines } from '../document-kit/gongwen';
import type { WorkPointsText } from './work-points';

const json = (rel: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8'));
const planFile = json('frameworks/work-plans/hunan-2023.json');
const parts = new Map<string, string>(planFile.parts.map((p: { number: string; title: string }) => [p.number, p.title]));
/** the demo's 2023 工作要点 as the workplan module gives it once issued */
const workPoints: WorkPointsText = {
  title: planFile.title,
  tasks: planFile.tasks.map((t: any) => ({ number: t.number, part: t.part, partTitle: parts.get(t.part)!, title: t.title, text: t.text, unitsText: t.unitsText })),
};
const baseScheme = annex4Layout(framework.parse(json('frameworks/hunan-assessment-2022.json')), new Map([['samr', '省市场监督管理局']]), { versionNo: 1, status: 'published', publishedAt: null });

const info = (over: Partial<NoticeInfo> = {}): NoticeInfo => ({
  officeName: '湖南省质量强省领导小组办公室',
  officeShortName: '省质强办',
  noticeNo: '湘质强办发〔2023〕8号',
  year: 2023,
  cycleTitle: '2023年度省政府对市州政府质量工作考核',
  unitsWord: '市州',
  deadline: '2023-07-10',
  issuedOn: '2023-06-19',
  contactName: '唐碧辉',
  contactPhone: '0731-85693710',
  contactEmail: 'hnszlfzj@163.com',
  departments: ['省发展改革委', '省教育厅', '长沙海关'],
  baseYear: 2022,
  example: seedExample(2022),
  workPoints,
  baseScheme,
  ...over,
});

async function open(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paras = xml.split('<w:p>').map((p) => p.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, ''));
  return { xml, paras, text: paras.join('') };
}

describe('the notice (seed 000) on the document kit', () => {
  it('follows the seed: 工作要点 and 全体会议, the departments, the deadline, 附件 1–4 carried, the Chinese-numeral date', async () => {
    const { xml, paras, text } = await open(await noticeDocx(info()));
    expect(text).toContain('湖南省质量强省领导小组办公室文件');
    expect(text).toContain('湘质强办发〔2023〕8号');
    expect(text).toContain(
      '为切实做好2023年度省政府对市州政府质量工作考核，客观评价各市州质量工作开展情况，压实国务院质量工作考核目标任务，请各单位按照《湖南省质量强省2023年工作要点》和质量强省2023年第1次全体会议确定的重点工作任务',
    );
    expect(text).toContain('请省发展改革委、省教育厅、长沙海关等成员单位于7月10日前将《2023年度省政府对市州政府质量工作考核指标申报表》');
    expect(paras).toContain('附件：1. 2023年度省政府对市州政府质量工作考核指标申报表');
    expect(paras).toContain('2. 2023年度省政府对市州政府质量工作考核加分项申报表');
    // the 工作要点 named as its annex is titled (GB/T 9704 §8), here and in the body
    expect(paras).toContain('3. 湖南省质量强省2023年工作要点');
    expect(paras).toContain('4. 2022年度湖南省政府质量工作考核要点');
    expect(paras).toContain('2023年6月19日');
    expect(text).toContain('湖南省质量强省领导小组办公室\t2023年6月19日印发');
    // the title: the office on its own line, then the rest in two lines of nearly equal length
    expect(paras).toContain('湖南省质量强省领导小组办公室');
    expect(paras).toContain('关于提供2023年度省政府对市州');
    expect(paras).toContain('政府质量工作考核指标的通知');
    // portrait 公文, the two landscape forms, the portrait 工作要点, the landscape 考核要点, then the 版记 page
    expect(xml.match(/<w:sectPr/g)).toHaveLength(6);
    expect(xml.match(/w:orient="landscape"/g)).toHaveLength(3);
    expect(paras).toContain('附件3');
    expect(paras).toContain('一、聚焦质量强省建设，构筑大质量工作格局');
    expect(paras.find((p) => p.startsWith('13. '))).toBe(`13. ${planFile.tasks[12].text}`);
    expect(paras).toContain('附件4');
    expect(paras).toContain('2022年度湖南省政府质量工作考核要点');
    expect(text).toContain('附件1');
    expect(text).toContain('2023年度省政府对市州政府质量工作考核指标申报表（模板）');
    // blank template rows three lines high to write in
    expect(xml).toContain('<w:trHeight w:val="1737" w:hRule="atLeast"/>');
  });

  it('lists only the annexes it carries, numbered in order: no 工作要点 issued moves the 考核要点 up to 附件3', async () => {
    const { paras, text } = await open(await noticeDocx(info({ workPoints: null })));
    expect(paras).toContain('3. 2022年度湖南省政府质量工作考核要点');
    expect(paras.filter((p) => /^\d\. .*(工作要点|考核要点)$/.test(p))).toEqual(['3. 2022年度湖南省政府质量工作考核要点']);
    expect(paras).toContain('附件3');
    expect(paras).not.toContain('附件4');
    // the body still names the year's 工作要点 (by the seed's words), not an annex number
    expect(text).toContain('请各单位按照《2023年湖南省质量强省工作要点》和');
    const none = await open(await noticeDocx(info({ workPoints: null, baseScheme: null })));
    expect(none.paras).toContain('2. 2023年度省政府对市州政府质量工作考核加分项申报表');
    expect(none.paras.filter((p) => /^\d\. .*(工作要点|考核要点)$/.test(p))).toEqual([]);
    expect(none.xml.match(/<w:sectPr/g)).toHaveLength(4);
    const plan = await open(await noticeDocx(info({ baseScheme: null })));
    expect(plan.paras).toContain('3. 湖南省质量强省2023年工作要点');
    // a portrait annex last: the kit does not count its pages, so the 版记 takes an even page of its own (GB/T 9704 §9.3)
    expect(plan.xml.match(/<w:sectPr/g)).toHaveLength(5);
    expect(plan.xml.match(/<w:type w:val="evenPage"\/>/g)).toHaveLength(1);
  });

  it('gives the forms room to write in: data rows at least two lines high, empty rows three', async () => {
    const { xml } = await open(await declarationDocx({ cycleTitle: '2023年度省政府对市州政府质量工作考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: seedExample(2022) }));
    const rows = xml.split('<w:tr>').slice(1).map((r) => r.slice(0, r.indexOf('</w:tr>')));
    const heights = rows.map((r) => r.match(/<w:trHeight w:val="(\d+)" w:hRule="atLeast"\/>/)?.[1] ?? null);
    // per table: the header (no height), the example row(s) at 2 × 579 twips, then one empty row at 3 × 579
    const example = seedExample(2022);
    expect(heights).toEqual([null, ...example.indicators.map(() => '1158'), '1737', null, ...example.bonuses.map(() => '1158'), '1737']);
    const empty = rows[example.indicators.length + 1];
    expect(empty.replace(/<[^>]+>/g, '')).toBe('');
  });

  it('keeps the title whole without departments and with the demo mark', async () => {
    const { paras, text } = await open(await noticeDocx(info({ departments: [], cycleTitle: '2023年度省政府对市州政府质量工作考核（演示数据）', demo: true })));
    expect(text).toContain('请各相关成员单位于7月10日前');
    expect(text).not.toContain('请等成员单位');
    expect(paras).toContain('政府质量工作考核指标的通知');
    expect(text).not.toContain('考核（演示数据）指标');
    expect(paras).toContain('演示数据');
  });

  it('breaks titles into balanced lines of at most 20 characters', () => {
    expect(titleLines('关于2023年度质量工作考核结果的通报')).toBe('关于2023年度质量工作考核结果的通报');
    const lines = titleLines('湖南省质量强省领导小组办公室关于提供2023年度省政府对市州政府质量工作考核指标的通知', '湖南省质量强省领导小组办公室').split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(20);
    // words stay whole: the bulletin's title broke "市州政 / 府"
    const bulletin = titleLines('关于2022年度省政府对市州政府质量工作考核结果的通报', undefined, 20).split('\n');
    expect(bulletin.length).toBe(2);
    for (const l of bulletin) expect(l.startsWith('府')).toBe(false);
    expect(bulletin.join('')).toBe('关于2022年度省政府对市州政府质量工作考核结果的通报');
  });
});

describe('a department’s 申报表 (.docx)', () => {
  it('gives 分值 room for “14.5 分” on one line (at 0.8 of 12.6 its “分” stood alone on a second line)', async () => {
    const buf = await declarationDocx({ cycleTitle: '2023年度省政府对市州政府质量工作考核', baseYear: 2022, departmentName: '省市场监督管理局', officeShortName: '省质强办', content: seedExample(2022) });
    const { xml } = await open(buf);
    const table = xml.split('<w:tbl>').find((t) => t.includes('要点考核内容'))!;
    const grid = [...table.slice(0, table.indexOf('</w:tblGrid>')).matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(6);
    // “14.5 分”: four figures and a space at about 0.55 em and one character, in 五号 (10.5 pt = 210 twips an em), plus
    // the cell's left and right margins (80 twips each)
    const need = Math.ceil((5 * 0.55 + 1) * 210) + 160;
    expect(grid[4]).toBeGreaterThanOrEqual(need);
  });
});
