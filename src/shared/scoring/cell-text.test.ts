import { describe, expect, it } from 'vitest';
import { answerFromText, answerToText, inputHint } from './cell-text';
import type { Rule } from './framework-schema';

const direct: Rule = { type: 'direct', min: 0 };
const levels: Rule = { type: 'levels', levels: [0.5, 0.3, 0], labels: ['好', '中', '差'] };
const bool: Rule = { type: 'boolean' };
const linear: Rule = { type: 'linear', unit: '%', direction: 'higher', target: 98, step: 0.5, deduct: 1, stepPolicy: 'whole', valueRange: [0, 100] };

describe('a score as typed in a cell, per rule', () => {
  it('reads scores, levels, values, ratios and yes/no, with full-width digits and units dropped', () => {
    expect(answerFromText(direct, ' 13.5 ')).toEqual({ ok: true, answer: { score: 13.5 } });
    expect(answerFromText(direct, '１３．５分')).toEqual({ ok: true, answer: { score: 13.5 } });
    expect(answerFromText(levels, '0.3')).toEqual({ ok: true, answer: { level: 0.3 } });
    expect(answerFromText(linear, '95.2%')).toEqual({ ok: true, answer: { value: 95.2 } });
    expect(answerFromText(linear, '3/4')).toEqual({ ok: true, answer: { ratio: [3, 4] } });
    expect(answerFromText(bool, '是')).toEqual({ ok: true, answer: true });
    expect(answerFromText(bool, '×')).toEqual({ ok: true, answer: false });
    expect(answerFromText(bool, 'N')).toEqual({ ok: true, answer: false });
    expect(answerFromText(direct, '合理缺项')).toEqual({ ok: true, answer: 'na' });
    expect(answerFromText(direct, '')).toEqual({ ok: true, answer: null });
  });
  it('says what to type when it cannot read the text', () => {
    expect(answerFromText(bool, '也许')).toEqual({ ok: false, message: '「也许」无法识别，请填「是」或「否」' });
    expect(answerFromText(direct, '十分')).toEqual({ ok: false, message: '「十分」不是数字，请填得分' });
    expect(answerFromText(levels, 'abc')).toMatchObject({ ok: false, message: expect.stringContaining('0.5、0.3、0') });
  });
  it('writes answers back as the same text', () => {
    for (const [rule, text] of [[direct, '13.5'], [levels, '0.3'], [linear, '95.2'], [linear, '3/4'], [bool, '是'], [bool, '否'], [direct, '合理缺项']] as const) {
      const r = answerFromText(rule, text);
      expect(r.ok && answerToText(r.answer)).toBe(text);
    }
    expect(inputHint(direct, 14.5, false)).toBe('填得分：0～14.5');
    expect(inputHint(linear, 4, true)).toBe('填实测值（%，0～100），或分子/分母；不适用填「合理缺项」');
  });
});
