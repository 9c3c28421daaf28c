/**
 * A framework turned once into flat arrays of exact parameters, so scoring thousands of units reads no JSON
 * numbers and parses nothing. Cached per framework object (WeakMap): do not mutate a framework after scoring it.
 */
import type { Criterion, Framework, Item, Rule, Section } from './framework-schema';
import { DEFAULT_TIER_LABELS, TEXT } from './explain';
import { cmp, fromNumber, toDecimalString, ZERO, add, type Rational } from './rational';

export type CriterionStatus = 'scored' | 'missing' | 'na';
export type RankTier = 'top' | 'middle' | 'rest';

/** A criterion's result as it appears in the output (see engine.ts). */
export interface CriterionResult {
  /** item code + criterion code: "1.3.a" */
  code: string;
  status: CriterionStatus;
  /** exact decimal string; for a deduction criterion the amount subtracted */
  score: string;
  /** the criterion's points, or "0" when not applicable */
  maximum: string;
  /** one line of Chinese: how the score was found */
  explanation: string;
  /** the method awarded more than the criterion's points; the score was capped at the points */
  capped?: true;
  /** rank criteria answered with a value */
  rank?: { rank: number; of: number; tier: RankTier };
}

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

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

/** x × scale as an integer, or NaN when x is not a multiple of 1/scale (or too large). */
export function scaled(x: Rational, scale: number): number {
  if (scale === 0 || typeof x.n !== 'number' || typeof x.d !== 'number') return NaN;
  if (scale % x.d !== 0) return NaN;
  const v = x.n * (scale / x.d);
  return Number.isSafeInteger(v) ? v : NaN;
}

/**
 * An outcome with score `raw` (capped at the criterion's points). The explanation may be a function: then the
 * output object is built only when resultOf() is first called (a national run reads few of them).
 */
export function makeScored(
  cc: CompiledCriterion,
  raw: Rational,
  /** toDecimalString(raw), if already at hand */
  rawText: string | undefined,
  explanation: string | (() => string),
  scale: number,
  rank?: CriterionResult['rank'],
): Scored {
  const capped = cmp(raw, cc.points) > 0;
  const q = capped ? cc.points : raw;
  const s = scaled(q, scale);
  if (typeof explanation === 'string') {
    const result = criterionResult(cc, raw, rawText, explanation, capped, rank);
    return { result, build: undefined, q, s, status: 'scored', shared: false, id: -1 };
  }
  const build = () => criterionResult(cc, raw, rawText, explanation(), capped, rank);
  return { result: undefined, build, q, s, status: 'scored', shared: false, id: -1 };
}

/** The output object of a scored criterion (capped at its points, with the cap said in the explanation). */
function criterionResult(
  cc: CompiledCriterion,
  raw: Rational,
  rawText: string | undefined,
  say: string,
  capped: boolean,
  rank: CriterionResult['rank'] | undefined,
): CriterionResult {
  const rt = rawText ?? toDecimalString(raw);
  let text = rt;
  if (capped) {
    text = cc.pointsText;
    say = say.replace(/得 [^ ]+ 分$/, `得 ${cc.pointsText} 分`) + TEXT.capped(rt, cc.pointsText);
  }
  const result: CriterionResult = { code: cc.fullCode, status: 'scored', score: text, maximum: cc.pointsText, explanation: say };
  if (capped) result.capped = true;
  if (rank) result.rank = rank;
  return result;
}

/** The outcome's output object (built on first use; frozen when the outcome is shared). */
export function resultOf(sc: Scored): CriterionResult {
  let r = sc.result;
  if (r === undefined) {
    r = sc.build!();
    if (sc.shared) {
      if (r.rank) Object.freeze(r.rank);
      Object.freeze(r);
    }
    sc.result = r;
    sc.build = undefined;
  }
  return r;
}

function shared(s: Scored, id: number): Scored {
  s.shared = true;
  s.id = id;
  Object.freeze(resultOf(s));
  return s;
}

const cache = new WeakMap<Framework, CompiledFramework>();

const q = (x: number) => fromNumber(x);

export function ratioScaleFor(unit: string): Rational {
  if (unit.includes('‰')) return { n: 1000, d: 1 };
  if (unit.includes('%')) return { n: 100, d: 1 };
  return { n: 1, d: 1 };
}

function describeAllowed(c: CompiledCriterion): string {
  const valueKinds = `{"value": 数值}${c.unit ? `（单位 ${c.unit}）` : ''} 或 {"ratio": [分子, 分母]}`;
  const range = c.valueRange
    ? `，取值范围 ${toDecimalString(c.valueRange[0])}～${toDecimalString(c.valueRange[1])}`
    : '';
  let s: string;
  switch (c.kind) {
    case Kind.Boolean:
      s = 'true 或 false';
      break;
    case Kind.Levels:
      s = `{"level": n}，n 为 ${c.levelTexts.join('、')} 之一`;
      break;
    case Kind.Threshold:
    case Kind.Linear:
      s = valueKinds + range;
      break;
    case Kind.Rank:
      s = `${valueKinds}，或 {"level": n}（n 为 ${[...new Set(c.levelTexts)].join('、')} 之一）`;
      break;
    case Kind.Direct:
      s = `{"score": x}，${toDecimalString(c.directMin)} ≤ x ≤ ${c.pointsText}`;
      break;
  }
  return c.naAllowed ? `${s}；或 "na"（合理缺项：${c.criterion.notApplicable}）` : s;
}

export function compileFramework(fw: Framework): CompiledFramework {
  const hit = cache.get(fw);
  if (hit) return hit;
  const sections: CompiledSection[] = [];
  const itemByCode = new Map<string, CompiledItem>();
  const items: CompiledItem[] = [];
  const criteria: CompiledCriterion[] = [];
  const rankCriteria: CompiledCriterion[] = [];
  let basePoints = ZERO;
  for (const s of fw.sections) {
    const role: Role = s.role ?? 'base';
    const cs: CompiledSection = {
      code: s.code,
      section: s,
      role,
      points: q(s.points),
      pointsText: toDecimalString(q(s.points)),
      items: [],
      pointsScaled: 0,
      textCache: newTextCache(),
    };
    if (role === 'base') basePoints = add(basePoints, cs.points);
    for (const it of s.items) {
      const ci: CompiledItem = {
        code: it.code,
        item: it,
        points: q(it.points),
        pointsText: toDecimalString(q(it.points)),
        criteria: [],
        criterionByCode: new Map(),
        pointsScaled: 0,
        textCache: newTextCache(),
        index: items.length,
        numericKey: false,
        radixProduct: 1,
      };
      items.push(ci);
      for (const c of it.criteria) {
        const rule = c.rule;
        const points = q(c.points);
        const cc: CompiledCriterion = {
          code: c.code,
          fullCode: `${it.code}.${c.code}`,
          criterion: c,
          rule,
          kind: Kind.Boolean as Kind,
          role,
          points,
          pointsText: toDecimalString(points),
          naAllowed: c.notApplicable !== undefined,
          levels: [],
          levelNums: [],
          radix: 4,
          levelTexts: [],
          levelLabels: [],
          bounds: [],
          stepPoints: [],
          otherwise: ZERO,
          higher: true,
          target: ZERO,
          step: { n: 1, d: 1 },
          deduct: ZERO,
          proportional: false,
          linearDecimals: 0,
          unit: '',
          ratioScale: { n: 1, d: 1 },
          valueRange: undefined,
          directMin: ZERO,
          rankIndex: -1,
          allowed: '',
          index: criteria.length,
          pointsScaled: 0,
          sMissing: undefined as unknown as Scored,
          sNa: undefined as unknown as Scored,
          sTrue: undefined as unknown as Scored,
          sFalse: undefined as unknown as Scored,
          sLevels: [],
        };
        switch (rule.type) {
          case 'boolean':
            cc.kind = Kind.Boolean;
            break;
          case 'levels':
            cc.kind = Kind.Levels;
            cc.levels = rule.levels.map(q);
            cc.levelNums = [...rule.levels];
            cc.levelLabels = rule.levels.map((_, i) => rule.labels?.[i]);
            break;
          case 'threshold':
            cc.kind = Kind.Threshold;
            cc.unit = rule.unit;
            cc.higher = (rule.direction ?? 'higher') === 'higher';
            cc.bounds = rule.steps.map((st) => q(st.bound));
            cc.stepPoints = rule.steps.map((st) => q(st.points));
            cc.otherwise = q(rule.otherwise ?? 0);
            if (rule.valueRange) cc.valueRange = [q(rule.valueRange[0]), q(rule.valueRange[1])];
            break;
          case 'linear': {
            cc.kind = Kind.Linear;
            cc.unit = rule.unit;
            cc.higher = (rule.direction ?? 'higher') === 'higher';
            cc.target = q(rule.target);
            cc.step = q(rule.step);
            cc.deduct = q(rule.deduct);
            cc.proportional = rule.stepPolicy === 'proportional';
            const dec = (x: Rational) => {
              const t = toDecimalString(x);
              const i = t.indexOf('.');
              return i < 0 ? 0 : t.length - i - 1;
            };
            cc.linearDecimals = dec(cc.step);
            if (rule.valueRange) cc.valueRange = [q(rule.valueRange[0]), q(rule.valueRange[1])];
            break;
          }
          case 'rank':
            cc.kind = Kind.Rank;
            cc.unit = rule.unit;
            cc.higher = (rule.direction ?? 'higher') === 'higher';
            cc.levels = rule.tiers.map(q);
            cc.levelNums = [...rule.tiers];
            cc.levelLabels = [0, 1, 2].map((i) => rule.tierLabels?.[i]);
            cc.rankIndex = rankCriteria.length;
            rankCriteria.push(cc);
            break;
          case 'direct':
            cc.kind = Kind.Direct;
            cc.directMin = q(rule.min ?? 0);
            break;
        }
        cc.levelTexts = cc.levels.map((x) => toDecimalString(x));
        cc.ratioScale = ratioScaleFor(cc.unit);
        cc.allowed = describeAllowed(cc);
        ci.criteria.push(cc);
        ci.criterionByCode.set(c.code, cc);
        criteria.push(cc);
      }
      cs.items.push(ci);
      itemByCode.set(it.code, ci);
    }
    sections.push(cs);
  }
  // the common scale
  let scale = 1;
  const dens: Rational[] = [];
  for (const cs of sections) {
    dens.push(cs.points);
    for (const ci of cs.items) {
      dens.push(ci.points);
      for (const cc of ci.criteria) dens.push(cc.points, ...cc.levels, ...cc.stepPoints, cc.otherwise, cc.deduct);
    }
  }
  for (const x of dens) {
    if (typeof x.d !== 'number') {
      scale = 0;
      break;
    }
    scale = lcm(scale, x.d);
    if (scale > 1e9) {
      scale = 0;
      break;
    }
  }
  for (const cs of sections) cs.pointsScaled = scaled(cs.points, scale);
  for (const cs of sections)
    for (const ci of cs.items) {
      ci.pointsScaled = scaled(ci.points, scale);
      for (const cc of ci.criteria) {
        cc.pointsScaled = scaled(cc.points, scale);
        const zeroText = '0';
        cc.sMissing = shared({
          result: { code: cc.fullCode, status: 'missing', score: zeroText, maximum: cc.pointsText, explanation: TEXT.missing },
          build: undefined,
          q: ZERO,
          s: 0,
          status: 'missing',
          shared: true,
          id: 0,
        }, 0);
        cc.sNa = shared({
          result: { code: cc.fullCode, status: 'na', score: zeroText, maximum: zeroText, explanation: TEXT.na(cc.pointsText) },
          build: undefined,
          q: ZERO,
          s: 0,
          status: 'na',
          shared: true,
          id: 1,
        }, 1);
        if (cc.role === 'veto') {
          cc.sTrue = shared({
            result: { code: cc.fullCode, status: 'scored', score: zeroText, maximum: cc.pointsText, explanation: TEXT.vetoMet },
            build: undefined,
            q: ZERO,
            s: 0,
            status: 'scored',
            shared: true,
            id: 2,
          }, 2);
          cc.sFalse = shared({
            result: { code: cc.fullCode, status: 'scored', score: zeroText, maximum: cc.pointsText, explanation: TEXT.vetoNotMet },
            build: undefined,
            q: ZERO,
            s: 0,
            status: 'scored',
            shared: true,
            id: 3,
          }, 3);
        } else {
          const say = (t: string) => (cc.role === 'bonus' ? TEXT.bonus(t) : cc.role === 'deduction' ? TEXT.deduction(t) : '');
          cc.sTrue = shared(makeScored(cc, cc.points, cc.pointsText, say(cc.pointsText) || TEXT.met(cc.pointsText), scale), 2);
          cc.sFalse = shared(makeScored(cc, ZERO, zeroText, say(zeroText) || TEXT.notMet, scale), 3);
        }
        cc.sLevels = cc.levels.map((lv, i) =>
          shared(
            makeScored(
              cc,
              lv,
              cc.levelTexts[i],
              cc.kind === Kind.Levels
                ? TEXT.level(cc.levelTexts[i], cc.levelLabels[i], cc.levelTexts[i])
                : TEXT.rankLevel(DEFAULT_TIER_LABELS[i], cc.levelTexts[i]), // tierLabels (verbatim, long) stay data for the UI
              scale,
            ),
            4 + i,
          ),
        );
        cc.radix =
          4 +
          cc.levels.length +
          (cc.kind === Kind.Threshold || cc.kind === Kind.Linear || cc.kind === Kind.Direct || cc.kind === Kind.Rank ? VALUE_CACHE_LIMIT : 0);
      }
    }
  for (const ci of items) {
    ci.radixProduct = ci.criteria.reduce((p, c) => p * c.radix, 1);
    ci.numericKey = ci.radixProduct < 2 ** 30;
  }
  const compiled: CompiledFramework = {
    framework: fw,
    sections,
    itemByCode,
    items,
    criteria,
    rankCriteria,
    totalPoints: q(fw.totalPoints),
    totalPointsText: toDecimalString(q(fw.totalPoints)),
    basePoints,
    ineligibilityCodes: new Set((fw.ineligibility ?? []).map((i) => i.code)),
    ineligibilityList: (fw.ineligibility ?? []).map((i) => i.code),
    criterionIndex: new Map(criteria.map((c, i) => [c.fullCode, i])),
    passMark: fw.passMark === undefined ? undefined : q(fw.passMark),
    basePointsScaled: scaled(basePoints, scale),
    scale,
    textCache: newTextCache(),
  };
  cache.set(fw, compiled);
  return compiled;
}
