/**
 * One item: its criteria's outcomes added up and capped, as a finished (frozen, reusable) item result. An item
 * made only of shared outcomes is built once per call and reused by every unit with the same outcomes. Internal.
 */
import { resultOf } from './criterion';
import type { CompiledItem, Ctx, ItemDone, Scored, TextCache } from './model';
import { add, cmp, rat, sub, toDecimalString, ZERO, type Rational } from './rational';
import type { CriterionResult, ItemResult } from './types';

/** Decimal text of v / scale (v an integer), cached per node (one framework, one scale). */
export function scaledText(v: number, scale: number, cache: TextCache): string {
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
export function accValue(s: number, x: Rational | null, scale: number): Rational {
  const r = scale ? rat(s, scale) : ZERO;
  return x ? add(r, x) : r;
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
