import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { UnitResultView } from '../../../shared/contracts/results';
import { objectionView, view } from '../../test/results.fixture';
import { cityReportDocx } from './city-report';
import type { ObjectionView } from '../../../shared/contracts/results';

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

const office = { name: '湖南省质量强省领导小组办公室', shortName: '省质强办', unitsWord: '市州' };
const report = (v: Parameters<typeof cityReportDocx>[0], x: UnitResultView, objections: ObjectionView[] = [], unitsWord = '市州') =>
  cityReportDocx(v, x, objections, { ...office, unitsWord }, { evaluators, generatedAt: AT });
const documentXml = async (buf: Buffer) => (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
const sectionsOf = (doc: string) => doc.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g) ?? [];
const objection = objectionView({
  department: { id: 9, code: 'office', name: '省质强办' },
  evaluators: [{ id: 9, code: 'office', name: '省质强办' }],
  itemCode: '1',
  itemTitle: '实施质量强省战略',
  criterionTitle: '质量强省工作的组织领导',
  reason: '我市已按时填报，系统未保存。',
  response: '复核填报记录，补计 2 分',
});

describe('city report', () => {
  it('is a real .docx with the preliminary notice, the demo note, a veto as a lost point and no objections', async () => {
    const t = await text(await report(view([u], { vetoItems }), u));
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
    expect(t).toContain('生成时间：2024年3月21日 10:00');
  });

  it('is a 公文 on the document kit: 版头 of the office, title in 小标宋, body in 仿宋 on the 22 × 28 grid, signed and dated, 版记, “— N —” page numbers', async () => {
    const zip = await JSZip.loadAsync(await report(view([u], { vetoItems }), u));
    const doc = await zip.file('word/document.xml')!.async('string');
    const t = doc.replace(/<[^>]+>/g, '');
    // 发文机关标志 in red, the title in 2号 小标宋, the signature and the 成文日期 in Chinese numerals, the 版记's 印发
    expect(doc).toMatch(/<w:color w:val="FF0000"\/>[\s\S]*?湖南省质量强省领导小组办公室文件/);
    // the cycle on its own line, the unit's report under it (and the 附件's title)
    const titles = (doc.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g) ?? []).filter((p) => p.includes('w:eastAsia="方正小标宋简体"') && !p.includes('FF0000'));
    expect(titles.map((p) => p.replace(/<[^>]+>/g, ''))).toEqual(['2022年度省政府对市州政府质量工作考核', '长沙市考核结果报告（初步结果）', '长沙市失分情况及原因']);
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    // a 文件 has its 发文字号 line under the 版头 (the placeholder: no 文号 is registered for a unit's report) and its
    // 主送机关 over the body: the unit's government, as its 反馈意见 is addressed
    expect(t).toMatch(/湖南省质量强省领导小组办公室文件×××〔2024〕×号2022年度/);
    expect(t).toContain('长沙市考核结果报告（初步结果）演示数据：本报告数据为平台演示用的合成数据。长沙市人民政府：总分：');
    expect(t).toContain('湖南省质量强省领导小组办公室2024年3月21日');
    expect(t).toMatch(/湖南省质量强省领导小组办公室\s*2024年3月21日印发/);
    // the 公文 page (37/35/28/26 mm margins), not Word's default inch all round
    expect(sectionsOf(doc)[0]).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(sectionsOf(doc)[0]).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"/);
    // the kit's page numbers, odd pages right and even left, not 第 N 页 共 M 页
    expect(doc).toMatch(/<w:footerReference [^>]*w:type="even"/);
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    const numbered = footers.filter((f) => f.includes('PAGE'));
    expect(numbered.length).toBeGreaterThan(0);
    for (const f of numbered) {
      expect(f).not.toMatch(/NUMPAGES/);
      expect(f.replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, '').replace(/<[^>]+>/g, '')).toMatch(/^— +—$/);
    }
    // the lost points' first column holds codes (1.a), so it is headed 编号
    expect(t).toContain('编号考核内容考核要点得分/分值失分评分说明评价部门意见');
    expect(t).not.toContain('序号考核内容');
  });

  it('puts the lost points (and the objections) on landscape 附件 after the signature, named in the 附件说明; the figures and the domains open the portrait body', async () => {
    const doc = await documentXml(await report(view([u], { vetoItems }), u));
    const t = doc.replace(/<[^>]+>/g, '');
    const props = sectionsOf(doc);
    // the portrait body, the landscape 附件, the 版记 on an even page of its own
    expect(props).toHaveLength(3);
    expect(props[0]).not.toMatch(/w:orient="landscape"/);
    expect(props[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(props[2]).toMatch(/<w:type w:val="evenPage"\/>/);
    // one annex: 附件, not 附件1
    expect(t).toContain('共有2个考核要点失分，逐项列明见附件。');
    expect(t).toMatch(/附件：长沙市失分情况及原因湖南省质量强省领导小组办公室2024年3月21日/);
    const annex = doc.slice(doc.indexOf(props[0]!) + props[0]!.length);
    const lostTable = /<w:tbl>(?:(?!<\/w:tbl>)[\s\S])*?编号(?:(?!<\/w:tbl>)[\s\S])*?<\/w:tbl>/.exec(annex)![0];
    // across the landscape 版心 (225 mm), in 五号
    expect(Number(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/.exec(lostTable)?.[1])).toBeGreaterThan(12000);
    expect(lostTable).toContain('<w:sz w:val="21"/>');
    // the rank names what it is among, without spaces between the figures and the words
    expect(t).toContain('排名：第14名（共1个市州）');
    expect(await text(await report(view([u], { vetoItems }), u, [], '县市区'))).toContain('（共1个县市区）');
    // with objections: two annexes, numbered
    const both = (await documentXml(await report(view([u], { vetoItems }), u, [objection]))).replace(/<[^>]+>/g, '');
    expect(both).toContain('逐项列明见附件1。');
    expect(both).toContain('共提出1项异议，答复情况见附件2。');
    expect(both).toContain('附件：1. 长沙市失分情况及原因2. 长沙市异议及答复情况');
    // the key point named as the 反馈意见 and the objection list name it (keyPointLabel), with its own words
    expect(both).toContain('1.a 实施质量强省战略：质量强省工作的组织领导我市已按时填报，系统未保存。质量强省领导小组办公室已调整评分复核填报记录，补计 2 分12分 → 14分');
  });

  it('a city without lost points or objections is one portrait body, its 版记 on the last page when that page is even with room, else an even page of its own', async () => {
    const clean: UnitResultView = { ...u, veto: false, vetoCodes: [], missing: [], criteria: [] };
    const doc = await documentXml(await report(view([clean]), clean));
    expect(doc).not.toMatch(/w:orient="landscape"/);
    expect(doc.replace(/<[^>]+>/g, '')).toContain('无失分。');
    // the body ends a third of the way down page 2 (LibreOffice prints it so): the 版记 at its foot, no page of its own
    expect(sectionsOf(doc)).toHaveLength(1);
    expect(doc).not.toContain('evenPage');
    expect(doc.replace(/<[^>]+>/g, '')).toMatch(/生成时间：2024年3月21日 10:00湖南省质量强省领导小组办公室\s*2024年3月21日印发$/);
  });

  it('heads its parts in black 黑体, as a document sent to a government is set, not in Word’s blue heading style', async () => {
    const doc = await documentXml(await report(view([u], { vetoItems }), u));
    const paragraphs = doc.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g) ?? [];
    const headings = paragraphs.filter((p) => /^[一二三]、/.test(p.replace(/<[^>]+>/g, '')));
    expect(headings.map((p) => p.replace(/<[^>]+>/g, ''))).toEqual(['一、各考核领域得分', '二、失分情况及原因', '三、异议及答复']);
    for (const p of headings) {
      expect(p).not.toMatch(/w:pStyle w:val="Heading/);
      expect(p).not.toMatch(/<w:color /);
      expect(p).toMatch(/w:eastAsia="黑体"/);
      // a heading never ends a page without what it heads
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
    const t = await text(await report(view([d]), d));
    expect(t).toContain('22.a较大质量安全事故对发生较大质量事故的市州进行减分—减2减2分');
    expect(t).not.toContain('2/5');
  });

  it('sets its figures as whole items, a line holding those that fit: 湘西州’s 等级：D was broken after 等级：, its D alone on a line', async () => {
    const xiangxi = { ...u, unitName: '湘西土家族苗族自治州', total: '63.3', baseScore: '63.3', rank: 14, grade: 'D' };
    const v = { ...view([xiangxi], { vetoItems }), unitCount: 14 };
    const doc = await documentXml(await report(v, xiangxi));
    const paragraphs = (doc.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g) ?? []).map((p) => p.replace(/<[^>]+>/g, ''));
    const first = paragraphs.findIndex((p) => p.startsWith('总分：'));
    // a line of the indented 版心 holds 26 characters (a figure half a one): the rank with its 共N个市州 fills the first
    expect(paragraphs.slice(first, first + 3)).toEqual([
      '总分：63.3\u3000\u3000排名：第14名（共14个市州）',
      '等级：D\u3000\u3000基本项得分：63.3\u3000\u3000加分：0',
      '减分：0\u3000\u3000否决：是（发生重大质量安全事故）',
    ]);
  });

  it('prints the domains’ scores with as many decimals on each row as the column’s most (长沙市’s 环境质量 9 under 19.3 read 9.0)', async () => {
    const c = {
      ...u,
      veto: false,
      vetoCodes: [],
      criteria: [],
      missing: [],
      sections: [
        { code: 'D1', title: '宏观质量', role: 'base' as const, score: '19.3', maximum: '19.5' },
        { code: 'D5', title: '环境质量', role: 'base' as const, score: '9', maximum: '10' },
        { code: 'DED', title: '减分项', role: 'deduction' as const, score: '0', maximum: '5' },
      ],
    };
    const t = (await documentXml(await report(view([c]), c))).replace(/<\/w:p>/g, '|').replace(/<[^>]+>/g, '');
    expect(t).toContain('|宏观质量|基本项|19.3|19.5|');
    expect(t).toContain('|环境质量|基本项|9.0|10|');
    // a deduction's 0 is a plain decimal too, the maximum as the scheme writes it
    expect(t).toContain('|减分项|减分项|0.0|最多减5|');
  });
});
