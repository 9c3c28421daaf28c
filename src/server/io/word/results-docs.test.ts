import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { CriterionLine } from '../../../shared/contracts/results';
import { objectionView, unit, view } from '../../test/results.fixture';
import { feedbackCharts, feedbackDocx, gradeLines, lostPoints, preliminaryPublicityDocx, resultsBulletinDocx } from './results-docs';

const office = { name: '湖南省质量强省领导小组办公室', shortName: '省质强办', unitsWord: '市州' };
/** how the scheme (seed 000 附件4) names the evaluating departments, by org code, as evaluatorNames() answers */
const evaluators = new Map([
  ['office', '质量强省领导小组办公室'],
  ['samr', '省市场监督管理局'],
  ['mem', '省应急管理厅'],
  ['ndrc', '省发改委'],
]);
const feedbackOpts = { date: '2023-09-01', evaluators };
const line = (over: Partial<CriterionLine>): CriterionLine => ({
  code: '7.a',
  itemCode: '7',
  criterionCode: 'a',
  itemTitle: '产品质量监督抽查',
  title: '抽查合格率达到目标',
  sectionCode: 'D2',
  role: 'base',
  status: 'ok',
  score: '1',
  maximum: '3',
  lost: '2',
  explanation: '按评分规则计算',
  comment: '抽查合格率未达目标，扣2分',
  department: { code: 'samr', name: '省市场监督管理局' },
  ...over,
});
const changsha = unit({
  criteria: [
    line({}),
    line({ code: '8.b', title: '无失分的要点', lost: '0', score: '3', comment: null }),
    line({ code: '20.a', role: 'deduction', title: '发生质量事件', lost: '0.5', comment: null, explanation: '发生1起，减0.5分', department: { code: 'mem', name: '省应急管理厅' } }),
  ],
});
const zhuzhou = unit({ unitId: 2, unitCode: '430200', unitName: '株洲市', total: '80', grade: 'B', rank: 2 });
/** a 1×1 PNG */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function paras(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { zip, xml, paras: xml.split('<w:p>').map((p) => p.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '')) };
}

describe('考核结果通报', () => {
  it('is a 公文 to the city governments with the grades, the ranking table and the 版记', async () => {
    const v = view([zhuzhou, changsha], { stage: 'final', demo: false });
    expect(gradeLines(v)).toEqual(['A等级（1个）：长沙市', 'B等级（1个）：株洲市']);
    const { paras: p, xml } = await paras(await resultsBulletinDocx(v, office, { date: '2023-09-01' }));
    const text = p.join('|');
    expect(p).toContain('湖南省质量强省领导小组办公室文件');
    expect(p.join('')).toContain('湖南省质量强省领导小组办公室关于2022年度省政府对市州政府质量工作考核结果的通报');
    expect(p).toContain('各市州人民政府：');
    expect(p).toContain('A等级（1个）：长沙市。');
    expect(text).toContain('|1|长沙市|90|0.25|0|90.25|A|');
    // a score column with as many decimals on every row as its most (80 beside 90.25 printed 80.00), the figure unrounded
    expect(text).toContain('|2|株洲市|90|0.25|0|80.00|B|');
    expect(p).toContain('2023年9月1日');
    expect(text).toContain('抄送：湖南省质量强省领导小组各成员单位。');
    expect(text).toContain('2023年9月1日印发');
    expect(xml).toContain('w:eastAsia="黑体"'); // 一、 headings
    expect(text).not.toContain('初步结果');
    // no 文号 yet: the 发文字号 line shows the standard's placeholder in the year of the 成文日期; given, the number
    expect(p).toContain('×××〔2023〕×号');
    const numbered = await paras(await resultsBulletinDocx(v, office, { date: '2023-09-01', docNo: '湘质强办〔2023〕15号' }));
    expect(numbered.paras).toContain('湘质强办〔2023〕15号');
    expect(numbered.paras.join('')).not.toContain('×');
    const publicity = await paras(await preliminaryPublicityDocx(view([zhuzhou, changsha], { stage: 'preliminary', demo: false }), office, { date: '2023-08-01' }));
    expect(publicity.paras).toContain('×××〔2023〕×号');
  });

  it('marks preliminary and demonstration results', async () => {
    const { paras: p } = await paras(await resultsBulletinDocx(view([changsha]), office, { date: '2023-09-01' }));
    expect(p).toContain('演示数据');
    // a 公文 writes its dates 2023年3月1日, not 2023-03-01
    expect(p.join('')).toContain('本通报为初步结果，异议期为2023年3月1日至2023年3月7日，以最终发布结果为准。');
  });
});

describe('反馈意见书', () => {
  it('lists every lost point with its reason and department, and embeds the charts', async () => {
    expect(lostPoints(changsha).map((c) => c.code)).toEqual(['7.a', '20.a']);
    const v = view([changsha, zhuzhou], { stage: 'final' });
    const { paras: p, zip } = await paras(
      await feedbackDocx(v, changsha, office, { ...feedbackOpts, images: [{ png: PNG, width: 600, height: 400, caption: '图1 长沙市各考核领域得分' }] }),
    );
    const text = p.join('|');
    expect(p).toContain('关于长沙市2022年度质量');
    expect(p).toContain('工作考核情况的反馈意见');
    expect(p).toContain('长沙市人民政府：');
    expect(text).toContain('你市2022年度质量工作考核总分90.25分，排名第1位（共2个市州），等级为A。其中基本项得分90分，加分0.25分，减分0分。');
    expect(text).toContain('|宏观质量|基本项|50|60|10|');
    expect(text).toContain('你市共有2个考核要点失分');
    expect(text).toContain('|1|7.a 产品质量监督抽查：抽查合格率达到目标|2|抽查合格率未达目标，扣2分|省市场监督管理局|');
    // no comment: the engine's explanation is the reason
    expect(text).toContain('|2|20.a 产品质量监督抽查：发生质量事件|减0.5|发生1起，减0.5分|省应急管理厅|');
    expect(text).not.toContain('无失分的要点');
    expect(p).toContain('图1 长沙市各考核领域得分');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1);
  });

  it('draws its own charts from the results when none are given: the radar and the ranking, as PNG', async () => {
    const v = view([changsha, zhuzhou], { stage: 'final' });
    const charts = feedbackCharts(v, changsha);
    expect(charts.map((c) => c.caption)).toEqual(v.domains.length >= 3 ? ['图1 长沙市各考核领域得分率', '图2 总分排名'] : ['图1 总分排名']);
    for (const c of charts) expect(Buffer.from(c.png).subarray(1, 4).toString('latin1')).toBe('PNG');
    const { paras: p, zip } = await paras(await feedbackDocx(v, changsha, office, feedbackOpts));
    expect(p).toContain('图1 ' + charts[0].caption.slice(3));
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(charts.length);
    const bulletin = await paras(await resultsBulletinDocx(v, office, { date: '2023-09-01' }));
    expect(bulletin.paras).toContain('图1 2022年度考核总分排名');
    // the grades listed are those the units received; the scheme's grades are more than the two used here
    expect(bulletin.paras).toContain('2022年度各市州考核等级如下：');
    expect(bulletin.paras.join('|')).not.toContain('个等级：');
    expect(Object.keys(bulletin.zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1);
  });

  it('prints a deduction as "减" and the veto domain as whether it struck, not as 0 / 0', async () => {
    const sections = [
      { code: 'D1', title: '宏观质量', role: 'base' as const, score: '50', maximum: '60' },
      { code: 'D6', title: '减分项', role: 'deduction' as const, score: '2', maximum: '5' },
      { code: 'D7', title: '否决项', role: 'veto' as const, score: '0', maximum: '0' },
    ];
    const vetoLine = line({
      code: '23.a',
      itemCode: '23',
      itemTitle: '发生重大质量安全事故',
      title: '在考核年度内，因质量问题造成严重的财产损失或人身伤害，经调查判定的重大质量安全事故，考核结果一律为D级。',
      sectionCode: 'D7',
      role: 'veto',
      lost: '0',
      score: '0',
      maximum: '0',
      comment: '发生一起重大质量安全事故',
      department: { code: 'office', name: '省质强办' },
    });
    const vetoItems = [{ code: '23.a', itemTitle: '发生重大质量安全事故', title: vetoLine.title }];
    const struck = unit({ unitName: '湘西土家族苗族自治州', veto: true, vetoCodes: ['23.a'], sections, criteria: [vetoLine] });
    const text = (await paras(await feedbackDocx(view([struck], { vetoItems }), struck, office, feedbackOpts))).paras.join('|');
    expect(text).toContain('|减分项|减分项|减2|最多减5|—|');
    // the veto item by its short title in the scheme, as the summary and the bulletin name it: a city reading the
    // 反馈意见 cannot decode "23.a"
    expect(text).toContain('|否决项：发生重大质量安全事故|否决项|触发|—|—|');
    expect(text).not.toContain('触发（23.a）');
    // the summary names the veto item, not only its code
    expect(text).toContain('减分0分，触发否决项“发生重大质量安全事故”。');
    // the bulletin says why a vetoed unit is graded below one with fewer points: by the item's short title from the
    // scheme (a reader of the 公文 cannot look up "23.a")
    const bulletin = (await paras(await resultsBulletinDocx(view([struck, zhuzhou], { stage: 'final', vetoItems }), office, { date: '2023-09-01' }))).paras.join('|');
    expect(bulletin).toContain('|等级|备注|');
    expect(bulletin).toContain('|湘西土家族苗族自治州|90|0.25|0|90.25|A|否决|');
    expect(bulletin).toContain('|注：湘西土家族苗族自治州触发否决项“发生重大质量安全事故”。|');
    expect(bulletin).not.toContain('23.a');
    const clear = unit({ sections: sections.map((x) => (x.role === 'deduction' ? { ...x, score: '0' } : x)) });
    const calm = (await paras(await feedbackDocx(view([clear]), clear, office, feedbackOpts))).paras.join('|');
    expect(calm).toContain('|减分项|减分项|0|最多减5|—|');
    expect(calm).toContain('|否决项|否决项|未触发|—|—|');
  });

  it('names every evaluating department as the scheme (附件4) does, not 省质强办 beside full department names', async () => {
    const office1 = line({ code: '1.a', itemCode: '1', itemTitle: '实施质量强省战略', title: '质量强省工作的组织领导', comment: '未开展质量月活动', department: { code: 'office', name: '省质强办' } });
    const brand = line({ code: '2.a', itemCode: '2', itemTitle: '加强品牌建设', title: '落实品牌发展规划', comment: '未实施品牌提升工程', department: { code: 'ndrc', name: '省发展改革委' } });
    const u = unit({ criteria: [office1, brand, line({})] });
    const text = (await paras(await feedbackDocx(view([u], { stage: 'final' }), u, office, feedbackOpts))).paras.join('|');
    expect(text).toContain('|未开展质量月活动|质量强省领导小组办公室|');
    expect(text).toContain('|未实施品牌提升工程|省发改委|');
    expect(text).toContain('|抽查合格率未达目标，扣2分|省市场监督管理局|');
    expect(text).not.toContain('省质强办|');
    expect(text).not.toContain('省发展改革委');
  });

  it('lets a long lost-point row break across pages, keeps short rows whole and repeats the header row', async () => {
    const long = line({ code: '7.b', comment: '药品监管能力建设不到位：'.repeat(12) + '扣0.5分' });
    const u = unit({ criteria: [line({}), long] });
    const { xml } = await paras(await feedbackDocx(view([u], { stage: 'final' }), u, office, feedbackOpts));
    const lostTable = xml.split('<w:tbl>').find((t) => t.includes('>失分原因</w:t>'))!.split('</w:tbl>')[0];
    const rows = lostTable.split('<w:tr>').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).toContain('<w:cantSplit/>'); // one line: whole
    expect(rows[2]).toContain('药品监管能力建设不到位');
    expect(rows[2]).not.toContain('<w:cantSplit/>'); // some eight lines across the landscape 附件: may break rather than leave a quarter page empty
  });

  it('lists the lost points in a landscape 附件 after the signature (a 5-column table squeezed into the portrait 版心 ran 湘西州 to 9 pages), named in the 附件说明', async () => {
    const u = unit({ criteria: [line({}), line({ code: '7.b', comment: '药品监管能力建设不到位：'.repeat(6) + '扣0.5分' })] });
    const { xml, paras: p } = await paras(await feedbackDocx(view([u], { stage: 'final' }), u, office, feedbackOpts));
    // a section's properties close it: the body's (portrait) before the table, the 附件's (landscape) after it
    const table = xml.indexOf('>失分原因<');
    const sections = [...xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => ({ at: m.index!, landscape: m[0].includes('w:orient="landscape"') }));
    const tableSection = sections.find((x) => x.at > table)!;
    expect(tableSection.landscape).toBe(true);
    expect(sections.filter((x) => x.at < table).every((x) => !x.landscape)).toBe(true);
    expect(xml.indexOf('>2023年9月1日<')).toBeGreaterThan(0);
    expect(xml.indexOf('>2023年9月1日<')).toBeLessThan(table); // after the signature and date
    expect(p).toContain('附件：长沙市2022年度质量工作考核失分情况表');
    expect(p).toContain('附件');
    expect(p.join('|')).toContain('你市共有2个考核要点失分，逐项列明见附件');
  });

  it('names an unscored key point by its code and its item’s title, not by a bare code', async () => {
    const unscored = line({ code: '1.a', itemCode: '1', itemTitle: '实施质量强省战略', title: '质量强省工作的组织领导', status: 'missing', score: '0', lost: '3', comment: null, explanation: '未填报，按0分计' });
    const u = unit({ missing: ['1.a'], criteria: [unscored] });
    const text = (await paras(await feedbackDocx(view([u]), u, office, feedbackOpts))).paras.join('|');
    expect(text).toContain('|未填报、按0分计的考核要点：1.a 实施质量强省战略。|');
  });

  it('says so when nothing was lost, and names a 州 "你州"', async () => {
    const xiangxi = unit({ unitName: '湘西土家族苗族自治州', criteria: [] });
    const { paras: p } = await paras(await feedbackDocx(view([xiangxi]), xiangxi, office, feedbackOpts));
    expect(p).toContain('本年度考核无失分。');
    expect(p.join('')).toContain('你州2022年度质量工作考核总分');
  });
});

describe('异议复核结果告知书', () => {
  const objection = objectionView({ raisedAt: '2023-08-02T03:00:00.000Z', answeredAt: '2023-08-05T03:00:00.000Z' });


  it('tells the city the result, before and after, and the department’s reason', async () => {
    const { objectionNoticeDocx } = await import('./results-docs');
    const { paras: p } = await paras(await objectionNoticeDocx(objection, '2023年度省政府对市州政府质量工作考核', office));
    const text = p.join('|');
    expect(p).toContain('长沙市人民政府：');
    expect(text).toContain('你市于2023年8月2日对2023年度省政府对市州政府质量工作考核中“7.a 产品质量监督抽查：抽查合格率达到目标”考核要点的评分提出异议，理由为：我市抽查合格率实为97.5%，评分所用数据有误。');
    expect(text).toContain('经省市场监督管理局复核，对原评分予以调整，评分由12分调整为14分');
    expect(text).toContain('复核理由：复核抽查记录，补计 2 分。');
    expect(p).toContain('2023年8月5日');
    expect(text).toContain('抄送：省市场监督管理局。');
  });

  it('says the score stands when upheld, and refuses an open objection', async () => {
    const { objectionNoticeDocx } = await import('./results-docs');
    const { paras: p } = await paras(await objectionNoticeDocx({ ...objection, status: 'upheld', afterAnswer: null }, '2023年度考核', office));
    expect(p.join('')).toContain('经省市场监督管理局复核，维持原评分（12分）。');
    await expect(objectionNoticeDocx({ ...objection, status: 'open' }, '2023年度考核', office)).rejects.toThrow();
  });

  it('copies no one when the office itself reviewed its own key point (not itself)', async () => {
    const { objectionNoticeDocx } = await import('./results-docs');
    const { paras: p } = await paras(await objectionNoticeDocx({ ...objection, department: { ...objection.department, name: office.name } }, '2023年度考核', office));
    expect(p.join('')).not.toContain('抄送');
  });
});

describe('初步结果公示', () => {
  it('lists the preliminary ranking and the objection window', async () => {
    const { paras: p } = await paras(await preliminaryPublicityDocx(view([zhuzhou, changsha]), office, { date: '2023-02-28' }));
    const text = p.join('|');
    expect(p.join('')).toContain('湖南省质量强省领导小组办公室关于2022年度省政府对市州政府质量工作考核初步结果的公示');
    expect(text).toContain('|1|长沙市|90|0.25|0|90.25|A|');
    expect(p).toContain('公示期为2023年3月1日至2023年3月7日。');
    expect(p).toContain('2023年2月28日');
    expect(p).toContain('演示数据');
  });
});
