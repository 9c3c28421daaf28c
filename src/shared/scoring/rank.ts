/**
 * Ranking: rank criteria answered with values rank a unit among its peers (the first pass, before units are
 * scored), and every unit gets its competition rank ("1224") overall and within its peer group (the last pass).
 * Internal.
 */
import type { UnitInput } from './answers';
import { answerKind, readValue } from './criterion';
import type { ScoringIssue } from './errors';
import type { AnswerObj, CompiledFramework, RankInfo, UnitWork } from './model';
import { cmp } from './rational';

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

/** First pass: read every rank criterion's values and rank peers (ties share the better rank). */
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

/** The last pass: every unit's rank among all units and within its peer group (set on its result). */
export function rankUnits(work: UnitWork[], groups: Map<string, number[]>): void {
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
}
