import { describe, expect, it } from 'vitest';
import { answerPrecisionProblem, checkEnteredAnswer, frameworkPrecisionProblems, pointsPrecisionProblem, POINT_DECIMALS } from './precision';
import { MINI } from './test/fixtures';
import type { Framework } from './framework-schema';

describe('the finest a score or a scheme’s points may be (two decimals; the seeds’ finest is 0.5 and the 0.2 bonus)', () => {
  it('accepts whole numbers and up to two decimals, exactly (0.1 + 0.2 is not 0.30000000000000004 points here)', () => {
    expect(POINT_DECIMALS).toBe(2);
    for (const n of [0, 1, 14.5, 0.2, 0.25, 2.33, 99.99, 10_000]) expect(pointsPrecisionProblem(n)).toBeNull();
  });
  it('refuses more decimals, saying what to fix', () => {
    expect(pointsPrecisionProblem(2.3333)).toBe('分值最多保留两位小数（填的是2.3333），如2.33');
    expect(pointsPrecisionProblem(0.125, '得分')).toBe('得分最多保留两位小数（填的是0.125），如0.13');
    expect(pointsPrecisionProblem(1e-7)).toBe('分值最多保留两位小数（填的是0.0000001），如0');
  });
  it('looks at entered scores only: a measured value keeps its decimals (93.615%), a level is one of the listed', () => {
    expect(answerPrecisionProblem({ score: 3.14159265 })).toBe('得分最多保留两位小数（填的是3.14159265），如3.14');
    expect(answerPrecisionProblem({ score: 3.14 })).toBeNull();
    expect(answerPrecisionProblem({ value: 93.615 })).toBeNull();
    expect(answerPrecisionProblem(true)).toBeNull();
    expect(answerPrecisionProblem('na')).toBeNull();
  });
  it('checkEnteredAnswer: the engine’s check, then the precision; checkAnswer itself keeps accepting stored answers', () => {
    const direct = MINI.sections.flatMap((s) => s.items.flatMap((i) => i.criteria.filter((c) => c.rule.type === 'direct' && c.points >= 1).map((c) => [i.code, c.code] as const)))[0];
    expect(direct).toBeDefined();
    const [item, crit] = direct;
    const bad = checkEnteredAnswer(MINI, item, crit, { score: 0.333 });
    expect(bad).toMatchObject({ ok: false, code: `${item}.${crit}`, message: '得分最多保留两位小数（填的是0.333），如0.33' });
    expect(checkEnteredAnswer(MINI, item, crit, { score: 0.33 }).ok).toBe(true);
  });
  it('names every point of a framework finer than two decimals, by its path and node', () => {
    const fw: Framework = structuredClone(MINI);
    const c = fw.sections[0].items[0].criteria[0];
    c.points = 2.3333;
    c.details = [{ text: '要点', points: 1.005 }];
    const problems = frameworkPrecisionProblems(fw);
    expect(problems).toEqual([
      { path: ['sections', 0, 'items', 0, 'criteria', 0, 'points'], code: `${fw.sections[0].items[0].code}.${c.code}`, message: '分值最多保留两位小数（填的是2.3333），如2.33' },
      { path: ['sections', 0, 'items', 0, 'criteria', 0, 'details', 0, 'points'], code: `${fw.sections[0].items[0].code}.${c.code}`, message: '分值最多保留两位小数（填的是1.005），如1.01' },
    ]);
    expect(frameworkPrecisionProblems(MINI)).toEqual([]);
  });
});
