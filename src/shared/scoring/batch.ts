/**
 * Scoring many units in one call (a cycle, a national run): every figure of every unit is found now, the
 * per-node detail (`sections`: item and criterion results with their explanations) is built the first time it
 * is read.
 *
 * Why: a unit's figures (total, maximum, bonus, deduction, veto, grade, pass, ranks, missing answers) need only
 * each criterion's score, which for almost every answer is an integer in units of 1/scale known in advance.
 * Building 60-odd result objects per unit, most of which nobody opens, is what made a national run slow (their
 * allocation and garbage collection cost more than the scoring). So the figures come from a scorer generated
 * for the framework (codegen.ts), which keeps per unit and criterion only the id of the outcome it found (one
 * byte) and sums integers; reading `result.sections` rebuilds that unit's detail from those ids through the
 * same code as single-unit scoring (unit.ts), with the same shared, frozen item results. Outcomes are never
 * recomputed and the input is never read again, so changing the input after the call changes nothing.
 *
 * `sections` is an own, enumerable accessor: property access, JSON.stringify, structuredClone, spreading and
 * deep equality all see the array, which then replaces the accessor (a plain data property). Assigning to it
 * before reading works too; a frozen or sealed result keeps the accessor. Read it before wrapping a result in
 * a Proxy or copying its property descriptors (the getter finds its call through the object itself).
 *
 * Any unit the generated scorer gives up on — an unknown code, a bad or unusual answer (then the call fails
 * with every issue, recorded by the reference code in its order), a sum off the 1/scale grid — and every unit
 * when there is no generated scorer (a Content-Security-Policy without 'unsafe-eval', a code that clashes
 * with Object.prototype, a framework whose numbers have no common denominator within 10^9) is scored in full
 * detail at once by the reference code (unit.ts), exactly as with `detail: 'eager'`.
 */
import type { Answer, UnitInput } from './answers';
import { IN_MAP, RANKED, unitScorer, type FastOut, type SlowScore, type UnitScorer } from './codegen';
import type { CompiledFramework, Scored } from './compile';
import type { GradeBand } from './grade';
import type { SectionResult, UnitResult } from './engine';
import { ZERO } from './rational';
import {
  assembleSections,
  EMPTY,
  finishUnit,
  rankOutcome,
  resolveItem,
  scoreCriterion,
  scoreOneUnit,
  sharedById,
  unitCodeOf,
  type Ctx,
  type ItemDone,
  type UnitWork,
} from './unit';


interface BatchState {
  ctx: Ctx;
  /** number of criteria: unit i's outcome ids are ids[i·nCrit … i·nCrit + nCrit − 1], framework order */
  nCrit: number;
  /** outcome id per unit and criterion (one byte): 0 = missing (also: not answered), RANKED, IN_MAP */
  ids: Uint8Array;
  /** outcomes not shared, or with an id above a byte, by position in ids */
  unshared: Map<number, Scored>;
  /** the generated scorer of the framework (null: none here, every unit goes through the reference code) */
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
    } else w = scoreOneUnit(ctx, units[i], i, bands); // the reference: this unit in full detail, exactly
    work[i] = w;
    st.results[i] = w.result;
  }
  return work;
}

/**
 * One unit's figures, integers in units of 1/scale, from the generated scorer (codegen.ts). Returns undefined
 * when there is none or it gives up (an unknown code, a bad or unusual answer, a sum off the grid): the caller
 * then scores the unit in full detail with the reference code (unit.ts), which also records its issues.
 */
function figuresOnly(st: BatchState, u: UnitInput, ui: number, bands: readonly GradeBand[] | undefined): UnitWork | undefined {
  const unitCode = unitCodeOf(u);
  const gen = st.gen;
  const ans = u.answers as unknown;
  if (gen !== null && ans !== null && typeof ans === 'object' && !Array.isArray(ans)) {
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
    // what `slow` recorded for this unit is dropped: the reference code records it again, in its own order
    issues.length = before;
    st.ids.fill(0, cur.base, cur.base + st.nCrit);
  }
  return undefined;
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
  /** the items with a criterion not answered, as listed by the scorer (null: none) */
  incomplete: FastOut | null,
  bands: readonly GradeBand[] | undefined,
): UnitWork {
  const cf = st.ctx.cf;
  const missing: string[] = [];
  if (incomplete !== null) {
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
