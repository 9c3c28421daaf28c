/**
 * The scoring engine: scoreFramework(framework, input) → results for every unit; scoreUnit for live preview.
 *
 * Exact: all arithmetic is on rationals (./rational.ts), kept as integers in units of 1/scale (the framework's
 * common denominator) on the common path; every score in the output is a decimal string ("14.5"), exact
 * whenever the value has a finite decimal expansion (always, except a prorated total or a proportional
 * deduction with an awkward divisor: those are rounded to 6 places, and `totalExact` carries the exact
 * fraction "p/q"). Convert with Number(x) for display if you must; never add the numbers back up.
 *
 * One pass over each unit's answers (plus a small first pass over rank criteria to rank peers). Every bad
 * answer is collected; if there is any, a ScoringInputError listing all of them is thrown (CLI: exit 2,
 * server: 400). The engine trusts the framework: validate it on import (validateFramework).
 *
 * Speed: outcomes that do not depend on the unit (true/false, a level, missing, n/a, and within one call the
 * same value or ratio) and items made only of such outcomes are built once and SHARED between units; those
 * objects are frozen. Results are read-only: copy (structuredClone / JSON) before mutating. scoreFramework
 * finds every unit's figures during the call and builds a unit's per-node detail (`sections`) when it is first
 * read (batch.ts); scoreUnit builds it at once (unit.ts).
 *
 * Files: compile.ts (framework → flat exact parameters and shared outcomes), unit.ts (one unit in full detail),
 * batch.ts (many units: figures now, detail on first read), explain.ts (the Chinese one-liners), grade.ts.
 */
import type { Framework } from './framework-schema';
import type { ScoreInput, UnitInput } from './answers';
import { compileFramework, type CriterionResult } from './compile';
import { ScoringInputError, type ScoringIssue } from './errors';
import type { GradeBand } from './grade';
import { cmp } from './rational';
import { scoreUnits } from './batch';
import { newCtx, peerGroups, peerKey, rankPass, scoreOneUnit, type UnitWork } from './unit';

export type { CriterionResult, CriterionStatus, RankTier } from './compile';

export interface ItemResult {
  code: string;
  title: string;
  score: string;
  /** points minus not-applicable criteria (base); the cap for bonus/deduction items */
  maximum: string;
  points: string;
  capped?: true;
  criteria: CriterionResult[];
}

export interface SectionResult {
  code: string;
  title: string;
  role: 'base' | 'bonus' | 'deduction' | 'veto';
  /** base: subtotal; bonus: amount added; deduction: amount subtracted; veto: "0" */
  score: string;
  maximum: string;
  points: string;
  capped?: true;
  items: ItemResult[];
}

export interface UnitResult {
  unit: string;
  name?: string;
  peerGroup?: string;
  /** final: (prorated ?? score) + bonus − deduction, not below 0 */
  total: string;
  /** the exact total as a fraction "p/q" (or integer) */
  totalExact: string;
  /** sum of base sections as found (not prorated) */
  score: string;
  /** base maximum: framework points minus not-applicable points */
  maximum: string;
  /** the framework's scale (totalPoints) */
  scale: string;
  notApplicablePoints: string;
  /** prorate policy: score × scale / maximum; null under policy "none" */
  prorated: string | null;
  bonus: string;
  deduction: string;
  veto: boolean;
  /** codes of veto criteria answered true */
  vetoCodes: string[];
  /** evaluation: an ineligibility condition is true (the application is refused) */
  ineligible: boolean;
  ineligibilityCodes: string[];
  /** assessment: grade band (a veto forces vetoGrade); evaluation: null unless bands were passed */
  grade: string | null;
  /** evaluation: total ≥ passMark, no ineligibility, no veto; assessment: null */
  passed: boolean | null;
  /** competition ranking over all units of the input by total; vetoed / ineligible units after all others */
  rank: number;
  /** the same within the unit's peer group */
  peerRank: number;
  /** codes of criteria (and "ineligibility.X") with no answer; scored 0 with explanation "未填报" */
  missing: string[];
  sections: SectionResult[];
}

export interface ScoreResults {
  framework: { id: string; version: string; title: string; kind: 'assessment' | 'evaluation'; totalPoints: string };
  units: UnitResult[];
}

export interface ScoreOptions {
  /** grade bands of the assessment cycle, overriding the framework's (default A ≥ 90, B ≥ 80, C ≥ 60, else D) */
  gradeBands?: readonly GradeBand[];
  /**
   * scoreFramework only. 'lazy' (default): each unit's `sections` is built when first read. 'eager': built
   * during the call for every unit (same results; slower and larger for big runs; the reference path in tests).
   */
  detail?: 'lazy' | 'eager';
}


/** Competition ranking ("1224"): excluded (vetoed / ineligible) units after all others. */
function assignRanks(work: UnitWork[], idx: number[], set: (w: UnitWork, r: number) => void): void {
  idx.sort((x, y) => {
    const a = work[x];
    const b = work[y];
    if (a.excluded !== b.excluded) return a.excluded ? 1 : -1;
    if (a.approx !== b.approx) return b.approx - a.approx;
    return cmp(b.total, a.total);
  });
  let r = 1;
  for (let p = 0; p < idx.length; p++) {
    const w = work[idx[p]];
    if (p > 0) {
      const prev = work[idx[p - 1]];
      if (prev.excluded !== w.excluded || prev.approx !== w.approx || cmp(prev.total, w.total) !== 0) r = p + 1;
    }
    set(w, r);
  }
}

/**
 * Every total as a sort key: the nearest double (rounding keeps order, so only equal doubles need a look), or
 * null when two different totals share a double (then assignRanks compares exactly).
 */
function rankKeys(work: UnitWork[]): Float64Array | null {
  const keys = new Float64Array(work.length);
  const firstTotal = new Map<number, UnitWork['total']>();
  for (let i = 0; i < work.length; i++) {
    const w = work[i];
    keys[i] = w.approx;
    const f = firstTotal.get(w.approx);
    if (f === undefined) firstTotal.set(w.approx, w.total);
    else if (f !== w.total && cmp(f, w.total) !== 0) return null;
  }
  return keys;
}

/** How many keys of the ascending array `sorted` are strictly greater than k. */
function greater(sorted: Float64Array, k: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= k) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/**
 * The same competition ranking as assignRanks, from keys that order totals exactly: r = 1 + units strictly
 * better; excluded units after all others. Returns the rank of each of `idx`, in its order.
 */
function rankByKeys(idx: ArrayLike<number>, keys: Float64Array, excluded: Uint8Array): Int32Array {
  let nIn = 0;
  for (let j = 0; j < idx.length; j++) if (excluded[idx[j]] === 0) nIn++;
  const kept = new Float64Array(nIn);
  const out = new Float64Array(idx.length - nIn);
  let a = 0;
  let b = 0;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    if (excluded[i] === 0) kept[a++] = keys[i];
    else out[b++] = keys[i];
  }
  kept.sort();
  out.sort();
  const ranks = new Int32Array(idx.length);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    ranks[j] = excluded[i] === 0 ? 1 + greater(kept, keys[i]) : nIn + 1 + greater(out, keys[i]);
  }
  return ranks;
}

/**
 * Score every unit of an input against a framework (zod-parsed, defaults applied). Units come back in input
 * order. Throws ScoringInputError listing every bad answer, unknown code and duplicate unit.
 */
export function scoreFramework(framework: Framework, input: ScoreInput | { framework?: string; units: UnitInput[] }, options: ScoreOptions = {}): ScoreResults {
  const cf = compileFramework(framework);
  const issues: ScoringIssue[] = [];
  if (input.framework !== undefined && input.framework !== framework.id) {
    issues.push({ unit: '', code: 'framework', message: `输入指定的指标体系为 ${input.framework}，但评分使用的是 ${framework.id}` });
  }
  const units = Array.isArray(input.units) ? input.units : [];
  if (!Array.isArray(input.units)) issues.push({ unit: '', code: 'units', message: 'units 须为数组' });
  const seen = new Set<string>();
  for (const u of units) {
    if (typeof u?.unit !== 'string' || u.unit === '') {
      issues.push({ unit: '', code: 'unit', message: '每个单位须有非空的 unit 代码' });
    } else if (seen.has(u.unit)) {
      issues.push({ unit: u.unit, code: 'unit', message: `单位 ${u.unit} 在输入中重复出现` });
    } else seen.add(u.unit);
  }
  if (issues.length) throw new ScoringInputError(issues);
  const groups = peerGroups(units);
  const rankData = rankPass(cf, units, issues, groups);
  const work = scoreUnits(newCtx(cf, issues, rankData), units, options.gradeBands, options.detail === 'eager');
  if (issues.length) throw new ScoringInputError(issues);

  const keys = rankKeys(work);
  if (keys !== null) {
    const excluded = new Uint8Array(work.length);
    for (let i = 0; i < work.length; i++) if (work[i].excluded) excluded[i] = 1;
    const all = new Int32Array(work.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const ranks = rankByKeys(all, keys, excluded);
    for (let i = 0; i < work.length; i++) work[i].result.rank = ranks[i];
    for (const g of groups.values()) {
      const r = rankByKeys(g, keys, excluded);
      for (let j = 0; j < g.length; j++) work[g[j]].result.peerRank = r[j];
    }
  } else {
    assignRanks(work, work.map((_, i) => i), (w, r) => (w.result.rank = r));
    for (const g of groups.values()) assignRanks(work, g, (w, r) => (w.result.peerRank = r));
  }
  return {
    framework: {
      id: framework.id,
      version: framework.version,
      title: framework.title,
      kind: framework.kind,
      totalPoints: cf.totalPointsText,
    },
    units: work.map((w) => w.result),
  };
}

export interface ScoreUnitOptions extends ScoreOptions {
  /** other units of the same peer group, so rank criteria answered with values can be ranked in a preview */
  peers?: UnitInput[];
}

/**
 * Score a single unit (live preview while a form is filled). Rank criteria answered with values rank the unit
 * among `peers` (same peerGroup) if given; alone, it ranks first of 1. Throws ScoringInputError for bad answers
 * of this unit (problems in peers' answers are ignored where possible).
 */
export function scoreUnit(framework: Framework, unit: UnitInput, options: ScoreUnitOptions = {}): UnitResult {
  const cf = compileFramework(framework);
  const peers = (options.peers ?? []).filter((p) => p.unit !== unit.unit && peerKey(p) === peerKey(unit));
  const units = [unit, ...peers];
  const rankIssues: ScoringIssue[] = [];
  const rankData = rankPass(cf, units, rankIssues);
  const issues = rankIssues.filter((i) => i.unit === unit.unit);
  const w = scoreOneUnit(newCtx(cf, issues, rankData), unit, 0, options.gradeBands);
  if (issues.length) throw new ScoringInputError(issues);
  w.result.rank = 1;
  w.result.peerRank = 1;
  return w.result;
}

/** The exact decimal string of a result field as a JS number (display only). */
export function toNumber(decimal: string): number {
  return Number(decimal);
}
