import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Consolidation, ItemConsolidation } from '../../../shared/evaluation/consolidate';
import { evaluationReportDocx, type ReportDocInput } from './evaluation-docs';

const item = (code: string, title: string, points: string, combined: string): ItemConsolidation => ({
  code,
  title,
  section: code.split('.')[0],
  points,
  maximum: points,
  scores: [],
  basis: {},
  mean: combined,
  spread: '0',
  flagged: false,
  outliers: [],
  underScored: false,
  capped: false,
  byMethod: combined,
  agreed: null,
  staleAgreed: null,
  combined,
  open: false,
});

/** a confirmed 综合评价 without 合理缺项: its total is its score */
const consolidationOf = (items: ItemConsolidation[], sections: Consolidation['sections'], score: string, scale: string): Consolidation => ({
  items,
  sections,
  score,
  scale,
  notApplicablePoints: '0',
  total: score,
  totalExact: score,
  passMark: null,
  passed: true,
  openItems: [],
});

const consolidation = consolidationOf(
  [item('1.1', '制定并出台城市质量发展规划', '20', '10'), item('1.2', '为实施质量发展规划提供组织保障', '30', '25'), item('5.2', '培育一批优势企业', '30', '30')],
  [
    { code: '1', title: '质量发展战略规划', points: '50', score: '35' },
    { code: '5', title: '质量宏观管理', points: '30', score: '30' },
  ],
  '65',
  '80',
);

const input: ReportDocInput = {
  organiser: { name: '湖南省质量强省领导小组办公室', shortName: '省质强办' },
  applicant: '常德市',
  round: { year: 2023, title: '2023年度质量强市（县）创建评价' },
  consolidation,
  notApplicable: [],
  method: 'mean',
  experts: 3,
  schedule: { documentReviewStart: null, documentReviewEnd: null, siteReviewStart: null, siteReviewEnd: null },
  acceptedAt: null,
  reasons: { '1.1.a': ['质量发展规划未经市政府印发'], '1.2.c': ['市政府主要负责人未担任领导小组组长'] },
  findings: [],
  // as the pages title a peer table (peerTableTitle), spaces between the parts
  peerTable: { title: '2023年 省内同级城市 获奖企业数量', criteria: ['5.2.a'], peers: 13 },
  criteria: {
    '1.1.a': '结合本城市（区）实际情况制定并已经出台质量发展战略规划的得20分；尚未出台的得10分',
    '1.2.a': '建立质量工作部门联席会议制度',
    '1.2.b': '每年至少召开一次质量工作部门联席会议',
    '1.2.c': '城市政府主要负责人亲自担任质量强市工作领导小组组长',
    '5.2.a': '获奖企业数量居省内同级城市前列',
  },
  date: '2023-08-01',
  images: [],
};

async function textOf(buf: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  return xml
    .split('</w:tc>')
    .map((c) => c.replace(/<[^>]+>/g, ''))
    .join('|');
}

describe('评价报告 (evaluation report .docx)', () => {
  it('names a criterion by the words of table A.1, not by the platform’s letter (the sheet letters no sub-clause)', async () => {
    const text = await textOf(await evaluationReportDocx(input));
    // an item with one criterion: the row names the item, the reason stands alone
    expect(text).toContain('|1.1 制定并出台城市质量发展规划|10|质量发展规划未经市政府印发|');
    expect(text).not.toContain('1.1.a：');
    // one of several: the letter with the sub-clause's words
    expect(text).toContain('|1.2 为实施质量发展规划提供组织保障|5|1.2.c 城市政府主要负责人亲自担任质量强市工作领导小组组长：市政府主要负责人未担任领导小组组长|');
    // the rank criterion by its item's number, as the sheet numbers it
    expect(text).toContain('评分表第5.2项按在同级单位中的排名计分');
    expect(text).not.toContain('5.2.a');
  });

  it('writes the peer table’s title as Chinese is written, without the spaces the pages set between its parts', async () => {
    const text = await textOf(await evaluationReportDocx(input));
    expect(text).toContain('同级比较表“2023年省内同级城市获奖企业数量”（批准方案时的数值，13个同级单位）');
  });

  it('draws the radar of the 指标项 under their table in 二、各指标项得分情况, not at the end of 一 (where it left page 2 half empty)', async () => {
    // a 1×1 PNG stands for the radar (the report draws it 600×480 px: too tall for what 一 leaves of page 2)
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const text = await textOf(await evaluationReportDocx({ ...input, images: [{ png, width: 600, height: 480, caption: '图1 常德市各指标项得分率' }] }));
    const at = (s: string) => text.indexOf(s);
    expect(at('图1 常德市各指标项得分率')).toBeGreaterThan(at('|合计|'));
    expect(at('图1 常德市各指标项得分率')).toBeLessThan(at('三、各评价项目得分情况'));
  });

  it('prints a score column with as many decimals on every row as its most, as the results documents do (综合得分 10 beside 13.33, 得分 70 over 103.33)', async () => {
    const agreed = (score: string, reason: string): ItemConsolidation['agreed'] => ({ score, reason });
    const text = await textOf(
      await evaluationReportDocx({
        ...input,
        consolidation: consolidationOf(
          [
            { ...item('1.1', '制定并出台城市质量发展规划', '20', '10'), mean: '11.67', agreed: agreed('10', '规划未经市政府印发') },
            { ...item('10.3', '建立城市居民质量安全多元救济机制', '15', '13.33'), mean: '12.5', agreed: agreed('13.33', '按两档之间计分') },
          ],
          [
            { code: '1', title: '质量发展战略规划', points: '20', score: '10' },
            { code: '10', title: '成果共享', points: '15', score: '13.33' },
          ],
          '23.33',
          '35',
        ),
      }),
    );
    const rows = [
      // 二: 得分 10.00 over 13.33 and 23.33; 分值 all whole, as they are
      '|质量发展战略规划|20|—|10.00|50.00%|',
      '|成果共享|15|—|13.33|88.87%|',
      '|合计|35|—|23.33|',
      // 三: 综合得分 and 失分 padded to the column's two decimals
      '|制定并出台城市质量发展规划|20|10.00|10.00|',
      '|建立城市居民质量安全多元救济机制|15|13.33|1.67|',
      // 四: 失分
      '|1.1 制定并出台城市质量发展规划|10.00|',
      // 五: the experts' mean and the agreed score
      '|制定并出台城市质量发展规划|11.67|10.00|规划未经市政府印发|',
      '|建立城市居民质量安全多元救济机制|12.50|13.33|按两档之间计分|',
    ];
    for (const row of rows) expect(text).toContain(row);
  });

  it('prints every 得分率 with two decimals (a whole rate 70.00%, not 70% beside 81.25%), rounded on the exact figures', async () => {
    const text = await textOf(await evaluationReportDocx(input));
    // 35 of 50, 30 of 30, 65 of 80
    expect(text).toContain('|质量发展战略规划|50|—|35|70.00%|');
    expect(text).toContain('|质量宏观管理|30|—|30|100.00%|');
    expect(text).toContain('|合计|80|—|65|81.25%|');
    const rates = text.match(/[\d.]+%/g) ?? [];
    expect(rates.length).toBe(3);
    expect(rates.filter((r) => !/^\d+\.\d{2}%$/.test(r))).toEqual([]);
  });

  it('without the sheet’s criteria keeps the key (nothing to name it by)', async () => {
    const text = await textOf(await evaluationReportDocx({ ...input, criteria: undefined }));
    expect(text).toContain('1.1.a：质量发展规划未经市政府印发');
    expect(text).toContain('评分表第5.2.a项');
  });
});
