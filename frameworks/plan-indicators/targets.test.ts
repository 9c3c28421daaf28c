/**
 * The 2023 工作要点 targets (seed 000, “主要目标是”) and Yueyang's 2025 targets (seed 002, 二、工作目标) as
 * frameworks/plan-indicators/hunan-2023-targets.json and yueyang-2025.json.
 *
 * Checks: the zod contract; every target against a list written here by hand from the seed; every `source`
 * found in the seed (Yueyang's paragraph read with its page-break line feeds removed); each matched target
 * names an indicator of hunan-14th with the same unit; the warnings name the ambiguous places.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plan as planSchema, targetSet, type Target, type TargetSet } from '../../src/shared/indicators/schema';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const here = (f: string) => JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/plan-indicators', f), 'utf8'));
const plan = planSchema.parse(here('hunan-14th.json'));
const y2023: TargetSet = targetSet.parse(here('hunan-2023-targets.json'));
const yueyang: TargetSet = targetSet.parse(here('yueyang-2025.json'));
const min = (value: number): Target => ({ bound: 'min', value });
const rows = (s: TargetSet) => [...s.targets, ...s.unmatched].map((t) => [t.indicator, t.name, t.target]);

describe('hunan-2023-targets', () => {
  it('maps the 主要目标 to 专栏1 indicators, as read by hand', () => {
    expect(y2023).toMatchObject({ plan: 'hunan-14th', year: 2023, region: '湖南省' });
    expect(rows(y2023)).toEqual([
      [13, '制造业产品质量合格率', min(94)],
      [14, '消费品质量合格率', min(91)],
      [16, '农产品质量安全监测合格率', min(98)],
      [17, '基本药物抽验合格率', { value: 100 }],
      [19, '建筑工程质量一次竣工验收合格率', { value: 99 }],
      [20, '水利工程项目质量抽查合格率', { value: 100 }],
      [21, '交通工程项目质量抽查合格率', min(97)],
      [23, '全省14个城市环境空气平均优良天数比例', { kind: 'national', text: '完成国家下达的目标值' }],
      [22, '地表水国考断面达到或优于三类水质的比例', { value: 97.3 }],
      [null, '公共服务质量', { kind: 'qualitative', text: '公共服务质量达到满意水平' }],
    ]);
  });

  it('uses the unit of the plan indicator it is matched to', () => {
    for (const t of y2023.targets) expect(t.unit, t.name).toBe(plan.indicators[t.indicator! - 1]!.unit);
  });

  it('warns where the work plan and the plan disagree (16: 98 < 99, 19: 99 < 99.4, 21: 97 > 95) and of the unmatched goal', () => {
    const w = y2023.warnings.join('\n');
    for (const s of ['第16项', '第19项', '第21项', '第22、23项', '公共服务质量达到满意水平']) expect(w).toContain(s);
  });
});

describe('yueyang-2025', () => {
  it('lists Yueyang’s targets as read by hand, matched ones first', () => {
    expect(yueyang).toMatchObject({ plan: 'hunan-14th', year: 2025, region: '岳阳市' });
    expect(rows(yueyang)).toEqual([
      [16, '农产品质量安全省级例行监测合格率', min(98)],
      [15, '食品安全评价性抽检合格率', min(98)],
      [17, '基本药物抽检合格率', { value: 100 }],
      [13, '制造业产品质量合格率', min(95)],
      [23, '环境空气质量优良天数比率', min(90)],
      [22, '地表水达到或优于III类水质断面比例', min(94)],
      [14, '消费品质量合格率', { kind: 'qualitative', text: '消费品质量合格率有效支撑高品质生活需要' }],
      [null, '林产品抽样监测任务完成率', { value: 100 }],
      [null, '林产品质量合格率', min(98)],
      [null, '项目质量等级合格率', { value: 100 }],
      [null, '项目质量等级优良率', min(10)],
      [null, '二级至三级县级公办养老机构建有率', min(80)],
      [null, '长江岳阳段水质优良率', { value: 100 }],
      [null, '新增主导制（修）订标准', { value: 54 }],
      [null, '新增省、国家级标准化试点示范单位', { value: 23 }],
      [null, '新增省产业计量测试中心', { value: 1 }],
      [null, '新增省级质检中心', { value: 2 }],
      [null, '争创中国质量奖及提名奖', { value: 2 }],
      [null, '新增湖南省省长质量奖及提名奖', { value: 10 }],
      [null, '新增“湖南名品”', { value: 50 }],
      [null, '制造业质量竞争力指数', { value: 91.6 }],
      [null, '工程质量抽查符合率', { kind: 'qualitative', text: '工程质量抽查符合率不断提升' }],
      [null, '服务质量满意度', { kind: 'qualitative', text: '服务质量满意度全面提升' }],
    ]);
  });

  it('counts the 新增 targets as increments with their units, and matched rates with the plan’s unit', () => {
    const inc = [...yueyang.targets, ...yueyang.unmatched].filter((t) => t.measure === 'increment');
    expect(inc.map((t) => [t.unit, (t.target as { value: number }).value])).toEqual([
      ['项', 54],
      ['家', 23],
      ['家', 1],
      ['家', 2],
      ['个', 2],
      ['个', 10],
      ['个', 50],
    ]);
    for (const t of yueyang.targets) expect(t.unit, t.name).toBe(plan.indicators[t.indicator! - 1]!.unit);
  });

  it('warns of the line broken by the page, the unstated subjects, the start of 新增 and the index without unit', () => {
    const w = yueyang.warnings.join('\n');
    for (const s of ['质量合格率98%以上', '优良率达到 10%以上', '起算年份', '制造业质量竞争力指数', '无基期值']) expect(w).toContain(s);
  });
});

describe.runIf(existsSync(path.join(seedsDir, '000_bdb2641fca90ea06.txt')) && existsSync(path.join(seedsDir, '002_42231ee3001d2f8f.txt')))(
  'targets: against the seed text',
  () => {
    const read = (f: string) => readFileSync(path.join(seedsDir, f), 'utf8');

    it('finds the 2023 clauses, in order and complete, in the sentence after “主要目标是”', () => {
      const m = /\*\*主要目标是\*\*：([^。]+)。/.exec(read('000_bdb2641fca90ea06.txt'));
      expect(m).not.toBeNull();
      expect([...y2023.targets, ...y2023.unmatched].map((t) => t.source).join('，')).toBe(m![1]);
    });

    it('finds every Yueyang source in 二、工作目标 once its page-break line feeds are removed', () => {
      const seed = read('002_42231ee3001d2f8f.txt');
      const para = seed.slice(seed.indexOf('二、工作目标'), seed.indexOf('三、工作举措')).replace(/\n/g, '');
      for (const t of [...yueyang.targets, ...yueyang.unmatched]) expect(para, t.name).toContain(t.source);
      // the one source that spans a line break in the seed
      expect(seed).toContain('质量合格率\n\n98%以上');
    });
  },
);
