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

const consolidation: Consolidation = {
  items: [item('1.1', '制定并出台城市质量发展规划', '20', '10'), item('1.2', '为实施质量发展规划提供组织保障', '30', '25'), item('5.2', '培育一批优势企业', '30', '30')],
  sections: [
    { code: '1', title: '质量发展战略规划', points: '50', score: '35' },
    { code: '5', title: '质量宏观管理', points: '30', score: '30' },
  ],
  score: '65',
  scale: '80',
  notApplicablePoints: '0',
  total: '65',
  totalExact: '65',
  passMark: null,
  passed: true,
  openItems: [],
};

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

  it('without the sheet’s criteria keeps the key (nothing to name it by)', async () => {
    const text = await textOf(await evaluationReportDocx({ ...input, criteria: undefined }));
    expect(text).toContain('1.1.a：质量发展规划未经市政府印发');
    expect(text).toContain('评分表第5.2.a项');
  });
});
