/**
 * 综合评价 of a creation evaluation (seed 004 §10–§11, issue 11 step 8): the experts' scores of one applicant,
 * combined per item into the panel's score, with the items that must be discussed.
 *
 * Pure and exact (src/shared/scoring/rational.ts), shared by the server (which stores the outcome) and the browser
 * (which shows the same table while the team leader works). It does not interpret answers itself: each expert's
 * answers go through the scoring engine (scoreUnit), so an item's score per expert is exactly what the engine
 * gives for that expert's answers, with the same caps, levels, thresholds and rank among peers.
 *
 * Per item:
 *  - scores: every expert assigned to the item, with the engine's score of their answers to its criteria;
 *  - mean and spread (max − min);
 *  - flagged when an expert's score is more than `threshold` × the item's points from the mean (default 30%),
 *    seed 004 leaves the rule to the plan; the plan stores its threshold;
 *  - combined: by the plan's method — "mean" (all experts), "trimmed" (without one highest and one lowest, when at
 *    least five experts scored the item; the plain mean otherwise), or "leader" (the team leader's figure after
 *    discussion, for every item). A flagged item, and every item under "leader", is open until the team leader
 *    records the agreed score and the reason; until then it counts at the method's figure and the total is
 *    provisional (passed: null). An agreed score keeps the expert scores it was decided on and counts only while
 *    they stand: once an expert's score of the item changes (on site), it is stale and the item is open again.
 * Items declared 合理缺项 (notApplicable, e.g. 3.5.b for a city without a port) are left out of every expert's
 * answers as "na"; the total is prorated as the framework says (DB43: total × 1060 ÷ (1060 − 合理缺项分值)).
 */
import type { Framework } from '../scoring/framework-schema';
import type { Answer, UnitInput } from '../scoring/answers';
import { scoreUnit } from '../scoring/engine';
import { add, cmp, div, floor, gt, isTerminating, le, mul, parseDecimal, rat, sub, sum, toDecimalString, toFractionString, toRational, ZERO, type Rational } from '../scoring/rational';

export type CombineMethod = 'mean' | 'trimmed' | 'leader';

/** The trimmed mean drops the highest and the lowest score: with fewer experts than this it is the plain mean (the plan refuses it). */
export const TRIMMED_MIN_EXPERTS = 5;

export const COMBINE_METHOD_LABELS: Record<CombineMethod, string> = {
  mean: '算术平均',
  trimmed: '去掉一个最高分和一个最低分后平均（不少于5名专家时）',
  leader: '组长汇总专家意见后确定',
};

export interface ExpertSheet {
  /** the expert's id (as a string, so the browser and the server key alike) */
  expert: string;
  /** item codes the plan assigns to this expert */
  items: readonly string[];
  /** the expert's answers: item code → criterion code → answer (only assigned items count) */
  answers: Record<string, Record<string, Answer>>;
}

export interface AgreedScore {
  /** exact decimal text, 0 ≤ score ≤ the item's maximum */
  score: string;
  reason: string;
  /**
   * The expert scores it was decided on (expert → that expert's score of the item, exact: agreementBasis). Once any
   * of them changes — an on-site revision, an expert joining or leaving the item — the figure no longer counts and
   * the item waits on the team leader again (staleAgreed). Absent only on figures recorded before this rule, which
   * stand as they did.
   */
  expertScores?: Record<string, string>;
}

export interface ConsolidationInput {
  framework: Framework;
  /** the applicant's code and name, and its peers' inputs for rank criteria (5.2) */
  unit: { code: string; name?: string; peerGroup?: string };
  peers?: UnitInput[];
  /** criteria declared 合理缺项 for this applicant, as "item.criterion" */
  notApplicable?: readonly string[];
  experts: readonly ExpertSheet[];
  method: CombineMethod;
  /** a fraction of the item's points, as decimal text ("0.3") */
  threshold: string;
  /** the team leader's agreed scores by item code */
  agreed?: Readonly<Record<string, AgreedScore>>;
}

export interface ItemConsolidation {
  code: string;
  title: string;
  section: string;
  /** the item's points, and its maximum after 合理缺项 */
  points: string;
  maximum: string;
  scores: { expert: string; score: string }[];
  /** each expert's score exactly (decimal text, a fraction when it does not terminate): what an agreed figure is decided on */
  basis: Record<string, string>;
  mean: string | null;
  spread: string | null;
  /** an expert is further from the mean than the threshold allows: discuss before it counts */
  flagged: boolean;
  /** the experts further from the mean than the threshold */
  outliers: string[];
  /** fewer than two experts scored it (the plan must assign every item to at least two) */
  underScored: boolean;
  /** an expert's answer earned more than the item's points under the sheet's own method and the engine capped it
   * (DB43 10.1 and 10.2: the method's top level is 25, the item is worth 15; the validator warns of it) */
  capped: boolean;
  /** the score by the method, before any agreed figure */
  byMethod: string | null;
  agreed: AgreedScore | null;
  /** the team leader's figure decided on other expert scores than today's (an expert's score changed since): it does
   * not count, and the item is open until the leader settles it again */
  staleAgreed: AgreedScore | null;
  /** what counts: the agreed figure, else the method's (provisional while the item is open; null: nobody scored it) */
  combined: string | null;
  /** needs the team leader's agreed figure and has none yet */
  open: boolean;
}

export interface SectionConsolidation {
  code: string;
  title: string;
  points: string;
  score: string;
}

export interface Consolidation {
  items: ItemConsolidation[];
  sections: SectionConsolidation[];
  /** the sum of the combined item scores (open items at the method's figure, provisionally) */
  score: string;
  /** the framework's scale, the 合理缺项 points and the prorated total */
  scale: string;
  notApplicablePoints: string;
  total: string;
  totalExact: string;
  passMark: string | null;
  /** null while any item is open (the total is provisional) */
  passed: boolean | null;
  openItems: string[];
}

const dec = (x: Rational) => toDecimalString(x, 0, 2);

/**
 * The total as shown, to two decimals: a total below the pass mark is never rounded up onto it (800 − 1/300 reads
 * 799.99, not 800, beside 未通过); every other total is rounded as usual.
 */
function totalText(total: Rational, passMark: Rational | null): string {
  const shown = dec(total);
  if (!passMark || cmp(total, passMark) >= 0 || cmp(parseDecimal(shown)!, passMark) < 0) return shown;
  return dec(div(floor(mul(total, rat(100))), rat(100)));
}

function exact(text: string, what: string): Rational {
  const r = parseDecimal(text);
  if (!r) throw new Error(`${what}不是有效的数字：${text}`);
  return r;
}

/**
 * An agreed score as the engine reads it and every score of the outcome shows (15.00 → 15, 07.5 → 7.5): the command
 * stores it so, and the audit row says the figure the 综合评价 counts, not the keystrokes.
 */
export const agreedScoreText = (typed: string, code: string): string => dec(exact(typed, `第${code}项组长确定的得分`));

/** an agreed figure with its score as read (15), also for one stored as typed (15.00) before setAgreed stored it so */
const asRead = (a: AgreedScore | null, code: string): AgreedScore | null => a && { ...a, score: agreedScoreText(a.score, code) };

/**
 * The criteria declared not applicable (合理缺项) for this applicant, by item. The plan may declare a criterion the
 * sheet itself does not mark (seed 004 leaves 合理缺项 to the evaluation plan beyond 3.5.b); such a criterion is
 * treated as marked for this applicant only (see planFramework).
 */
function naAnswers(fw: Framework, na: readonly string[]): Map<string, string[]> {
  const byItem = new Map<string, string[]>();
  for (const key of na) {
    const { item, criterion } = splitKey(key);
    const found = fw.sections.some((s) => s.items.some((i) => i.code === item && i.criteria.some((c) => c.code === criterion)));
    if (!found) throw new Error(`评分表中没有评分细则${key}`);
    byItem.set(item, [...(byItem.get(item) ?? []), criterion]);
  }
  return byItem;
}

/** "3.5.b" → item "3.5", criterion "b" (item codes have dots of their own: the criterion is after the last one) */
export function splitKey(key: string): { item: string; criterion: string } {
  const cut = key.lastIndexOf('.');
  return { item: key.slice(0, cut), criterion: key.slice(cut + 1) };
}

/**
 * The lines of table A.1 (its 指标内容, 1.1 … 11.3: 50 lines) that unanswered 评分细则 ("1.2.a", "5.1.c") fall in. The
 * standard has the sheet scored 逐项 and counts its lines in 项, so the expert's sheet counts what is left in 项 as
 * well — "分配 50 项……未评 2 项", never 条 beside 项.
 */
export function unscoredItems(missing: readonly string[]): string[] {
  return [...new Set(missing.map((k) => splitKey(k).item))];
}

/** "还有2项未评分：1.2、5.1" (at most eight named) */
export function unscoredMessage(missing: readonly string[], what = '未评分'): string {
  const items = unscoredItems(missing);
  return `还有${items.length}项${what}：${items.slice(0, 8).join('、')}${items.length > 8 ? '等' : ''}`;
}

/** The sheet as this applicant's plan reads it: the plan's 合理缺项 marked not applicable (a copy; the sheet is unchanged). */
export function planFramework(fw: Framework, notApplicable: readonly string[]): Framework {
  if (!notApplicable.length) return fw;
  const keys = new Set(notApplicable);
  return {
    ...fw,
    sections: fw.sections.map((s) => ({
      ...s,
      items: s.items.map((i) => ({
        ...i,
        criteria: i.criteria.map((c) => (keys.has(`${i.code}.${c.code}`) && !c.notApplicable ? { ...c, notApplicable: '评价工作方案确定的合理缺项' } : c)),
      })),
    })),
  };
}

export function consolidate(input: ConsolidationInput): Consolidation {
  const fw = planFramework(input.framework, input.notApplicable ?? []);
  const threshold = exact(input.threshold, '分歧阈值');
  const na = naAnswers(fw, input.notApplicable ?? []);
  // each expert's answers scored by the engine, the 合理缺项 criteria answered "na"
  const results = input.experts.map((e) => {
    const answers: Record<string, Record<string, Answer>> = {};
    for (const item of e.items) answers[item] = { ...(e.answers[item] ?? {}) };
    for (const [item, criteria] of na) for (const c of criteria) answers[item] = { ...(answers[item] ?? {}), [c]: 'na' };
    const unit: UnitInput = { unit: input.unit.code, ...(input.unit.name ? { name: input.unit.name } : {}), ...(input.unit.peerGroup ? { peerGroup: input.unit.peerGroup } : {}), answers };
    const r = scoreUnit(fw, unit, { peers: input.peers ?? [] });
    const byItem = new Map<string, Rational>();
    const capped = new Set<string>();
    for (const s of r.sections)
      for (const i of s.items) {
        byItem.set(i.code, exact(i.score, `第${i.code}项得分`));
        if (i.capped || i.criteria.some((c) => c.capped)) capped.add(i.code);
      }
    return { expert: e.expert, items: new Set(e.items), byItem, capped };
  });

  const items: ItemConsolidation[] = [];
  const sections: SectionConsolidation[] = [];
  let naPoints = ZERO;
  // the sum of the exact combined figures (the items show them rounded to two decimals)
  let exactScore = ZERO;
  for (const s of fw.sections) {
    let sectionScore = ZERO;
    let sectionPoints = ZERO;
    for (const i of s.items) {
      const points = exact(String(i.points), `第${i.code}项分值`);
      const naHere = sum(i.criteria.filter((c) => na.get(i.code)?.includes(c.code)).map((c) => exact(String(c.points), `评分细则${i.code}.${c.code}的分值`)));
      naPoints = add(naPoints, naHere);
      const maximum = sub(points, naHere);
      sectionPoints = add(sectionPoints, points);
      const scored = results.filter((r) => r.items.has(i.code)).map((r) => ({ expert: r.expert, score: r.byItem.get(i.code) ?? ZERO }));
      const values = scored.map((x) => x.score);
      const mean = values.length ? div(sum(values), rat(values.length)) : null;
      const sorted = [...values].sort(cmp);
      const spread = values.length ? sub(sorted[sorted.length - 1], sorted[0]) : null;
      const limit = mul(threshold, maximum);
      const outliers = mean ? scored.filter((x) => gt(abs(sub(x.score, mean)), limit)).map((x) => x.expert) : [];
      const byMethod = !values.length
        ? null
        : input.method === 'trimmed' && values.length >= TRIMMED_MIN_EXPERTS
          ? div(sum(sorted.slice(1, -1)), rat(values.length - 2))
          : mean;
      const given = input.agreed?.[i.code] ?? null;
      if (given) {
        const a = exact(given.score, `第${i.code}项组长确定的得分`);
        if (cmp(a, ZERO) < 0 || !le(a, maximum)) throw new Error(`第${i.code}项组长确定的得分须在0～${dec(maximum)}分之间`);
        if (!given.reason.trim()) throw new Error(`第${i.code}项组长确定得分须写明理由`);
      }
      const needsAgreement = outliers.length > 0 || input.method === 'leader';
      const basis = Object.fromEntries(scored.map((x) => [x.expert, exactText(x.score)]));
      // the leader's figure settles a disagreement: once the panel agrees (an on-site revision closed the gap), the
      // item counts at the method's figure, as one never disagreed on does — a figure the panel agrees on is never
      // overridden by the leader alone. It settles the disagreement it was decided on: once an expert's score has
      // changed since, it is stale and the item waits on the leader again (never silently back in force)
      const current = given && (!given.expertScores || sameBasis(given.expertScores, basis));
      const agreed = needsAgreement && current ? given : null;
      const staleAgreed = needsAgreement && given && !current ? given : null;
      const open = needsAgreement && !agreed;
      // an open item counts provisionally at the method's figure; the total is final only when none is open
      const combined = agreed ? exact(agreed.score, `第${i.code}项组长确定的得分`) : byMethod;
      if (combined) {
        sectionScore = add(sectionScore, combined);
        exactScore = add(exactScore, combined);
      }
      items.push({
        code: i.code,
        title: i.title,
        section: s.code,
        points: dec(points),
        maximum: dec(maximum),
        scores: scored.map((x) => ({ expert: x.expert, score: dec(x.score) })),
        basis,
        mean: mean ? dec(mean) : null,
        spread: spread ? dec(spread) : null,
        flagged: outliers.length > 0,
        outliers,
        underScored: values.length < 2,
        capped: results.some((r) => r.items.has(i.code) && r.capped.has(i.code)),
        byMethod: byMethod ? dec(byMethod) : null,
        agreed: asRead(agreed, i.code),
        staleAgreed: asRead(staleAgreed, i.code),
        combined: combined ? dec(combined) : null,
        open,
      });
    }
    sections.push({ code: s.code, title: s.title, points: dec(sectionPoints), score: dec(sectionScore) });
  }
  const scale = exact(String(fw.totalPoints), '评分表总分');
  const base = sub(scale, naPoints);
  const total = fw.notApplicablePolicy === 'prorate' && gt(naPoints, ZERO) && gt(base, ZERO) ? div(mul(exactScore, scale), base) : exactScore;
  const openItems = items.filter((i) => i.open).map((i) => i.code);
  const passMark = fw.passMark === undefined ? null : exact(String(fw.passMark), '通过分数线');
  return {
    items,
    sections,
    score: dec(exactScore),
    scale: dec(scale),
    notApplicablePoints: dec(naPoints),
    total: totalText(total, passMark),
    totalExact: toFractionString(total),
    passMark: passMark ? dec(passMark) : null,
    passed: openItems.length || !passMark ? null : cmp(total, passMark) >= 0,
    openItems,
  };
}

/** a score as exact text: decimal when it terminates, else a fraction ("40/3") */
function exactText(x: Rational): string {
  return isTerminating(x) ? toDecimalString(x) : toFractionString(x);
}

/** the same experts with the same scores (compared as numbers: "20" is "20.0") */
function sameBasis(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    if (!Object.hasOwn(b, k)) return false;
    try {
      return cmp(toRational(a[k]), toRational(b[k])) === 0;
    } catch {
      return false;
    }
  });
}

function abs(x: Rational): Rational {
  return cmp(x, ZERO) < 0 ? sub(ZERO, x) : x;
}
