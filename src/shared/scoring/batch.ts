/**
 * Scoring many units in one call (a cycle, a national run): every figure of every unit is found now, the
 * per-node detail (`sections`: item and criterion results with their explanations) is built the first time it
 * is read.
 *
 * Why: a unit's figures (total, maximum, bonus, deduction, veto, grade, pass, ranks, missing answers) need only
 * each criterion's score, which for almost every answer is an integer in units of 1/scale found by a table
 * lookup. Building 60-odd result objects per unit, most of which nobody opens, is what made a national run
 * slow (their allocation and garbage collection cost more than the scoring). So this pass keeps, per unit and
 * criterion, only the id of the outcome it found (2 bytes) and sums integers; reading `result.sections` rebuilds
 * that unit's detail from those ids through the same code as single-unit scoring (unit.ts), with the same
 * shared, frozen item results. Outcomes are never recomputed and the input is never read again, so changing
 * the input after the call changes nothing.
 *
 * `sections` is an own, enumerable accessor: property access, JSON.stringify, structuredClone, spreading and
 * deep equality all see the array, which then replaces the accessor (a plain data property). Assigning to it
 * before reading works too.
 *
 * A unit whose sums leave the 1/scale grid (a proportional deduction with an awkward divisor, a framework whose
 * numbers have no common denominator within 10^9) is scored in full detail at once (unit.ts), exactly.
 */
import type { Answer, UnitInput } from './answers';
import { IN_MAP, RANKED, unitScorer, type FastOut, type SlowScore, type UnitScorer } from './codegen';
import { Kind, type CompiledFramework, type Scored } from './compile';
import type { GradeBand } from './grade';
import type { SectionResult, UnitResult } from './engine';
import { ZERO } from './rational';
import {
  answersOf,
  assembleSections,
  BAD_ITEM_ANSWERS,
  EMPTY,
  finishUnit,
  rankOutcome,
  resolveItem,
  scoreCriterion,
  scoreOneUnit,
  sharedById,
  unitCodeOf,
  unknownCriterion,
  unknownItem,
  type Ctx,
  type ItemDone,
  type UnitWork,
} from './unit';


const K_BOOLEAN: Kind = Kind.Boolean;
const K_LEVELS: Kind = Kind.Levels;
const K_THRESHOLD: Kind = Kind.Threshold;
const K_LINEAR: Kind = Kind.Linear;

interface BatchState {
  ctx: Ctx;
  /** number of criteria: unit i's outcome ids are ids[i·nCrit … i·nCrit + nCrit − 1], framework order */
  nCrit: number;
  /** outcome id per unit and criterion (one byte): 0 = missing (also: not answered), RANKED, IN_MAP */
  ids: Uint8Array;
  /** outcomes not shared, or with an id above a byte, by position in ids */
  unshared: Map<number, Scored>;
  /** per item (reused for each unit): score (capped), not-applicable points, stamp of the unit that answered it */
  itemS: Float64Array;
  itemNa: Float64Array;
  seen: Int32Array;
  /** the generated scorer of the framework (null: not available, the reference loop only) */
  gen: UnitScorer | null;
  out: FastOut;
  /** the unit being scored, for `slow` */
  cur: { unitCode: string; ui: number; base: number };
  slow: SlowScore;
  /** the results in input order, and unit code → position (made when a detail is first read) */
  results: UnitResult[];
  byUnit?: Map<string, number>;
}

/** Returns its argument from `new`, so that a subclass can put private fields on any object. */
class Carrier {
  constructor(o: object) {
    return o;
  }
}

/**
 * Where a batch result keeps its call's state until its detail is read: a private field stamped on the plain
 * result object. No property, key, copy, JSON or comparison sees it (and it costs less than defineProperty).
 */
class BatchLink extends Carrier {
  #st: BatchState | undefined;
  /** the detail once built (served from here when the result is frozen or sealed) */
  #sections: SectionResult[] | undefined;
  constructor(o: object, st: BatchState) {
    super(o);
    this.#st = st;
    this.#sections = undefined;
  }
  static linked(o: object): o is BatchLink {
    return #st in o;
  }
  static state(o: BatchLink): BatchState | undefined {
    return o.#st;
  }
  static sections(o: BatchLink): SectionResult[] | undefined {
    return o.#sections;
  }
  static keep(o: BatchLink, sections: SectionResult[]): void {
    o.#sections = sections;
    o.#st = undefined;
  }
}

/**
 * The accessor every batch result shares: on first read it builds the detail and becomes a plain data
 * property (on a frozen or sealed result it stays an accessor and serves the same array).
 */
const LAZY_SECTIONS: PropertyDescriptor = {
  get(this: UnitResult): SectionResult[] {
    if (!BatchLink.linked(this)) {
      throw new TypeError(
        '评分结果的逐项明细（sections）须在 scoreFramework 返回的结果对象上读取：不要在读取之前用 Proxy 包装或复制属性描述符；可先读取，或用 structuredClone / JSON / {...r} 复制。',
      );
    }
    let sections = BatchLink.sections(this);
    if (sections === undefined) {
      const st = BatchLink.state(this)!;
      sections = buildSections(st, indexOf(st, this));
      BatchLink.keep(this, sections);
    }
    if (!Object.isFrozen(this) && !Object.isSealed(this)) setSections(this, sections);
    return sections;
  },
  set(this: UnitResult, sections: SectionResult[]) {
    if (Object.isFrozen(this) || Object.isSealed(this)) throw new TypeError("Cannot assign to read only property 'sections' of object");
    setSections(this, sections);
  },
  enumerable: true,
  configurable: true,
};

function setSections(result: UnitResult, sections: SectionResult[]): void {
  Object.defineProperty(result, 'sections', { value: sections, writable: true, enumerable: true, configurable: true });
}

/** The position of a result in its call: unit codes are unique in a call, identity confirms it. */
function indexOf(st: BatchState, result: UnitResult): number {
  st.byUnit ??= new Map(st.results.map((r, i) => [r.unit, i]));
  const i = st.byUnit.get(result.unit);
  if (i !== undefined && st.results[i] === result) return i;
  const j = st.results.indexOf(result);
  if (j < 0) throw new Error('internal: this object is not a result of this scoring call');
  return j;
}

/** A unit's per-node detail, from the outcome ids kept by the batch. */
function buildSections(st: BatchState, ui: number): SectionResult[] {
  const ctx = st.ctx;
  const cf = ctx.cf;
  const base = ui * st.nCrit;
  const ids = st.ids;
  const outs: Scored[] = [];
  const itemDone: ItemDone[] = new Array(cf.items.length);
  for (const ci of cf.items) {
    const ccs = ci.criteria;
    for (let j = 0; j < ccs.length; j++) {
      const at = base + ccs[j].index;
      const id = ids[at];
      outs[j] =
        id === IN_MAP
          ? st.unshared.get(at)!
          : id === RANKED
            ? rankOutcome(ctx, ccs[j], ctx.rankData[ccs[j].rankIndex][ui]!)
            : sharedById(ctx, ccs[j], id);
    }
    itemDone[ci.index] = resolveItem(ctx, ci, outs);
  }
  return assembleSections(ctx, itemDone).sections;
}

const gridCache = new WeakMap<CompiledFramework, boolean>();

/** Every fixed number of the framework lies on its 1/scale grid (then sums run as integers). */
function onGrid(cf: CompiledFramework): boolean {
  let ok = gridCache.get(cf);
  if (ok === undefined) {
    const fin = (x: number) => x === x;
    ok =
      cf.scale !== 0 &&
      fin(cf.basePointsScaled) &&
      cf.sections.every((cs) => fin(cs.pointsScaled) && cs.items.every((ci) => fin(ci.pointsScaled) && ci.criteria.every((cc) => fin(cc.pointsScaled))));
    gridCache.set(cf, ok);
  }
  return ok;
}

/**
 * Score every unit: figures now, detail on first read (see the top of this file). `eager` builds every unit's
 * detail during the call instead (the reference path the tests compare against).
 */
export function scoreUnits(ctx: Ctx, units: readonly UnitInput[], bands: readonly GradeBand[] | undefined, eager: boolean): UnitWork[] {
  const cf = ctx.cf;
  const work: UnitWork[] = new Array(units.length);
  if (eager || !onGrid(cf) || cf.criteria.length === 0) {
    for (let i = 0; i < units.length; i++) work[i] = scoreOneUnit(ctx, units[i], i, bands);
    return work;
  }
  const nCrit = cf.criteria.length;
  const nItems = cf.items.length;
  const st: BatchState = {
    ctx,
    nCrit,
    ids: new Uint8Array(units.length * nCrit),
    unshared: new Map(),
    itemS: new Float64Array(nItems),
    itemNa: new Float64Array(nItems),
    seen: new Int32Array(nItems),
    gen: unitScorer(cf),
    out: { baseS: 0, bonusS: 0, deductionS: 0, naS: 0, na: 0, inc: new Int32Array(nItems), nInc: 0, veto: null },
    cur: { unitCode: '', ui: 0, base: 0 },
    slow: () => -2,
    results: new Array(units.length),
  };
  st.slow = (k, a) => {
    const sc = scoreCriterion(ctx, cf.criteria[k], a as Answer, st.cur.unitCode, st.cur.ui);
    const id = sc.id;
    if (id === 0) return -2; // missing or a bad answer: the reference way
    const at = st.cur.base + k;
    if (id > 0 && id < RANKED) st.ids[at] = id;
    else {
      st.ids[at] = IN_MAP;
      st.unshared.set(at, sc);
    }
    return id === 1 ? -1 : sc.s;
  };
  for (let i = 0; i < units.length; i++) {
    let w = figuresOnly(st, units[i], i, bands);
    if (w !== undefined) {
      const r = w.result;
      new BatchLink(r, st);
      Object.defineProperty(r, 'sections', LAZY_SECTIONS);
    } else w = scoreOneUnit(ctx, units[i], i, bands); // off the grid: this unit in full detail, exactly
    work[i] = w;
    st.results[i] = w.result;
  }
  return work;
}

/**
 * One unit's figures, integers in units of 1/scale. Returns undefined when a sum leaves the grid (the caller
 * then scores the unit in full). With bad answers (issues recorded) it goes on, so that every issue of the
 * unit is collected (the call then fails). Answers are read and checked exactly as in
 * unit.ts (unknown codes, kinds, levels, ranges: the same messages, from scoreCriterion).
 */
function figuresOnly(st: BatchState, u: UnitInput, ui: number, bands: readonly GradeBand[] | undefined): UnitWork | undefined {
  const unitCode = unitCodeOf(u);
  const gen = st.gen;
  const ans = u.answers as unknown;
  if (gen !== null && ans !== null && typeof ans === 'object' && !Array.isArray(ans)) {
    // the generated scorer first (codegen.ts); when it gives up, the unit goes the reference way below
    const issues = st.ctx.issues;
    const before = issues.length;
    const out = st.out;
    out.nInc = 0;
    out.veto = null;
    const cur = st.cur;
    cur.unitCode = unitCode;
    cur.ui = ui;
    cur.base = ui * st.nCrit;
    if (gen(ans as Record<string, unknown>, st.ids, cur.base, st.ctx.caches, st.slow, out, ui, st.ctx.rankData)) {
      return finishFigures(st, u, ui, unitCode, out.baseS, out.bonusS, out.deductionS, out.naS, out.veto ?? EMPTY, out.nInc === 0 ? null : out, bands);
    }
    issues.length = before;
    st.ids.fill(0, cur.base, cur.base + st.nCrit);
  }
  return figuresReference(st, u, ui, unitCode, bands);
}

/** The reference loop over one unit's answers (see figuresOnly). */
function figuresReference(st: BatchState, u: UnitInput, ui: number, unitCode: string, bands: readonly GradeBand[] | undefined): UnitWork | undefined {
  const ctx = st.ctx;
  const cf = ctx.cf;
  const issues = ctx.issues;
  const ans = answersOf(u, unitCode, issues);
  const issuesBefore = issues.length;
  const ids = st.ids;
  const base = ui * st.nCrit;
  const itemS = st.itemS;
  const itemNa = st.itemNa;
  const seen = st.seen;
  const stamp = ui + 1;
  let vetoCodes: string[] = EMPTY;
  let complete = true;
  let grid = true;
  const allItems = cf.items;
  let cursor = 0;
  for (const ic in ans) {
    // inputs usually list items in framework order: try the next one before the map
    let ci = allItems[cursor];
    if (ci === undefined || ci.code !== ic) ci = cf.itemByCode.get(ic)!;
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
    let s = 0;
    let na = 0;
    let answered = 0;
    for (const k in ia) {
      // criteria are "a", "b", … in order: index by letter, confirm by code
      let cc = ccs[k.charCodeAt(0) - 97];
      if (cc === undefined || cc.code !== k) {
        cc = ci.criterionByCode.get(k)!;
        if (cc === undefined) {
          issues.push(unknownCriterion(ci, unitCode, ic, k));
          continue;
        }
      }
      const a = ia[k];
      const kind = cc.kind;
      let sc: Scored | undefined;
      if (typeof a === 'boolean' && kind === K_BOOLEAN) {
        if (a) {
          sc = cc.sTrue;
          if (cc.role === 'veto') (vetoCodes === EMPTY ? (vetoCodes = []) : vetoCodes).push(cc.fullCode);
        } else sc = cc.sFalse;
      } else {
        if (typeof a === 'object' && a !== null) {
          // the common answers inline, exactly as scoreCriterion reads them (anything else goes the long way)
          const o = a as { level?: unknown; value?: unknown; ratio?: unknown; score?: unknown };
          if (kind === K_LEVELS) {
            const lv = o.level;
            if (lv !== undefined && o.value === undefined && o.ratio === undefined && o.score === undefined) {
              const nums = cc.levelNums;
              for (let i = 0; i < nums.length; i++)
                if (nums[i] === lv) {
                  sc = cc.sLevels[i];
                  break;
                }
            }
          } else if (kind === K_THRESHOLD || kind === K_LINEAR) {
            // a value seen before in this call: its shared outcome
            const v = o.value;
            if (typeof v === 'number' && o.ratio === undefined && o.level === undefined && o.score === undefined) sc = ctx.caches[cc.index]?.get(v);
          }
        }
        if (sc === undefined) sc = scoreCriterion(ctx, cc, a, unitCode, ui);
      }
      // shared outcomes have ids ≥ 0 (0 missing, 1 not applicable), the others −1
      const id = sc.id;
      if (id === 0) continue; // missing: ids[] holds 0 already
      answered++;
      if (id > 0 && id < RANKED) ids[base + cc.index] = id;
      else {
        ids[base + cc.index] = IN_MAP;
        st.unshared.set(base + cc.index, sc);
      }
      if (id === 1) na += cc.pointsScaled;
      else s += sc.s; // NaN off the grid
    }
    if (answered < ccs.length) complete = false;
    if (s > ci.pointsScaled) s = ci.pointsScaled;
    if (s !== s) grid = false;
    itemS[ci.index] = s;
    itemNa[ci.index] = na;
    seen[ci.index] = stamp;
  }
  if (!grid) {
    if (issues.length === issuesBefore) return undefined;
    // bad answers too: the call fails with every issue; the sums no longer matter (and must not be NaN)
    itemS.fill(0);
    itemNa.fill(0);
  }
  if (vetoCodes.length > 1) vetoCodes.sort((x, y) => cf.criterionIndex.get(x)! - cf.criterionIndex.get(y)!);

  // sums in framework order (section caps as in unit.ts)
  let baseS = 0;
  let bonusS = 0;
  let deductionS = 0;
  let naS = 0;
  const sections = cf.sections;
  for (let si = 0; si < sections.length; si++) {
    const cs = sections[si];
    const role = cs.role;
    const items = cs.items;
    let secS = 0;
    for (let ii = 0; ii < items.length; ii++) {
      const x = items[ii].index;
      if (seen[x] !== stamp) {
        // not answered at all
        if (items[ii].criteria.length > 0) complete = false;
        continue;
      }
      secS += itemS[x];
      if (role === 'base') naS += itemNa[x];
    }
    if (role !== 'veto' && secS > cs.pointsScaled) secS = cs.pointsScaled;
    if (role === 'base') baseS += secS;
    else if (role === 'bonus') bonusS += secS;
    else if (role === 'deduction') deductionS += secS;
  }
  return finishFigures(st, u, ui, unitCode, baseS, bonusS, deductionS, naS, vetoCodes, complete ? null : 'all', bands);
}

/** Missing codes (framework order, from the outcome ids) and the unit's result (unit.ts finishUnit). */
function finishFigures(
  st: BatchState,
  u: UnitInput,
  ui: number,
  unitCode: string,
  baseS: number,
  bonusS: number,
  deductionS: number,
  naS: number,
  vetoCodes: string[],
  /** where criteria may be missing: null none, 'all' look everywhere, else the items listed by the scorer */
  incomplete: FastOut | 'all' | null,
  bands: readonly GradeBand[] | undefined,
): UnitWork {
  const cf = st.ctx.cf;
  const missing: string[] = [];
  if (incomplete === 'all') {
    const ids = st.ids;
    const base = ui * st.nCrit;
    const crit = cf.criteria;
    for (let i = 0; i < crit.length; i++) if (ids[base + i] === 0) missing.push(crit[i].fullCode);
  } else if (incomplete !== null) {
    const ids = st.ids;
    const base = ui * st.nCrit;
    for (let x = 0; x < incomplete.nInc; x++) {
      const ccs = cf.items[incomplete.inc[x]].criteria;
      for (let j = 0; j < ccs.length; j++) if (ids[base + ccs[j].index] === 0) missing.push(ccs[j].fullCode);
    }
  }
  return finishUnit(
    st.ctx,
    u,
    unitCode,
    { baseS, bonusS, deductionS, naS, naX: null, base: ZERO, bonus: ZERO, deduction: ZERO },
    vetoCodes,
    missing,
    null,
    bands,
  );
}
