/**
 * One criterion: read an answer, check it against the criterion's rule, and find its outcome (score and
 * explanation). Outcomes that do not depend on the unit are shared within a call (see model.ts Scored). Internal.
 */
import type { Answer } from './answers';
import type { ScoringIssue } from './errors';
import { DEFAULT_TIER_LABELS, difference, show, TEXT, withUnit } from './explain';
import { Kind, scaled, type AnswerObj, type CompiledCriterion, type Ctx, type RankInfo, type Scored } from './model';
import { cmp, div, floor, fromNumber, mul, sub, toDecimalString, ZERO, type Rational } from './rational';
import type { CriterionResult, RankTier } from './types';
import { wholeCountProblem } from '../figures';

const TIER_NAMES: RankTier[] = ['top', 'middle', 'rest'];

/**
 * An outcome with score `raw` (capped at the criterion's points). The explanation may be a function: then the
 * output object is built only when resultOf() is first called (a national run reads few of them).
 */

/** a figure as typed, cut short when it runs long (1e308 printed in full is 309 digits): its first digits and how many the whole part has */
const shortFigure = (text: string): string => (text.length <= 20 ? text : `${text.slice(0, 8)}…（整数部分${text.replace(/^-/, '').split('.')[0].length}位）`);

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
    say = say.replace(/得[^，；得]+分$/, `得${cc.pointsText}分`) + TEXT.capped(rt, cc.pointsText);
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

/** Mark a fixed outcome (made once per framework by compile.ts) as shared under this id, and freeze it. */
export function shareOutcome(s: Scored, id: number): Scored {
  s.shared = true;
  s.id = id;
  Object.freeze(resultOf(s));
  return s;
}

export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** the longest figure a message prints back (a 16-digit id or amount reads; longer is described) */
const SHOWN_MAX = 20;

/** Reads a value / ratio answer into the rule's unit. Returns undefined and records an issue when invalid. */
export function readValue(
  cc: CompiledCriterion,
  a: AnswerObj,
  unit: string,
  issues: ScoringIssue[],
): Rational | undefined {
  let value: Rational;
  if (a.value !== undefined) {
    if (!isFiniteNumber(a.value)) {
      issues.push({ unit, code: cc.fullCode, message: `实测值须为数字；允许：${cc.allowed}` });
      return undefined;
    }
    // a figure of whole things (获奖企业数量, 个) is a whole number: 2.5 is a typing slip, as on a peer table (figures.ts)
    const fraction = wholeCountProblem('数值', cc.unit, a.value);
    if (fraction) {
      issues.push({ unit, code: cc.fullCode, message: fraction });
      return undefined;
    }
    value = fromNumber(a.value);
  } else {
    const r = a.ratio;
    if (!Array.isArray(r) || r.length !== 2 || !isFiniteNumber(r[0]) || !isFiniteNumber(r[1]) || r[1] === 0) {
      issues.push({ unit, code: cc.fullCode, message: `分子/分母须为两个数字且分母不为0；允许：${cc.allowed}` });
      return undefined;
    }
    const an = fromNumber(r[0]);
    const bd = fromNumber(r[1]);
    value = mul(div(an, bd), cc.ratioScale);
  }
  const vr = cc.valueRange;
  if (vr && (cmp(value, vr[0]) < 0 || cmp(value, vr[1]) > 0)) {
    // a figure too long to read (1e308 has 309 digits) is described, not printed back
    const shown = show(value);
    const what = shown.length <= SHOWN_MAX ? `数值${withUnit(shown, cc.unit)}` : `数值过${cmp(value, vr[1]) > 0 ? '大' : '小'}，`;
    issues.push({
      unit,
      code: cc.fullCode,
      message: `${what}超出允许范围${toDecimalString(vr[0])}～${toDecimalString(vr[1])}${cc.unit}`,
    });
    return undefined;
  }
  return value;
}

/** "a/b = " before the value in an explanation, for a ratio answer (read by readValue); '' for a value. */
function valuePrefix(a: AnswerObj): string {
  const r = a.ratio as [number, number] | undefined;
  return a.value === undefined && r !== undefined ? TEXT.ratio(show(fromNumber(r[0])), show(fromNumber(r[1])), '') : '';
}

export function answerKind(a: AnswerObj): 'level' | 'value' | 'score' | 'bad' {
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

/** An answer as the person typed it: 是 / 否, 合理缺项, "得分 5", "档次 0.5", "实测值 95", "3/4"; anything else as sent. */
function givenText(a: unknown): string {
  if (typeof a === 'boolean') return a ? '是' : '否';
  if (a === 'na') return '合理缺项';
  if (typeof a === 'object' && a !== null && !Array.isArray(a)) {
    const o = a as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      const v = o[keys[0]];
      if (keys[0] === 'score' && typeof v === 'number') return `得分${v}`;
      if (keys[0] === 'level' && typeof v === 'number') return `档次${v}`;
      if (keys[0] === 'value' && typeof v === 'number') return `实测值${v}`;
      if (keys[0] === 'ratio' && Array.isArray(v) && v.length === 2) return `${String(v[0])}/${String(v[1])}`;
    }
    return JSON.stringify(a).slice(0, 60);
  }
  return JSON.stringify(a) ?? String(a);
}

/** the label of an answer {score | level | value: n} whose number is no finite number (JSON's 1e400 arrives as Infinity), or null */
function nonFiniteLabel(a: unknown): string | null {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return null;
  const labels: Record<string, string> = { score: '得分', level: '档次', value: '实测值' };
  for (const [k, v] of Object.entries(a)) if (typeof v === 'number' && !Number.isFinite(v)) return labels[k] ?? k;
  return null;
}

function wrongKind(cc: CompiledCriterion, unit: string, issues: ScoringIssue[], a: unknown): void {
  const huge = nonFiniteLabel(a);
  if (huge) {
    issues.push({ unit, code: cc.fullCode, message: `${huge}过大或不是有效数字，请填写一个数；允许：${cc.allowed}` });
    return;
  }
  const given = givenText(a);
  const why = a === 'na' ? '本项不允许合理缺项' : '答案类型与评分方法不符';
  // a bare number that names one of the levels: say how a level is written (it read as "20 is not one of 20、10、0")
  const asLevel = typeof a === 'number' && cc.levelNums?.includes(a) ? `；档次须写作 {"level": ${a}}` : '';
  issues.push({ unit, code: cc.fullCode, message: `${why}（填的是${given}）；允许：${cc.allowed}${asLevel}` });
}

/** The per-call cache map holding an answer's outcome: by value, or by ratio numerator then denominator. */
function cacheMap(ctx: Ctx, cc: CompiledCriterion, key: unknown, ratio: unknown, create: boolean): [Map<number, Scored>, number] | undefined {
  if (typeof key === 'number') {
    let m = ctx.caches[cc.index];
    if (m === undefined) {
      if (!create) return undefined;
      ctx.caches[cc.index] = m = new Map();
    }
    return [m, key];
  }
  if (Array.isArray(ratio) && typeof ratio[0] === 'number' && typeof ratio[1] === 'number') {
    let byNum = ctx.ratioCaches[cc.index];
    if (byNum === undefined) {
      if (!create) return undefined;
      ctx.ratioCaches[cc.index] = byNum = new Map();
    }
    let m = byNum.get(ratio[0]);
    if (m === undefined) {
      if (!create) return undefined;
      byNum.set(ratio[0], (m = new Map()));
    }
    return [m, ratio[1]];
  }
  return undefined;
}

function cached(ctx: Ctx, cc: CompiledCriterion, key: unknown, ratio?: unknown): Scored | undefined {
  if (typeof key === 'number') return ctx.caches[cc.index]?.get(key);
  const slot = cacheMap(ctx, cc, key, ratio, false);
  return slot ? slot[0].get(slot[1]) : undefined;
}

/** Share an outcome for the rest of the call (bounded: at most VALUE_CACHE_LIMIT per criterion). */
function remember(ctx: Ctx, cc: CompiledCriterion, key: unknown, sc: Scored, ratio?: unknown): Scored {
  const id = ctx.nextId[cc.index] ?? 4 + cc.levels.length;
  if (id >= cc.radix) return sc;
  const slot = cacheMap(ctx, cc, key, ratio, true);
  if (!slot) return sc;
  ctx.nextId[cc.index] = id + 1;
  sc.shared = true;
  sc.id = id;
  if (sc.result !== undefined) Object.freeze(sc.result);
  slot[0].set(slot[1], sc);
  return sc;
}

/** The outcome of a rank criterion answered with a value, from its place among peers (rank pass). */
export function rankOutcome(ctx: Ctx, cc: CompiledCriterion, info: RankInfo): Scored {
  const scale = ctx.cf.scale;
  // same value, same place in the same-sized group → the same outcome (shared, so the item can be reused)
  const key = info.key;
  let byPlace: Map<number, Scored> | undefined;
  if (key !== undefined) {
    let m = ctx.rankCaches[cc.rankIndex];
    if (m === undefined) ctx.rankCaches[cc.rankIndex] = m = new Map();
    byPlace = m.get(key);
    if (byPlace === undefined) m.set(key, (byPlace = new Map()));
    const hit = byPlace.get(info.rank * 1048576 + info.of);
    if (hit !== undefined) return hit;
  }
  const text = cc.levelTexts[info.tier];
  const { answer, value, of, rank, tier } = info;
  const sc = makeScored(
    cc,
    cc.levels[tier],
    text,
    () => TEXT.rank(valuePrefix(answer) + withUnit(show(value), cc.unit), of, rank, DEFAULT_TIER_LABELS[tier], text),
    scale,
    { rank, of, tier: TIER_NAMES[tier] },
  );
  if (byPlace !== undefined) {
    const id = (ctx.nextId[cc.index] ??= 4 + cc.levels.length);
    if (id < cc.radix) {
      ctx.nextId[cc.index] = id + 1;
      sc.shared = true;
      sc.id = id;
      byPlace.set(info.rank * 1048576 + info.of, sc);
    }
  }
  return sc;
}

/** Score one criterion. Never throws; records issues (and then returns the "missing" outcome). */
export function scoreCriterion(ctx: Ctx, cc: CompiledCriterion, a: Answer | undefined, unit: string, unitIndex: number): Scored {
  if (a === undefined || a === null) return cc.sMissing;
  const issues = ctx.issues;
  if (a === 'na') {
    if (!cc.naAllowed) {
      wrongKind(cc, unit, issues, a);
      return cc.sMissing;
    }
    return cc.sNa;
  }
  const scale = ctx.cf.scale;
  switch (cc.kind) {
    case Kind.Boolean: {
      if (typeof a !== 'boolean') break;
      return a ? cc.sTrue : cc.sFalse;
    }
    case Kind.Levels:
    case Kind.Rank: {
      if (typeof a !== 'object') break;
      const k = answerKind(a as AnswerObj);
      if (k === 'level') {
        const lv = (a as AnswerObj).level;
        // levels were read from JSON numbers and answers are JSON numbers: the same double ⇔ the same decimal
        const nums = cc.levelNums;
        for (let i = 0; i < nums.length; i++) if (nums[i] === lv) return cc.sLevels[i];
        issues.push({
          unit,
          code: cc.fullCode,
          message: typeof lv === 'number' && !Number.isFinite(lv) ? `档次过大或不是有效数字，请填写一个数；允许：${cc.allowed}` : `档次${JSON.stringify(lv)}不在评分方法列出的档次中；允许：${cc.allowed}`,
        });
        return cc.sMissing;
      }
      if (k === 'value' && cc.kind === Kind.Rank) {
        const info = ctx.rankData[cc.rankIndex][unitIndex];
        if (!info) return cc.sMissing; // its issue was recorded in the ranking pass
        return rankOutcome(ctx, cc, info);
      }
      break;
    }
    case Kind.Threshold: {
      if (typeof a !== 'object' || answerKind(a as AnswerObj) !== 'value') break;
      const key = (a as AnswerObj).value;
      const ratio = (a as AnswerObj).ratio;
      const hitCache = cached(ctx, cc, key, ratio);
      if (hitCache) return hitCache;
      const v = readValue(cc, a as AnswerObj, unit, issues);
      if (!v) return cc.sMissing;
      const bounds = cc.bounds;
      let hit = -1;
      for (let i = 0; i < bounds.length; i++) {
        const c = cmp(v, bounds[i]);
        if (cc.higher ? c >= 0 : c <= 0) {
          hit = i;
          break;
        }
      }
      // the explanation is written only if somebody reads it
      const answer = a as AnswerObj;
      const valueText = () => valuePrefix(answer) + withUnit(show(v), cc.unit);
      let sc: Scored;
      if (hit >= 0) {
        const raw = cc.stepPoints[hit];
        const say = () => TEXT.thresholdReached(valueText(), cc.higher ? '≥' : '≤', withUnit(show(bounds[hit]), cc.unit), toDecimalString(raw));
        sc = makeScored(cc, raw, undefined, say, scale);
      } else {
        const raw = cc.otherwise;
        const say = () => TEXT.thresholdMissed(valueText(), '', withUnit(show(bounds[bounds.length - 1]), cc.unit), toDecimalString(raw));
        sc = makeScored(cc, raw, undefined, say, scale);
      }
      return remember(ctx, cc, key, sc, ratio);
    }
    case Kind.Linear: {
      if (typeof a !== 'object' || answerKind(a as AnswerObj) !== 'value') break;
      const key = (a as AnswerObj).value;
      const ratio = (a as AnswerObj).ratio;
      const hitCache = cached(ctx, cc, key, ratio);
      if (hitCache) return hitCache;
      const v = readValue(cc, a as AnswerObj, unit, issues);
      if (!v) return cc.sMissing;
      const shortfall = cc.higher ? sub(cc.target, v) : sub(v, cc.target);
      const dec = cc.linearDecimals;
      const answer = a as AnswerObj;
      const targetText = () => withUnit(show(cc.target), cc.unit);
      let sc: Scored;
      if (shortfall.n <= 0) {
        const say = () => TEXT.linearFull(valuePrefix(answer) + withUnit(show(v), cc.unit), targetText(), cc.pointsText);
        sc = makeScored(cc, cc.points, cc.pointsText, say, scale);
      } else {
        const steps = div(shortfall, cc.step);
        const ded = mul(cc.proportional ? steps : floor(steps), cc.deduct);
        const left = sub(cc.points, ded);
        const floored = left.n < 0;
        const raw = floored ? ZERO : left;
        const say = () =>
          TEXT.linearShort(
            valuePrefix(answer) + withUnit(show(v, dec), cc.unit),
            targetText(),
            cc.higher ? '低' : '高',
            difference(show(shortfall, dec), cc.unit),
            show(ded),
            toDecimalString(raw),
            floored,
          );
        sc = makeScored(cc, raw, undefined, say, scale);
      }
      return remember(ctx, cc, key, sc, ratio);
    }
    case Kind.Direct: {
      const sv = typeof a === 'object' && answerKind(a as AnswerObj) === 'score' ? (a as AnswerObj).score : undefined;
      if (!isFiniteNumber(sv)) break;
      const hitCache = cached(ctx, cc, sv);
      if (hitCache) return hitCache;
      const raw = fromNumber(sv);
      if (cmp(raw, cc.directMin) < 0 || cmp(raw, cc.points) > 0) {
        issues.push({ unit, code: cc.fullCode, message: `分数${shortFigure(show(raw))}超出范围；允许：${cc.allowed}` });
        return cc.sMissing;
      }
      const rawText = toDecimalString(raw);
      const say = cc.role === 'bonus' ? TEXT.bonus(rawText) : cc.role === 'deduction' ? TEXT.deduction(rawText) : TEXT.direct(rawText);
      return remember(ctx, cc, sv, makeScored(cc, raw, rawText, say, scale));
    }
  }
  wrongKind(cc, unit, issues, a);
  return cc.sMissing;
}
