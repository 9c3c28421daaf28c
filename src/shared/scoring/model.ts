/**
 * The shapes the engine works with inside: the compiled framework (compile.ts makes it), one criterion's
 * outcome, and the per-call state. No logic beyond two constructors and one conversion. Internal.
 */
import type { Criterion, Framework, Item, Rule, Section } from './framework-schema';
import type { ScoringIssue } from './errors';
import type { Rational } from './rational';
import type { CriterionResult, CriterionStatus, ItemResult, UnitResult } from './types';

/**
 * An outcome of one criterion: the output object plus its exact score. Outcomes that do not depend on the
 * unit (true/false, a level, missing, not applicable, and — within one call — the same value) are built once
 * and shared (frozen), which keeps a national run from allocating hundreds of thousands of equal objects.
 */
export interface Scored {
  /** the output object; undefined until resultOf() builds it from `build` (explanations made only when read) */
  result: CriterionResult | undefined;
  build: (() => CriterionResult) | undefined;
  /** the (capped) score */
  q: Rational;
  /** q × framework scale, an integer; NaN when q is not a multiple of 1/scale */
  s: number;
  status: CriterionStatus;
  /** built once and reused (frozen): item results made only of shared outcomes can be reused too */
  shared: boolean;
  /** small id of a shared outcome within its criterion (0 missing, 1 na, 2 true, 3 false, 4+ levels, then cached values) */
  id: number;
}

/** ids a criterion's shared outcomes can take: 4 fixed + one per level + the per-call value cache. */
export const VALUE_CACHE_LIMIT = 4096;

export type Role = 'base' | 'bonus' | 'deduction' | 'veto';

export const Kind = {
  Boolean: 0,
  Levels: 1,
  Threshold: 2,
  Linear: 3,
  Rank: 4,
  Direct: 5,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface CompiledCriterion {
  code: string;
  /** "1.3.a" */
  fullCode: string;
  criterion: Criterion;
  rule: Rule;
  kind: Kind;
  role: Role;
  points: Rational;
  pointsText: string;
  naAllowed: boolean;
  /** levels (levels rule) or tiers (rank rule) */
  levels: Rational[];
  /** the levels / tiers as the JS numbers they were read from (an answer's level matches iff equal) */
  levelNums: number[];
  /** number of distinct shared-outcome ids */
  radix: number;
  levelTexts: string[];
  levelLabels: (string | undefined)[];
  /** threshold steps in listed order */
  bounds: Rational[];
  stepPoints: Rational[];
  otherwise: Rational;
  higher: boolean;
  target: Rational;
  step: Rational;
  deduct: Rational;
  proportional: boolean;
  /** display decimals for linear values ("99.0%" when the step is 0.5) */
  linearDecimals: number;
  unit: string;
  /** multiplier that turns a ratio a/b into the rule's unit (‰ 1000, % 100, else 1) */
  ratioScale: Rational;
  valueRange: [Rational, Rational] | undefined;
  directMin: Rational;
  /** index among rank criteria, -1 otherwise */
  rankIndex: number;
  /** a human description of the allowed answers, for error messages */
  allowed: string;
  /** position in CompiledFramework.criteria */
  index: number;
  pointsScaled: number;
  sMissing: Scored;
  sNa: Scored;
  sTrue: Scored;
  sFalse: Scored;
  /** one per level (levels rule) or tier (rank rule answered with {"level": n}) */
  sLevels: Scored[];
}

export interface CompiledItem {
  code: string;
  item: Item;
  points: Rational;
  pointsText: string;
  criteria: CompiledCriterion[];
  criterionByCode: Map<string, CompiledCriterion>;
  pointsScaled: number;
  /** decimal text of scaled sums already seen */
  textCache: TextCache;
  /** position in CompiledFramework.items */
  index: number;
  /** the product of its criteria's radices fits a small integer: shared outcomes combine into one numeric key */
  numericKey: boolean;
  /** product of its criteria's radices (number of possible shared-outcome combinations) */
  radixProduct: number;
}

export interface CompiledSection {
  code: string;
  section: Section;
  role: Role;
  points: Rational;
  pointsText: string;
  items: CompiledItem[];
  pointsScaled: number;
  textCache: TextCache;
}

export interface CompiledFramework {
  framework: Framework;
  sections: CompiledSection[];
  itemByCode: Map<string, CompiledItem>;
  items: CompiledItem[];
  criteria: CompiledCriterion[];
  rankCriteria: CompiledCriterion[];
  totalPoints: Rational;
  totalPointsText: string;
  basePoints: Rational;
  ineligibilityCodes: Set<string>;
  ineligibilityList: string[];
  /** "1.3.a" → position in criteria (framework order) */
  criterionIndex: Map<string, number>;
  passMark: Rational | undefined;
  /** basePoints × scale (NaN off the grid) */
  basePointsScaled: number;
  /**
   * the common denominator of every fixed number in the framework (points, levels, step points, deductions),
   * at most 10^9; sums of scores run as integers in units of 1/scale. 0 disables the fast path.
   */
  scale: number;
  /** decimal text of unit-level figures already seen (scaled integer → text) */
  textCache: TextCache;
}

/** Decimal texts of scaled integers already seen: small non-negative ones in an array, others in a map. */
export interface TextCache {
  small: (string | undefined)[];
  map: Map<number, string>;
}

export function newTextCache(): TextCache {
  return { small: [], map: new Map() };
}

/** x × scale as an integer, or NaN when x is not a multiple of 1/scale (or too large). */
export function scaled(x: Rational, scale: number): number {
  if (scale === 0 || typeof x.n !== 'number' || typeof x.d !== 'number') return NaN;
  if (scale % x.d !== 0) return NaN;
  const v = x.n * (scale / x.d);
  return Number.isSafeInteger(v) ? v : NaN;
}

/** A raw answer object as read from JSON (checked field by field by criterion.ts). */
export type AnswerObj = { level?: unknown; value?: unknown; ratio?: unknown; score?: unknown };

export interface RankInfo {
  value: Rational;
  /** the answer (its "a/b = " prefix is made only for an explanation) */
  answer: AnswerObj;
  /** the JSON number of a value answer (cache key), undefined for a ratio */
  key: number | undefined;
  rank: number;
  of: number;
  tier: 0 | 1 | 2;
}

/** Per-call state: issues, rank results, and per-criterion caches of value outcomes (same value → same result). */
export interface Ctx {
  cf: CompiledFramework;
  issues: ScoringIssue[];
  rankData: (RankInfo | undefined)[][];
  caches: (Map<number, Scored> | undefined)[];
  /** the current unit's finished items by item index (reused) */
  itemDone: (ItemDone | undefined)[];
  /** scratch outcomes of the current item */
  scratch: Scored[];
  /** per item: a trie over its criteria's shared outcomes → the finished item (reused across units) */
  memo: (Map<Scored, unknown> | undefined)[];
  /** per item with a numeric key: combined outcome ids → the finished item */
  memoNum: (Map<number, ItemDone> | undefined)[];
  /** the same for items with few combinations, as arrays */
  memoArr: (ItemDone[] | undefined)[];
  /** per criterion: ratio numerator → denominator → outcome */
  ratioCaches: (Map<number, Map<number, Scored>> | undefined)[];
  /** per rank criterion: value → rank·2^20 + of → outcome */
  rankCaches: (Map<number, Map<number, Scored>> | undefined)[];
  /** next free shared-outcome id per criterion (rank criteria) */
  nextId: number[];
}

export function newCtx(cf: CompiledFramework, issues: ScoringIssue[], rankData: (RankInfo | undefined)[][]): Ctx {
  return { cf, issues, rankData, caches: [], itemDone: new Array(cf.items.length), scratch: [], memo: [], memoNum: [], memoArr: [], rankCaches: [], ratioCaches: [], nextId: [] };
}

/** One item's finished result and its sums; shared between units with the same outcomes (frozen). */
export interface ItemDone {
  result: ItemResult;
  /** score (capped) as scaled integer, or x when off the grid */
  s: number;
  x: Rational | null;
  /** maximum (points − not applicable) */
  maxS: number;
  maxX: Rational | null;
  /** not-applicable points */
  naS: number;
  naX: Rational | null;
  missing: string[];
}

export interface UnitWork {
  result: UnitResult;
  total: Rational;
  /** the total as the nearest double: sorts fast; exact comparison only when two are equal */
  approx: number;
  excluded: boolean;
}

/** A unit's sums in units of 1/scale (s) and, off that grid, as exact rationals (x); base/bonus/deduction add up. */
export interface UnitSums {
  baseS: number;
  bonusS: number;
  deductionS: number;
  naS: number;
  naX: Rational | null;
  base: Rational;
  bonus: Rational;
  deduction: Rational;
}
