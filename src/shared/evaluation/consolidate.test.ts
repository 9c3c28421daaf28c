/**
 * Golden cases of the 综合评价 (issue 11): sheet A.1 of seed 004 scored by three experts, one 合理缺项 (3.5.b, a
 * city without a port) and the rank item 5.2 ranked among peers, combined by each method. Every expected figure
 * is worked out by hand in the comments from the seed's points; the engine only supplies each expert's item
 * scores, and the first test checks that those are the points the answers earn.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer, UnitInput } from '../scoring/answers';
import type { Framework } from '../scoring/framework-schema';
import { checkAnswer } from '../scoring/check';
import { consolidate, type ExpertSheet } from './consolidate';

const fw = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../frameworks/db43-quality-city.json'), 'utf8')) as Framework;
const items = fw.sections.flatMap((s) => s.items);
const allItems = items.map((i) => i.code);

/** the answer that earns a criterion's full points (rank 5.2: the top value among the peers below) */
function fullAnswer(item: string, criterion: string): Answer {
  const c = items.find((i) => i.code === item)!.criteria.find((x) => x.code === criterion)!;
  if (c.rule.type === 'rank') return { value: 12 };
  const tries: Answer[] = [true, ...(('levels' in c.rule ? c.rule.levels : []) as number[]).map((level) => ({ level })), { value: 100 }, { value: 0 }, { score: c.points }];
  for (const a of tries) {
    const r = checkAnswer(fw, item, criterion, a);
    if (r.ok && Number(r.score) >= c.points) return a;
  }
  throw new Error(`no full-mark answer for ${item}.${criterion}`);
}

function sheet(expert: string, assigned: readonly string[], changes: Record<string, Record<string, Answer>> = {}): ExpertSheet {
  const answers: Record<string, Record<string, Answer>> = {};
  for (const code of assigned) {
    const i = items.find((x) => x.code === code)!;
    answers[code] = {};
    for (const c of i.criteria) if (!(code === '3.5' && c.code === 'b')) answers[code][c.code] = fullAnswer(code, c.code);
    Object.assign(answers[code], changes[code] ?? {});
  }
  return { expert, items: assigned, answers };
}

/** three peer cities for 5.2 (获奖企业数量): 岳阳 has 12, the others fewer, so 岳阳 is 居前列 (30) */
const peers: UnitInput[] = [
  { unit: '430100', peerGroup: 'city', answers: { '5.2': { a: { value: 3 } } } },
  { unit: '430300', peerGroup: 'city', answers: { '5.2': { a: { value: 5 } } } },
  { unit: '430400', peerGroup: 'city', answers: { '5.2': { a: { value: 8 } } } },
];
const unit = { code: '430600', name: '岳阳市', peerGroup: 'city' };

// A (team leader) and B score every item; C scores groups 1–6.
const groups16 = items.filter((i) => Number(i.code.split('.')[0]) <= 6).map((i) => i.code);
const experts = [
  sheet('A', allItems),
  // B: 1.2.b not met (−10)
  sheet('B', allItems, { '1.2': { b: false } }),
  // C: 1.1 at the middle level (10 of 20)
  sheet('C', groups16, { '1.1': { a: { level: 10 } } }),
];
const base = { framework: fw, unit, peers, notApplicable: ['3.5.b'], experts, threshold: '0.3' };

describe('consolidate: sheet A.1 (seed 004) by three experts', () => {
  it('takes each expert item score from the engine: full points except the answers changed above', () => {
    const r = consolidate({ ...base, method: 'mean' });
    expect(r.items).toHaveLength(50);
    for (const i of r.items) {
      for (const s of i.scores) {
        const expected = i.code === '1.2' && s.expert === 'B' ? '20' : i.code === '1.1' && s.expert === 'C' ? '10' : i.maximum;
        expect([i.code, s.expert, s.score]).toEqual([i.code, s.expert, expected]);
      }
    }
    // 3.5 is worth 25; 3.5.b (5) is 合理缺项, so its maximum is 20; the scale is 1060, 5 points not applicable
    expect(r.items.find((i) => i.code === '3.5')).toMatchObject({ points: '25', maximum: '20' });
    expect([r.scale, r.notApplicablePoints]).toEqual(['1060', '5']);
    // the rank item: 岳阳 has the most awards among its peers → 30
    expect(r.items.find((i) => i.code === '5.2')!.scores.map((s) => s.score)).toEqual(['30', '30', '30']);
    // every item is scored by at least two experts (A and B everywhere)
    expect(r.items.filter((i) => i.underScored)).toEqual([]);
    // 10.1 and 10.2: the method's top level (25) is above the item's 15 points; the engine capped it
    expect(r.items.filter((i) => i.capped).map((i) => [i.code, i.points, i.combined])).toEqual([
      ['10.1', '15', '15'],
      ['10.2', '15', '15'],
    ]);
  });

  it('mean: 1.1 is flagged (C is 6.67 from the mean, more than 30% of 20 = 6) and open until the leader agrees', () => {
    const r = consolidate({ ...base, method: 'mean' });
    const i11 = r.items.find((i) => i.code === '1.1')!;
    // scores 20, 20, 10: mean 50/3 = 16.67, spread 10; |10 − 16.67| = 6.67 > 6; |20 − 16.67| = 3.33 ≤ 6
    expect(i11).toMatchObject({ mean: '16.67', spread: '10', flagged: true, outliers: ['C'], open: true, byMethod: '16.67', combined: '16.67' });
    // 1.2: 30, 20, 30: mean 80/3 = 26.67; |20 − 26.67| = 6.67 ≤ 30% of 30 = 9: not flagged
    expect(r.items.find((i) => i.code === '1.2')).toMatchObject({ mean: '26.67', spread: '10', flagged: false, open: false, combined: '26.67' });
    expect(r.openItems).toEqual(['1.1']);
    // provisional: 1055 − (20 − 50/3) − (30 − 80/3) = 1055 − 10/3 − 10/3 = 3145/3;
    // prorated × 1060 / 1055: 3145/3 × 1060/1055 = 666740/633 = 1053.3017…
    expect(r.score).toBe('1048.33');
    expect(r.totalExact).toBe('666740/633');
    expect(r.total).toBe('1053.3');
    expect(r.passed).toBeNull();
  });

  it('mean with the leader’s agreed 15 on 1.1: final, 1051.63, passed (≥ 800)', () => {
    const r = consolidate({ ...base, method: 'mean', agreed: { '1.1': { score: '15', reason: '现场核实规划已印发但未明确年度目标，按中间值确定' } } });
    // 1055 − 5 − 10/3 = 3140/3; × 1060/1055 = 665680/633 = 1051.6271…
    expect(r.items.find((i) => i.code === '1.1')).toMatchObject({ combined: '15', open: false, flagged: true });
    expect([r.score, r.totalExact, r.total, r.passed, r.openItems]).toEqual(['1046.67', '665680/633', '1051.63', true, []]);
    expect(r.sections[0]).toMatchObject({ code: '1', points: '80', score: '71.67' });
    // 1.1 15 + 1.2 80/3 + 1.3 30 = 71.67
  });

  it('an agreed figure counts only while the item needs it: once the panel agrees (on-site revisions), the method’s figure stands', () => {
    // 1.1 was agreed at 0 while C's 10 stood apart; on site C revised to 20: A, B, C all 20, nothing to settle
    const agreedOn = consolidate({ ...base, method: 'mean', experts: [experts[0], experts[1], sheet('C', groups16)], agreed: { '1.1': { score: '0', reason: '讨论时按未出台规划确定' } } });
    const without = consolidate({ ...base, method: 'mean', experts: [experts[0], experts[1], sheet('C', groups16)] });
    expect(agreedOn.items.find((i) => i.code === '1.1')).toMatchObject({ flagged: false, byMethod: '20', combined: '20', agreed: null, open: false });
    expect([agreedOn.totalExact, agreedOn.total, agreedOn.passed]).toEqual([without.totalExact, without.total, without.passed]);
  });

  it('an agreed figure stands only for the expert scores it was decided on: revisions that remove and recreate the disagreement reopen the item', () => {
    // decided on A 20, B 20, C 10 (C stood apart): the leader's 15 counts
    const decidedOn = { A: '20', B: '20', C: '10' };
    const agreed = { '1.1': { score: '15', reason: '讨论后按中间值确定', expertScores: decidedOn } };
    const atDecision = consolidate({ ...base, method: 'mean', agreed });
    expect(atDecision.items.find((i) => i.code === '1.1')).toMatchObject({ flagged: true, agreed: { score: '15' }, staleAgreed: null, combined: '15', open: false });
    // on site C revised to 20 (nothing to settle), then to 0: the panel disagrees again, on scores the leader never saw
    const recreated = consolidate({ ...base, method: 'mean', experts: [experts[0], experts[1], sheet('C', groups16, { '1.1': { a: { level: 0 } } })], agreed });
    const i11 = recreated.items.find((i) => i.code === '1.1')!;
    // 20, 20, 0: mean 40/3 = 13.33; |0 − 13.33| > 6 → flagged; the old 15 no longer counts: open at the method's figure
    expect(i11).toMatchObject({ flagged: true, agreed: null, staleAgreed: { score: '15', expertScores: decidedOn }, open: true, byMethod: '13.33', combined: '13.33' });
    expect(recreated.openItems).toEqual(['1.1']);
    expect(recreated.passed).toBeNull();
    const never = consolidate({ ...base, method: 'mean', experts: [experts[0], experts[1], sheet('C', groups16, { '1.1': { a: { level: 0 } } })] });
    expect([recreated.totalExact, recreated.score]).toEqual([never.totalExact, never.score]);
    // an expert joining or leaving the item is a change too; the same scores again stand
    expect(consolidate({ ...base, method: 'mean', agreed: { '1.1': { ...agreed['1.1'], expertScores: { A: '20', C: '10' } } } }).items[0]).toMatchObject({ agreed: null, open: true });
    expect(consolidate({ ...base, method: 'leader', agreed: { '1.1': { ...agreed['1.1'], expertScores: { C: '10', B: '20.0', A: '20' } } } }).items[0]).toMatchObject({ agreed: { score: '15' }, open: false });
  });

  it('trimmed mean: the plain mean below five experts; without the highest and lowest from five', () => {
    const three = consolidate({ ...base, method: 'trimmed', agreed: { '1.1': { score: '15', reason: '讨论确定' } } });
    expect(three.total).toBe('1051.63');
    // five experts on 2.1 only: 15, 15, 15, 5, 15 → mean 65/5 = 13; without the lowest (5) and one highest (15): 45/3 = 15
    const five = ['D1', 'D2', 'D3', 'D4', 'D5'].map((e, n) => sheet(e, ['2.1'], n === 3 ? { '2.1': { a: { level: 5 } } } : {}));
    const r = consolidate({ ...base, experts: five, method: 'trimmed' });
    const i21 = r.items.find((i) => i.code === '2.1')!;
    // |5 − 13| = 8 > 30% of 15 = 4.5: flagged D4, open; the method's figure is the trimmed mean 15
    expect(i21).toMatchObject({ mean: '13', spread: '10', byMethod: '15', flagged: true, outliers: ['D4'], open: true });
    const m = consolidate({ ...base, experts: five, method: 'mean' });
    expect(m.items.find((i) => i.code === '2.1')!.byMethod).toBe('13');
  });

  it('leader: every scored item needs the agreed figure; open items count at the mean meanwhile', () => {
    const r = consolidate({ ...base, method: 'leader', agreed: { '1.1': { score: '20', reason: '复核后认定达到要求' } } });
    expect(r.openItems).toHaveLength(49);
    expect(r.passed).toBeNull();
    // 1.1 at 20 instead of 50/3: 3145/3 + 10/3 = 3155/3 → × 1060/1055 = 668860/633
    expect(r.totalExact).toBe('668860/633');
  });

  it('takes a 合理缺项 the plan declares beyond the sheet’s own (1.2.c, 10 points): scale 1060 over 1045', () => {
    const r = consolidate({ ...base, method: 'mean', notApplicable: ['3.5.b', '1.2.c'], agreed: { '1.1': { score: '15', reason: '讨论确定' } } });
    // 1.2 without c: max 20; A 20, B 10 (b not met), C 20 → mean 50/3; raw 1045 − 5 − (20 − 50/3) = 1040 − 10/3 = 3110/3
    // × 1060/1045 = 3110 × 1060 / 3135 = 659320/627 = 1051.5470…
    expect(r.items.find((i) => i.code === '1.2')).toMatchObject({ maximum: '20', mean: '16.67' });
    expect([r.notApplicablePoints, r.totalExact, r.total]).toEqual(['15', '659320/627', '1051.55']);
  });

  it('refuses an agreed score off the item, a missing reason, and a criterion the sheet does not have', () => {
    expect(() => consolidate({ ...base, method: 'mean', agreed: { '1.1': { score: '21', reason: 'x' } } })).toThrow('第1.1项组长确定的得分须在0～20分之间');
    expect(() => consolidate({ ...base, method: 'mean', agreed: { '1.1': { score: '15', reason: ' ' } } })).toThrow('第1.1项组长确定得分须写明理由');
    expect(() => consolidate({ ...base, method: 'mean', notApplicable: ['1.1.z'] })).toThrow('评分表中没有评分细则1.1.z');
  });

  it('never shows a failing total as the pass mark: 799.99667 is 799.99, not 800', () => {
    // C zeroes nine all-boolean items worth 260 (10.4 60, 1.2 / 3.2 / 5.1 / 9.1 30 each, 2.4 / 2.5 / 2.6 / 3.1 20 each):
    // each flagged, the leader agrees 0.33 on 1.2 and 0 on the rest; C reads 99.5% on 7.1.a (14 of 15, mean 44/3,
    // not flagged). 1060 − 260 + 0.33 − 1/3 = 800 − 1/300 = 799.99667: below 800, two decimals would round it to 800
    const zeroed = ['10.4', '1.2', '3.2', '5.1', '9.1', '2.4', '2.5', '2.6', '3.1'];
    const off = (code: string) => Object.fromEntries(items.find((i) => i.code === code)!.criteria.map((c) => [c.code, false]));
    // a city with a port: 3.5.b scored, nothing prorated
    const port = { '3.5': { b: true } };
    const three = [sheet('A', allItems, port), sheet('B', allItems, port), sheet('C', allItems, { ...port, ...Object.fromEntries(zeroed.map((code) => [code, off(code)])), '7.1': { a: { value: 99.5 } } })];
    const agreed = Object.fromEntries(zeroed.map((code) => [code, { score: code === '1.2' ? '0.33' : '0', reason: '现场核查后组长与专家讨论确定' }]));
    const r = consolidate({ ...base, experts: three, notApplicable: [], method: 'mean', agreed });
    expect([r.openItems, r.totalExact, r.passed]).toEqual([[], '239999/300', false]);
    expect(r.total).toBe('799.99');
  });
});
