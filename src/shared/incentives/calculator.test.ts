/** 奖励测算 against the Yueyang policy (frameworks/policies/yueyang-2023.json): ceilings applied and explained. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calculateRewards, formatTotal, formatYuan } from './calculator';
import { policyFile } from './schema';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { rules } = policyFile.parse(JSON.parse(readFileSync(path.join(repoRoot, 'frameworks/policies/yueyang-2023.json'), 'utf8')));

describe('calculateRewards', () => {
  it('cuts a request above the ceiling to the ceiling and says so; a request below it stands', () => {
    const r = calculateRewards(rules, [
      { achievement: 'standard-international-new', role: 'lead', count: 1, requestedYuan: 1_500_000 },
      { achievement: 'standard-national-revise', role: 'lead', count: 2, requestedYuan: 100_000 },
    ]);
    expect(r.lines.map((l) => [l.ruleId, l.yuan, l.capped])).toEqual([
      ['standard-international-new-lead', 1_000_000, true],
      ['standard-national-revise-lead', 200_000, false],
    ]);
    expect(r.lines[0]!.explanation).toBe('主导国际标准制定：给予组织，申请150万元超过上限100万元，按上限100万元计；1项 × 100万元 = 100万元');
    expect(r.totals).toEqual({ organisation: 1_200_000, person: 0 });
  });

  it('without a request a ceiling counts as the most that can be granted, per project', () => {
    const r = calculateRewards(rules, [{ achievement: 'standard-local-revise', role: 'lead', count: 3 }]);
    expect(r.lines[0]).toMatchObject({ yuan: 150_000, capped: false });
    expect(r.lines[0]!.explanation).toContain('未填申请金额，按上限计：最高5万元');
  });

  it('市长质量奖: the organisation up to 20 万 once, the person 2 万; 提名奖 5 万', () => {
    const r = calculateRewards(rules, [
      { achievement: 'mayor-award', count: 1, requestedYuan: 300_000 },
      { achievement: 'mayor-award-nomination', count: 1 },
    ]);
    expect(r.lines.map((l) => [l.ruleId, l.recipient, l.yuan, l.capped])).toEqual([
      ['mayor-award-organisation', 'organisation', 200_000, true],
      ['mayor-award-person', 'person', 20_000, false],
      ['mayor-award-nomination', 'organisation', 50_000, false],
    ]);
    expect(r.totals).toEqual({ organisation: 250_000, person: 20_000 });
  });

  it('省长质量奖 and 中国质量奖 follow their own rules: shown as 从其规定, no figure, not in the totals', () => {
    const r = calculateRewards(rules, [{ achievement: 'china-quality-award', count: 1 }, { achievement: 'hunan-governor-nomination', count: 1 }]);
    expect(r.lines.map((l) => [l.outcome, l.yuan])).toEqual([['by-other-rules', null], ['by-other-rules', null]]);
    expect(r.lines[0]!.explanation).toContain('从其规定');
    expect(r.totals).toEqual({ organisation: 0, person: 0 });
    expect(r.byOtherRules).toBe(2);
  });

  it('a participant in a standard, or nothing achieved, gets no reward, with the reason', () => {
    const r = calculateRewards(rules, [
      { achievement: 'standard-national-new', role: 'participant', count: 1 },
      { achievement: 'standard-national-new', role: 'lead', count: 0 },
    ]);
    expect(r.lines.map((l) => [l.outcome, l.explanation])).toEqual([
      ['none', '参与国家标准制定：本政策只奖励主导，不适用'],
      ['none', '主导国家标准制定：数量为0，不予测算'],
    ]);
    expect(calculateRewards([], [{ achievement: 'mayor-award', count: 1 }]).lines[0]!.explanation).toBe('市长质量奖：本政策没有对应的奖励条款');
  });

  it('the result is plain data (JSON round-trip); yuan formatted as the seed writes them', () => {
    const r = calculateRewards(rules, [{ achievement: 'mayor-award', count: 1 }]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect([formatYuan(1_000_000), formatYuan(25_000), formatYuan(1234)]).toEqual(['100万元', '2.5万元', '1234元']);
  });

  it('a 一次性 reward is paid once for the enterprise: a second row of the same award is not counted again, and a count above 1 is said to count once', () => {
    const r = calculateRewards(rules, [
      { achievement: 'mayor-award', count: 1, requestedYuan: 150_000 },
      { achievement: 'mayor-award', count: 1 },
      { achievement: 'mayor-award-nomination', count: 2 },
    ]);
    expect(r.lines.map((l) => [l.input, l.ruleId, l.outcome, l.yuan])).toEqual([
      [0, 'mayor-award-organisation', 'amount', 150_000],
      [0, 'mayor-award-person', 'amount', 20_000],
      [1, 'mayor-award-organisation', 'repeat', null],
      [1, 'mayor-award-person', 'repeat', null],
      [2, 'mayor-award-nomination', 'amount', 50_000],
    ]);
    expect(r.lines[2]!.explanation).toBe('市长质量奖：一次性奖励已在第1行计入，不重复计算');
    expect(r.lines[4]!.explanation).toBe('市长质量奖提名奖：给予组织，一次性5万元 = 5万元（一次性奖励，填写数量2，按1次计）');
    expect(r.totals).toEqual({ organisation: 200_000, person: 20_000 });
  });

  it('a per-project reward adds up over rows: two rows of one standard are two sets of projects', () => {
    const r = calculateRewards(rules, [
      { achievement: 'standard-local-revise', role: 'lead', count: 1, requestedYuan: 30_000 },
      { achievement: 'standard-local-revise', role: 'lead', count: 2 },
    ]);
    expect(r.lines.map((l) => [l.outcome, l.yuan])).toEqual([['amount', 30_000], ['amount', 100_000]]);
    expect(r.totals.organisation).toBe(130_000);
  });

  it('a total that takes a ceiling without a requested amount is the most that can be granted (最高), not an amount granted', () => {
    const asked = calculateRewards(rules, [{ achievement: 'standard-national-new', role: 'lead', count: 1, requestedYuan: 300_000 }, { achievement: 'mayor-award-nomination', count: 1 }]);
    expect(asked.upTo).toEqual({ organisation: false, person: false });
    const open = calculateRewards(rules, [{ achievement: 'standard-national-new', role: 'lead', count: 1 }, { achievement: 'mayor-award', count: 1, requestedYuan: 100_000 }]);
    expect(open.totals).toEqual({ organisation: 600_000, person: 20_000 });
    expect(open.upTo).toEqual({ organisation: true, person: false });
    expect([formatTotal(open, 'organisation'), formatTotal(open, 'person'), formatTotal(asked, 'organisation')]).toEqual(['最高60万元', '2万元', '35万元']);
  });
});
