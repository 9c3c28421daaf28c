import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { framework } from '../../../../shared/scoring/framework-schema';
import { setCriterion } from './frameworkEdit';

const fw = framework.parse(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../frameworks/hunan-assessment-2022.json'), 'utf8')));
const at = (code: string) => {
  for (const [s, sec] of fw.sections.entries()) for (const [i, it] of sec.items.entries()) if (it.code === code) return { s, i, c: 0 };
  throw new Error(code);
};

describe('editing a key point of the scheme', () => {
  it('drops the scheme\'s words for the 评价部门 (相关成员单位) once departments are chosen by hand, and keeps them otherwise', () => {
    const p = at('22');
    expect(fw.sections[p.s].items[p.i].criteria[0].evaluatorsText).toBe('质量强省领导小组相关成员单位');
    const retitled = setCriterion(fw, p, { title: '较大质量安全事故' });
    expect(retitled.sections[p.s].items[p.i].criteria[0]).toMatchObject({ title: '较大质量安全事故', evaluatorsText: '质量强省领导小组相关成员单位' });
    const chosen = setCriterion(fw, p, { evaluators: ['samr', 'office'] });
    expect(chosen.sections[p.s].items[p.i].criteria[0].evaluators).toEqual(['samr', 'office']);
    expect(chosen.sections[p.s].items[p.i].criteria[0]).not.toHaveProperty('evaluatorsText');
    // the original is untouched
    expect(fw.sections[p.s].items[p.i].criteria[0].evaluatorsText).toBe('质量强省领导小组相关成员单位');
  });
});
