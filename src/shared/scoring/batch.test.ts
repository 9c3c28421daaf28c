/**
 * A whole cycle (scoreFramework: one call, outcomes and items shared between units, one ranking pass) against
 * its units scored one by one (scoreUnit, each with its peers so rank criteria see the same group): the same
 * results in every way but the ranks, and the same issues, on the real frameworks, the synthetic DB43 shape,
 * random (valid and invalid) inputs, a framework off the 1/scale grid and codes that are not identifiers.
 *
 * Sizes: what finds bugs in practice by default; KAOPING_NIGHTLY=1 runs the nightly sizes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { framework as frameworkSchema, type Criterion, type Framework, type FrameworkInput } from './framework-schema';
import { scoreFramework, scoreUnit, type ScoreOptions, type ScoreResults, type UnitResult } from './engine';
import { ScoringInputError, type ScoringIssue } from './errors';
import { compileFramework } from './compile';
import { validateFramework } from './validator';
import { MINI, MINI_INPUT, miniAnswers, syntheticDb43 } from './test/fixtures';
import type { UnitInput } from './answers';
import { makeUnits } from '../../../bench/engine.bench';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const load = (name: string): Framework =>
  frameworkSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'frameworks', `${name}.json`), 'utf8')));

const DB43 = load('db43-quality-city');
const HUNAN = load('hunan-assessment-2022');
const SYNTH = syntheticDb43();
const NIGHTLY = process.env.KAOPING_NIGHTLY === '1';

type Json = unknown;
type Obj = Record<string, Json>;
type Input = { framework?: string; units: UnitInput[] };

/** as it arrives from a file or an HTTP body */
const viaJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

type Outcome = { ok: true; json: string } | { ok: false; issues: ScoringIssue[]; message: string };

function run(fw: Framework, input: Input, options: ScoreOptions): Outcome {
  try {
    return { ok: true, json: JSON.stringify(scoreFramework(fw, input, options)) };
  } catch (e) {
    if (!(e instanceof ScoringInputError)) throw e;
    return { ok: false, issues: e.issues, message: e.message };
  }
}

const byJson = (x: unknown) => JSON.stringify(x);

/**
 * The reference: the checks of the whole input (framework, unit codes), then each unit alone by scoreUnit with
 * the input's units as peers. Ranks are not compared (scoreUnit ranks a unit first of 1).
 */
function oneByOne(fw: Framework, input: Input, options: ScoreOptions, only?: (i: number) => boolean): { ok: true; units: UnitResult[] } | { ok: false; issues: ScoringIssue[] } {
  const top: ScoringIssue[] = [];
  if (input.framework !== undefined && input.framework !== fw.id) top.push({ unit: '', code: 'framework', message: '' });
  const seen = new Set<string>();
  for (const u of input.units) {
    if (typeof u?.unit !== 'string' || u.unit === '') top.push({ unit: '', code: 'unit', message: '' });
    else if (seen.has(u.unit)) top.push({ unit: u.unit, code: 'unit', message: '' });
    else seen.add(u.unit);
  }
  if (top.length) return { ok: false, issues: top };
  const groups = new Map<string, UnitInput[]>();
  for (const u of input.units) {
    const g = groups.get(u.peerGroup ?? '');
    if (g) g.push(u);
    else groups.set(u.peerGroup ?? '', [u]);
  }
  const units: UnitResult[] = [];
  const issues: ScoringIssue[] = [];
  for (const [i, u] of input.units.entries()) {
    if (only && !only(i)) continue;
    try {
      units.push(scoreUnit(fw, u, { ...options, peers: groups.get(u.peerGroup ?? '') }));
    } catch (e) {
      if (!(e instanceof ScoringInputError)) throw e;
      issues.push(...e.issues);
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, units };
}

/** The whole cycle and the units one by one, on separate JSON copies of the input: the same outcome. Returns it. */
function expectSame(fw: Framework, input: Input, options: ScoreOptions = {}, only?: (i: number) => boolean): Outcome {
  const batch = run(fw, viaJson(input), options);
  const ref = oneByOne(fw, viaJson(input), options, only);
  if (!ref.ok) {
    expect(batch.ok).toBe(false);
    const got = (batch as { issues: ScoringIssue[] }).issues;
    if (ref.issues.some((i) => i.message === '')) {
      // the whole input's own checks: the same codes, nothing scored
      expect(got.map((i) => [i.unit, i.code])).toEqual(ref.issues.map((i) => [i.unit, i.code]));
    } else expect(got.map(byJson).sort()).toEqual(ref.issues.map(byJson).sort());
    return batch;
  }
  expect(batch.ok).toBe(true);
  const units = (JSON.parse((batch as { json: string }).json) as ScoreResults).units.filter((_, i) => !only || only(i));
  const got = units.map((u) => ({ ...u, rank: 1, peerRank: 1 }));
  // compared as text (fast; keys come in the same order), then structurally for a readable diff
  if (JSON.stringify(got) !== JSON.stringify(ref.units)) expect(got).toEqual(viaJson(ref.units));
  return batch;
}

function results(fw: Framework, input: Input, options: ScoreOptions = {}): ScoreResults {
  return scoreFramework(fw, viaJson(input), options);
}

/** mulberry32: deterministic */
function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Crit {
  item: string;
  role: 'base' | 'bonus' | 'deduction' | 'veto';
  c: Criterion;
}

function criteriaOf(fw: Framework): Crit[] {
  return fw.sections.flatMap((s) => s.items.flatMap((it) => it.criteria.map((c) => ({ item: it.code, role: s.role ?? 'base', c }))));
}

const ratioScale = (unit: string) => (unit.includes('‰') ? 1000 : unit.includes('%') ? 100 : 1);
const reversed = (o: Obj): Obj => Object.fromEntries(Object.entries(o).reverse());

/**
 * makeUnits' answers plus every other valid form: names, no peer group, rank criteria by level and by ratio,
 * missing items and criteria, keys in reverse order, n/a everywhere allowed, veto / bonus / deduction, partial
 * or absent ineligibility answers, awkward ratios, no answers at all, and (2022) direct scores off the 1/10 grid.
 */
function variety(fw: Framework, units: UnitInput[], seed: number): UnitInput[] {
  const rnd = prng(seed);
  const crits = criteriaOf(fw);
  const multi = fw.sections.flatMap((s) => s.items).filter((it) => it.criteria.length > 1);
  const allItems = fw.sections.flatMap((s) => s.items);
  return units.map((u0, i) => {
    const u = structuredClone(u0);
    const ans = u.answers as Record<string, Obj>;
    const set = (x: Crit, a: Json) => ((ans[x.item] ??= {})[x.c.code] = a);
    if (i % 3 === 0) u.name = `单位 ${i}`;
    if (i % 7 === 1) delete u.peerGroup;
    switch (i % 13) {
      case 1:
        for (const x of crits) if (x.c.rule.type === 'rank') set(x, { level: x.c.rule.tiers[i % 3] });
        break;
      case 2:
        for (const x of crits) if (x.c.rule.type === 'rank') set(x, { ratio: [Math.floor(rnd() * 60), 3] });
        break;
      case 3:
        delete ans[allItems[Math.floor(rnd() * allItems.length)].code];
        delete ans[allItems[Math.floor(rnd() * allItems.length)].code];
        break;
      case 4:
        for (const it of multi) if (rnd() < 0.3) delete ans[it.code]?.[it.criteria[Math.floor(rnd() * it.criteria.length)].code];
        break;
      case 5:
        // items in reverse order (numeric-looking codes still enumerate ascending), criteria reversed in each item
        u.answers = reversed(Object.fromEntries(Object.entries(ans).map(([k, v]) => [k, reversed(v)]))) as UnitInput['answers'];
        break;
      case 6:
        for (const x of crits) if (x.c.notApplicable !== undefined) set(x, 'na');
        break;
      case 7:
        for (const x of crits) {
          if (x.role === 'veto') set(x, true);
          else if (x.role === 'bonus') set(x, x.c.rule.type === 'boolean' ? true : { score: x.c.points });
          else if (x.role === 'deduction') set(x, x.c.rule.type === 'boolean' ? true : { score: x.c.points });
        }
        break;
      case 8:
        if (fw.ineligibility?.length) u.ineligibility = { [fw.ineligibility[i % fw.ineligibility.length].code]: true };
        break;
      case 9:
        delete u.ineligibility;
        break;
      case 10:
        for (const x of crits) {
          const r = x.c.rule;
          if (r.type !== 'threshold' && r.type !== 'linear') continue;
          const a = ans[x.item]?.[x.c.code] as { value?: number } | undefined;
          // the same value as an awkward ratio: v = (v·7000) / (7000·scale) exactly
          if (typeof a?.value === 'number') set(x, { ratio: [Math.round(a.value * 7000), 7000 * ratioScale(r.unit)] });
        }
        break;
      case 11:
        u.answers = {};
        break;
      case 12:
        // direct scores in hundredths: off the 1/10 grid of the 2022 scheme (that unit is scored in full)
        for (const x of crits) if (x.c.rule.type === 'direct' && x.role === 'base' && rnd() < 0.2) set(x, { score: Math.min(x.c.points, 0.25) });
        break;
    }
    if (i % 17 === 3) for (const x of crits) if (x.role === 'veto') set(x, i % 2 === 0);
    return u;
  });
}

describe('a whole cycle equals its units scored one by one', () => {
  const cases: [string, Framework][] = [
    ['db43-quality-city', DB43],
    ['hunan-assessment-2022', HUNAN],
    ['syntheticDb43', SYNTH],
  ];
  for (const [name, fw] of cases) {
    it(`${name}: makeUnits seeds, as generated and with every other answer form`, () => {
      // nightly: seeds 1–3, 120 cities + 120 counties; by default seed 1, 60 + 60
      const n = NIGHTLY ? 120 : 60;
      for (const seed of NIGHTLY ? [1, 2, 3] : [1]) {
        const all = makeUnits(fw, seed, n);
        // as makeUnits writes them
        expect(expectSame(fw, viaJson({ framework: fw.id, units: all.slice(0, NIGHTLY ? 200 : 60) })).ok).toBe(true);
        // cities and counties (several peer groups), with the other answer forms
        const units = variety(fw, [...all.slice(0, n), ...all.slice(333, 333 + n)], seed);
        const input = viaJson({ framework: fw.id, units });
        const out = expectSame(fw, input);
        expect(out.ok).toBe(true);
        const res = JSON.parse((out as { json: string }).json) as ScoreResults;
        expect(res.units).toHaveLength(2 * n);
        // the inputs do reach the interesting cases
        expect(res.units.some((u) => u.missing.length > 0)).toBe(true);
        expect(res.units.some((u) => u.name !== undefined && u.peerGroup === undefined)).toBe(true);
        expect(new Set(res.units.map((u) => u.rank)).size).toBeLessThan(2 * n); // ties
        if (fw.kind === 'evaluation') {
          expect(res.units.some((u) => u.ineligible)).toBe(true);
          expect(res.units.some((u) => u.prorated !== u.score)).toBe(true);
          // with grade bands passed (evaluation: graded only then)
          if (seed === 1) expectSame(fw, input, { gradeBands: [{ grade: '优', min: 900 }, { grade: '良', min: 800 }, { grade: '差', min: 0 }] });
        } else {
          expect(res.units.some((u) => u.veto && u.grade === 'D')).toBe(true);
          expect(res.units.some((u) => u.bonus !== '0')).toBe(true);
          expect(res.units.some((u) => u.deduction !== '0')).toBe(true);
          // some totals off the 1/10 grid (direct scores in hundredths)
          expect(res.units.some((u) => /\.\d\d/.test(u.total))).toBe(true);
        }
      }
    });
  }

  it('MINI: every rule type, bonus, deduction, veto, rank ties and n/a', () => {
    const base = miniAnswers();
    const units: UnitInput[] = [
      { unit: 'A', name: '甲', peerGroup: 'g', answers: base as UnitInput['answers'] },
      { unit: 'B', peerGroup: 'g', answers: { ...base, '2.3': { b: 'na', a: { value: 3 } } } as UnitInput['answers'] },
      { unit: 'C', peerGroup: 'g', answers: { ...base, '2.3': { a: { ratio: [9, 3] } }, '6': { a: true } } as UnitInput['answers'] },
      { unit: 'D', answers: reversed({ ...base, '1.3': { a: { ratio: [1, 3000] } }, '4': { c: true, b: true, a: true }, '5': { a: { score: 2.5 } } }) as UnitInput['answers'] },
      { unit: 'E', answers: { '2.1': { a: { value: 99.1 } }, '2.3': { a: { level: 8 } } } as UnitInput['answers'] },
      { unit: 'F', answers: {} },
    ];
    expect(expectSame(MINI, { units }).ok).toBe(true);
  });

  it('MINI: more distinct values per criterion than the per-call cache holds (4,200 units)', () => {
    const units: UnitInput[] = Array.from({ length: 4200 }, (_, i) => ({
      unit: `U${i}`,
      // nightly: two peer groups of 2,100; by default groups of 21 (the reference ranks each unit among its peers)
      peerGroup: `g${i % (NIGHTLY ? 2 : 200)}`,
      answers: {
        ...miniAnswers(),
        '1.3': { a: i % 5 ? { value: i / 4200 } : { ratio: [i, 4_200_000] } },
        '2.1': { a: { value: 90 + (i % 1000) / 100 } },
        '2.3': { a: i % 4 ? { value: i } : { ratio: [i, 7] }, b: i % 3 ? true : 'na' },
        '3.1': { a: { score: (i % 101) / 10 } },
      } as UnitInput['answers'],
    }));
    // by default the reference scores every 20th unit and the last 300 (past the cache's 4,096 values); nightly all
    expect(expectSame(MINI, { units }, {}, NIGHTLY ? undefined : (i) => i % 20 === 0 || i >= 3900).ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// random answers, valid and invalid mixed

/** Answers that are valid for some rule and not for others, and plain garbage. */
const JUNK: Json[] = [
  null,
  'na',
  'yes',
  '',
  1,
  0,
  true,
  false,
  [],
  [true],
  {},
  { level: 7.25 },
  { level: '10' },
  { level: -1 },
  { level: 0 },
  { value: 'x' },
  { value: 1 },
  { value: 1e9 },
  { value: -1e9 },
  { ratio: [1, 0] },
  { ratio: [1] },
  { ratio: ['1', 2] },
  { ratio: [3, 7] },
  { score: -1 },
  { score: 0 },
  { score: 0.05 },
  { score: 1e6 },
  { level: 0, value: 1 },
  { value: 1, ratio: [1, 2] },
  { score: 1, level: 0 },
  { value: null },
  { value: 1, extra: true },
];

const ODD_CODES = ['9.9', 'X', 'z', 'aa', '', 'A', '0', '99', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'a'];

/** A valid answer; `fine`: direct scores may be in hundredths (off the 1/10 grid of the 2022 scheme and MINI). */
function validAnswer(x: Crit, fine = false): fc.Arbitrary<Json> {
  const r = x.c.rule;
  let arb: fc.Arbitrary<Json>;
  switch (r.type) {
    case 'boolean':
      arb = fc.boolean();
      break;
    case 'levels':
      arb = fc.constantFrom(...r.levels).map((level) => ({ level }));
      break;
    case 'rank':
      arb = fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 12 }).map((value) => ({ value })) },
        { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 4 })).map((ratio) => ({ ratio })) },
        { weight: 2, arbitrary: fc.constantFrom(...r.tiers).map((level) => ({ level })) },
      );
      break;
    case 'threshold':
    case 'linear': {
      const [lo, hi] = r.valueRange ?? [0, 120];
      const top = Math.min(hi, r.type === 'linear' ? r.target + 1 : Math.max(...r.steps.map((s) => s.bound)) * 1.5);
      const bottom = Math.max(lo, r.type === 'linear' ? r.target - 12 : 0);
      const scale = ratioScale(r.unit);
      arb = fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: Math.ceil(bottom * 10), max: Math.floor(top * 10) }).map((v) => ({ value: v / 10 })) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.integer({ min: Math.ceil(bottom * 10), max: Math.floor(top * 10) }), fc.integer({ min: 1, max: 9 }))
            .map(([v, k]) => ({ ratio: [v * k, 10 * k * scale] })),
        },
      );
      break;
    }
    case 'direct': {
      const min = r.min ?? 0;
      arb = fc.integer({ min: Math.ceil(min * 2), max: Math.floor(x.c.points * 2) }).map((h) => ({ score: h / 2 }));
      if (fine)
        arb = fc.oneof(
          { weight: 3, arbitrary: arb },
          { weight: 1, arbitrary: fc.integer({ min: Math.ceil(min * 100), max: Math.floor(x.c.points * 100) }).map((h) => ({ score: h / 100 })) },
        );
      break;
    }
  }
  if (x.c.notApplicable !== undefined) arb = fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant('na') });
  // null: not answered (valid)
  return fc.oneof({ weight: 30, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) });
}

/** A valid unit: every answer form, items or criteria left out, keys in either order. */
function cleanUnit(fw: Framework, fine: boolean): fc.Arbitrary<UnitInput> {
  const items = fw.sections.flatMap((s) =>
    s.items.map((it) => ({ code: it.code, crits: it.criteria.map((c) => ({ item: it.code, role: s.role ?? 'base', c }) as Crit) })),
  );
  const itemArb = (it: (typeof items)[number]) =>
    fc.option(
      fc.tuple(fc.tuple(...it.crits.map((x) => validAnswer(x, fine))), fc.boolean()).map(([vals, rev]) => {
        const o: Obj = {};
        it.crits.forEach((x, j) => {
          if (vals[j] !== undefined) o[x.c.code] = vals[j];
        });
        return rev ? reversed(o) : o;
      }),
      { nil: undefined, freq: 25 },
    );
  const ine = fw.ineligibility ?? [];
  return fc
    .record({
      vals: fc.tuple(...items.map(itemArb)),
      rev: fc.boolean(),
      name: fc.option(fc.constantFrom('长沙市', '株洲市', ''), { nil: undefined }),
      peerGroup: fc.option(fc.constantFrom('A', 'B'), { nil: undefined, freq: 3 }),
      ine: fc.option(fc.tuple(...ine.map(() => fc.option(fc.boolean(), { nil: undefined, freq: 8 }))), { nil: undefined, freq: 6 }),
    })
    .map(({ vals, rev, name, peerGroup, ine: ineVals }) => {
      let answers: Obj = {};
      items.forEach((it, i) => {
        if (vals[i] !== undefined) answers[it.code] = vals[i];
      });
      if (rev) answers = reversed(answers);
      const u: UnitInput = { unit: '', answers: answers as UnitInput['answers'] };
      if (name !== undefined) u.name = name;
      if (peerGroup !== undefined) u.peerGroup = peerGroup;
      if (ineVals !== undefined && ine.length) {
        const o: Record<string, boolean> = {};
        ine.forEach((x, i) => {
          if (ineVals[i] !== undefined) o[x.code] = ineVals[i]!;
        });
        u.ineligibility = o;
      }
      return u;
    });
}

const MUTATIONS = [
  'junkAnswer',
  'junkAnswer',
  'junkAnswer',
  'junkAnswer',
  'wrongKind',
  'junkItem',
  'unknownItem',
  'unknownCriterion',
  'deleteItem',
  'deleteCriterion',
  'junkAnswers',
  'junkIneligibility',
  'unknownIneligibility',
  'badUnitCode',
  'otherFramework',
] as const;

interface Mutation {
  kind: (typeof MUTATIONS)[number];
  unit: number;
  crit: number;
  junk: number;
  code: number;
}

/** Set an own property, even one named "__proto__" (as JSON.parse would). */
function put(o: Obj, k: string, v: Json): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function mutate(fw: Framework, input: Input, m: Mutation): void {
  const crits = criteriaOf(fw);
  const u = input.units[m.unit % input.units.length];
  const x = crits[m.crit % crits.length];
  const ans = u.answers as unknown as Record<string, Obj>;
  const junk = JUNK[m.junk % JUNK.length];
  const code = ODD_CODES[m.code % ODD_CODES.length];
  const itemOf = () => {
    if (ans[x.item] === null || typeof ans[x.item] !== 'object' || Array.isArray(ans[x.item])) ans[x.item] = {};
    return ans[x.item];
  };
  switch (m.kind) {
    case 'junkAnswer':
      if (ans !== null && typeof ans === 'object') itemOf()[x.c.code] = junk;
      break;
    case 'wrongKind': {
      // a valid answer of another rule type
      const other = crits[(m.crit + 1 + m.junk) % crits.length];
      if (ans !== null && typeof ans === 'object') itemOf()[x.c.code] = fc.sample(validAnswer(other), { numRuns: 1, seed: m.junk })[0];
      break;
    }
    case 'junkItem':
      if (ans !== null && typeof ans === 'object') ans[x.item] = [null, [], [{ a: true }], 'x', 3, true, {}][m.junk % 7] as Obj;
      break;
    case 'unknownItem':
      if (ans !== null && typeof ans === 'object') put(ans as unknown as Obj, code, { a: true });
      break;
    case 'unknownCriterion':
      if (ans !== null && typeof ans === 'object') put(itemOf(), code, m.junk % 2 === 0 ? true : junk);
      break;
    case 'deleteItem':
      if (ans !== null && typeof ans === 'object') delete ans[x.item];
      break;
    case 'deleteCriterion':
      if (ans !== null && typeof ans === 'object') delete ans[x.item]?.[x.c.code];
      break;
    case 'junkAnswers':
      u.answers = [null, [], [{ a: true }], 'x', 7][m.junk % 5] as unknown as UnitInput['answers'];
      break;
    case 'junkIneligibility':
      u.ineligibility = [null, [], 'x', { I1: 'yes' }, { I2: 1 }, { I1: null }][m.junk % 6] as unknown as UnitInput['ineligibility'];
      break;
    case 'unknownIneligibility':
      u.ineligibility = { ...u.ineligibility, [code === '__proto__' ? 'I9' : code]: true };
      break;
    case 'badUnitCode':
      (u as { unit: unknown }).unit = ['', 5, null, input.units[0].unit][m.junk % 4];
      break;
    case 'otherFramework':
      input.framework = 'another-framework';
      break;
  }
}

function inputArb(fw: Framework, maxUnits: number): fc.Arbitrary<Input> {
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    kind: fc.constantFrom(...MUTATIONS),
    unit: fc.nat(),
    crit: fc.nat(),
    junk: fc.nat(),
    code: fc.nat(),
  });
  return fc
    .record({
      units: fc.array(fc.oneof({ weight: 4, arbitrary: cleanUnit(fw, false) }, { weight: 1, arbitrary: cleanUnit(fw, true) }), {
        minLength: 1,
        maxLength: maxUnits,
      }),
      mutations: fc.oneof(fc.constant([] as Mutation[]), fc.array(mutation, { minLength: 1, maxLength: 3 })),
    })
    .map(({ units, mutations }) => {
      const input: Input = { framework: fw.id, units: units.map((u, i) => ({ ...u, unit: `U${i}` })) };
      for (const m of mutations) mutate(fw, input, m);
      // through JSON, as an input arrives (an own "__proto__" key survives as one)
      return JSON.parse(JSON.stringify(input)) as Input;
    });
}

describe('random answers, valid and invalid: the same results or the same issues', () => {
  // nightly: 150 / 200 / 200 runs
  const cases: [string, Framework, number][] = [
    ['db43-quality-city', DB43, NIGHTLY ? 150 : 40],
    ['hunan-assessment-2022', HUNAN, NIGHTLY ? 200 : 50],
    ['MINI', MINI, NIGHTLY ? 200 : 50],
  ];
  for (const [name, fw, numRuns] of cases) {
    it(name, () => {
      let returned = 0;
      let threw = 0;
      fc.assert(
        fc.property(inputArb(fw, 4), (input) => {
          const out = expectSame(fw, input);
          if (out.ok) returned++;
          else threw++;
        }),
        { numRuns },
      );
      // both branches of the property were exercised
      expect(returned).toBeGreaterThan(numRuns / 10);
      expect(threw).toBeGreaterThan(numRuns / 10);
    });
  }
});

describe('a unit off the grid with a bad answer', () => {
  // MINI's scale is 1/10: a direct score of 0.25 leaves the grid (that unit is scored in full, exactly), and
  // 1.1.a {"level": 3} is not a listed level. Scoring throws ScoringInputError [1.1.a]; a former batch path
  // used to hang (fixed: see below).
  const units: UnitInput[] = [{ unit: 'U', answers: { ...miniAnswers(), '3.1': { a: { score: 0.25 } }, '1.1': { a: { level: 3 } } } as UnitInput['answers'] }];

  it('throws the issue; without the bad answer the cycle and the unit alone agree', () => {
    const out = run(MINI, viaJson({ units }), {});
    expect(out.ok).toBe(false);
    expect((out as { issues: ScoringIssue[] }).issues.map((i) => i.code)).toEqual(['1.1.a']);
    // without the bad answer both paths agree (the unit is off the grid)
    const fine = expectSame(MINI, { units: [{ unit: 'U', answers: { ...miniAnswers(), '3.1': { a: { score: 0.25 } } } as UnitInput['answers'] }] });
    expect(fine.ok && JSON.parse(fine.json).units[0].total).toBe('150.25');
  });

  // Was a hang: the batch's reference loop (since removed) handed NaN sums to finishUnit when the unit was off the grid and had an issue,
  // and rat(NaN, scale) looped in gcdNum. rat now refuses a non-integer, so a regression throws instead of hanging.
  it('batch: throws the same issue', () => {
    const out = expectSame(MINI, { units });
    expect(out.ok).toBe(false);
    expect((out as { issues: ScoringIssue[] }).issues.map((i) => i.code)).toEqual(['1.1.a']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// off the 1/scale grid

const OFF_GRID_INPUT: FrameworkInput = {
  id: 'off-grid',
  title: '按比例扣分的指标体系',
  version: '1',
  kind: 'assessment',
  totalPoints: 20,
  source: { seed: 'test', table: 'test' },
  sections: [
    {
      code: '1',
      title: '质量',
      points: 20,
      items: [
        {
          code: '1.1',
          title: '合格率',
          points: 10,
          criteria: [
            {
              code: 'a',
              title: '合格率',
              points: 10,
              rule: { type: 'linear', unit: '%', target: 100, step: 3, deduct: 1, stepPolicy: 'proportional', valueRange: [0, 100] },
            },
          ],
        },
        {
          code: '1.2',
          title: '制度',
          points: 10,
          criteria: [{ code: 'a', title: '制度', points: 10, rule: { type: 'boolean' }, notApplicable: '无此项工作的为合理缺项' }],
        },
      ],
    },
  ],
};

describe('off the grid', () => {
  for (const policy of ['none', 'prorate'] as const) {
    it(`a proportional deduction of 1/3 point (notApplicablePolicy ${policy})`, () => {
      const fw = frameworkSchema.parse({ ...structuredClone(OFF_GRID_INPUT), notApplicablePolicy: policy });
      expect(validateFramework(fw).errors).toEqual([]);
      expect(compileFramework(fw).scale).toBe(1);
      const value = (v: number, b: Json) => ({ '1.1': { a: { value: v } }, '1.2': { a: b } }) as UnitInput['answers'];
      const units: UnitInput[] = [
        { unit: 'A', answers: value(99, true) }, // 10 − 1/3 + 10 = 59/3
        { unit: 'B', answers: value(97, true) }, // 9 + 10 = 19 (on the grid)
        { unit: 'C', answers: value(99, true) }, // the same as A: a tie
        { unit: 'D', answers: value(99.5, 'na') }, // 10 − 1/6, 10 points not applicable
        { unit: 'E', answers: value(100, false) },
        { unit: 'F', answers: { '1.1': { a: { ratio: [299, 300] } } } as UnitInput['answers'] }, // 99.67% → 10 − 1/9
        { unit: 'G', answers: value(96, true) }, // 10 − 4/3 + 10 = 56/3
      ];
      const out = expectSame(fw, { framework: fw.id, units });
      expect(out.ok).toBe(true);
      const res = results(fw, { units });
      expect(res.units[0].totalExact).toBe('59/3');
      expect(res.units[0].total).not.toMatch(/^\d+$/);
      expect(res.units[0].rank).toBe(res.units[2].rank);
      expect(res.units[3].notApplicablePoints).toBe('10');
      // and units read one by one, not only through JSON
      const batch = scoreFramework(fw, { units: viaJson(units) });
      batch.units.forEach((u, i) => expect(u).toEqual(res.units[i]));
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// codes that are not identifiers

function withCodes(mutateFw: (f: FrameworkInput) => void): Framework {
  const f = structuredClone(MINI_INPUT);
  mutateFw(f);
  const fw = frameworkSchema.parse(f);
  expect(validateFramework(fw).errors).toEqual([]);
  return fw;
}

/** MINI's answers with item codes renamed (old → new), through JSON. */
function renamedAnswers(map: Record<string, string>, patch: Record<string, Obj> = {}): UnitInput['answers'] {
  const src = { ...miniAnswers(), ...patch };
  const text = `{${Object.entries(src)
    .map(([k, v]) => `${JSON.stringify(map[k] ?? k)}:${JSON.stringify(v)}`)
    .join(',')}}`;
  return JSON.parse(text) as UnitInput['answers'];
}

describe('codes that are not identifiers', () => {
  for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`an item code "${code}" (Object.prototype): scored like any other`, () => {
      const fw = withCodes((f) => {
        f.sections[0].items[1].code = code; // 1.2: three booleans
      });
      const units: UnitInput[] = [
        { unit: 'A', answers: renamedAnswers({ '1.2': code }) },
        { unit: 'B', answers: renamedAnswers({ '1.2': code }, { '1.2': { a: true, b: false } }) },
        // the item left out: nothing inherited from Object.prototype may stand in for it
        { unit: 'C', answers: Object.fromEntries(Object.entries(miniAnswers()).filter(([k]) => k !== '1.2')) as UnitInput['answers'] },
      ];
      const out = expectSame(fw, { units });
      expect(out.ok).toBe(true);
      const res = results(fw, { units });
      expect(res.units.map((u) => u.total)).toEqual(['160', '140', '130']);
      expect(res.units[2].missing).toEqual([`${code}.a`, `${code}.b`, `${code}.c`]);
      // and a bad answer under that code: the same issues
      const bad = expectSame(fw, { units: [{ unit: 'A', answers: renamedAnswers({ '1.2': code }, { '1.2': { a: 1, z: true } }) }] });
      expect(bad.ok).toBe(false);
    });
  }

  it('item codes with quotes, backslashes, line breaks and markup', () => {
    const codes = ['it"em', "it'em", 'a\\b', 'line\nbreak', 'sep\u2028ar', '${x}', '</script>'];
    const fw = withCodes((f) => {
      f.sections[0].items.forEach((it, i) => (it.code = codes[i]));
      f.sections[1].items.forEach((it, i) => (it.code = codes[i + 3]));
    });
    const map: Record<string, string> = { '1.1': codes[0], '1.2': codes[1], '1.3': codes[2], '2.1': codes[3], '2.2': codes[4], '2.3': codes[5], '2.4': codes[6] };
    const units: UnitInput[] = [
      { unit: 'A', answers: renamedAnswers(map) },
      { unit: 'B', answers: renamedAnswers(map, { '2.1': { a: { value: 99 } }, '1.2': { a: false } }) },
    ];
    const out = expectSame(fw, { units });
    expect(out.ok).toBe(true);
    expect(results(fw, { units }).units.map((u) => u.total)).toEqual(['160', '128']);
  });

  // Section codes are free text (zod schema, validator).
  it('a section code with a line break', () => {
    const fw = withCodes((f) => {
      f.sections[0].code = '1\n  baseS += 10;';
    });
    const units: UnitInput[] = [{ unit: 'A', answers: miniAnswers() as UnitInput['answers'] }];
    expect(results(fw, { units }).units[0].total).toBe('160');
    expect(expectSame(fw, { units }).ok).toBe(true);
  });

  it('section codes with other characters and line terminators are harmless', () => {
    const fw = withCodes((f) => {
      f.sections[0].code = '1 */ baseS += 10; /*';
      f.sections[1].code = '"2"';
      f.sections[2].code = '3\r  baseS += 10;';
      f.sections[3].code = 'BONUS\u2028  baseS += 10;';
    });
    const units: UnitInput[] = [{ unit: 'A', answers: miniAnswers() as UnitInput['answers'] }];
    expect(expectSame(fw, { units }).ok).toBe(true);
    expect(results(fw, { units }).units[0].total).toBe('160');
  });
});
