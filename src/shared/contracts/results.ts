/**
 * Results of a cycle (issue 4 §5): preliminary results computed by the engine, the objection window,
 * objections and their answers, final (frozen) publication.
 */
import { choiceOf, idText, text, versionOf, z, dateOnly } from './common';
import { answer } from '../scoring/answers';
import { OBJECTION_WORKFLOW, type ObjectionStatus } from '../workflow/assessment';
import { eventLabels } from '../workflow/workflow';
import type { Framework } from '../scoring/framework-schema';
import { criterionDef } from './scoring';

const OBJECTION_EVENTS = eventLabels(OBJECTION_WORKFLOW);

const versionField = versionOf();

export const openReviewBody = z
  .strictObject({
    objectionStart: dateOnly('异议期开始日期'),
    objectionEnd: dateOnly('异议期结束日期'),
    version: versionField,
  })
  .refine((b) => b.objectionStart <= b.objectionEnd, {
    error: '异议期结束日期不能早于开始日期',
    path: ['objectionEnd'],
  });
export type OpenReviewBody = z.infer<typeof openReviewBody>;

/**
 * confirm: the office has seen how many objections are still unanswered and publishes anyway (they are then
 * closed as 维持原评分); without it the server refuses while any objection is unanswered (409 with the count).
 */
export const publishResultsBody = z.strictObject({
  version: versionField,
  confirm: z.boolean({ error: '确认发布须为是或否' }).optional(),
});

/** The office publishes the submitted departments' scores before every department has submitted (with a reason). */
export const publishPreliminaryBody = z.strictObject({
  reason: text({ error: '请填写提前公布的原因' })
    .trim()
    .min(5, { error: '提前公布的原因至少5个字，请写明为何不等全部评价部门提交' })
    .max(500, { error: '提前公布的原因最多500字' }),
  version: versionField,
});
export type PublishPreliminaryBody = z.infer<typeof publishPreliminaryBody>;

/** One department's scoring that is not finished: its submission is open, and the cells it has not filled. */
export const pendingDepartment = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  /** how many unit × key point cells of this department have no stored score */
  missingCount: z.number(),
  /** the first of them, "长沙市 7.a" */
  missingCells: z.array(z.string()),
});
export type PendingDepartment = z.infer<typeof pendingDepartment>;

/** The office's latest publication of preliminary results before every department had submitted. */
export const preliminaryPublication = z.object({
  publishedAt: z.string(),
  reason: z.string(),
  /** the departments whose scores it shows */
  departments: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type PreliminaryPublication = z.infer<typeof preliminaryPublication>;

export const raiseObjectionBody = z.strictObject({
  itemCode: text({ error: '请选择考核内容' }).trim().min(1, { error: '请选择考核内容' }).max(20),
  criterionCode: text({ error: '请选择考核要点' })
    .trim()
    .min(1, { error: '请选择考核要点' })
    .max(20),
  reason: text({ error: '请填写异议理由' })
    .trim()
    .min(5, { error: '异议理由至少5个字，请写明认为扣分不当的事实和依据' })
    .max(2000, { error: '异议理由最多2000字' }),
});
export type RaiseObjectionBody = z.infer<typeof raiseObjectionBody>;

export const answerObjectionBody = z
  .strictObject({
    decision: choiceOf({ uphold: OBJECTION_EVENTS.uphold, adjust: OBJECTION_EVENTS.adjust }, '答复结论'),
    response: text({ error: '请填写答复理由' })
      .trim()
      .min(2, { error: '请填写答复理由，说明维持或调整的依据' })
      .max(2000, { error: '答复理由最多2000字' }),
    /** adjust: the new engine answer for the criterion */
    answer: answer.optional(),
    version: versionField,
  })
  .refine((b) => b.decision !== 'adjust' || b.answer !== undefined, {
    error: '调整评分时须填写新的评分',
    path: ['answer'],
  });
export type AnswerObjectionBody = z.infer<typeof answerObjectionBody>;

export const objectionParams = z.strictObject({ id: idText('异议编号须为正整数') });
/**
 * GET results: "full" (the default) as the caller may see them; "totals" leaves out, for a caller who sees every
 * unit (scope "all": the office, leaders), each unit's criterion lines and missing codes — the ranking, the
 * subtotals and the charts need none of them, and at 122 counties they are most of the answer (the ranking
 * export and the unit reports still hold every line). Other scopes are already trimmed and are unchanged.
 */
export const resultsQuery = z.strictObject({
  detail: z.enum(['full', 'totals'], { error: '明细范围须为含考核要点明细或仅总分与分项得分' }).optional(),
});
export type ResultsQuery = z.infer<typeof resultsQuery>;

export const unitReportParams = z.strictObject({
  id: idText('考核编号须为正整数'),
  unitId: idText('被考核单位编号须为正整数'),
});

/** One scored criterion of a unit: what it got, out of what, why, and the evaluating department's comment. */
export const criterionLine = z.object({
  /** "7.a" */
  code: z.string(),
  itemCode: z.string(),
  criterionCode: z.string(),
  itemTitle: z.string(),
  title: z.string(),
  sectionCode: z.string(),
  role: z.enum(['base', 'bonus', 'deduction', 'veto']),
  status: z.string(),
  score: z.string(),
  maximum: z.string(),
  /** base: maximum − score; deduction: the amount subtracted; bonus/veto: "0" */
  lost: z.string(),
  explanation: z.string(),
  comment: z.string().nullable(),
  department: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export type CriterionLine = z.infer<typeof criterionLine>;

export const sectionLine = z.object({
  code: z.string(),
  title: z.string(),
  role: z.enum(['base', 'bonus', 'deduction', 'veto']),
  score: z.string(),
  maximum: z.string(),
});
export type SectionLine = z.infer<typeof sectionLine>;

/**
 * A domain's row as a document prints it: a deduction as "减2" (a bare 2 under 得分 reads as points earned), and the
 * veto domain as whether it struck — named by the veto items that struck (`vetoTitles()`), in the domain's cell, so
 * the narrow 得分 column holds only "触发" (its 0 / 0 said nothing, and a code such as "23.a" tells a reader nothing).
 */
export function sectionFigures(s: SectionLine, struck: readonly string[]): { title: string; score: string; maximum: string } {
  if (s.role === 'veto') return struck.length ? { title: `${s.title}：${struck.join('、')}`, score: '触发', maximum: '—' } : { title: s.title, score: '未触发', maximum: '—' };
  if (s.role === 'deduction') return { title: s.title, score: Number(s.score) ? `减${s.score}` : '0', maximum: `最多减${s.maximum}` };
  return { title: s.title, score: s.score, maximum: s.maximum };
}

/** One veto key point of the scheme: its code, the item's short title ("发生重大质量安全事故") and its wording. */
export const vetoItem = z.object({ code: z.string(), itemTitle: z.string(), title: z.string() });
export type VetoItem = z.infer<typeof vetoItem>;

/**
 * The veto items that struck a unit, by their short title in the scheme ("发生重大质量安全事故"), each once: what a
 * document prints (反馈意见, 结果报告, 通报, 排名表), where a code such as "23.a" tells a reader nothing. The titles come
 * from the scheme's veto items (`ResultsView.vetoItems`), so a unit whose key points the reader does not see (a city
 * reading the others' totals) is named too; a code the scheme does not hold stays a code.
 */
export function vetoTitles(v: { vetoItems: readonly VetoItem[] }, u: { vetoCodes: readonly string[]; criteria: readonly Pick<CriterionLine, 'code' | 'itemTitle'>[] }): string[] {
  const title = (code: string) => v.vetoItems.find((i) => i.code === code)?.itemTitle || u.criteria.find((c) => c.code === code)?.itemTitle || code;
  return [...new Set(u.vetoCodes.map(title))];
}

/** A key point as a document names it: its code with its item's title ("1.a 实施质量强省战略"), never a bare code. */
export function keyPointName(u: { criteria: readonly Pick<CriterionLine, 'code' | 'itemTitle'>[] }, code: string): string {
  const c = u.criteria.find((x) => x.code === code);
  return c ? keyPointLabel(code, c.itemTitle) : code;
}

/**
 * The one wording of a key point's name, its code with its item's title: "7.a 产品质量安全保障" — never the bare item
 * (第7项: the objection is to 7.a, not to item 7) nor a bare code. Tables and headers print it as it is (the objection
 * list, the answer dialog, documents); a sentence quotes it (keyPointInText).
 */
export const keyPointLabel = (code: string, itemTitle: string): string => (itemTitle ? `${code} ${itemTitle}` : code);

/**
 * A key point named inside a sentence — a to-do, a refusal, a dialog's title: its one name (keyPointLabel) in 「」, as
 * a name is quoted in running text: 答复长沙市对…考核「7.a 产品质量安全保障」评分的异议, 对「7.a 产品质量安全保障」提出异议.
 */
export const keyPointInText = (code: string, itemTitle: string): string => `「${keyPointLabel(code, itemTitle)}」`;

/**
 * A unit's score of a key point named inside a sentence — the scoring refusals, the score sheet's problems, the
 * grid's messages: the unit's name and the key point quoted (keyPointInText), 长沙市「7.a 产品质量安全保障」.
 */
export const scoreCellInText = (unitName: string, code: string, itemTitle: string): string => `${unitName}${keyPointInText(code, itemTitle)}`;

/** A score not yet entered, as the submission's refusal lists it: 长沙市「7.a 产品质量安全保障」未评分. */
export const missingLabel = (unitName: string, code: string, itemTitle: string): string => `${scoreCellInText(unitName, code, itemTitle)}未评分`;

/**
 * A unit's result. Fields a caller may not see are null (a department before publication sees only its own
 * criteria, no totals; a city after publication sees the others' totals but not their criteria).
 */
export const unitResultView = z.object({
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  total: z.string().nullable(),
  /** base subtotal (sum of the base sections) */
  baseScore: z.string().nullable(),
  bonus: z.string().nullable(),
  deduction: z.string().nullable(),
  veto: z.boolean().nullable(),
  vetoCodes: z.array(z.string()),
  rank: z.number().nullable(),
  grade: z.string().nullable(),
  /** "item.criterion" codes with no stored answer (scored 0, "未填报") */
  missing: z.array(z.string()),
  sections: z.array(sectionLine),
  criteria: z.array(criterionLine),
});
export type UnitResultView = z.infer<typeof unitResultView>;

export const resultsView = z.object({
  cycleId: z.number(),
  year: z.number(),
  title: z.string(),
  /** preliminary: computed live from the stored scores; final: the frozen published results */
  stage: z.enum(['preliminary', 'final']),
  stageLabel: z.string(),
  /** what the caller sees: all units; only its own unit in detail; only its own criteria */
  scope: z.enum(['all', 'own', 'criteria']),
  publishedAt: z.string().nullable(),
  objectionStart: z.string().nullable(),
  /** null: none set, or one stored before the rule that is no real end (9999-12-31; objectionEndUnsettled) */
  objectionEnd: z.string().nullable(),
  schemeVersion: z.number(),
  demo: z.boolean(),
  /** the domains (base sections) in order, for table columns and the radar */
  domains: z.array(z.object({ code: z.string(), title: z.string(), points: z.string() })),
  units: z.array(unitResultView),
  /**
   * How many units the cycle assesses, whatever the caller sees of them: the 共 N 个 of a rank in the unit's report
   * and feedback (before publication a city sees only its own unit, so units.length would be 1).
   */
  unitCount: z.number(),
  /** the scheme's veto key points, for naming a struck veto by its title (`vetoTitles()`) whoever's result it is */
  vetoItems: z.array(vetoItem),
  /**
   * While scoring (before the objection window): whether every evaluating department has submitted, and for the
   * office and leaders which have not and which cells are missing ("评分未完成"). Null once the window is open.
   */
  completeness: z
    .object({
      complete: z.boolean(),
      pending: z.array(pendingDepartment),
    })
    .nullable()
    .optional(),
  /** the office published the submitted departments' scores early: when, why, which departments (null otherwise) */
  partial: preliminaryPublication.nullable().optional(),
  /** the base cycle's published totals, for the year-on-year chart (null when there are none) */
  previous: z
    .object({
      cycleId: z.number(),
      year: z.number(),
      units: z.array(z.object({ unitCode: z.string(), total: z.string(), rank: z.number(), grade: z.string() })),
    })
    .nullable(),
});
export type ResultsView = z.infer<typeof resultsView>;

const objectionStatus = z.enum(Object.keys(OBJECTION_WORKFLOW.states) as [ObjectionStatus, ...ObjectionStatus[]]);

export const objectionView = z.object({
  id: z.number(),
  cycleId: z.number(),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  /** the department that answers: until answered the key point's first evaluator, then the one that answered */
  department: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  /** every department the objection went to: the key point's evaluators in the published scheme (any may answer) */
  evaluators: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  /** the caller may answer it now (objectionAnswerRefusal, and still open) */
  mayAnswer: z.boolean(),
  itemCode: z.string(),
  criterionCode: z.string(),
  itemTitle: z.string(),
  criterionTitle: z.string(),
  reason: z.string(),
  status: objectionStatus,
  statusLabel: z.string(),
  response: z.string().nullable(),
  beforeAnswer: z.unknown().nullable(),
  afterAnswer: z.unknown().nullable(),
  raisedAt: z.string(),
  answeredAt: z.string().nullable(),
  evidence: z.array(z.object({ id: z.number(), fileName: z.string(), sizeBytes: z.number(), mimeType: z.string() })),
  version: z.number(),
  /**
   * For the answer dialog, when the caller may answer (mayAnswer): the key point as the scoring grid describes it (its
   * rule, points, 合理缺项) and the published scheme reduced to it, so the dialog offers the one input its rule takes
   * and checks a new score with the engine the server runs (checkEnteredAnswer); null otherwise.
   */
  answering: z.object({ criterion: criterionDef, framework: z.custom<Framework>() }).nullable(),
});
export type ObjectionView = z.infer<typeof objectionView>;

/** An engine answer in words, for reports and the objection list: "14 分", "实测值 95.1", "符合"… */
export function formatAnswer(a: unknown): string {
  if (a === null || a === undefined) return '未填报';
  if (a === true) return '符合';
  if (a === false) return '不符合';
  if (a === 'na') return '合理缺项';
  if (typeof a === 'object') {
    const o = a as { score?: number; level?: number; value?: number; ratio?: [number, number] };
    if (o.score !== undefined) return `${o.score}分`;
    if (o.level !== undefined) return `${o.level}分档`;
    if (o.value !== undefined) return `实测值${o.value}`;
    if (o.ratio) return `${o.ratio[0]} / ${o.ratio[1]}`;
  }
  return JSON.stringify(a);
}

/**
 * What the assessed units are called: 市州 when a province assesses its cities, 县市区 when a city's office assesses
 * its counties. By the units' GB/T 2260 codes: a city's ends in 00 (430600), a county's does not (430602).
 */
export const assessedTerm = (unitCodes: readonly string[]): '市州' | '县市区' => (unitCodes.some((c) => !c.endsWith('00')) ? '县市区' : '市州');
export const assessedTermOf = (v: Pick<ResultsView, 'units'>) => assessedTerm(v.units.map((u) => u.unitCode));
