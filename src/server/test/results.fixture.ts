/** Result views for the export tests. */
import type { ResultsView, UnitResultView } from '../../shared/contracts/results';

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
