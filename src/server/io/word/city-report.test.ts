import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { UnitResultView } from '../../../shared/contracts/results';
import { view } from '../../test/results.fixture';
import { cityReportDocx } from './city-report';

const u: UnitResultView = {
  unitId: 1,
  unitCode: '430100',
  unitName: '长沙市',
  total: '0',
  baseScore: '100',
  bonus: '0',
  deduction: '0',
  veto: true,
  vetoCodes: ['23.a'],
  rank: 14,
  grade: 'D',
  missing: ['1.a'],
  sections: [
    { code: 'D1', title: '宏观质量', role: 'base', score: '100', maximum: '100' },
    { code: 'VETO', title: '否决项', role: 'veto', score: '0', maximum: '0' },
  ],
  criteria: [
    {
      code: '1.a',
      itemCode: '1',
      criterionCode: 'a',
      itemTitle: '实施质量强省战略',
      title: '质量强省工作的组织领导',
      sectionCode: 'D1',
      role: 'base',
      status: 'missing',
      score: '0',
      maximum: '3',
      lost: '3',
      explanation: '未填报，按0分计',
      comment: null,
      department: { code: 'office', name: '省质强办' },
    },
    {
      code: '23.a',
      itemCode: '23',
      criterionCode: 'a',
      itemTitle: '发生重大质量安全事故',
      title: '因质量问题造成严重损失',
      sectionCode: 'VETO',
      role: 'veto',
      status: 'met',
      score: '0',
      maximum: '0',
      lost: '0',
      explanation: '发生，考核结果为 D 级',
      comment: '经省人民政府认定',
      department: { code: 'office', name: '省质强办' },
    },
  ],
};

/** how the scheme (seed 000 附件4) names the evaluating departments, by org code */
const evaluators = new Map([['office', '质量强省领导小组办公室']]);
/** the request's clock the report is generated at (生成时间) */
const AT = '2024-03-21T02:00:00.000Z';
const vetoItems = [{ code: '23.a', itemTitle: '发生重大质量安全事故', title: '因质量问题造成严重损失' }];

async function text(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('city report', () => {
  it('is a real .docx with the preliminary notice, the demo note, a veto as a lost point and no objections', async () => {
    const t = await text(await cityReportDocx(view([u], { vetoItems }), u, [], evaluators, AT, '市州'));
    expect(t).toContain('长沙市考核结果报告（初步结果）');
    expect(t).toContain('演示数据：本报告数据为平台演示用的合成数据。');
    // dates in a printed report are written the Chinese way, as in the 公文 (2023年3月1日), not 2023-03-01
    expect(t).toContain('异议期：2023年3月1日至2023年3月7日。本报告为初步结果，以最终发布结果为准。');
    // the veto item by its title, in the summary and the domains' table: a reader cannot decode "23.a"
    expect(t).toContain('否决：是（发生重大质量安全事故）');
    expect(t).toContain('否决项：发生重大质量安全事故否决项触发—');
    expect(t).not.toContain('（23.a）');
    expect(t).toContain('发生，考核结果为 D 级');
    // the veto's row in the lost points: 否决 where the points lost go, no score of “0/0” nor a loss of “0”
    expect(t).toContain('23.a发生重大质量安全事故因质量问题造成严重损失—否决发生，考核结果为 D 级');
    // the evaluating department as the scheme names it, as the 反馈意见 does
    expect(t).toContain('质量强省领导小组办公室：经省人民政府认定');
    expect(t).not.toContain('省质强办');
    // an unscored key point by its code and its item's title, not a bare code
    expect(t).toContain('未填报（按0分计）：1.a 实施质量强省战略');
    expect(t).toContain('未提出异议。');
  });

  it('numbers its pages (a report of several pages is printed and filed) and heads the code column 编号, not 序号', async () => {
    const zip = await JSZip.loadAsync(await cityReportDocx(view([u], { vetoItems }), u, [], evaluators, AT, '市州'));
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toMatch(/<w:footerReference [^>]*w:type="default"/);
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    const footer = footers.find((f) => f.includes('PAGE'))!;
    expect(footer).toBeDefined();
    expect(footer).toMatch(/NUMPAGES/);
    expect(footer.replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, '').replace(/<[^>]+>/g, '')).toBe('第  页 共  页');
    // the lost points' first column holds codes (1.a), so it is headed 编号
    const t = doc.replace(/<[^>]+>/g, '');
    expect(t).toContain('编号考核内容考核要点得分/分值失分评分说明评价部门意见');
    expect(t).not.toContain('序号考核内容');
  });

  it('prints a report with lost points (or objections) on landscape pages, one section: the figures and the domains open its first page', async () => {
    const doc = await (await JSZip.loadAsync(await cityReportDocx(view([u], { vetoItems }), u, [], evaluators, AT, '市州'))).file('word/document.xml')!.async('string');
    // a portrait first page holding the figures and the domains alone was left 60% blank (长沙市, demo 2022)
    const props = doc.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(props).toHaveLength(1);
    // A4 landscape: 16838 wide, the tables across its text width (the lost points were squeezed into the portrait 9000)
    expect(props[0]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const lostTable = /<w:tbl>(?:(?!<\/w:tbl>)[\s\S])*?编号(?:(?!<\/w:tbl>)[\s\S])*?<\/w:tbl>/.exec(doc)![0];
    expect(Number(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/.exec(lostTable)?.[1])).toBeGreaterThan(13000);
    expect(props[0]).toMatch(/<w:footerReference [^>]*w:type="default"/);
    // the rank names what it is among, without spaces between the figures and the words
    expect(doc.replace(/<[^>]+>/g, '')).toContain('排名：第14名（共1个市州）');
    const county = (await JSZip.loadAsync(await cityReportDocx(view([u], { vetoItems }), u, [], evaluators, AT, '县市区'))).file('word/document.xml')!;
    expect((await county.async('string')).replace(/<[^>]+>/g, '')).toContain('（共1个县市区）');
  });

  it('stays one portrait section when there is nothing lost and no objection', async () => {
    const clean: UnitResultView = { ...u, veto: false, vetoCodes: [], missing: [], criteria: [] };
    const doc = await (await JSZip.loadAsync(await cityReportDocx(view([clean]), clean, [], evaluators, AT, '市州'))).file('word/document.xml')!.async('string');
    const props = doc.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(props).toHaveLength(1);
    expect(props[0]).not.toMatch(/w:orient="landscape"/);
    expect(doc.replace(/<[^>]+>/g, '')).toContain('无失分。');
  });

  it('ends with the lost points’ last row: the closing lines (三、异议及答复, 未提出异议。, 生成时间) never print on a page of their own', async () => {
    // 衡阳市, 益阳市 and 娄底市 (demo 2022) filled page 6 with their lost points and printed the four closing lines alone on page 7
    const doc = await (await JSZip.loadAsync(await cityReportDocx(view([u], { vetoItems }), u, [], evaluators, AT, '市州'))).file('word/document.xml')!.async('string');
    const lostTable = /<w:tbl>(?:(?!<\/w:tbl>)[\s\S])*?编号(?:(?!<\/w:tbl>)[\s\S])*?<\/w:tbl>/.exec(doc)![0];
    const rows = lostTable.match(/<w:tr\b[\s\S]*?<\/w:tr>/g)!;
    const paras = (x: string) => x.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? [];
    for (const p of paras(rows[rows.length - 1]!)) expect(p).toContain('<w:keepNext/>');
    expect(paras(rows[1]!).some((p) => p.includes('<w:keepNext/>')), 'only the last row').toBe(false);
    const after = paras(doc.slice(doc.indexOf(lostTable) + lostTable.length));
    const chain = after.slice(0, after.findIndex((p) => p.replace(/<[^>]+>/g, '').startsWith('生成时间')));
    expect(chain.map((p) => p.replace(/<[^>]+>/g, ''))).toEqual(['未填报（按0分计）：1.a 实施质量强省战略', '三、异议及答复', '未提出异议。', '']);
    for (const p of chain) expect(p).toContain('<w:keepNext/>');
  });

  it('a city without lost points or objections keeps its one portrait section (no landscape page for “无失分。”)', async () => {
    const clean = { ...u, veto: false, vetoCodes: [], missing: [], criteria: u.criteria.map((c) => ({ ...c, lost: '0', status: 'ok' as const })) };
    const doc = await (await JSZip.loadAsync(await cityReportDocx(view([clean], { vetoItems }), clean, [], evaluators, AT, '市州'))).file('word/document.xml')!.async('string');
    expect(doc.match(/<w:sectPr\b/g)).toHaveLength(1);
    expect(doc).not.toMatch(/w:orient="landscape"/);
    expect(doc.replace(/<[^>]+>/g, '')).toContain('无失分。');
  });

  it('heads its parts in black 黑体, as a document sent to a government is set, not in Word’s blue heading style', async () => {
    const zip = await JSZip.loadAsync(await cityReportDocx(view([u], { vetoItems }), u, [], evaluators, AT, '市州'));
    const doc = await zip.file('word/document.xml')!.async('string');
    const paragraphs = doc.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g) ?? [];
    const headings = paragraphs.filter((p) => /[一二三]、/.test(p.replace(/<[^>]+>/g, '')));
    expect(headings.map((p) => p.replace(/<[^>]+>/g, ''))).toEqual(['一、各考核领域得分', '二、失分情况及原因', '三、异议及答复']);
    for (const p of headings) {
      expect(p).not.toMatch(/w:pStyle w:val="Heading/);
      expect(p).not.toMatch(/<w:color /);
      expect(p).toMatch(/w:eastAsia="黑体"/);
      // a heading never ends a page without the table it heads
      expect(p).toMatch(/<w:keepNext\/>/);
    }
  });

  it('a deduction lost no score out of a maximum: its row reads 减2, not the “2/5” of a key point that earned 2 of 5', async () => {
    const d = {
      ...u,
      veto: false,
      vetoCodes: [],
      deduction: '2',
      criteria: [{ ...u.criteria[1]!, code: '22.a', itemCode: '22', itemTitle: '较大质量安全事故', title: '对发生较大质量事故的市州进行减分', sectionCode: 'DED', role: 'deduction' as const, status: 'ok' as const, score: '2', maximum: '5', lost: '2', explanation: '减2分', comment: '经核查存在情形' }],
    };
    const t = await text(await cityReportDocx(view([d]), d, [], evaluators, AT, '市州'));
    expect(t).toContain('22.a较大质量安全事故对发生较大质量事故的市州进行减分—减2减2分');
    expect(t).not.toContain('2/5');
  });
});
