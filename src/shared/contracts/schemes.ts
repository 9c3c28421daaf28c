/**
 * The assessment scheme (考核方案) of a cycle: versions, the draft editor's payload, the publication checks,
 * the comparison with the declarations. Pure: the browser runs checkScheme() for its live check panel and
 * the server runs the very same function before publishing, so the messages are identical.
 *
 * Grade bands: the scheme's framework.gradeBands is the one source of truth (edited in the draft, frozen with
 * each published version); publication copies them to the cycle (assessment_cycle.grade_bands_json) so that
 * CycleDetail.gradeBands shows the bands in force.
 */
import { id, MAX_DEPARTMENTS, text, versionOf, z } from './common';
import { framework, type Framework } from '../scoring/framework-schema';
import { validateFramework } from '../scoring/validator';
import { frameworkSizeProblems } from '../scoring/framework-limits';
import { frameworkPrecisionProblems } from '../scoring/precision';
import { add, cmp, eq, fromNumber, toDecimalString, ZERO } from '../scoring/rational';
import { SCHEME_WORKFLOW, type SchemeStatus } from '../workflow/assessment';
import { keyPointInText } from './results';

const versionField = versionOf();
const reasonField = text({ error: '请填写新建版本的原因' })
  .trim()
  .min(5, { error: '请写明新建版本的原因，至少5个字' })
  .max(500, { error: '原因不超过500个字' });

export const schemeStatus = z.enum(Object.keys(SCHEME_WORKFLOW.states) as [SchemeStatus, ...SchemeStatus[]]);

export const schemeSummary = z.object({
  id: z.number(),
  cycleId: z.number(),
  versionNo: z.number(),
  status: schemeStatus,
  statusLabel: z.string(),
  reason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.number().nullable(),
  publishedByName: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SchemeSummary = z.infer<typeof schemeSummary>;

export const schemeIssue = z.object({ code: z.string(), message: z.string() });
export type SchemeIssue = z.infer<typeof schemeIssue>;
export const schemeCheckReport = z.object({ errors: z.array(schemeIssue), warnings: z.array(schemeIssue), basePoints: z.string() });
export type SchemeCheckReport = z.infer<typeof schemeCheckReport>;

/** A department (or office) that may evaluate key points. */
export const evaluatorOption = z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string() });
export type EvaluatorOption = z.infer<typeof evaluatorOption>;

export const schemeDetail = schemeSummary.extend({
  framework: z.unknown(),
  check: schemeCheckReport,
  /** departments and offices that may be chosen as 评价部门 */
  evaluatorOptions: z.array(evaluatorOption),
  /**
   * every evaluator code the scheme may name → the name it reads as: the options, and 'office' (the organising
   * 质强办's key points, scored by the cycle's own office, so a city's copy reads as the city's office)
   */
  evaluatorLabels: z.record(z.string(), z.string()),
  /** the office may edit this version (a draft, and the caller manages the scheme) */
  editable: z.boolean(),
  /**
   * A draft, for the office: accepted declarations not yet written into it (「将已接收的申报写入草稿」); the
   * draft cannot be published while any is listed. Empty otherwise.
   */
  unappliedDeclarations: z.array(z.object({ declarationId: z.number(), departmentId: z.number(), name: z.string() })),
});
export type SchemeDetail = Omit<z.infer<typeof schemeDetail>, 'framework'> & { framework: Framework };

export const updateSchemeBody = z.strictObject({
  /** a draft's points to two decimals at most (frameworkPrecisionProblems); a stored scheme is read as it is */
  framework: framework.superRefine((fw, ctx) => {
    // the size first (FRAMEWORK_LIMITS): 43,000 grade bands are one problem, not 43,000 (nor a walk over 6,000 sections)
    const size = frameworkSizeProblems(fw);
    for (const p of size) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
    if (size.length) return;
    for (const p of frameworkPrecisionProblems(fw)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  }),
  version: versionField,
});
export type UpdateSchemeBody = z.input<typeof updateSchemeBody>;

export const newVersionBody = z.strictObject({ reason: reasonField });

export const publishSchemeBody = z.strictObject({
  version: versionField,
  /** optional: replaces the reason given when the version was started */
  reason: reasonField.optional(),
});

/**
 * A score a new version removed (its key point gone, or its answer no longer fitting the rule), named by the version
 * it was given under: `itemTitle` is that version's, for keyPointLabel ('' when it did not hold the key point).
 */
export const removedScore = z.object({ unitId: z.number(), itemCode: z.string(), criterionCode: z.string(), itemTitle: z.string(), reason: z.string() });
export type RemovedScore = z.infer<typeof removedScore>;

/**
 * How the publication tells the office which scores it removed: their count and their key points, each once, by its
 * one name in a sentence (keyPointInText) — 移除了3条不再适用的评分：「7.z 旧标题」、「3.b 质量基础」.
 */
export function removedScoresLine(removed: readonly Pick<RemovedScore, 'itemCode' | 'criterionCode' | 'itemTitle'>[]): string {
  const named = [...new Set(removed.map((x) => keyPointInText(`${x.itemCode}.${x.criterionCode}`, x.itemTitle)))];
  return `移除了${removed.length}条不再适用的评分：${named.join('、')}`;
}

export const applyDeclarationsBody = z.strictObject({
  /** only these departments' accepted declarations (default: all accepted ones) */
  departmentIds: z.array(id('成员单位编号须为正整数')).min(1, { error: '至少选择一个成员单位' }).max(MAX_DEPARTMENTS, { error: `成员单位不超过${MAX_DEPARTMENTS}个` }).optional(),
  version: versionField,
});

export const applyDeclarationsResult = z.object({
  scheme: schemeDetail,
  applied: z.array(z.object({ departmentCode: z.string(), departmentName: z.string(), indicators: z.number(), bonuses: z.number() })),
  notes: z.array(z.string()),
});

export const compareRow = z.object({
  departmentId: z.number().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  declarationStatus: z.string().nullable(),
  late: z.boolean(),
  /** last year's key point this row continues ("7.a"), null for a newly declared one */
  sourceCode: z.string().nullable(),
  domain: z.string(),
  item: z.string(),
  keyPoint: z.string(),
  lastYearPoints: z.number().nullable(),
  /** null: last year's key point that no declaration continues (未申报) */
  declaredPoints: z.number().nullable(),
  over: z.boolean(),
  overReason: z.string().nullable(),
  /** the key point in the current draft (by code), null when not there */
  draftCode: z.string().nullable(),
  draftPoints: z.number().nullable(),
  criteria: z.array(z.object({ text: z.string(), points: z.number() })),
  basis: z.string(),
});
export type CompareRow = z.infer<typeof compareRow>;

export const compareResponse = z.object({
  draft: schemeSummary.nullable(),
  rows: z.array(compareRow),
  bonuses: z.array(
    z.object({ departmentCode: z.string(), departmentName: z.string(), declarationStatus: z.string(), project: z.string(), standard: z.string(), basis: z.string() }),
  ),
});
export type CompareResponse = z.infer<typeof compareResponse>;

const pts = (n: number) => toDecimalString(fromNumber(n));

/** "7.a" or, for a section with a single role, a readable label of the node kind. */
const kindLabel = (role: string) => (role === 'bonus' ? '加分项' : role === 'deduction' ? '减分项' : role === 'veto' ? '否决项' : '考核要点');

/**
 * Everything that must hold before a scheme is published, with Chinese messages naming the node code:
 * the engine's validator (sums, codes, rules, bands), the base points adding up to exactly the total (100),
 * an evaluating department for every key point, one that exists (`evaluatorCodes`), and valid grade bands.
 */
export function checkScheme(fw: Framework, evaluatorCodes: ReadonlySet<string>): SchemeCheckReport {
  const report = validateFramework(fw);
  // the validator's own total check is replaced by the clearer publication message below
  const errors = report.errors.filter((e) => !(e.code === '' && e.message.startsWith('各基本分领域/指标项分值之和为')));
  const warnings = [...report.warnings];
  // a draft saved before the two-decimal rule: not published as it is
  for (const p of frameworkPrecisionProblems(fw)) errors.push({ code: p.code, message: p.code ? `${p.code} ${p.message}` : p.message });
  let base = ZERO;
  for (const s of fw.sections) {
    const role = s.role ?? 'base';
    for (const it of s.items) {
      for (const c of it.criteria) {
        const code = `${it.code}.${c.code}`;
        if (role === 'base') base = add(base, fromNumber(c.points));
        const evs = c.evaluators ?? it.evaluators ?? [];
        if (evs.length === 0) errors.push({ code, message: `${kindLabel(role)}${code}（${short(c.title)}）没有评价部门，请至少选择一个` });
        for (const e of evs)
          if (!evaluatorCodes.has(e)) errors.push({ code, message: `${kindLabel(role)}${code}的评价部门「${e}」不是本系统的成员单位，请重新选择` });
      }
    }
  }
  const total = fromNumber(fw.totalPoints);
  if (!eq(base, total))
    errors.push({ code: '', message: `各考核要点（基本分）分值之和为${toDecimalString(base)}分，须恰好为${pts(fw.totalPoints)}分，请调整分值` });
  if (fw.kind === 'assessment') {
    const bands = fw.gradeBands ?? [];
    if (bands.length < 2) errors.push({ code: '', message: '请设置等级划分，至少两个等级，如 A ≥ 90、B ≥ 80、C ≥ 60、D ≥ 0' });
    else {
      if (bands.some((b) => !b.grade.trim())) errors.push({ code: '', message: '等级名称不能为空' });
      const lowest = bands[bands.length - 1];
      if (cmp(fromNumber(lowest.min), ZERO) !== 0)
        warnings.push({ code: '', message: `最低等级${lowest.grade}的下限为${lowest.min}，低于该分数的市州按${fw.vetoGrade ?? 'D'}级评定` });
    }
  }
  return { errors, warnings, basePoints: toDecimalString(base) };
}

const short = (s: string) => (s.length > 16 ? `${s.slice(0, 16)}…` : s);

/**
 * Base items and domains take the sum of their key points (the office edits key points; the rest follows).
 * Returns a new framework.
 */
export function recomputeTotals(fw: Framework): Framework {
  const out: Framework = JSON.parse(JSON.stringify(fw)); // plain JSON data; structuredClone is not in the shared (browser + server) lib
  for (const s of out.sections) {
    if ((s.role ?? 'base') !== 'base') continue;
    let sp = ZERO;
    for (const it of s.items) {
      let ip = ZERO;
      for (const c of it.criteria) ip = add(ip, fromNumber(c.points));
      it.points = Number(toDecimalString(ip));
      sp = add(sp, ip);
    }
    s.points = Number(toDecimalString(sp));
  }
  return out;
}

/** What changed between two versions of a framework, node by node (compact audit rows). */
export function diffFrameworks(a: Framework, b: Framework): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const flat = (fw: Framework) => {
    const m = new Map<string, unknown>();
    m.set('framework', { title: fw.title, totalPoints: fw.totalPoints, gradeBands: fw.gradeBands ?? null, vetoGrade: fw.vetoGrade ?? null });
    for (const s of fw.sections) {
      m.set(`section ${s.code}`, { title: s.title, role: s.role, points: s.points });
      for (const it of s.items) {
        m.set(`item ${it.code}`, { section: s.code, title: it.title, points: it.points, method: it.method ?? null, evaluators: it.evaluators ?? null });
        for (const c of it.criteria) m.set(`criterion ${it.code}.${c.code}`, { ...c });
      }
    }
    return m;
  };
  const fa = flat(a);
  const fb = flat(b);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of new Set([...fa.keys(), ...fb.keys()])) {
    const x = fa.get(k);
    const y = fb.get(k);
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      before[k] = x ?? null;
      after[k] = y ?? null;
    }
  }
  return { before, after };
}
