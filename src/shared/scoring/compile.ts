/**
 * A framework turned once into flat arrays of exact parameters, so scoring thousands of units reads no JSON
 * numbers and parses nothing. Cached per framework object (WeakMap): do not mutate a framework after scoring it.
 */
import type { Framework } from './framework-schema';
import { makeScored, shareOutcome } from './criterion';
import { DEFAULT_TIER_LABELS, TEXT } from './explain';
import { Kind, newTextCache, scaled, VALUE_CACHE_LIMIT, type Role, type Scored, type CompiledCriterion, type CompiledFramework, type CompiledItem, type CompiledSection } from './model';
import { fromNumber, toDecimalString, ZERO, add, type Rational } from './rational';

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}

const cache = new WeakMap<Framework, CompiledFramework>();

const q = (x: number) => fromNumber(x);

export function ratioScaleFor(unit: string): Rational {
  if (unit.includes('‰')) return { n: 1000, d: 1 };
  if (unit.includes('%')) return { n: 100, d: 1 };
  return { n: 1, d: 1 };
}

/**
 * What a criterion accepts, in the words of the grid and the score sheet (a message reaches the person scoring):
 * "0～14.5 分", "0.5、0.3、0 分中的一档", "实测值（%）或“分子/分母”", "是或否"; the JSON shapes of an answer are
 * documented in docs/scoring-answers.md, not repeated to the user.
 */
function describeAllowed(c: CompiledCriterion): string {
  const valueKinds = `实测值${c.unit ? `（${c.unit}）` : ''}或“分子/分母”`;
  const range = c.valueRange
    ? `，取值范围${toDecimalString(c.valueRange[0])}～${toDecimalString(c.valueRange[1])}`
    : '';
  let s: string;
  switch (c.kind) {
    case Kind.Boolean:
      s = '是或否';
      break;
    case Kind.Levels:
      s = `${c.levelTexts.join('、')}分中的一档`;
      break;
    case Kind.Threshold:
    case Kind.Linear:
      s = valueKinds + range;
      break;
    case Kind.Rank:
      s = `${valueKinds}${range}，或${[...new Set(c.levelTexts)].join('、')}分中的一档`;
      break;
    case Kind.Direct:
      s = `${toDecimalString(c.directMin)}～${c.pointsText}分`;
      break;
  }
  return c.naAllowed ? `${s}；或合理缺项（${c.criterion.notApplicable}）` : s;
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
            if (rule.valueRange) cc.valueRange = [q(rule.valueRange[0]), q(rule.valueRange[1])];
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
        cc.sMissing = shareOutcome({
          result: { code: cc.fullCode, status: 'missing', score: zeroText, maximum: cc.pointsText, explanation: TEXT.missing },
          build: undefined,
          q: ZERO,
          s: 0,
          status: 'missing',
          shared: true,
          id: 0,
        }, 0);
        cc.sNa = shareOutcome({
          result: { code: cc.fullCode, status: 'na', score: zeroText, maximum: zeroText, explanation: TEXT.na(cc.pointsText) },
          build: undefined,
          q: ZERO,
          s: 0,
          status: 'na',
          shared: true,
          id: 1,
        }, 1);
        if (cc.role === 'veto') {
          cc.sTrue = shareOutcome({
            result: { code: cc.fullCode, status: 'scored', score: zeroText, maximum: cc.pointsText, explanation: TEXT.vetoMet },
            build: undefined,
            q: ZERO,
            s: 0,
            status: 'scored',
            shared: true,
            id: 2,
          }, 2);
          cc.sFalse = shareOutcome({
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
          cc.sTrue = shareOutcome(makeScored(cc, cc.points, cc.pointsText, say(cc.pointsText) || TEXT.met(cc.pointsText), scale), 2);
          cc.sFalse = shareOutcome(makeScored(cc, ZERO, zeroText, say(zeroText) || TEXT.notMet, scale), 3);
        }
        cc.sLevels = cc.levels.map((lv, i) =>
          shareOutcome(
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
