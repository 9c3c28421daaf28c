/**
 * Annex 1 (考核指标申报表) and Annex 2 (加分项申报表) of seed 000, as a department's declaration content.
 * Drafts save whatever is typed (declarationContent); submitting checks it strictly (see the declarations
 * module), e.g. criteria add up to the key point's points and every key point has a basis.
 */
import { choiceOf, pageQueryUpTo, sortQuery, statesFilter, text, versionOf, versionText, z, dateOnly } from './common';
import { DECLARATION_WORKFLOW, type DeclarationStatus } from '../workflow/assessment';
import { eventLabels } from '../workflow/workflow';
import { pointsPrecisionProblem, withinPointPrecision } from '../scoring/precision';
import { fieldLabel } from './field-labels';
import { fromNumber, toDecimalString } from '../scoring/rational';

const points = z
  .number({ error: '分值须为数字' })
  .min(0, { error: '分值不能为负数' })
  .max(100, { error: '分值不能超过100' })
  .superRefine((n, ctx) => {
    const message = pointsPrecisionProblem(n);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const declarationCriterion = z.strictObject({
  text: text().trim().min(1, { error: '请填写要点考核内容' }).max(500),
  points,
});

export const indicatorRow = z.strictObject({
  /** 考核领域, e.g. 宏观质量 */
  domain: text().trim().min(1, { error: '请填写考核领域' }).max(20),
  /** 考核内容, e.g. 实施质量强省战略 */
  item: text().trim().min(1, { error: '请填写考核内容' }).max(100),
  /** 考核要点 */
  keyPoint: text().trim().min(1, { error: '请填写考核要点' }).max(1000),
  /** 要点考核内容: the scored criteria with their points */
  criteria: z.array(declarationCriterion).max(30),
  /** 分值 of the key point */
  points,
  /** 指标依据 */
  basis: text().trim().max(1000),
  /** last year's points for this key point (prefilled), null for a new one */
  lastYearPoints: points.nullable(),
  /** the code of last year's key point this row continues ("7.a"), null for a new one */
  sourceCode: text().max(20).nullable(),
  /** why the points exceed last year's (the notice: 原则上不超过) */
  overReason: text().trim().max(1000).optional(),
});
export type IndicatorRow = z.infer<typeof indicatorRow>;

export const bonusRow = z.strictObject({
  /** 加分项目, e.g. 激励表彰 / 质量荣誉 */
  project: text().trim().min(1, { error: '请填写加分项目' }).max(100),
  /** 加分标准 */
  standard: text().trim().min(1, { error: '请填写加分标准' }).max(1000),
  /** 指标依据 */
  basis: text().trim().max(1000),
});
export type BonusRow = z.infer<typeof bonusRow>;

export const declarationContent = z.strictObject({
  indicators: z.array(indicatorRow).max(200, { error: '指标不超过200条' }),
  bonuses: z.array(bonusRow).max(50, { error: '加分项不超过50条' }),
});
export type DeclarationContent = z.infer<typeof declarationContent>;

// ───────────────────────── API bodies and answers ─────────────────────────


const versionField = versionOf();

/** PUT /api/declarations/:id — a draft save (whatever is typed; strict checks run on submit). */
export const saveDeclarationBody = z.strictObject({
  content: declarationContent,
  version: versionField,
});
export type SaveDeclarationBody = z.infer<typeof saveDeclarationBody>;

export const declarationTransitionBody = z
  .strictObject({
    event: choiceOf(eventLabels(DECLARATION_WORKFLOW), '操作'),
    reason: text().trim().max(1000, { error: '原因不超过1000字' }).optional(),
    /** the version the caller last read: a submission or a decision is about the content the caller saw */
    version: versionField,
  })
  .refine((b) => b.event !== 'return' || (b.reason ?? '').length > 0, {
    error: '退回时请填写退回原因，说明需要修改什么',
    path: ['reason'],
  });
export type DeclarationTransitionBody = z.infer<typeof declarationTransitionBody>;

export const reopenDeclarationBody = z.strictObject({
  until: dateOnly('重新开放截止日期'),
  reason: text({ error: '请填写重新开放的原因' }).trim().min(1, { error: '请填写重新开放的原因' }).max(1000),
});
export type ReopenDeclarationBody = z.infer<typeof reopenDeclarationBody>;

export const uploadQuery = z.strictObject({
  version: versionText(),
});

/** A row whose points exceed last year's (the notice: 原则上不超过上年分值); the office sees these flagged. */
export const overPointsFlag = z.object({
  row: z.number(), // 0-based index in content.indicators
  item: z.string(),
  keyPoint: z.string(),
  sourceCode: z.string().nullable(),
  points: z.number(),
  lastYearPoints: z.number(),
  reason: z.string().nullable(),
});
export type OverPointsFlag = z.infer<typeof overPointsFlag>;

const declarationStatus = z.enum(Object.keys(DECLARATION_WORKFLOW.states) as [DeclarationStatus, ...DeclarationStatus[]]);

/** What the caller may do with one declaration (the UI shows buttons from this). */
export const declarationActions = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  return: z.boolean(),
  accept: z.boolean(),
  reopen: z.boolean(),
  /** the office may 催办 (declarationRemindRefusal): still collecting, outstanding and not past its due date, and not reminded in the last REMIND_AGAIN_MINUTES */
  remind: z.boolean(),
});
export type DeclarationActions = z.infer<typeof declarationActions>;

export const declarationSummary = z.object({
  id: z.number(),
  cycleId: z.number(),
  departmentId: z.number(),
  departmentCode: z.string(),
  departmentName: z.string(),
  status: declarationStatus,
  statusLabel: z.string(),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  reopenedUntil: z.string().nullable(),
  returnReason: z.string().nullable(),
  indicatorCount: z.number(),
  bonusCount: z.number(),
  /** sum of the key points' points, exact decimal text ("22.5") */
  totalPoints: z.string(),
  overPoints: z.array(overPointsFlag),
  version: z.number(),
  updatedAt: z.string(),
  /** the deadline that applies to this department: the cycle's, or reopened_until when later */
  dueDate: z.string(),
  /** whether the department may still save/submit now (collection open and before its due date) */
  open: z.boolean(),
  /** how often the office has reminded the department of this declaration (催办) and when last; null if never */
  reminders: z.object({ count: z.number(), lastAt: z.string() }).nullable(),
  actions: declarationActions,
});
export type DeclarationSummary = z.infer<typeof declarationSummary>;

export const declarationDetail = declarationSummary.extend({
  cycleTitle: z.string(),
  year: z.number(),
  deadline: z.string(),
  content: declarationContent,
});
export type DeclarationDetail = z.infer<typeof declarationDetail>;

/**
 * GET /api/cycles/:id/declarations: a page of the invited departments' declarations, filtered by state, in the
 * departments' official order unless sorted by unit (the department's name).
 */
export const declarationListQuery = z.strictObject({
  ...pageQueryUpTo(100),
  status: statesFilter(DECLARATION_WORKFLOW.states).optional(),
  sort: sortQuery({ unit: '成员单位' }).optional(),
});
export type DeclarationListQuery = z.input<typeof declarationListQuery>;

export const declarationList = z.object({
  /** the page asked for, after the state filter */
  items: z.array(declarationSummary),
  /** how many declarations pass the filter (all pages) */
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** every invited department's declaration, whatever the filter and page */
  counts: z.object({
    total: z.number(),
    draft: z.number(),
    submitted: z.number(),
    returned: z.number(),
    accepted: z.number(),
    late: z.number(),
    overPoints: z.number(),
  }),
});
export type DeclarationList = z.infer<typeof declarationList>;

/** One problem of an uploaded file: Excel row number (1-based, null for the whole file/sheet), column name, reason. */
export interface UploadProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  reason: string;
  /** a merged range's problem: the last row the range covers (each of its rows reads the range's value in every column, so none is checked further) */
  throughRow?: number;
}
export const uploadResult = z.object({
  declaration: declarationDetail,
  /** the file was imported; these still stop a submission (criteria sums, basis, over-points reasons) */
  warnings: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type UploadResult = z.infer<typeof uploadResult>;

// ───────────────────────── exact points (integer hundredths) ─────────────────────────

/** Points as integer hundredths: 0.5 → 50, 14.5 → 1450 (the contract allows at most two decimals). */
export const toHundredths = (n: number): number => Math.round(n * 100);
/** Integer hundredths back to decimal text without float noise: 1450 → "14.5", 200 → "2". */
export function hundredthsText(h: number): string {
  const neg = h < 0;
  const a = Math.abs(h);
  const int = Math.floor(a / 100);
  const frac = a % 100;
  const s = frac === 0 ? String(int) : `${int}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
  return neg ? `-${s}` : s;
}
/**
 * Points as decimal text: to two decimals without float noise ("14.5"); a figure typed finer, which the contract refuses
 * (pointsPrecisionProblem), as it was typed ("3.145", not "3.15"): the form's sums and checks beside the refusal do not
 * show a rounded value the user never typed.
 */
export const pointsText = (n: number): string => (withinPointPrecision(n) ? hundredthsText(toHundredths(n)) : toDecimalString(fromNumber(n)));

/**
 * The sum of figures each to two decimals (a key point's 要点考核内容), exactly, in integer hundredths; null when one is
 * finer (pointsPrecisionProblem refuses it, "3.145"): a sum of it, rounded or not, is no figure the form may take, so the
 * form shows none (pointsTotalText) and the submission's checks judge no 合计 against the key point's 分值.
 */
export const pointsTotal = (points: readonly number[]): number | null => (points.every(withinPointPrecision) ? points.reduce((s, n) => s + toHundredths(n), 0) : null);
/** The 合计 the declaration form shows beside a key point's 要点考核内容: "3.15分", or "—" while a figure is finer than two decimals. */
export const pointsTotalText = (points: readonly number[]): string => {
  const total = pointsTotal(points);
  return total === null ? '—' : `${hundredthsText(total)}分`;
};

/** points > lastYearPoints, exactly. */
export const isOverLastYear = (r: Pick<IndicatorRow, 'points' | 'lastYearPoints'>): boolean =>
  r.lastYearPoints !== null && toHundredths(r.points) > toHundredths(r.lastYearPoints);

export function overPointsOf(content: DeclarationContent): OverPointsFlag[] {
  return content.indicators.flatMap((r, row) =>
    isOverLastYear(r)
      ? [{ row, item: r.item, keyPoint: r.keyPoint, sourceCode: r.sourceCode, points: r.points, lastYearPoints: r.lastYearPoints!, reason: r.overReason?.trim() || null }]
      : [],
  );
}

export interface DeclarationProblem {
  /** a form path: indicators.3.criteria, bonuses.0.basis, (整体) */
  field: string;
  message: string;
}

/**
 * The strict checks a submission must pass (drafts save anything). Pure, so the browser shows the same
 * problems live. Messages name the row as fieldLabel does (第N条指标, as the form's card and a refused save name it)
 * and what to fix.
 */
export function checkDeclaration(content: DeclarationContent): DeclarationProblem[] {
  const out: DeclarationProblem[] = [];
  if (content.indicators.length === 0 && content.bonuses.length === 0) {
    out.push({ field: '(整体)', message: '申报表为空：请至少填写一条考核指标或加分项' });
  }
  content.indicators.forEach((r, i) => {
    const n = fieldLabel(['indicators', i]);
    const p = `indicators.${i}`;
    if (toHundredths(r.points) <= 0) out.push({ field: `${p}.points`, message: `${n}：分值须大于0` });
    if (r.criteria.length === 0) {
      out.push({ field: `${p}.criteria`, message: `${n}：请填写要点考核内容（至少一条，每条注明分值）` });
    } else {
      const sum = pointsTotal(r.criteria.map((c) => c.points));
      if (sum !== null && sum !== toHundredths(r.points)) {
        out.push({
          field: `${p}.criteria`,
          message: `${n}：要点考核内容分值合计${hundredthsText(sum)}分，与考核要点分值${pointsText(r.points)}分不一致，请调整使二者相等`,
        });
      }
      r.criteria.forEach((c, j) => {
        if (toHundredths(c.points) <= 0) out.push({ field: `${p}.criteria.${j}.points`, message: `${fieldLabel(['indicators', i, 'criteria', j])}：分值须大于0` });
      });
    }
    if (!r.basis.trim()) out.push({ field: `${p}.basis`, message: `${n}：请填写指标依据（文件名称等）` });
    if (isOverLastYear(r) && !r.overReason?.trim()) {
      out.push({
        field: `${p}.overReason`,
        message: `${n}：分值${pointsText(r.points)}分超过上年${pointsText(r.lastYearPoints!)}分，原则上不超过上年分值，如确需提高请填写理由`,
      });
    }
  });
  content.bonuses.forEach((b, i) => {
    if (!b.basis.trim()) out.push({ field: `bonuses.${i}.basis`, message: `${fieldLabel(['bonuses', i])}：请填写指标依据` });
  });
  return out;
}

// ───────────────────────── the 要点考核内容 cell convention ─────────────────────────

/**
 * In the Excel/Word templates the criteria of a key point live in one cell (要点考核内容), each criterion
 * ending with its points in full-width or half-width brackets: "text（0.5分）". Criteria are separated by
 * line breaks (what the platform writes) or by "；" as in the seed's own example
 * ("…有部署（0.5分）；质量强市（州）组织机构完善（0.5分）；…"). A leading number ("1." "（1）" "①") and
 * the separators are dropped. Text after the last "（N分）" other than punctuation is an error.
 */
const MARK = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]/g;
const LEAD = /^[\s；;，,。、\n\r]*(?:(?:\d+[.、．]|[（(]\d+[）)]|[①-⑳])\s*)?/;

export function formatCriteriaCell(criteria: readonly { text: string; points: number }[]): string {
  return criteria.map((c) => `${c.text}（${pointsText(c.points)}分）`).join('\n');
}

export function parseCriteriaCell(cell: string): { criteria: { text: string; points: number }[]; errors: string[] } {
  const criteria: { text: string; points: number }[] = [];
  const errors: string[] = [];
  let last = 0;
  for (const m of cell.matchAll(MARK)) {
    const text = cell.slice(last, m.index).replace(LEAD, '').replace(/[\s；;，,。]+$/, '').trim();
    last = m.index! + m[0].length;
    const pts = Number(m[1]);
    if (!text) {
      errors.push(`第${criteria.length + errors.length + 1}处「${m[0]}」前缺少考核内容`);
      continue;
    }
    if (!withinPointPrecision(pts)) errors.push(`「${text.slice(0, 20)}」的分值${m[1]}最多保留两位小数`);
    criteria.push({ text, points: pts });
  }
  const rest = cell.slice(last).replace(LEAD, '').replace(/[\s；;，,。]+$/, '').trim();
  if (rest) errors.push(`「${rest.slice(0, 30)}」缺少分值，每条要点考核内容须以“（N分）”结尾`);
  return { criteria, errors };
}
