/**
 * A unit scorer generated once per framework: straight-line code, item by item, with the framework's codes and
 * numbers as constants. It is an accelerator for valid answers in the common forms only (true/false, a listed
 * level, "na" where allowed, a value or score already seen in this call). Any other answer goes to `slow`
 * (scoreCriterion, the reference) and anything unusual — an unknown code, a bad answer, a sum off the 1/scale
 * grid — makes it return false: batch.ts then scores that unit with the reference code, which also records the
 * issues. So the generated code decides no error and no rule on its own; it only adds up scores that the
 * reference code would add up, and tests compare both on every framework and on random inputs.
 *
 * Where `new Function` is refused (a Content-Security-Policy without 'unsafe-eval' in a browser), or a code
 * would clash with Object.prototype, unitScorer returns null and batch.ts scores every unit with the reference code.
 */
import { Kind, type CompiledFramework, type Scored } from './compile';

export interface FastOut {
  baseS: number;
  bonusS: number;
  deductionS: number;
  naS: number;
  /** not-applicable points of the item just scored (scratch) */
  na: number;
  /** indices of the items with a criterion not answered (inc[0 … nInc − 1], framework order) */
  inc: Int32Array;
  nInc: number;
  /** veto criteria answered true, framework order */
  veto: string[] | null;
}

/**
 * The reference for one answer of criterion k (framework order): records its outcome id, returns its score in
 * units of 1/scale (NaN off the grid), −1 for not applicable, −2 when the unit must go the reference way.
 */
export type SlowScore = (k: number, a: unknown) => number;

export type UnitScorer = (
  ans: Record<string, unknown>,
  ids: Uint8Array,
  base: number,
  caches: (Map<number, Scored> | undefined)[],
  slow: SlowScore,
  out: FastOut,
  ui: number,
  rankData: readonly (readonly ({ tier: 0 | 1 | 2 } | undefined)[])[],
) => boolean;

/** ids[] for a rank criterion answered with a value: its outcome is made from the rank pass when read. */
export const RANKED = 254;
/** ids[] for an outcome kept in the batch's map (not shared, or an id that does not fit a byte) */
export const IN_MAP = 255;

/** A JS literal for a number, exactly (String(x) round-trips every double). */
function lit(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

const RANKED_LIT = String(RANKED);

const cache = new WeakMap<CompiledFramework, UnitScorer | null>();

export function unitScorer(cf: CompiledFramework): UnitScorer | null {
  let f = cache.get(cf);
  if (f === undefined) {
    f = generate(cf);
    cache.set(cf, f);
  }
  return f;
}

/** The source of the generated scorer (exported for tests and for reading). */
export function unitScorerSource(cf: CompiledFramework): string | null {
  const proto = Object.prototype as Record<string, unknown>;
  for (const ci of cf.items) {
    if (ci.code in proto) return null;
    for (const cc of ci.criteria) if (cc.code in proto) return null;
  }
  const out: string[] = ['"use strict";'];
  // one function per item: (ia, ids, base, caches, slow, out) → capped score, or −1 to give up
  for (const ci of cf.items) {
    const L: string[] = [];
    L.push(`function I${ci.index}(ia, ids, base, caches, slow, out, ui, rankData) {`);
    L.push('  if (ia === null || typeof ia !== "object" || Array.isArray(ia)) return -1;');
    L.push('  let s = 0, na = 0, n = 0, a, r, c, sc, v;');
    const cases: string[] = [];
    for (const cc of ci.criteria) {
      const k = cc.index;
      const at = `ids[base + ${k}]`;
      const slow = `{ r = slow(${k}, a); if (r === -2) return -1; if (r === -1) na += ${lit(cc.pointsScaled)}; else s += r; }`;
      const tests: string[] = [];
      if (cc.kind === Kind.Boolean) {
        const vetoPush = cc.role === 'veto' ? ` (out.veto ??= []).push(${JSON.stringify(cc.fullCode)});` : '';
        tests.push(`if (a === true) { ${at} = 2; s += ${lit(cc.sTrue.s)};${vetoPush} }`);
        tests.push(`if (a === false) { ${at} = 3; s += ${lit(cc.sFalse.s)}; }`);
      }
      if (cc.naAllowed) tests.push(`if (a === "na") { ${at} = 1; na += ${lit(cc.pointsScaled)}; }`);
      if (cc.kind === Kind.Levels) {
        const arms = cc.levelNums.map((lv, i) => `if (v === ${lit(lv)}) { ${at} = ${4 + i}; s += ${lit(cc.sLevels[i].s)}; }`);
        tests.push(
          `if (typeof a === "object" && a !== null && (v = a.level) !== undefined && a.value === undefined && a.ratio === undefined && a.score === undefined) { ${arms.join(' else ')} else ${slow} }`,
        );
      } else if (cc.kind === Kind.Rank) {
        // a value answer was read and ranked by the rank pass (which checked it): the tier's points
        const tierS = cc.sLevels.map((x) => lit(x.s));
        tests.push(
          `if (typeof a === "object" && a !== null && (v = rankData[${cc.rankIndex}][ui]) !== undefined) { ${at} = ${RANKED_LIT}; s += (v.tier === 0 ? ${tierS[0]} : v.tier === 1 ? ${tierS[1]} : ${tierS[2]}); }`,
        );
      } else if (cc.kind === Kind.Threshold || cc.kind === Kind.Linear || cc.kind === Kind.Direct) {
        const field = cc.kind === Kind.Direct ? 'score' : 'value';
        const others = ['level', 'value', 'ratio', 'score'].filter((x) => x !== field).map((x) => `a.${x} === undefined`);
        tests.push(
          `if (typeof a === "object" && a !== null && typeof (v = a.${field}) === "number" && ${others.join(' && ')} && (c = caches[${k}]) !== undefined && (sc = c.get(v)) !== undefined && sc.id < ${RANKED}) { ${at} = sc.id; s += sc.s; }`,
        );
      }
      cases.push(`      case ${JSON.stringify(cc.code)}:`);
      cases.push('        if (a === undefined) return -1;');
      cases.push('        n++;');
      cases.push(`        ${[...tests, slow].join(' else ')}`);
      cases.push('        break;');
    }
    // one pass over the keys as given: a key that is not a criterion of the item gives up (the reference
    // loop reports it)
    L.push('  for (const key in ia) {');
    L.push('    a = ia[key];');
    L.push('    switch (key) {');
    L.push(...cases);
    L.push('      default:');
    L.push('        return -1;');
    L.push('    }');
    L.push('  }');
    L.push(`  if (n !== ${ci.criteria.length}) out.inc[out.nInc++] = ${ci.index};`);
    L.push(`  if (s > ${lit(ci.pointsScaled)}) s = ${lit(ci.pointsScaled)};`);
    L.push('  if (s !== s) return -1;');
    L.push('  out.na = na;');
    L.push('  return s;');
    L.push('}');
    out.push(L.join('\n'));
  }
  const U: string[] = [];
  U.push('return function unitScorer(ans, ids, base, caches, slow, out, ui, rankData) {');
  U.push('  let found = 0, ia, s, sec, baseS = 0, bonusS = 0, deductionS = 0, naS = 0;');
  for (const [si, cs] of cf.sections.entries()) {
    // codes and titles never enter the source except as JSON string literals
    U.push(`  sec = 0; // section ${si + 1} (${cs.role})`);
    for (const ci of cs.items) {
      const noCriteria = ci.criteria.length === 0;
      U.push(`  ia = ans[${JSON.stringify(ci.code)}];`);
      U.push(
        `  if (ia !== undefined) { found++; s = I${ci.index}(ia, ids, base, caches, slow, out, ui, rankData); if (s < 0) return false; sec += s;${cs.role === 'base' ? ' naS += out.na;' : ''} }${noCriteria ? '' : ` else out.inc[out.nInc++] = ${ci.index};`}`,
      );
    }
    if (cs.role !== 'veto') U.push(`  if (sec > ${lit(cs.pointsScaled)}) sec = ${lit(cs.pointsScaled)};`);
    if (cs.role === 'base') U.push('  baseS += sec;');
    else if (cs.role === 'bonus') U.push('  bonusS += sec;');
    else if (cs.role === 'deduction') U.push('  deductionS += sec;');
  }
  U.push('  let cnt = 0;');
  U.push('  for (const key in ans) cnt++;');
  U.push('  if (cnt !== found) return false;');
  U.push('  out.baseS = baseS; out.bonusS = bonusS; out.deductionS = deductionS; out.naS = naS;');
  U.push('  return true;');
  U.push('};');
  out.push(U.join('\n'));
  return out.join('\n');
}

function generate(cf: CompiledFramework): UnitScorer | null {
  const src = unitScorerSource(cf);
  if (src === null) return null;
  try {
    return new Function(src)() as UnitScorer;
  } catch {
    return null; // e.g. a Content-Security-Policy without 'unsafe-eval'
  }
}
