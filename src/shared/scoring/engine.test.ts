import { describe, expect, it } from 'vitest';
import { framework as frameworkSchema, type FrameworkInput } from './framework-schema';
import { scoreFramework, scoreUnit, type CriterionResult, type UnitResult } from './engine';
import { ScoringInputError } from './errors';
import { MINI, MINI_INPUT, miniAnswers } from './test/fixtures';
import { gradeFor } from './grade';
import type { UnitInput } from './answers';

type Answers = Record<string, Record<string, unknown>>;

function one(patch: Answers = {}, fw = MINI): UnitResult {
  return scoreFramework(fw, { units: [{ unit: 'U', answers: { ...miniAnswers(), ...patch } as UnitInput['answers'] }] }).units[0];
}

function crit(u: UnitResult, code: string): CriterionResult {
  for (const s of u.sections) for (const it of s.items) for (const c of it.criteria) if (c.code === code) return c;
  throw new Error(`no ${code}`);
}

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScoringInputError);
    return (e as ScoringInputError).issues;
  }
  throw new Error('expected a ScoringInputError');
}

function variant(mutate: (f: FrameworkInput) => void) {
  const f = structuredClone(MINI_INPUT);
  mutate(f);
  return frameworkSchema.parse(f);
}

describe('full marks', () => {
  it('scores the complete answer set at 160', () => {
    const u = one();
    expect(u.total).toBe('160');
    expect(u.maximum).toBe('160');
    expect(u.missing).toEqual([]);
    expect(u.grade).toBe('A');
    expect(u.sections.map((s) => [s.code, s.score, s.maximum])).toEqual([
      ['1', '80', '80'],
      ['2', '70', '70'],
      ['3', '10', '10'],
      ['BONUS', '0', '1'],
      ['DEDUCTION', '0', '5'],
      ['VETO', '0', '0'],
    ]);
  });
});

describe('boolean (1.2: 10 + 10 + 10)', () => {
  it.each([
    [{ a: true, b: true, c: true }, '30'],
    [{ a: true, b: false, c: true }, '20'],
    [{ a: false, b: false, c: false }, '0'],
  ])('%j → %s', (ans, score) => {
    const u = one({ '1.2': ans });
    expect(u.sections[0].items[1].score).toBe(score);
  });
  it('explains', () => {
    const u = one({ '1.2': { a: true, b: false, c: true } });
    expect(crit(u, '1.2.a').explanation).toBe('符合，得10分');
    expect(crit(u, '1.2.b').explanation).toBe('不符合，得0分');
  });
});

describe('levels (1.1: 20 / 10 / 0; 2.4: 25 / 15 / 5 / 0 worth 15)', () => {
  it.each([
    [20, '20'],
    [10, '10'],
    [0, '0'],
  ])('level %s → %s', (level, score) => {
    const c = crit(one({ '1.1': { a: { level } } }), '1.1.a');
    expect(c.score).toBe(score);
  });
  it('labels the level', () => {
    expect(crit(one({ '1.1': { a: { level: 10 } } }), '1.1.a').explanation).toBe('评定为10分档（制定中），得10分');
  });
  it('caps a level above the points (seed contradiction) and says so', () => {
    const c = crit(one({ '2.4': { a: { level: 25 } } }), '2.4.a');
    expect(c.score).toBe('15');
    expect(c.capped).toBe(true);
    expect(c.explanation).toBe('评定为25分档，得15分；按评分方法得25分，超过分值15分，按15分计');
  });
});

describe('threshold (1.3: ≥1‰ → 30, ≥0.6‰ → 20, ≥0.3‰ → 10, else 0)', () => {
  it.each([
    [{ value: 1.2 }, '30'],
    [{ value: 1 }, '30'],
    [{ value: 0.99 }, '20'],
    [{ value: 0.6 }, '20'],
    [{ value: 0.7 }, '20'],
    [{ value: 0.3 }, '10'],
    [{ value: 0.29 }, '0'],
    [{ value: 0 }, '0'],
    // ratios compared exactly: 30 / 100000 = 0.3‰ exactly, one less is below
    [{ ratio: [30, 100000] }, '10'],
    [{ ratio: [29.999999, 100000] }, '0'],
    [{ ratio: [1, 3000] }, '10'],
    [{ ratio: [6, 10000] }, '20'],
    [{ ratio: [0.3, 1000] }, '10'],
    [{ ratio: [2999, 10000000] }, '0'],
  ])('%j → %s', (answer, score) => {
    expect(crit(one({ '1.3': { a: answer } }), '1.3.a').score).toBe(score);
  });
  it('explains', () => {
    expect(crit(one({ '1.3': { a: { value: 0.7 } } }), '1.3.a').explanation).toBe('0.7‰达到≥0.6‰档，得20分');
    expect(crit(one({ '1.3': { a: { value: 0.2 } } }), '1.3.a').explanation).toBe('0.2‰未达到0.3‰，得0分');
    expect(crit(one({ '1.3': { a: { ratio: [70, 100000] } } }), '1.3.a').explanation).toBe('70/100000 = 0.7‰达到≥0.6‰档，得20分');
  });
  it('supports "lower is better"', () => {
    const fw = variant((f) => {
      f.sections[0].items[2].criteria[0].rule = {
        type: 'threshold',
        unit: '%',
        direction: 'lower',
        steps: [
          { bound: 1, points: 30 },
          { bound: 2, points: 15 },
        ],
      };
    });
    expect(crit(one({ '1.3': { a: { value: 0.5 } } }, fw), '1.3.a').score).toBe('30');
    expect(crit(one({ '1.3': { a: { value: 2 } } }, fw), '1.3.a').score).toBe('15');
    expect(crit(one({ '1.3': { a: { value: 2.1 } } }, fw), '1.3.a').score).toBe('0');
  });
});

describe('linear (2.1: 100% → 15, −1 per full 0.5%; 2.2: from 98% for 20)', () => {
  it.each([
    [100, '15'],
    [99.6, '15'],
    [99.5, '14'],
    [99.1, '14'],
    [99, '13'],
    [97.4, '10'],
    [97.5, '10'],
    [97, '9'],
    [92.5, '0'],
    [50, '0'],
  ])('2.1 at %s%% → %s', (value, score) => {
    expect(crit(one({ '2.1': { a: { value } } }), '2.1.a').score).toBe(score);
  });
  it.each([
    [98, '20'],
    [99, '20'],
    [97.5, '19'],
    [96.9, '18'],
    [88, '0'],
  ])('2.2 at %s%% → %s', (value, score) => {
    expect(crit(one({ '2.2': { a: { value } } }), '2.2.a').score).toBe(score);
  });
  it('explains as in the issue', () => {
    expect(crit(one({ '2.1': { a: { value: 99 } } }), '2.1.a').explanation).toBe('99.0%比100%低1.0个百分点，扣2分，得13分');
    expect(crit(one({ '2.1': { a: { value: 100 } } }), '2.1.a').explanation).toBe('100%达到100%，得15分');
    expect(crit(one({ '2.1': { a: { value: 80 } } }), '2.1.a').explanation).toBe('80.0%比100%低20.0个百分点，扣40分，扣完为止，得0分');
  });
  it('proportional step policy deducts pro rata, exactly', () => {
    const fw = variant((f) => {
      const r = f.sections[1].items[0].criteria[0].rule as { stepPolicy?: string };
      r.stepPolicy = 'proportional';
    });
    expect(crit(one({ '2.1': { a: { value: 99.8 } } }, fw), '2.1.a').score).toBe('14.6');
    expect(crit(one({ '2.1': { a: { value: 99.9 } } }, fw), '2.1.a').score).toBe('14.8');
  });
  it('accepts a ratio (a rate computed from two counts)', () => {
    // 197 of 200 projects = 98.5% → 3 steps short → 12
    expect(crit(one({ '2.1': { a: { ratio: [197, 200] } } }), '2.1.a').score).toBe('12');
  });
});

describe('rank among peers (2.3.a: 前列15 / 中游8 / 其余3)', () => {
  const units = (values: number[], group?: (i: number) => string): UnitInput[] =>
    values.map((v, i) => ({
      unit: `U${i}`,
      peerGroup: group?.(i),
      answers: { ...miniAnswers(), '2.3': { a: { value: v }, b: true } } as UnitInput['answers'],
    }));
  it('ranks with ties sharing the better rank; top if r ≤ ceil(n/3), middle if r ≤ ceil(2n/3)', () => {
    // n = 7: top r ≤ 3, middle r ≤ 5
    const r = scoreFramework(MINI, { units: units([10, 9, 9, 9, 5, 5, 1]) });
    const got = r.units.map((u) => [crit(u, '2.3.a').rank?.rank, crit(u, '2.3.a').score]);
    expect(got).toEqual([
      [1, '15'],
      [2, '15'],
      [2, '15'],
      [2, '15'],
      [5, '8'],
      [5, '8'],
      [7, '3'],
    ]);
    expect(crit(r.units[4], '2.3.a').explanation).toBe('5个，同组7个单位中排第5名（中游），得8分');
  });
  it('ranks only within a peer group', () => {
    const r = scoreFramework(MINI, { units: units([10, 1, 5, 4], (i) => (i < 2 ? 'A' : 'B')) });
    expect(r.units.map((u) => crit(u, '2.3.a').score)).toEqual(['15', '8', '15', '8']);
  });
  it('accepts a level instead of a value', () => {
    const u = one({ '2.3': { a: { level: 8 }, b: true } });
    expect(crit(u, '2.3.a').score).toBe('8');
    expect(crit(u, '2.3.a').explanation).toBe('评定为中游，得8分');
  });
  it('a single unit alone ranks first (live preview), or among given peers', () => {
    const me: UnitInput = { unit: 'ME', answers: { ...miniAnswers(), '2.3': { a: { value: 3 }, b: true } } as UnitInput['answers'] };
    expect(crit(scoreUnit(MINI, me), '2.3.a').score).toBe('15');
    const peers = units([10, 9, 8]);
    const r = scoreUnit(MINI, me, { peers });
    expect(crit(r, '2.3.a').rank).toEqual({ rank: 4, of: 4, tier: 'rest' });
  });
});

describe('direct scores', () => {
  it('keeps decimals exactly', () => {
    expect(crit(one({ '3.1': { a: { score: 9.5 } } }), '3.1.a').score).toBe('9.5');
    const u = one({ '3.1': { a: { score: 0.3 } }, '1.2': { a: false, b: false, c: false } });
    expect(u.total).toBe('120.3');
  });
});

describe('bonus, deduction, veto', () => {
  it('adds bonus up to the cap (section points)', () => {
    expect(one({ '4': { a: false, b: true, c: true } }).bonus).toBe('0.7');
    const u = one({ '4': { a: true, b: true, c: true }, '1.2': { a: false, b: false, c: false } });
    expect(u.bonus).toBe('1');
    expect(u.total).toBe('131');
    expect(u.sections[3].items[0].capped).toBe(true);
  });
  it('subtracts deductions (capped), never below zero overall', () => {
    const u = one({ '5': { a: { score: 2.5 } } });
    expect(u.deduction).toBe('2.5');
    expect(u.total).toBe('157.5');
    expect(crit(u, '5.a').explanation).toBe('减2.5分');
  });
  it('a veto forces grade D and ranks the unit after all others', () => {
    const r = scoreFramework(MINI, {
      units: [
        { unit: 'V', answers: { ...miniAnswers(), '6': { a: true } } as UnitInput['answers'] },
        { unit: 'L', answers: { ...miniAnswers(), '1.2': { a: false, b: false, c: false } } as UnitInput['answers'] },
      ],
    });
    const [v, l] = r.units;
    expect(v.veto).toBe(true);
    expect(v.vetoCodes).toEqual(['6.a']);
    expect(v.grade).toBe('D');
    expect(v.total).toBe('160');
    expect(v.rank).toBe(2);
    expect(l.rank).toBe(1);
    expect(crit(v, '6.a').explanation).toBe('触发否决');
  });
});

describe('not applicable', () => {
  it('policy none: points leave score and maximum', () => {
    const u = one({ '2.3': { a: { value: 1 }, b: 'na' } });
    expect(crit(u, '2.3.b')).toMatchObject({ status: 'na', score: '0', maximum: '0' });
    expect(u.maximum).toBe('155');
    expect(u.notApplicablePoints).toBe('5');
    expect(u.total).toBe('155');
    expect(u.prorated).toBeNull();
    expect(u.sections[1].items[2].maximum).toBe('15');
  });
  it('policy prorate: total × scale / (scale − n/a), exact', () => {
    const fw = variant((f) => {
      f.notApplicablePolicy = 'prorate';
    });
    const u = one({ '2.3': { a: { value: 1 }, b: 'na' }, '1.2': { a: false, b: true, c: true } }, fw);
    // 145 of 155 → 145 × 160 / 155 = 149.677419…
    expect(u.score).toBe('145');
    expect(u.maximum).toBe('155');
    expect(u.prorated).toBe('149.677419');
    expect(u.totalExact).toBe('4640/31');
    expect(u.total).toBe('149.677419');
  });
  it('refuses "na" where the framework does not allow it', () => {
    const issues = issuesOf(() => one({ '1.2': { a: 'na', b: true, c: true } }));
    expect(issues).toEqual([{ unit: 'U', code: '1.2.a', message: expect.stringContaining('本项不允许合理缺项') }]);
  });
});

describe('missing answers', () => {
  it('are listed and scored 0 with "未填报"', () => {
    const a = miniAnswers();
    delete a['1.1'];
    delete (a['1.2'] as Record<string, unknown>).b;
    const u = scoreFramework(MINI, { units: [{ unit: 'U', answers: a as UnitInput['answers'] }] }).units[0];
    expect(u.missing).toEqual(['1.1.a', '1.2.b']);
    expect(crit(u, '1.1.a')).toMatchObject({ status: 'missing', score: '0', explanation: '未填报' });
    expect(u.total).toBe('130');
  });
});

describe('grades and ranking', () => {
  it('gradeFor uses bands exactly, a veto forces D', () => {
    expect(gradeFor(90)).toBe('A');
    expect(gradeFor('89.99')).toBe('B');
    expect(gradeFor(80)).toBe('B');
    expect(gradeFor(59.5)).toBe('D');
    expect(gradeFor(95, undefined, true)).toBe('D');
    expect(gradeFor(70, [{ grade: '优秀', min: 85 }, { grade: '良好', min: 70 }])).toBe('良好');
    expect(gradeFor(10, [{ grade: '优秀', min: 85 }])).toBe('D');
  });
  it('the caller may override the bands (an assessment cycle sets its own)', () => {
    const u = scoreFramework(MINI, { units: [{ unit: 'U', answers: miniAnswers() as UnitInput['answers'] }] }, { gradeBands: [{ grade: 'A', min: 161 }, { grade: 'B', min: 100 }] }).units[0];
    expect(u.grade).toBe('B');
  });
  it('competition ranking: ties share, the next skips', () => {
    const a = (off: boolean) => ({ ...miniAnswers(), '1.2': { a: !off, b: true, c: true } }) as UnitInput['answers'];
    const r = scoreFramework(MINI, {
      units: [
        { unit: 'A', answers: a(true) },
        { unit: 'B', answers: a(false) },
        { unit: 'C', answers: a(false) },
        { unit: 'D', answers: a(true) },
      ],
    });
    expect(r.units.map((u) => u.rank)).toEqual([3, 1, 1, 3]);
  });
});

describe('evaluation', () => {
  const evalFw = variant((f) => {
    f.kind = 'evaluation';
    f.passMark = 128;
    f.ineligibility = [
      { code: 'I1', text: '近三年发生重大产品质量安全事故' },
      { code: 'I2', text: '近三年出现重大安全生产问题' },
    ];
    f.sections = f.sections.filter((s) => (s.role ?? 'base') === 'base');
  });
  const baseAnswers = () => {
    const a = miniAnswers();
    delete a['4'];
    delete a['5'];
    delete a['6'];
    return a;
  };
  it('passes at the pass mark, fails below', () => {
    const ok = scoreFramework(evalFw, { units: [{ unit: 'U', answers: baseAnswers() as UnitInput['answers'] }] }).units[0];
    expect(ok.passed).toBe(true);
    expect(ok.grade).toBeNull();
    expect(ok.missing).toEqual(['ineligibility.I1', 'ineligibility.I2']);
    const low = scoreFramework(evalFw, {
      units: [{ unit: 'U', answers: { ...baseAnswers(), '1.1': { a: { level: 0 } }, '3.1': { a: { score: 7.5 } } } as UnitInput['answers'], ineligibility: { I1: false, I2: false } }],
    }).units[0];
    expect(low.total).toBe('137.5');
    expect(low.missing).toEqual([]);
    expect(low.passed).toBe(true);
    const fail = scoreFramework(evalFw, {
      units: [{ unit: 'U', answers: { ...baseAnswers(), '1.1': { a: { level: 0 } }, '3.1': { a: { score: 7.5 } }, '1.2': { a: false, b: true, c: true } } as UnitInput['answers'] }],
    }).units[0];
    expect(fail.total).toBe('127.5');
    expect(fail.passed).toBe(false);
  });
  it('an ineligibility condition refuses the application', () => {
    const u = scoreFramework(evalFw, {
      units: [{ unit: 'U', answers: baseAnswers() as UnitInput['answers'], ineligibility: { I1: true, I2: false } }],
    }).units[0];
    expect(u.ineligible).toBe(true);
    expect(u.ineligibilityCodes).toEqual(['I1']);
    expect(u.passed).toBe(false);
  });
});

describe('bad input: every problem, in Chinese, naming unit and code', () => {
  it('collects them all', () => {
    const issues = issuesOf(() =>
      scoreFramework(MINI, {
        units: [
          {
            unit: 'X',
            answers: {
              '9.9': { a: true },
              '1.1': { a: { level: 15 }, z: true },
              '1.2': { a: 1, b: { value: 1 }, c: true },
              '1.3': { a: { ratio: [1, 0] } },
              '2.1': { a: { value: 100.5 } },
              '3.1': { a: { score: 10.5 } },
              '2.3': { a: { level: 7 }, b: true },
            } as unknown as UnitInput['answers'],
            ineligibility: { I9: true },
          },
          { unit: 'X', answers: {} },
        ],
      }),
    );
    expect(issues).toEqual([{ unit: 'X', code: 'unit', message: '单位X在输入中重复出现' }]);
    const issues2 = issuesOf(() =>
      scoreFramework(MINI, {
        units: [
          {
            unit: 'X',
            answers: {
              '9.9': { a: true },
              '1.1': { a: { level: 15 }, z: true },
              '1.2': { a: 1, b: { value: 1 }, c: true },
              '1.3': { a: { ratio: [1, 0] } },
              '2.1': { a: { value: 100.5 } },
              '3.1': { a: { score: 10.5 } },
              '2.3': { a: { level: 7 }, b: true },
            } as unknown as UnitInput['answers'],
            ineligibility: { I9: true },
          },
        ],
      }),
    );
    const byCode = Object.fromEntries(issues2.map((i) => [i.code, i.message]));
    expect(issues2.every((i) => i.unit === 'X')).toBe(true);
    expect(byCode['9.9']).toContain('没有考核内容9.9');
    expect(byCode['1.1.z']).toContain('没有评分细则z');
    expect(byCode['1.1.a']).toBe('档次15不在评分方法列出的档次中；允许：20、10、0分中的一档');
    expect(byCode['1.2.a']).toBe('答案类型与评分方法不符（填的是1）；允许：是或否');
    expect(byCode['1.2.b']).toContain('答案类型与评分方法不符');
    expect(byCode['1.3.a']).toContain('分母不为0');
    expect(byCode['2.1.a']).toBe('数值100.5%超出允许范围0～100%');
    expect(byCode['3.1.a']).toBe('分数10.5超出范围；允许：0～10分');
    expect(byCode['2.3.a']).toContain('档次7不在评分方法列出的档次中');
    // a bare number that is one of the levels: told how a level is written
    const bare = issuesOf(() => scoreFramework(MINI, { units: [{ unit: 'Y', answers: { '1.1': { a: 20 } } as unknown as UnitInput['answers'] }] }));
    expect(bare.find((i) => i.code === '1.1.a')?.message).toBe('答案类型与评分方法不符（填的是20）；允许：20、10、0分中的一档；档次须写作 {"level": 20}');
    expect(byCode['ineligibility.I9']).toContain('没有不予受理情形');
    expect(issues2).toHaveLength(10);
    // a figure far out of range is cut short in the message (1e308 in full is 309 digits)
    const huge = issuesOf(() => scoreFramework(MINI, { units: [{ unit: 'Z', answers: { '3.1': { a: { score: 1e308 } } } as unknown as UnitInput['answers'] }] }));
    expect(huge.find((i) => i.code === '3.1.a')?.message).toBe('分数10000000…（整数部分309位）超出范围；允许：0～10分');
  });
  it('names the allowed answers including "na" where allowed', () => {
    const issues = issuesOf(() => one({ '2.3': { a: { value: 1 }, b: { score: 5 } } }));
    expect(issues[0].message).toContain('允许：是或否；或合理缺项（无口岸的城市，此项为合理缺项）');
  });
  it('rejects an input for another framework', () => {
    const issues = issuesOf(() => scoreFramework(MINI, { framework: 'other', units: [] }));
    expect(issues[0].code).toBe('framework');
  });
});

describe('output is JSON-safe and strings are exact decimals', () => {
  it('round-trips through JSON', () => {
    const r = scoreFramework(MINI, { units: [{ unit: 'U', name: '长沙市', answers: miniAnswers() as UnitInput['answers'] }] });
    expect(JSON.parse(JSON.stringify(r))).toEqual(JSON.parse(JSON.stringify(r)));
    expect(r.units[0].name).toBe('长沙市');
    expect(r.framework).toEqual({ id: 'mini', version: '1', title: '测试用指标体系', kind: 'assessment', totalPoints: '160' });
  });
  it('shared result objects are frozen (results must not be mutated)', () => {
    const u = one();
    expect(Object.isFrozen(crit(u, '1.2.a'))).toBe(true);
  });
});
