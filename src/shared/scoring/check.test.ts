import { describe, expect, it } from 'vitest';
import { checkAnswer, pointsLost, reasonProblem, scoreFramework, scoreUnit } from './engine';
import { MINI, miniAnswers } from './test/fixtures';
import type { UnitInput } from './answers';
import { framework as frameworkSchema } from './framework-schema';
import db43Json from '../../../frameworks/db43-quality-city.json';

describe('checkAnswer: one answer of one criterion', () => {
  it('scores a valid answer with the explanation the whole unit would show', () => {
    const r = checkAnswer(MINI, '1.1', 'a', { level: 10 });
    expect(r).toMatchObject({ ok: true, code: '1.1.a', score: '10', maximum: '20' });
    const whole = scoreUnit(MINI, { unit: 'U', answers: { '1.1': { a: { level: 10 } } } });
    expect(r.ok && r.result).toEqual(whole.sections[0].items[0].criteria[0]);
    expect(r.ok && r.explanation).toBe(whole.sections[0].items[0].criteria[0].explanation);
  });

  it('a bad answer: which criterion and what to fix, no throw', () => {
    const r = checkAnswer(MINI, '1.1', 'a', { level: 3 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('1.1.a');
    expect(r.issues.map((i) => i.code)).toEqual(['1.1.a']);
    expect(r.message).toBe(r.issues[0].message);
    expect(r.message).toContain('允许');
    expect(r.message).not.toContain('单位');
  });

  it('a figure of whole things (DB43 5.2.a, 获奖企业数量 in 个) is a whole number; a figure out of range is said tight', () => {
    const db43 = frameworkSchema.parse(db43Json);
    expect(checkAnswer(db43, '5.2', 'a', { value: 3 })).toMatchObject({ ok: true });
    expect(checkAnswer(db43, '5.2', 'a', { value: 2.5 })).toMatchObject({ ok: false, message: '数值以“个”计数，须为整数（填写的是2.5）' });
    expect(checkAnswer(db43, '5.2', 'a', { value: 1e-300 })).toMatchObject({ ok: false });
    expect(checkAnswer(MINI, '2.1', 'a', { value: 101 })).toMatchObject({ ok: false, message: '数值101%超出允许范围0～100%' });
  });

  it('an unknown item or criterion, and a wrong kind of answer', () => {
    expect(checkAnswer(MINI, '9.9', 'a', true)).toMatchObject({ ok: false, code: '9.9.a' });
    expect(checkAnswer(MINI, '1.2', 'z', true)).toMatchObject({ ok: false, code: '1.2.z' });
    const wrong = checkAnswer(MINI, '1.2', 'a', { value: 3 });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.message).toContain('答案类型与评分方法不符');
  });

  it('a number too large to be one (1e400 in JSON arrives as Infinity) is named as such, never as "Infinity"', () => {
    expect(checkAnswer(MINI, '5', 'a', JSON.parse('{"score": 1e400}'))).toMatchObject({ ok: false, message: '得分过大或不是有效数字，请填写一个数；允许：0～5分' });
    expect(checkAnswer(MINI, '2.1', 'a', { value: -Infinity })).toMatchObject({ ok: false });
    for (const item of ['1.1', '1.2', '2.1', '5'])
      for (const a of [{ score: Infinity }, { level: Infinity }, { value: Infinity }, { value: -Infinity }, { value: NaN }]) {
        const r = checkAnswer(MINI, item, 'a', a);
        expect(r.ok, `${item} ${JSON.stringify(a)}`).toBe(false);
        expect(!r.ok && r.message, `${item}`).not.toMatch(/Infinity|NaN|null/);
      }
  });

  it('"na" where it is not allowed', () => {
    const r = checkAnswer(MINI, '1.2', 'a', 'na');
    expect(!r.ok && r.message).toContain('本项不允许合理缺项');
  });
});

describe('pointsLost: when a save needs a written reason (扣分理由)', () => {
  const lost = (item: string, crit: string, answer: unknown) => {
    const r = checkAnswer(MINI, item, crit, answer);
    if (!r.ok) throw new Error(r.message);
    return pointsLost(MINI, item, r, answer);
  };
  it('base: the points below the maximum; full marks and not applicable lose nothing', () => {
    expect(lost('1.1', 'a', { level: 20 })).toBeNull();
    expect(lost('1.1', 'a', { level: 10 })).toBe('10');
    expect(lost('1.2', 'a', false)).toBe('10');
    expect(lost('2.2', 'a', { value: 97.5 })).toBe('1');
    expect(lost('3.1', 'a', { score: 9.5 })).toBe('0.5');
    expect(lost('2.3', 'b', 'na')).toBeNull();
  });
  it('deduction: the amount subtracted; veto: met; bonus: never', () => {
    expect(lost('5', 'a', { score: 0 })).toBeNull();
    expect(lost('5', 'a', { score: 2 })).toBe('2');
    expect(lost('6', 'a', true)).toBe('否决');
    expect(lost('6', 'a', false)).toBeNull();
    expect(lost('4', 'a', false)).toBeNull();
  });
});

describe('reasonProblem: every point deducted has a written reason', () => {
  it('asks for a reason exactly when points are lost, and refuses figures and signs alone', () => {
    expect(reasonProblem('7.a', null, null)).toBeNull();
    expect(reasonProblem('7.a', null, '5')).toBeNull();
    expect(reasonProblem('7.a', '2.5', null)).toBe('7.a失分2.5分，请填写扣分理由');
    expect(reasonProblem('7.a', '2.5', '  ')).toBe('7.a失分2.5分，请填写扣分理由');
    expect(reasonProblem('6.a', '否决', '')).toBe('6.a认定否决，请填写扣分理由');
    expect(reasonProblem('7.a', '2.5', ' 14.5% ')).toBe('7.a的扣分理由「14.5%」只有数字或符号，请用文字写明失分原因');
    expect(reasonProblem('7.a', '2.5', '抽查合格率 14.5%')).toBeNull();
    expect(reasonProblem('7.a', '2.5', 'no plan')).toBeNull();
  });
});

describe('results are plain data', () => {
  it('a whole cycle and one unit survive a JSON round-trip unchanged', () => {
    const units: UnitInput[] = [
      { unit: 'A', name: '甲', peerGroup: 'g', answers: miniAnswers() as UnitInput['answers'] },
      { unit: 'B', peerGroup: 'g', answers: { ...miniAnswers(), '2.3': { a: { ratio: [9, 3] } } } as UnitInput['answers'] },
    ];
    const all = scoreFramework(MINI, { units });
    expect(JSON.parse(JSON.stringify(all))).toStrictEqual(all);
    for (const u of all.units) expect(Object.getOwnPropertyDescriptor(u, 'sections')).toHaveProperty('value');
    const one = scoreUnit(MINI, units[0]);
    expect(JSON.parse(JSON.stringify(one))).toStrictEqual(one);
  });
});
