/**
 * One unit, in full detail: every criterion's outcome with its explanation, item and section results, totals.
 * Used for single-unit scoring (live preview), for units off the 1/scale grid, and to build the per-node detail
 * of a batch result when it is first read (see batch.ts). Internal to the scoring package.
 */
import type { Answer, UnitInput } from './answers';
import {
  Kind,
  makeScored,
  resultOf,
  type CompiledCriterion,
  type CompiledFramework,
  type CompiledItem,
  type TextCache,
  type CriterionResult,
  type RankTier,
  type Scored,
} from './compile';
import type { ScoringIssue } from './errors';
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
  rat,
  ZERO,
  type Rational,
} from './rational';
import type { ItemResult, SectionResult, UnitResult } from './engine';

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

const K_BOOLEAN: Kind = Kind.Boolean;
const K_LEVELS: Kind = Kind.Levels;

const TIER_NAMES: RankTier[] = ['top', 'middle', 'rest'];

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
): Rational | undefined {
  let value: Rational;
  if (a.value !== undefined) {
    if (!isFiniteNumber(a.value)) {
      issues.push({ unit, code: cc.fullCode, message: `value 须为数字；允许：${cc.allowed}` });
      return undefined;
    }
    value = fromNumber(a.value);
  } else {
    const r = a.ratio;
    if (!Array.isArray(r) || r.length !== 2 || !isFiniteNumber(r[0]) || !isFiniteNumber(r[1]) || r[1] === 0) {
      issues.push({ unit, code: cc.fullCode, message: `ratio 须为 [分子, 分母] 两个数字且分母不为 0；允许：${cc.allowed}` });
      return undefined;
    }
    const an = fromNumber(r[0]);
    const bd = fromNumber(r[1]);
    value = mul(div(an, bd), cc.ratioScale);
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
  return value;
}

/** "a/b = " before the value in an explanation, for a ratio answer (read by readValue); '' for a value. */
function valuePrefix(a: AnswerObj): string {
  const r = a.ratio as [number, number] | undefined;
  return a.value === undefined && r !== undefined ? TEXT.ratio(show(fromNumber(r[0])), show(fromNumber(r[1])), '') : '';
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
  /** per criterion: shared outcomes made during this call, by id (ids 0–3 and levels live on the criterion) */
  byId: (Scored[] | undefined)[];
}

export function newCtx(cf: CompiledFramework, issues: ScoringIssue[], rankData: (RankInfo | undefined)[][]): Ctx {
  return { cf, issues, rankData, caches: [], itemDone: new Array(cf.items.length), scratch: [], memo: [], memoNum: [], memoArr: [], rankCaches: [], ratioCaches: [], nextId: [], byId: [] };
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
  registerShared(ctx, cc, sc);
  return sc;
}

function registerShared(ctx: Ctx, cc: CompiledCriterion, sc: Scored): void {
  let arr = ctx.byId[cc.index];
  if (arr === undefined) ctx.byId[cc.index] = arr = [];
  while (arr.length < sc.id) arr.push(cc.sMissing); // keep it packed (ids are handed out in order)
  arr[sc.id] = sc;
}

/** The shared outcome of a criterion with this id (ids from Scored.id of this call). */
export function sharedById(ctx: Ctx, cc: CompiledCriterion, id: number): Scored {
  switch (id) {
    case 0:
      return cc.sMissing;
    case 1:
      return cc.sNa;
    case 2:
      return cc.sTrue;
    case 3:
      return cc.sFalse;
  }
  if (id < 4 + cc.sLevels.length) return cc.sLevels[id - 4];
  const sc = ctx.byId[cc.index]?.[id];
  if (sc === undefined) throw new Error(`internal: no shared outcome ${id} for ${cc.fullCode}`);
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
      registerShared(ctx, cc, sc);
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
          message: `档次 ${JSON.stringify(lv)} 不在评分方法列出的档次中；允许：${cc.allowed}`,
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
            withUnit(show(shortfall, dec), cc.unit),
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
        issues.push({ unit, code: cc.fullCode, message: `分数 ${show(raw)} 超出范围；允许：${cc.allowed}` });
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

export function peerKey(u: UnitInput): string {
  return u.peerGroup ?? '';
}

/**
 * Compare two ranked values. Plain JSON numbers compare as doubles: the shortest decimal text is monotonic in
 * the double and equal exactly when the doubles are, so this agrees with the exact comparison.
 */
function cmpInfo(a: RankInfo, b: RankInfo): number {
  const x = a.key;
  const y = b.key;
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  return cmp(a.value, b.value);
}

/** First pass: read every rank criterion's values and rank peers (ties share the better rank). */
/** Positions of the units of each peer group, in input order. */
export function peerGroups(units: readonly UnitInput[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < units.length; i++) {
    const k = peerKey(units[i]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(i);
  }
  return groups;
}

/** Ranks and tiers of peers whose values are all JSON numbers (doubles compare exactly, see cmpInfo). */
function rankByKey(infos: (RankInfo | undefined)[], withValue: number[], higher: boolean): void {
  const n = withValue.length;
  const sorted = new Float64Array(n);
  for (let p = 0; p < n; p++) sorted[p] = infos[withValue[p]]!.key!;
  sorted.sort();
  const topCut = Math.ceil(n / 3);
  const midCut = Math.ceil((2 * n) / 3);
  for (let p = 0; p < n; p++) {
    const info = infos[withValue[p]]!;
    const k = info.key!;
    // first position with a value ≥ k (lower is better: the count strictly below) or > k (higher is better)
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (higher ? sorted[mid] <= k : sorted[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    const r = 1 + (higher ? n - lo : lo);
    info.rank = r;
    info.of = n;
    info.tier = r <= topCut ? 0 : r <= midCut ? 1 : 2;
  }
}

export function rankPass(
  cf: CompiledFramework,
  units: readonly UnitInput[],
  issues: ScoringIssue[],
  groups: Map<string, number[]> = peerGroups(units),
): (RankInfo | undefined)[][] {
  const out: (RankInfo | undefined)[][] = [];
  if (cf.rankCriteria.length === 0) return out;
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
      infos[i] = { value: v, answer: a, key: typeof a.value === 'number' ? a.value : undefined, rank: 0, of: 0, tier: 2 };
    }
    for (const members of groups.values()) {
      const withValue: number[] = [];
      let allKeys = true;
      for (const i of members) {
        const info = infos[i];
        if (info) {
          withValue.push(i);
          if (info.key === undefined) allKeys = false;
        }
      }
      const n = withValue.length;
      if (n === 0) continue;
      if (allKeys) {
        // plain JSON numbers: sorted doubles and a binary search give r = 1 + number strictly better
        rankByKey(infos, withValue, rc.higher);
        continue;
      }
      const sign = rc.higher ? -1 : 1;
      withValue.sort((x, y) => sign * cmpInfo(infos[x]!, infos[y]!));
      const topCut = Math.ceil(n / 3);
      const midCut = Math.ceil((2 * n) / 3);
      let r = 1;
      for (let p = 0; p < n; p++) {
        const info = infos[withValue[p]]!;
        if (p > 0 && cmpInfo(info, infos[withValue[p - 1]]!) !== 0) r = p + 1;
        info.rank = r;
        info.of = n;
        info.tier = r <= topCut ? 0 : r <= midCut ? 1 : 2;
      }
    }
    out.push(infos);
  }
  return out;
}

export interface UnitWork {
  result: UnitResult;
  total: Rational;
  /** the total as the nearest double: sorts fast; exact comparison only when two are equal */
  approx: number;
  excluded: boolean;
}

/** Decimal text of v / scale (v an integer), cached per node (one framework, one scale). */
function scaledText(v: number, scale: number, cache: TextCache): string {
  if (v >= 0 && v < 65536) {
    const small = cache.small;
    let t = small[v];
    if (t === undefined) {
      t = toDecimalString(rat(v, scale));
      // fill holes up to v so the array stays packed
      for (let i = small.length; i < v; i++) small.push(undefined);
      small[v] = t;
    }
    return t;
  }
  let t = cache.map.get(v);
  if (t === undefined) {
    t = toDecimalString(rat(v, scale));
    if (cache.map.size < 4096) cache.map.set(v, t);
  }
  return t;
}

/** A sum kept as an integer count of 1/scale plus, rarely, an exact remainder that does not fit that grid. */
function accValue(s: number, x: Rational | null, scale: number): Rational {
  const r = scale ? rat(s, scale) : ZERO;
  return x ? add(r, x) : r;
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

function finishItem(ci: CompiledItem, outs: Scored[], scale: number): ItemDone {
  let itS = 0;
  let itX: Rational | null = null;
  let naS = 0;
  let naX: Rational | null = null;
  const ccs = ci.criteria;
  const crits: CriterionResult[] = new Array(ccs.length);
  const missing: string[] = [];
  for (let j = 0; j < ccs.length; j++) {
    const o = outs[j];
    const cc = ccs[j];
    crits[j] = resultOf(o);
    if (o.status === 'scored') {
      if (o.s === o.s) itS += o.s;
      else itX = add(itX ?? ZERO, o.q);
    } else if (o.status === 'missing') missing.push(cc.fullCode);
    else if (cc.pointsScaled === cc.pointsScaled) naS += cc.pointsScaled;
    else naX = add(naX ?? ZERO, cc.points);
  }
  let capped = false;
  let scoreText: string;
  let s = 0;
  let x: Rational | null = null;
  if (itX === null && ci.pointsScaled === ci.pointsScaled) {
    s = itS;
    if (s > ci.pointsScaled) {
      s = ci.pointsScaled;
      capped = true;
    }
    scoreText = scaledText(s, scale, ci.textCache);
  } else {
    x = accValue(itS, itX, scale);
    if (cmp(x, ci.points) > 0) {
      x = ci.points;
      capped = true;
    }
    scoreText = toDecimalString(x);
  }
  let maxS = 0;
  let maxX: Rational | null = null;
  let maxText = ci.pointsText;
  if (naX === null && naS === 0) {
    if (ci.pointsScaled === ci.pointsScaled) maxS = ci.pointsScaled;
    else maxX = ci.points;
  } else {
    maxX = sub(ci.points, accValue(naS, naX, scale));
    maxText = toDecimalString(maxX);
  }
  const result: ItemResult = {
    code: ci.code,
    title: ci.item.title,
    score: scoreText,
    maximum: maxText,
    points: ci.pointsText,
    criteria: crits,
  };
  if (capped) result.capped = true;
  return { result, s, x, maxS, maxX, naS, naX, missing };
}

export const EMPTY: string[] = Object.freeze([]) as unknown as string[];

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

function freeze(d: ItemDone): ItemDone {
  Object.freeze(d.result.criteria);
  Object.freeze(d.result);
  return d;
}

/** The finished item for these criterion outcomes: reused when every outcome is shared (memo by outcome ids). */
export function resolveItem(ctx: Ctx, ci: CompiledItem, outs: Scored[]): ItemDone {
  const ccs = ci.criteria;
  const n = ccs.length;
  if (ci.numericKey) {
    let key = 0;
    for (let j = n - 1; j >= 0; j--) {
      const o = outs[j];
      if (!o.shared) return finishItem(ci, outs, ctx.cf.scale);
      key = key * ccs[j].radix + o.id;
    }
    if (ci.radixProduct <= 4096) {
      // small: a plain array indexed by the key
      let arr = ctx.memoArr[ci.index];
      if (arr === undefined) ctx.memoArr[ci.index] = arr = new Array(ci.radixProduct);
      let done = arr[key];
      if (done === undefined) arr[key] = done = freeze(finishItem(ci, outs, ctx.cf.scale));
      return done;
    }
    let m = ctx.memoNum[ci.index];
    if (m === undefined) ctx.memoNum[ci.index] = m = new Map();
    let done = m.get(key);
    if (done === undefined) {
      done = freeze(finishItem(ci, outs, ctx.cf.scale));
      m.set(key, done);
    }
    return done;
  }
  for (let j = 0; j < n; j++) if (!outs[j].shared) return finishItem(ci, outs, ctx.cf.scale);
  let node = ctx.memo[ci.index];
  if (node === undefined) ctx.memo[ci.index] = node = new Map();
  for (let j = 0; j < n - 1; j++) {
    let next = node.get(outs[j]) as Map<Scored, unknown> | undefined;
    if (next === undefined) node.set(outs[j], (next = new Map()));
    node = next;
  }
  let done = node.get(outs[n - 1]) as ItemDone | undefined;
  if (done === undefined) {
    done = freeze(finishItem(ci, outs, ctx.cf.scale));
    node.set(outs[n - 1], done);
  }
  return done;
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
    message: `指标体系 ${cf.framework.id} 中没有考核内容 ${ic}；允许的编号：${[...cf.itemByCode.keys()].slice(0, 60).join('、')}${cf.itemByCode.size > 60 ? '……' : ''}`,
  };
}

const BAD_ITEM_ANSWERS = '考核内容的答案须为对象：评分细则编号 → 答案，如 {"a": true}';

function unknownCriterion(ci: CompiledItem, unitCode: string, ic: string, k: string): ScoringIssue {
  return {
    unit: unitCode,
    code: `${ic}.${k}`,
    message: `第 ${ic} 项没有评分细则 ${k}；该项的评分细则为 ${ci.criteria.map((c) => c.code).join('、')}`,
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

/**
 * Phase 3: totals, ineligibility, grade and pass, and the unit's result object. `sections` null: the caller
 * attaches the per-node detail itself (a batch builds it when first read).
 */
export function finishUnit(
  ctx: Ctx,
  u: UnitInput,
  unitCode: string,
  sums: UnitSums,
  vetoCodes: string[],
  missing: string[],
  sections: SectionResult[] | null,
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
              ? `指标体系 ${fw.id} 没有不予受理情形`
              : `没有不予受理情形 ${k}；允许：${[...cf.ineligibilityCodes].join('、')}`,
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
  const result = {
    unit: unitCode,
    name: u.name,
    peerGroup: u.peerGroup,
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
  } as UnitResult;
  if (sections !== null) result.sections = sections;
  return { result, total, approx: toApprox(total), excluded: veto || ineligible };
}
