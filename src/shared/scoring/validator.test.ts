import { describe, expect, it } from 'vitest';
import { framework as frameworkSchema, type FrameworkInput } from './framework-schema';
import { validateFramework, reachableMax } from './validator';
import { MINI, MINI_INPUT, syntheticDb43 } from './test/fixtures';
import { toFractionString } from './rational';

function variant(mutate: (f: FrameworkInput) => void) {
  const f = structuredClone(MINI_INPUT);
  mutate(f);
  return validateFramework(frameworkSchema.parse(f));
}

describe('validateFramework', () => {
  it('accepts the inline frameworks; a method above its points is a warning naming the code', () => {
    const r = validateFramework(MINI);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([{ code: '2.4.a', message: '2.4.a的评分方法最高可得25分，超过其分值15分（原文自相矛盾），评分时按15分封顶' }]);
    expect(validateFramework(syntheticDb43())).toEqual({ errors: [], warnings: [] });
  });

  it.each<[string, (f: FrameworkInput) => void, { code: string; message: string }]>([
    ['criteria ≠ item', (f) => void (f.sections[0].items[1].criteria[0].points = 9.5), { code: '1.2', message: '第1.2项各评分细则分值之和为29.5，与该项分值30不符' }],
    ['items ≠ section', (f) => void (f.sections[0].points = 81), { code: '1', message: '1（规划）各考核内容分值之和为80，与其分值81不符' }],
    ['sections ≠ total', (f) => void (f.totalPoints = 100), { code: '', message: '各基本分领域/指标项分值之和为160，与总分100不符' }],
    ['duplicate item code', (f) => void (f.sections[1].items[0].code = '1.1'), { code: '1.1', message: '考核内容编号1.1重复（编号须在整个指标体系内唯一）' }],
    ['direct min above points', (f) => void (f.sections[2].items[0].criteria[0].rule = { type: 'direct', min: 11 }), { code: '3.1.a', message: '3.1.a的直接评分下限11大于其分值10' }],
    ['veto with points', (f) => void (f.sections[5].items[0].criteria[0].points = 1), { code: '6.a', message: '否决项6.a的分值应为0（现为1）' }],
    ['duplicate levels', (f) => void (f.sections[0].items[0].criteria[0].rule = { type: 'levels', levels: [20, 10, 10, 0] }), { code: '1.1.a', message: '1.1.a的档次分值重复：20、10、10、0' }],
    ['bands not descending', (f) => void (f.gradeBands = [{ grade: 'B', min: 80 }, { grade: 'A', min: 90 }]), { code: '', message: '等级须从高到低排列，下限严格递减' }],
  ])('error: %s', (_name, mutate, issue) => {
    expect(variant(mutate).errors).toContainEqual(issue);
  });

  it('0.5 + 0.2 + … sums are exact', () => {
    const r = variant((f) => {
      f.sections[2].items[0].points = 0.3;
      f.sections[2].items[0].criteria = [
        { code: 'a', title: 'x', points: 0.1, rule: { type: 'boolean' } },
        { code: 'b', title: 'y', points: 0.2, rule: { type: 'boolean' } },
      ];
      f.sections[2].points = 0.3;
      f.totalPoints = 150.3;
    });
    expect(r.errors).toEqual([]);
  });

  it('warns about thresholds out of order and unreachable full marks', () => {
    const r = variant((f) => {
      f.sections[0].items[2].criteria[0].rule = {
        type: 'threshold',
        unit: '‰',
        steps: [
          { bound: 0.3, points: 10 },
          { bound: 1, points: 20 },
        ],
      };
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['1.3.a']));
    expect(r.warnings.some((w) => w.message.includes('满分不可达'))).toBe(true);
  });

  it('reachableMax', () => {
    expect(toFractionString(reachableMax({ type: 'levels', levels: [25, 15, 5, 0] }, 15))).toBe('25');
    expect(toFractionString(reachableMax({ type: 'rank', unit: '个', direction: 'higher', tiers: [30, 15, 5] }, 30))).toBe('30');
    expect(toFractionString(reachableMax({ type: 'boolean' }, 14.5))).toBe('29/2');
  });
});
