/**
 * The scoring engine: scoreFramework(framework, input) → results for every unit; scoreUnit for live preview.
 *
 * Exact: all arithmetic is on rationals (./rational.ts); every score in the output is a decimal string
 * ("14.5"), exact whenever the value has a finite decimal expansion (always, except a prorated total or a
 * proportional deduction with an awkward divisor: those are rounded to 6 places, and `totalExact` carries the
 * exact fraction "p/q"). Convert with Number(x) for display if you must; never add the numbers back up.
 *
 * One pass over the units (plus a small first pass over rank criteria to rank peers). Every bad answer is
 * collected; if there is any, a ScoringInputError listing all of them is thrown (CLI: exit 2, server: 400).
 */
import type { Framework } from './framework-schema';
import type { Answer, ScoreInput, UnitInput } from './answers';
import { compileFramework, Kind, type CompiledCriterion, type CompiledFramework } from './compile';
import { ScoringInputError, type ScoringIssue } from './errors';
import { DEFAULT_TIER_LABELS, show, TEXT, withUnit } from './explain';
import { DEFAULT_GRADE_BANDS, gradeFor, type GradeBand } from './grade';
import {
  add,
  cmp,
  div,
  floor,
  fromNumber,
  mul,
  sub,
  toDecimalString,
  toFractionString,
  ZERO,
  type Rational,
} from './rational';

export type CriterionStatus = 'scored' | 'missing' | 'na';
export type RankTier = 'top' | 'middle' | 'rest';

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
  /** the method awarded more than the criterion's points; score was capped */
  capped?: true;
  /** rank criteria answered with a value */
  rank?: { rank: number; of: number; tier: RankTier };
}

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
}

interface RankInfo {
  value: Rational;
  valueText: string;
  rank: number;
  of: number;
  tier: 0 | 1 | 2;
}

const TIER_NAMES: RankTier[] = ['top', 'middle', 'rest'];
const ZERO_TEXT = '0';

type AnswerObj = { level?: unknown; value?: unknown; ratio?: unknown; score?: unknown };

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Reads a value / ratio answer into the rule's unit. Returns undefined and records an issue when invalid. */
function readValue(
  cc: CompiledCriterion,
  a: AnswerObj,
  unit: string,
  issues: ScoringIssue[],
): { value: Rational; text: string } | undefined {
  let value: Rational;
  let text: string;
  if (a.value !== undefined) {
    if (!isFiniteNumber(a.value)) {
      issues.push({ unit, code: cc.fullCode, message: `value 须为数字；允许：${cc.allowed}` });
      return undefined;
    }
    value = fromNumber(a.value);
    text = '';
  } else {
    const r = a.ratio;
    if (!Array.isArray(r) || r.length !== 2 || !isFiniteNumber(r[0]) || !isFiniteNumber(r[1]) || r[1] === 0) {
      issues.push({ unit, code: cc.fullCode, message: `ratio 须为 [分子, 分母] 两个数字且分母不为 0；允许：${cc.allowed}` });
      return undefined;
    }
    const an = fromNumber(r[0]);
    const bd = fromNumber(r[1]);
    value = mul(div(an, bd), cc.ratioScale);
    text = TEXT.ratio(show(an), show(bd), '');
  }
  const vr = cc.valueRange;
  if (vr && (cmp(value, vr[0]) < 0 || cmp(value, vr[1]) > 0)) {
    issues.push({
      unit,
      code: cc.fullCode,
      message: `数值 ${withUnit(show(value), cc.unit)} 超出允许范围 ${toDecimalString(vr[0])}～${toDecimalString(vr[1])}${cc.unit}`,
    });
    return undefined;
  }
  return { value, text };
}

function answerKind(a: AnswerObj): 'level' | 'value' | 'score' | 'bad' {
  let k: 'level' | 'value' | 'score' | 'bad' = 'bad';
  let count = 0;
  if (a.level !== undefined) {
    k = 'level';
    count++;
  }
  if (a.value !== undefined || a.ratio !== undefined) {
    k = 'value';
    count++;
    if (a.value !== undefined && a.ratio !== undefined) count++;
  }
  if (a.score !== undefined) {
    k = 'score';
    count++;
  }
  return count === 1 ? k : 'bad';
}

function wrongKind(cc: CompiledCriterion, unit: string, issues: ScoringIssue[], a: unknown): void {
  const given =
    typeof a === 'boolean'
      ? String(a)
      : a === 'na'
        ? '"na"'
        : typeof a === 'object' && a !== null
          ? JSON.stringify(a).slice(0, 60)
          : JSON.stringify(a) ?? String(a);
  const why = a === 'na' ? '本项不允许合理缺项' : '答案类型与评分方法不符';
  issues.push({ unit, code: cc.fullCode, message: `${why}（填的是 ${given}）；允许：${cc.allowed}` });
}

interface Outcome {
  score: Rational;
  scoreText: string;
  status: CriterionStatus;
  explanation: string;
  capped: boolean;
  rank?: { rank: number; of: number; tier: RankTier };
}

const MISSING: Outcome = { score: ZERO, scoreText: ZERO_TEXT, status: 'missing', explanation: TEXT.missing, capped: false };

/** Score one criterion. Never throws; records issues. */
function scoreCriterion(
  cc: CompiledCriterion,
  a: Answer | undefined,
  unit: string,
  unitIndex: number,
  rankData: (RankInfo | undefined)[][],
  issues: ScoringIssue[],
): Outcome {
  if (a === undefined || a === null) return MISSING;
  if (a === 'na') {
    if (!cc.naAllowed) {
      wrongKind(cc, unit, issues, a);
      return MISSING;
    }
    return { score: ZERO, scoreText: ZERO_TEXT, status: 'na', explanation: TEXT.na(cc.pointsText), capped: false };
  }
  let raw: Rational;
  let rawText: string;
  let explanation: string;
  let rank: Outcome['rank'];
  switch (cc.kind) {
    case Kind.Boolean: {
      if (typeof a !== 'boolean') {
        wrongKind(cc, unit, issues, a);
        return MISSING;
      }
      if (cc.role === 'veto')
        return { score: ZERO, scoreText: ZERO_TEXT, status: 'scored', explanation: a ? TEXT.vetoMet : TEXT.vetoNotMet, capped: false };
      if (a) {
        raw = cc.points;
        rawText = cc.pointsText;
        explanation =
          cc.role === 'bonus' ? TEXT.bonus(rawText) : cc.role === 'deduction' ? TEXT.deduction(rawText) : TEXT.met(rawText);
      } else {
        raw = ZERO;
        rawText = ZERO_TEXT;
        explanation = cc.role === 'bonus' ? TEXT.bonus('0') : cc.role === 'deduction' ? TEXT.deduction('0') : TEXT.notMet;
      }
      return { score: raw, scoreText: rawText, status: 'scored', explanation, capped: false };
    }
    case Kind.Levels:
    case Kind.Rank: {
      if (typeof a !== 'object') {
        wrongKind(cc, unit, issues, a);
        return MISSING;
      }
      const k = answerKind(a as AnswerObj);
      if (k === 'level') {
        const lv = (a as AnswerObj).level;
        let idx = -1;
        if (isFiniteNumber(lv)) {
          const q = fromNumber(lv);
          const levels = cc.levels;
          for (let i = 0; i < levels.length; i++) {
            if (cmp(levels[i], q) === 0) {
              idx = i;
              break;
            }
          }
        }
        if (idx < 0) {
          issues.push({
            unit,
            code: cc.fullCode,
            message: `档次 ${JSON.stringify(lv)} 不在评分方法列出的档次中；允许：${cc.allowed}`,
          });
          return MISSING;
        }
        raw = cc.levels[idx];
        rawText = cc.levelTexts[idx];
        explanation =
          cc.kind === Kind.Levels
            ? TEXT.level(rawText, cc.levelLabels[idx], rawText)
            : TEXT.rankLevel(cc.levelLabels[idx] ?? DEFAULT_TIER_LABELS[idx], rawText);
        break;
      }
      if (k === 'value' && cc.kind === Kind.Rank) {
        const info = rankData[cc.rankIndex][unitIndex];
        if (!info) return MISSING; // its issue was recorded in the ranking pass
        raw = cc.levels[info.tier];
        rawText = cc.levelTexts[info.tier];
        explanation = TEXT.rank(
          info.valueText,
          info.of,
          info.rank,
          cc.levelLabels[info.tier] ?? DEFAULT_TIER_LABELS[info.tier],
          rawText,
        );
        rank = { rank: info.rank, of: info.of, tier: TIER_NAMES[info.tier] };
        break;
      }
      wrongKind(cc, unit, issues, a);
      return MISSING;
    }
    case Kind.Threshold: {
      if (typeof a !== 'object' || answerKind(a as AnswerObj) !== 'value') {
        wrongKind(cc, unit, issues, a);
        return MISSING;
      }
      const v = readValue(cc, a as AnswerObj, unit, issues);
      if (!v) return MISSING;
      const bounds = cc.bounds;
      let hit = -1;
      for (let i = 0; i < bounds.length; i++) {
        const c = cmp(v.value, bounds[i]);
        if (cc.higher ? c >= 0 : c <= 0) {
          hit = i;
          break;
        }
      }
      const valueText = v.text + withUnit(show(v.value), cc.unit);
      if (hit >= 0) {
        raw = cc.stepPoints[hit];
        rawText = toDecimalString(raw);
        explanation = TEXT.thresholdReached(valueText, cc.higher ? '≥' : '≤', withUnit(show(bounds[hit]), cc.unit), rawText);
      } else {
        raw = cc.otherwise;
        rawText = toDecimalString(raw);
        explanation = TEXT.thresholdMissed(valueText, '', withUnit(show(bounds[bounds.length - 1]), cc.unit), rawText);
      }
      break;
    }
    case Kind.Linear: {
      if (typeof a !== 'object' || answerKind(a as AnswerObj) !== 'value') {
        wrongKind(cc, unit, issues, a);
        return MISSING;
      }
      const v = readValue(cc, a as AnswerObj, unit, issues);
      if (!v) return MISSING;
      const shortfall = cc.higher ? sub(cc.target, v.value) : sub(v.value, cc.target);
      const dec = cc.linearDecimals;
      const targetText = withUnit(show(cc.target), cc.unit);
      if (shortfall.n <= 0) {
        raw = cc.points;
        rawText = cc.pointsText;
        explanation = TEXT.linearFull(v.text + withUnit(show(v.value), cc.unit), targetText, rawText);
      } else {
        const valueText = v.text + withUnit(show(v.value, dec), cc.unit);
        const steps = div(shortfall, cc.step);
        const ded = mul(cc.proportional ? steps : floor(steps), cc.deduct);
        const left = sub(cc.points, ded);
        const floored = left.n < 0;
        raw = floored ? ZERO : left;
        rawText = toDecimalString(raw);
        explanation = TEXT.linearShort(
          valueText,
          targetText,
          cc.higher ? '低' : '高',
          withUnit(show(shortfall, dec), cc.unit),
          show(ded),
          rawText,
          floored,
        );
      }
      break;
    }
    case Kind.Direct: {
      const s = typeof a === 'object' && answerKind(a as AnswerObj) === 'score' ? (a as AnswerObj).score : undefined;
      if (!isFiniteNumber(s)) {
        wrongKind(cc, unit, issues, a);
        return MISSING;
      }
      raw = fromNumber(s);
      if (cmp(raw, cc.directMin) < 0 || cmp(raw, cc.points) > 0) {
        issues.push({
          unit,
          code: cc.fullCode,
          message: `分数 ${show(raw)} 超出范围；允许：${cc.allowed}`,
        });
        return MISSING;
      }
      rawText = toDecimalString(raw);
      explanation =
        cc.role === 'bonus' ? TEXT.bonus(rawText) : cc.role === 'deduction' ? TEXT.deduction(rawText) : TEXT.direct(rawText);
      break;
    }
    default:
      return MISSING;
  }
  if (cmp(raw, cc.points) > 0) {
    return {
      score: cc.points,
      scoreText: cc.pointsText,
      status: 'scored',
      explanation: explanation.replace(/得 [^ ]+ 分$/, `得 ${cc.pointsText} 分`) + TEXT.capped(rawText, cc.pointsText),
      capped: true,
      rank,
    };
  }
  return { score: raw, scoreText: rawText, status: 'scored', explanation, capped: false, rank };
}

function peerKey(u: UnitInput): string {
  return u.peerGroup ?? '';
}

/** First pass: read every rank criterion's values and rank peers (ties share the better rank). */
function rankPass(cf: CompiledFramework, units: readonly UnitInput[], issues: ScoringIssue[]): (RankInfo | undefined)[][] {
  const out: (RankInfo | undefined)[][] = [];
  if (cf.rankCriteria.length === 0) return out;
  const groups = new Map<string, number[]>();
  for (let i = 0; i < units.length; i++) {
    const k = peerKey(units[i]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(i);
  }
  for (const rc of cf.rankCriteria) {
    const infos: (RankInfo | undefined)[] = new Array(units.length);
    const itemCode = rc.fullCode.slice(0, rc.fullCode.length - rc.code.length - 1);
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      const a = u.answers?.[itemCode]?.[rc.code] as AnswerObj | undefined;
      if (a === undefined || a === null || typeof a !== 'object') continue;
      if (answerKind(a) !== 'value') continue;
      const v = readValue(rc, a, u.unit, issues);
      if (!v) continue;
      infos[i] = { value: v.value, valueText: v.text + withUnit(show(v.value), rc.unit), rank: 0, of: 0, tier: 2 };
    }
    for (const members of groups.values()) {
      const withValue: number[] = [];
      for (const i of members) if (infos[i]) withValue.push(i);
      const n = withValue.length;
      if (n === 0) continue;
      const sign = rc.higher ? -1 : 1;
      withValue.sort((x, y) => sign * cmp(infos[x]!.value, infos[y]!.value));
      const topCut = Math.ceil(n / 3);
      const midCut = Math.ceil((2 * n) / 3);
      let r = 1;
      for (let p = 0; p < n; p++) {
        const info = infos[withValue[p]]!;
        if (p > 0 && cmp(info.value, infos[withValue[p - 1]]!.value) !== 0) r = p + 1;
        info.rank = r;
        info.of = n;
        info.tier = r <= topCut ? 0 : r <= midCut ? 1 : 2;
      }
    }
    out.push(infos);
  }
  return out;
}

interface UnitWork {
  result: UnitResult;
  total: Rational;
  excluded: boolean;
}

function scoreOneUnit(
  cf: CompiledFramework,
  u: UnitInput,
  unitIndex: number,
  rankData: (RankInfo | undefined)[][],
  issues: ScoringIssue[],
  bands: readonly GradeBand[] | undefined,
): UnitWork {
  const fw = cf.framework;
  const unitCode = typeof u.unit === 'string' ? u.unit : String(u.unit);
  const answers = u.answers;
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    issues.push({ unit: unitCode, code: 'answers', message: 'answers 须为对象：考核内容编号 → 评分细则编号 → 答案' });
  }
  const ans = (answers && typeof answers === 'object' ? answers : {}) as Record<string, Record<string, Answer> | undefined>;
  const missing: string[] = [];
  const vetoCodes: string[] = [];
  const sections: SectionResult[] = [];
  let base = ZERO;
  let bonus = ZERO;
  let deduction = ZERO;
  let naPoints = ZERO;
  let itemsAnswered = 0;

  for (const cs of cf.sections) {
    let sectionSum = ZERO;
    let sectionMax = ZERO;
    const items: ItemResult[] = [];
    for (const ci of cs.items) {
      const ia = ans[ci.code];
      let answered = 0;
      if (ia !== undefined) {
        itemsAnswered++;
        if (ia === null || typeof ia !== 'object' || Array.isArray(ia)) {
          issues.push({ unit: unitCode, code: ci.code, message: '考核内容的答案须为对象：评分细则编号 → 答案，如 {"a": true}' });
        }
      }
      let itemSum = ZERO;
      let itemNa = ZERO;
      const crits: CriterionResult[] = new Array(ci.criteria.length);
      for (let j = 0; j < ci.criteria.length; j++) {
        const cc = ci.criteria[j];
        const a = ia && typeof ia === 'object' ? ia[cc.code] : undefined;
        if (a !== undefined) answered++;
        const o = scoreCriterion(cc, a, unitCode, unitIndex, rankData, issues);
        if (o.status === 'missing') missing.push(cc.fullCode);
        else if (o.status === 'na') itemNa = add(itemNa, cc.points);
        if (cs.role === 'veto' && a === true) vetoCodes.push(cc.fullCode);
        itemSum = add(itemSum, o.score);
        const cr: CriterionResult = {
          code: cc.fullCode,
          status: o.status,
          score: o.scoreText,
          maximum: o.status === 'na' ? ZERO_TEXT : cc.pointsText,
          explanation: o.explanation,
        };
        if (o.capped) cr.capped = true;
        if (o.rank) cr.rank = o.rank;
        crits[j] = cr;
      }
      if (ia && typeof ia === 'object' && !Array.isArray(ia)) {
        let keys = 0;
        for (const k in ia) if (Object.prototype.hasOwnProperty.call(ia, k)) keys++;
        if (keys !== answered) {
          for (const k of Object.keys(ia)) {
            if (!ci.criterionByCode.has(k))
              issues.push({
                unit: unitCode,
                code: `${ci.code}.${k}`,
                message: `第 ${ci.code} 项没有评分细则 ${k}；该项的评分细则为 ${ci.criteria.map((c) => c.code).join('、')}`,
              });
          }
        }
      }
      let itemScore = itemSum;
      let itemCapped = false;
      if (cmp(itemSum, ci.points) > 0) {
        itemScore = ci.points;
        itemCapped = true;
      }
      const itemMax = itemNa.n === 0 ? ci.points : sub(ci.points, itemNa);
      if (cs.role === 'base') naPoints = add(naPoints, itemNa);
      sectionSum = add(sectionSum, itemScore);
      sectionMax = add(sectionMax, itemMax);
      const ir: ItemResult = {
        code: ci.code,
        title: ci.item.title,
        score: itemScore === ci.points ? ci.pointsText : toDecimalString(itemScore),
        maximum: itemNa.n === 0 ? ci.pointsText : toDecimalString(itemMax),
        points: ci.pointsText,
        criteria: crits,
      };
      if (itemCapped) ir.capped = true;
      items.push(ir);
    }
    let sectionScore = sectionSum;
    let sectionCapped = false;
    if (cs.role !== 'veto' && cmp(sectionSum, cs.points) > 0) {
      sectionScore = cs.points;
      sectionCapped = true;
    }
    if (cs.role === 'base') base = add(base, sectionScore);
    else if (cs.role === 'bonus') bonus = add(bonus, sectionScore);
    else if (cs.role === 'deduction') deduction = add(deduction, sectionScore);
    const sr: SectionResult = {
      code: cs.code,
      title: cs.section.title,
      role: cs.role,
      score: toDecimalString(sectionScore),
      maximum: cs.role === 'base' ? toDecimalString(sectionMax) : cs.pointsText,
      points: cs.pointsText,
      items,
    };
    if (sectionCapped) sr.capped = true;
    sections.push(sr);
  }

  // unknown item codes
  let answerKeys = 0;
  for (const k in ans) if (Object.prototype.hasOwnProperty.call(ans, k)) answerKeys++;
  if (answerKeys !== itemsAnswered) {
    for (const k of Object.keys(ans)) {
      if (!cf.itemByCode.has(k))
        issues.push({
          unit: unitCode,
          code: k,
          message: `指标体系 ${fw.id} 中没有考核内容 ${k}；允许的编号：${[...cf.itemByCode.keys()].slice(0, 60).join('、')}${cf.itemByCode.size > 60 ? '……' : ''}`,
        });
    }
  }

  // ineligibility (evaluation)
  const ineligibilityCodes: string[] = [];
  const ine = u.ineligibility;
  if (ine !== undefined && ine !== null) {
    for (const k of Object.keys(ine)) {
      if (!cf.ineligibilityCodes.has(k)) {
        issues.push({
          unit: unitCode,
          code: `ineligibility.${k}`,
          message:
            cf.ineligibilityCodes.size === 0
              ? `指标体系 ${fw.id} 没有不予受理情形`
              : `没有不予受理情形 ${k}；允许：${[...cf.ineligibilityCodes].join('、')}`,
        });
      } else if (typeof ine[k] !== 'boolean') {
        issues.push({ unit: unitCode, code: `ineligibility.${k}`, message: '不予受理情形的答案须为 true 或 false' });
      } else if (ine[k]) ineligibilityCodes.push(k);
    }
  }
  for (const code of cf.ineligibilityCodes) if (ine?.[code] === undefined) missing.push(`ineligibility.${code}`);

  const maximum = sub(cf.basePoints, naPoints);
  let prorated: Rational | null = null;
  let baseFinal = base;
  if ((fw.notApplicablePolicy ?? 'none') === 'prorate') {
    prorated = naPoints.n === 0 ? base : maximum.n === 0 ? ZERO : div(mul(base, cf.totalPoints), maximum);
    baseFinal = prorated;
  }
  let total = sub(add(baseFinal, bonus), deduction);
  if (total.n < 0) total = ZERO;
  const veto = vetoCodes.length > 0;
  const ineligible = ineligibilityCodes.length > 0;
  const totalText = toDecimalString(total);
  let grade: string | null = null;
  let passed: boolean | null = null;
  if (fw.kind === 'assessment') {
    grade = gradeFor(total, bands ?? fw.gradeBands ?? DEFAULT_GRADE_BANDS, veto, fw.vetoGrade ?? 'D');
  } else {
    if (bands) grade = gradeFor(total, bands, veto || ineligible, fw.vetoGrade ?? 'D');
    passed = fw.passMark === undefined ? null : !veto && !ineligible && cmp(total, fromNumber(fw.passMark)) >= 0;
  }
  const result: UnitResult = {
    unit: unitCode,
    ...(u.name !== undefined ? { name: u.name } : {}),
    ...(u.peerGroup !== undefined ? { peerGroup: u.peerGroup } : {}),
    total: totalText,
    totalExact: toFractionString(total),
    score: toDecimalString(base),
    maximum: toDecimalString(maximum),
    scale: cf.totalPointsText,
    notApplicablePoints: toDecimalString(naPoints),
    prorated: prorated === null ? null : toDecimalString(prorated),
    bonus: toDecimalString(bonus),
    deduction: toDecimalString(deduction),
    veto,
    vetoCodes,
    ineligible,
    ineligibilityCodes,
    grade,
    passed,
    rank: 0,
    peerRank: 0,
    missing,
    sections,
  };
  return { result, total, excluded: veto || ineligible };
}

/** Competition ranking ("1224"): excluded (vetoed / ineligible) units after all others. */
function assignRanks(work: UnitWork[], idx: number[], set: (w: UnitWork, r: number) => void): void {
  idx.sort((x, y) => {
    const a = work[x];
    const b = work[y];
    if (a.excluded !== b.excluded) return a.excluded ? 1 : -1;
    return cmp(b.total, a.total);
  });
  let r = 1;
  for (let p = 0; p < idx.length; p++) {
    const w = work[idx[p]];
    if (p > 0) {
      const prev = work[idx[p - 1]];
      if (prev.excluded !== w.excluded || cmp(prev.total, w.total) !== 0) r = p + 1;
    }
    set(w, r);
  }
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
  const rankData = rankPass(cf, units, issues);
  const work: UnitWork[] = new Array(units.length);
  for (let i = 0; i < units.length; i++) work[i] = scoreOneUnit(cf, units[i], i, rankData, issues, options.gradeBands);
  if (issues.length) throw new ScoringInputError(issues);

  const all = work.map((_, i) => i);
  assignRanks(work, all, (w, r) => (w.result.rank = r));
  const groups = new Map<string, number[]>();
  for (let i = 0; i < units.length; i++) {
    const k = peerKey(units[i]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(i);
  }
  for (const g of groups.values()) assignRanks(work, g, (w, r) => (w.result.peerRank = r));

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
  const w = scoreOneUnit(cf, unit, 0, rankData, issues, options.gradeBands);
  if (issues.length) throw new ScoringInputError(issues);
  w.result.rank = 1;
  w.result.peerRank = 1;
  return w.result;
}

/** The exact decimal string of a result field as a JS number (display only). */
export function toNumber(decimal: string): number {
  return Number(decimal);
}
