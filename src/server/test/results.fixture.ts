/** Result views for the export tests. */
import type { ObjectionView, ResultsView, UnitResultView } from '../../shared/contracts/results';

export const unit = (over: Partial<UnitResultView>): UnitResultView => ({
  unitId: 1,
  unitCode: '430100',
  unitName: '长沙市',
  total: '90.25',
  baseScore: '90',
  bonus: '0.25',
  deduction: '0',
  veto: false,
  vetoCodes: [],
  rank: 1,
  grade: 'A',
  missing: [],
  sections: [
    { code: 'D1', title: '宏观质量', role: 'base', score: '50', maximum: '60' },
    { code: 'D2', title: '产品质量', role: 'base', score: '40', maximum: '40' },
  ],
  criteria: [],
  ...over,
});

export const view = (units: UnitResultView[], over: Partial<ResultsView> = {}): ResultsView => ({
  cycleId: 1,
  year: 2022,
  title: '2022年度省政府对市州政府质量工作考核',
  stage: 'preliminary',
  stageLabel: '初步结果',
  scope: 'all',
  publishedAt: null,
  objectionStart: '2023-03-01',
  objectionEnd: '2023-03-07',
  schemeVersion: 1,
  demo: true,
  domains: [
    { code: 'D1', title: '宏观质量', points: '60' },
    { code: 'D2', title: '产品质量', points: '40' },
  ],
  units,
  unitCount: units.length,
  vetoItems: [],
  previous: null,
  ...over,
});

/** an answered objection of 长沙市's: adjusted, from 12 to 14 */
export const objectionView = (over: Partial<ObjectionView> = {}): ObjectionView => ({
  id: 5,
  cycleId: 1,
  unit: { id: 1, code: '430100', name: '长沙市' },
  department: { id: 9, code: 'samr', name: '省市场监督管理局' },
  evaluators: [{ id: 9, code: 'samr', name: '省市场监督管理局' }],
  mayAnswer: false,
  itemCode: '7',
  criterionCode: 'a',
  itemTitle: '产品质量监督抽查',
  criterionTitle: '抽查合格率达到目标',
  reason: '我市抽查合格率实为97.5%，评分所用数据有误。',
  status: 'adjusted',
  statusLabel: '已调整评分',
  response: '复核抽查记录，补计 2 分',
  beforeAnswer: { score: 12 },
  afterAnswer: { score: 14 },
  raisedAt: '2024-03-02T03:00:00.000Z',
  answeredAt: '2024-03-05T03:00:00.000Z',
  evidence: [],
  version: 2,
  answering: null,
  ...over,
});
