/**
 * A framework turned once into flat arrays of exact parameters, so scoring thousands of units reads no JSON
 * numbers and parses nothing. Cached per framework object (WeakMap): do not mutate a framework after scoring it.
 */
import type { Criterion, Framework, Item, Rule, Section } from './framework-schema';
import { fromNumber, toDecimalString, ZERO, add, type Rational } from './rational';

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
}

export interface CompiledItem {
  code: string;
  item: Item;
  points: Rational;
  pointsText: string;
  criteria: CompiledCriterion[];
  criterionByCode: Map<string, CompiledCriterion>;
}

export interface CompiledSection {
  code: string;
  section: Section;
  role: Role;
  points: Rational;
  pointsText: string;
  items: CompiledItem[];
}

export interface CompiledFramework {
  framework: Framework;
  sections: CompiledSection[];
  itemByCode: Map<string, CompiledItem>;
  criteria: CompiledCriterion[];
  rankCriteria: CompiledCriterion[];
  totalPoints: Rational;
  totalPointsText: string;
  basePoints: Rational;
  ineligibilityCodes: Set<string>;
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
      };
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
        };
        switch (rule.type) {
          case 'boolean':
            cc.kind = Kind.Boolean;
            break;
          case 'levels':
            cc.kind = Kind.Levels;
            cc.levels = rule.levels.map(q);
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
  const compiled: CompiledFramework = {
    framework: fw,
    sections,
    itemByCode,
    criteria,
    rankCriteria,
    totalPoints: q(fw.totalPoints),
    totalPointsText: toDecimalString(q(fw.totalPoints)),
    basePoints,
    ineligibilityCodes: new Set((fw.ineligibility ?? []).map((i) => i.code)),
  };
  cache.set(fw, compiled);
  return compiled;
}
