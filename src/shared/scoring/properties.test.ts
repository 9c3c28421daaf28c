/** Property tests (fast-check) of the engine over the inline MINI framework and the synthetic DB43 shape. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { framework as frameworkSchema, type Framework } from './framework-schema';
import { scoreFramework, type UnitResult } from './engine';
import { MINI, MINI_INPUT, syntheticDb43 } from './test/fixtures';
import { cmp, fromNumber, toRational } from './rational';
import type { Answer, UnitInput } from './answers';

/** Property-test sizes: what finds bugs in practice by default; KAOPING_NIGHTLY=1 runs the nightly sizes. */
const NIGHTLY = process.env.KAOPING_NIGHTLY === '1';

/** A valid random answer for every criterion of a framework (sometimes missing, sometimes n/a). */
function answerArb(fw: Framework): fc.Arbitrary<UnitInput['answers']> {
  const items: [string, string, fc.Arbitrary<Answer | undefined>][] = [];
  for (const s of fw.sections)
    for (const it of s.items)
      for (const c of it.criteria) {
        const r = c.rule;
        let arb: fc.Arbitrary<Answer>;
        switch (r.type) {
          case 'boolean':
            arb = fc.boolean();
            break;
          case 'levels':
            arb = fc.constantFrom(...r.levels).map((level) => ({ level }));
            break;
          case 'rank':
            arb = fc.oneof(
              fc.integer({ min: 0, max: 20 }).map((value) => ({ value })),
              fc.constantFrom(...r.tiers).map((level) => ({ level })),
            );
            break;
          case 'threshold':
          case 'linear': {
            const [lo, hi] = r.valueRange ?? [0, 120];
            arb = fc.oneof(
              fc.integer({ min: lo * 100, max: hi * 100 }).map((v) => ({ value: v / 100 })),
              fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 })).filter(([a, b]) => {
                const scale = r.unit.includes('‰') ? 1000 : r.unit.includes('%') ? 100 : 1;
                return (a / b) * scale >= lo && (a / b) * scale <= hi;
              }).map(([a, b]) => ({ ratio: [a, b] as [number, number] })),
            );
            break;
          }
          case 'direct':
            arb = fc.integer({ min: 0, max: c.points * 10 }).map((x) => ({ score: x / 10 }));
            break;
        }
        const withNa: fc.Arbitrary<Answer> = c.notApplicable !== undefined ? fc.oneof(arb, fc.constant('na' as const)) : arb;
        items.push([it.code, c.code, fc.option(withNa, { nil: undefined, freq: 10 })]);
      }
  return fc.tuple(...items.map((i) => i[2])).map((vals) => {
    const out: Record<string, Record<string, Answer>> = {};
    vals.forEach((v, i) => {
      if (v === undefined) return;
      (out[items[i][0]] ??= {})[items[i][1]] = v;
    });
    return out;
  });
}

function unitsArb(fw: Framework, max = 8): fc.Arbitrary<UnitInput[]> {
  return fc
    .array(fc.tuple(answerArb(fw), fc.constantFrom('A', 'B')), { minLength: 1, maxLength: max })
    .map((xs) => xs.map(([answers, g], i) => ({ unit: `U${i}`, peerGroup: g, answers })));
}

const q = (s: string) => toRational(s);

function checkBounds(fw: Framework, u: UnitResult) {
  for (const s of u.sections)
    for (const it of s.items) {
      for (const c of it.criteria) {
        expect(cmp(q(c.score), fromNumber(0))).toBeGreaterThanOrEqual(0);
        expect(cmp(q(c.score), q(c.maximum))).toBeLessThanOrEqual(0);
      }
      expect(cmp(q(it.score), q(it.points))).toBeLessThanOrEqual(0);
    }
  // prorating never exceeds the scale
  const base = u.prorated ?? u.score;
  expect(cmp(q(base), fromNumber(fw.totalPoints))).toBeLessThanOrEqual(0);
  expect(cmp(q(u.total), fromNumber(0))).toBeGreaterThanOrEqual(0);
}

const PRORATE = frameworkSchema.parse({ ...structuredClone(MINI_INPUT), notApplicablePolicy: 'prorate' });

describe('properties', () => {
  it('every criterion score lies in [0, points]; totals within the scale (MINI, both n/a policies)', () => {
    for (const fw of [MINI, PRORATE])
      fc.assert(
        fc.property(unitsArb(fw), (units) => {
          for (const u of scoreFramework(fw, { units }).units) checkBounds(fw, u);
        }),
        { numRuns: NIGHTLY ? 150 : 40 },
      );
  });

  it('the same on the synthetic DB43-shaped framework (prorate)', () => {
    const fw = syntheticDb43();
    fc.assert(
      fc.property(unitsArb(fw, 4), (units) => {
        for (const u of scoreFramework(fw, { units }).units) checkBounds(fw, u);
      }),
      { numRuns: NIGHTLY ? 40 : 15 },
    );
  });

  const scoreOf = (fw: Framework, item: string, answer: Answer) =>
    q(
      scoreFramework(fw, { units: [{ unit: 'U', answers: { [item]: { a: answer } } }] })
        .units[0].sections.flatMap((s) => s.items)
        .find((i) => i.code === item)!.criteria[0].score,
    );

  it('threshold and linear scores never decrease as the value improves', () => {
    const dec = fc.integer({ min: 0, max: 100_000 }).map((x) => x / 1000);
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(cmp(scoreOf(MINI, '1.3', { value: lo / 50 }), scoreOf(MINI, '1.3', { value: hi / 50 }))).toBeLessThanOrEqual(0);
        expect(cmp(scoreOf(MINI, '2.1', { value: lo }), scoreOf(MINI, '2.1', { value: hi }))).toBeLessThanOrEqual(0);
        expect(cmp(scoreOf(MINI, '2.2', { value: lo }), scoreOf(MINI, '2.2', { value: hi }))).toBeLessThanOrEqual(0);
      }),
      { numRuns: NIGHTLY ? 300 : 100 },
    );
  });

  it('a ratio scores exactly like the value it stands for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 100 }), (n, k) => {
        // n/10000 as a ratio of (n·k)/(10000·k) in ‰ ⇔ value n/10 ‰
        expect(cmp(scoreOf(MINI, '1.3', { ratio: [n * k, 10_000_000 * k] }), scoreOf(MINI, '1.3', { value: n / 10000 }))).toBe(0);
      }),
    );
  });

  it('shuffling units does not change anyone’s result (except input order)', () => {
    fc.assert(
      fc.property(
        unitsArb(MINI).chain((units) => fc.tuple(fc.constant(units), fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }))),
        ([units, shuffled]) => {
          const a = scoreFramework(MINI, { units }).units;
          const b = new Map(scoreFramework(MINI, { units: shuffled }).units.map((u) => [u.unit, u]));
          for (const u of a) expect(b.get(u.unit)).toEqual(u);
        },
      ),
      { numRuns: NIGHTLY ? 100 : 30 },
    );
  });

  it('sums of many decimal scores are exact (0.1 + 0.2 style)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }), (tenths) => {
        // direct scores x/10 on item 3.1, one unit each; the section total equals the exact decimal
        const units = tenths.map((t, i) => ({ unit: `U${i}`, answers: { '3.1': { a: { score: t / 10 } } } }));
        const r = scoreFramework(MINI, { units });
        r.units.forEach((u, i) => {
          expect(u.sections[2].score).toBe(String(tenths[i] / 10));
          expect(u.total).toBe(String(tenths[i] / 10));
        });
      }),
    );
    const bonus = scoreFramework(MINI, { units: [{ unit: 'U', answers: { '4': { a: false, b: true, c: true } } }] }).units[0];
    expect(bonus.bonus).toBe('0.7');
    expect(bonus.total).toBe('0.7');
  });
});
