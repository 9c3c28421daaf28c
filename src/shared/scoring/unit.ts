/**
 * One unit, in full detail: every answer scored (criterion.ts), items finished (item.ts), sections and totals,
 * ineligibility, grade and pass. scoreUnit scores one unit on its own (live preview, saving an answer);
 * batch.ts scores many with the same code.
 */
import type { Answer, UnitInput } from './answers';
import { compileFramework } from './compile';
import { scoreCriterion } from './criterion';
import { ScoringInputError, type ScoringIssue } from './errors';
import type { Framework } from './framework-schema';
import { DEFAULT_GRADE_BANDS, gradeFor, type GradeBand } from './grade';
import { accValue, resolveItem, scaledText } from './item';
import { Kind, newCtx, type AnswerObj, type CompiledCriterion, type CompiledFramework, type CompiledItem, type Ctx, type ItemDone, type Scored, type UnitSums, type UnitWork } from './model';
import { peerKey, rankPass } from './rank';
import { add, cmp, div, fromNumber, mul, rat, sub, toDecimalString, toFractionString, ZERO, type Rational } from './rational';
import type { ItemResult, SectionResult, ScoreUnitOptions, UnitResult } from './types';

const K_BOOLEAN: Kind = Kind.Boolean;
const K_LEVELS: Kind = Kind.Levels;

const EMPTY: string[] = Object.freeze([]) as unknown as string[];

/** Decimal text of an exact figure, through the framework's cache when it lies on the 1/scale grid. */
function textOf(cf: CompiledFramework, x: Rational): string {
  const scale = cf.scale;
  if (scale !== 0 && typeof x.d === 'number' && typeof x.n === 'number' && scale % x.d === 0) {
    const v = x.n * (scale / x.d);
    if (Number.isSafeInteger(v)) return scaledText(v, scale, cf.textCache);
  }
  return toDecimalString(x);
}

function toApprox(x: Rational): number {
  return typeof x.n === 'number' && typeof x.d === 'number' ? x.n / x.d : Number(toDecimalString(x, 0, 20));
}

export function unitCodeOf(u: UnitInput): string {
  return typeof u.unit === 'string' ? u.unit : String(u.unit);
}

/** The unit's answers as an object (an issue is recorded when they are not one). */
function answersOf(u: UnitInput, unitCode: string, issues: ScoringIssue[]): Record<string, Record<string, Answer> | undefined> {
  const answers = u.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    issues.push({ unit: unitCode, code: 'answers', message: 'answers 须为对象：考核内容编号 → 评分细则编号 → 答案' });
  }
  return (answers && typeof answers === 'object' ? answers : {}) as Record<string, Record<string, Answer> | undefined>;
}

function unknownItem(cf: CompiledFramework, unitCode: string, ic: string): ScoringIssue {
  return {
    unit: unitCode,
    code: ic,
    message: `指标体系${cf.framework.id}中没有考核内容${ic}；允许的编号：${[...cf.itemByCode.keys()].slice(0, 60).join('、')}${cf.itemByCode.size > 60 ? '……' : ''}`,
  };
}

const BAD_ITEM_ANSWERS = '考核内容的答案须为对象：评分细则编号 → 答案，如 {"a": true}';

function unknownCriterion(ci: CompiledItem, unitCode: string, ic: string, k: string): ScoringIssue {
  return {
    unit: unitCode,
    code: `${ic}.${k}`,
    message: `第${ic}项没有评分细则${k}；该项的评分细则为${ci.criteria.map((c) => c.code).join('、')}`,
  };
}

/** Score one unit in full detail (per-node results built now). */
export function scoreOneUnit(ctx: Ctx, u: UnitInput, unitIndex: number, bands: readonly GradeBand[] | undefined): UnitWork {
  const unitCode = unitCodeOf(u);
  const vetoCodes = collectAnswers(ctx, u, unitCode, unitIndex);
  const sums = assembleSections(ctx, ctx.itemDone);
  return finishUnit(ctx, u, unitCode, sums, vetoCodes, sums.missing, sums.sections, bands);
}

/** Phase 1: score every answered criterion and resolve its item into ctx.itemDone (unanswered items stay undefined). */
function collectAnswers(ctx: Ctx, u: UnitInput, unitCode: string, unitIndex: number): string[] {
  const cf = ctx.cf;
  const issues = ctx.issues;
  const ans = answersOf(u, unitCode, issues);

  // 1. one pass over the answers as given: score each criterion where it is found, then resolve its item
  //    (unknown codes are found here; items and criteria not answered are resolved in framework order below)
  const scratch = ctx.scratch;
  const itemDone = ctx.itemDone;
  itemDone.fill(undefined);
  let vetoCodes: string[] = EMPTY;
  const allItems = cf.items;
  let cursor = 0;
  for (const ic in ans) {
    // inputs usually list items in framework order: try the next one before the map
    let ci: CompiledItem | undefined = allItems[cursor];
    if (ci === undefined || ci.code !== ic) ci = cf.itemByCode.get(ic);
    if (ci === undefined) {
      issues.push(unknownItem(cf, unitCode, ic));
      continue;
    }
    cursor = ci.index + 1;
    const ia = ans[ic];
    if (ia === null || typeof ia !== 'object' || Array.isArray(ia)) {
      issues.push({ unit: unitCode, code: ic, message: BAD_ITEM_ANSWERS });
      continue;
    }
    const ccs = ci.criteria;
    const n = ccs.length;
    for (let j = 0; j < n; j++) scratch[j] = ccs[j].sMissing;
    for (const k in ia) {
      // criteria are "a", "b", … in order: index by letter, confirm by code
      let j = k.charCodeAt(0) - 97;
      let cc: CompiledCriterion | undefined = ccs[j];
      if (cc === undefined || cc.code !== k) {
        cc = ci.criterionByCode.get(k);
        if (cc === undefined) {
          issues.push(unknownCriterion(ci, unitCode, ic, k));
          continue;
        }
        j = ccs.indexOf(cc);
      }
      const a = ia[k];
      const kind = cc.kind;
      if (typeof a === 'boolean' && kind === K_BOOLEAN) {
        // the common case, inline
        if (a) {
          scratch[j] = cc.sTrue;
          if (cc.role === 'veto') (vetoCodes === EMPTY ? (vetoCodes = []) : vetoCodes).push(cc.fullCode);
        } else scratch[j] = cc.sFalse;
      } else if (kind === K_LEVELS && typeof a === 'object' && a !== null) {
        // the next most common: {"level": n} of a levels rule, inline (anything else goes the long way)
        const o = a as AnswerObj;
        const lv = o.level;
        let sc: Scored | undefined;
        if (lv !== undefined && o.value === undefined && o.ratio === undefined && o.score === undefined) {
          const nums = cc.levelNums;
          for (let i = 0; i < nums.length; i++)
            if (nums[i] === lv) {
              sc = cc.sLevels[i];
              break;
            }
        }
        scratch[j] = sc ?? scoreCriterion(ctx, cc, a, unitCode, unitIndex);
      } else scratch[j] = scoreCriterion(ctx, cc, a, unitCode, unitIndex);
    }
    itemDone[ci.index] = resolveItem(ctx, ci, scratch);
  }
  if (vetoCodes.length > 1) vetoCodes.sort((x, y) => cf.criterionIndex.get(x)! - cf.criterionIndex.get(y)!);
  return vetoCodes;
}

/** Phase 2: item and section results in framework order, with the unit's sums and missing codes. */
export function assembleSections(ctx: Ctx, itemDone: (ItemDone | undefined)[]): UnitSums & { sections: SectionResult[]; missing: string[] } {
  const cf = ctx.cf;
  const scale = cf.scale;
  const scratch = ctx.scratch;
  const missing: string[] = [];
  const sections: SectionResult[] = new Array(cf.sections.length);
  let base = ZERO;
  let bonus = ZERO;
  let deduction = ZERO;
  let baseS = 0;
  let bonusS = 0;
  let deductionS = 0;
  let naS = 0;
  let naX: Rational | null = null;

  for (let si = 0; si < cf.sections.length; si++) {
    const cs = cf.sections[si];
    const isVeto = cs.role === 'veto';
    let secS = 0;
    let secX: Rational | null = null;
    let secMaxS = 0;
    let secMaxX: Rational | null = null;
    const items: ItemResult[] = new Array(cs.items.length);
    for (let ii = 0; ii < cs.items.length; ii++) {
      const ci = cs.items[ii];
      let done = itemDone[ci.index];
      if (done === undefined) {
        // not answered at all
        const ccs = ci.criteria;
        for (let j = 0; j < ccs.length; j++) scratch[j] = ccs[j].sMissing;
        done = resolveItem(ctx, ci, scratch);
      }
      items[ii] = done.result;
      for (let m = 0; m < done.missing.length; m++) missing.push(done.missing[m]);
      if (done.x === null) secS += done.s;
      else secX = add(secX ?? ZERO, done.x);
      if (done.maxX === null) secMaxS += done.maxS;
      else secMaxX = add(secMaxX ?? ZERO, done.maxX);
      if (cs.role === 'base') {
        naS += done.naS;
        if (done.naX) naX = add(naX ?? ZERO, done.naX);
      }
    }
    let sectionCapped = false;
    let scoreText: string;
    let maxText: string;
    if (secX === null && cs.pointsScaled === cs.pointsScaled) {
      // the common case: integers in units of 1/scale
      if (!isVeto && secS > cs.pointsScaled) {
        secS = cs.pointsScaled;
        sectionCapped = true;
      }
      if (cs.role === 'base') baseS += secS;
      else if (cs.role === 'bonus') bonusS += secS;
      else if (cs.role === 'deduction') deductionS += secS;
      scoreText = scaledText(secS, scale, cs.textCache);
    } else {
      let sectionScore = accValue(secS, secX, scale);
      if (!isVeto && cmp(sectionScore, cs.points) > 0) {
        sectionScore = cs.points;
        sectionCapped = true;
      }
      if (cs.role === 'base') base = add(base, sectionScore);
      else if (cs.role === 'bonus') bonus = add(bonus, sectionScore);
      else if (cs.role === 'deduction') deduction = add(deduction, sectionScore);
      scoreText = toDecimalString(sectionScore);
    }
    if (cs.role !== 'base') maxText = cs.pointsText;
    else if (secMaxX === null) maxText = scaledText(secMaxS, scale, cs.textCache);
    else maxText = toDecimalString(accValue(secMaxS, secMaxX, scale));
    const sr: SectionResult = {
      code: cs.code,
      title: cs.section.title,
      role: cs.role,
      score: scoreText,
      maximum: maxText,
      points: cs.pointsText,
      items,
    };
    if (sectionCapped) sr.capped = true;
    sections[si] = sr;
  }
  return { sections, missing, baseS, bonusS, deductionS, naS, naX, base, bonus, deduction };
}

/** base × totalPoints / (basePoints − na) from the scaled integers, or null when a product is not a safe integer. */
function proratedOnGrid(cf: CompiledFramework, baseS: number, naS: number): Rational | null {
  const T = cf.totalPoints;
  const scale = cf.scale;
  if (typeof T.n !== 'number' || typeof T.d !== 'number' || scale % T.d !== 0) return null;
  const maxS = cf.basePointsScaled - naS;
  if (maxS === 0) return ZERO;
  const n = baseS * T.n * (scale / T.d);
  const d = scale * maxS;
  return Number.isSafeInteger(n) && Number.isSafeInteger(d) ? rat(n, d) : null;
}

/** Phase 3: totals, ineligibility, grade and pass, and the unit's result object. */
export function finishUnit(
  ctx: Ctx,
  u: UnitInput,
  unitCode: string,
  sums: UnitSums,
  vetoCodes: string[],
  missing: string[],
  sections: SectionResult[],
  bands: readonly GradeBand[] | undefined,
): UnitWork {
  const cf = ctx.cf;
  const issues = ctx.issues;
  const scale = cf.scale;
  const fw = cf.framework;
  const { baseS, bonusS, deductionS, naS, naX } = sums;
  let { base, bonus, deduction } = sums;
  // the common case stays on the integer grid (units of 1/scale); rationals only off it
  const onGrid = base === ZERO && bonus === ZERO && deduction === ZERO && naX === null && cf.basePointsScaled === cf.basePointsScaled;
  if (!onGrid) {
    if (baseS !== 0) base = add(base, rat(baseS, scale));
    if (bonusS !== 0) bonus = add(bonus, rat(bonusS, scale));
    if (deductionS !== 0) deduction = add(deduction, rat(deductionS, scale));
  }
  const naPoints = onGrid ? ZERO : accValue(naS, naX, scale);

  // ineligibility (evaluation)
  let ineligibilityCodes: string[] = EMPTY;
  const ine = u.ineligibility;
  if (ine !== undefined && (ine === null || typeof ine !== 'object' || Array.isArray(ine))) {
    issues.push({ unit: unitCode, code: 'ineligibility', message: 'ineligibility 须为对象：不予受理情形编号 → true/false' });
  } else if (ine !== undefined) {
    for (const k in ine) {
      if (!cf.ineligibilityCodes.has(k)) {
        issues.push({
          unit: unitCode,
          code: `ineligibility.${k}`,
          message:
            cf.ineligibilityCodes.size === 0
              ? `指标体系${fw.id}没有不予受理情形`
              : `没有不予受理情形${k}；允许：${[...cf.ineligibilityCodes].join('、')}`,
        });
      } else if (typeof ine[k] !== 'boolean') {
        issues.push({ unit: unitCode, code: `ineligibility.${k}`, message: '不予受理情形的答案须为 true 或 false' });
      } else if (ine[k]) (ineligibilityCodes === EMPTY ? (ineligibilityCodes = []) : ineligibilityCodes).push(k);
    }
  }
  const ineCodes = cf.ineligibilityList;
  for (let i = 0; i < ineCodes.length; i++) if (ine?.[ineCodes[i]] === undefined) missing.push(`ineligibility.${ineCodes[i]}`);

  const prorate = (fw.notApplicablePolicy ?? 'none') === 'prorate';
  let total: Rational;
  let prorated: Rational | null = null;
  let scoreText: string;
  let maximumText: string;
  let naText: string;
  let bonusText: string;
  let deductionText: string;
  let proratedText: string | null = null;
  let totalText: string;
  const cache = cf.textCache;
  if (onGrid && !(prorate && naS !== 0)) {
    let t = baseS + bonusS - deductionS;
    if (t < 0) t = 0;
    total = rat(t, scale);
    totalText = scaledText(t, scale, cache);
    scoreText = scaledText(baseS, scale, cache);
    maximumText = scaledText(cf.basePointsScaled - naS, scale, cache);
    naText = scaledText(naS, scale, cache);
    bonusText = scaledText(bonusS, scale, cache);
    deductionText = scaledText(deductionS, scale, cache);
    if (prorate) proratedText = scoreText;
  } else if (onGrid && (prorated = proratedOnGrid(cf, baseS, naS)) !== null) {
    // prorated, from integers: prorated = base × scale / maximum, total = prorated + bonus − deduction
    const maxS = cf.basePointsScaled - naS;
    total = maxS === 0 ? rat(bonusS - deductionS, scale) : sub(prorated, rat(deductionS - bonusS, scale));
    if (total.n < 0) total = ZERO;
    totalText = textOf(cf, total);
    scoreText = scaledText(baseS, scale, cache);
    maximumText = scaledText(maxS, scale, cache);
    naText = scaledText(naS, scale, cache);
    bonusText = scaledText(bonusS, scale, cache);
    deductionText = scaledText(deductionS, scale, cache);
    proratedText = textOf(cf, prorated);
  } else {
    if (onGrid) {
      base = rat(baseS, scale);
      bonus = rat(bonusS, scale);
      deduction = rat(deductionS, scale);
    }
    const na = onGrid ? rat(naS, scale) : naPoints;
    const maximum = sub(cf.basePoints, na);
    let baseFinal = base;
    if (prorate) {
      prorated = na.n === 0 ? base : maximum.n === 0 ? ZERO : div(mul(base, cf.totalPoints), maximum);
      baseFinal = prorated;
    }
    total = sub(add(baseFinal, bonus), deduction);
    if (total.n < 0) total = ZERO;
    totalText = textOf(cf, total);
    scoreText = textOf(cf, base);
    maximumText = textOf(cf, maximum);
    naText = textOf(cf, na);
    bonusText = textOf(cf, bonus);
    deductionText = textOf(cf, deduction);
    proratedText = prorated === null ? null : textOf(cf, prorated);
  }
  const veto = vetoCodes.length > 0;
  const ineligible = ineligibilityCodes.length > 0;
  let grade: string | null = null;
  let passed: boolean | null = null;
  if (fw.kind === 'assessment') {
    grade = gradeFor(total, bands ?? fw.gradeBands ?? DEFAULT_GRADE_BANDS, veto, fw.vetoGrade ?? 'D');
  } else {
    if (bands) grade = gradeFor(total, bands, veto || ineligible, fw.vetoGrade ?? 'D');
    passed = fw.passMark === undefined ? null : !veto && !ineligible && cmp(total, cf.passMark ?? fromNumber(fw.passMark)) >= 0;
  }
  // plain data: a name or peer group not given is left out (not an undefined field)
  const result: UnitResult = {
    unit: unitCode,
    ...(u.name !== undefined && { name: u.name }),
    ...(u.peerGroup !== undefined && { peerGroup: u.peerGroup }),
    total: totalText,
    totalExact: total.d === 1 ? totalText : toFractionString(total),
    score: scoreText,
    maximum: maximumText,
    scale: cf.totalPointsText,
    notApplicablePoints: naText,
    prorated: proratedText,
    bonus: bonusText,
    deduction: deductionText,
    veto,
    vetoCodes,
    ineligible,
    ineligibilityCodes,
    grade,
    passed,
    rank: 0,
    peerRank: 0,
    missing: missing.length ? missing : EMPTY,
    sections,
  };
  return { result, total, approx: toApprox(total), excluded: veto || ineligible };
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
