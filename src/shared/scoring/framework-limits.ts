/**
 * How large a scheme draft may be (what is typed now; a stored framework is read as it is, like the precision rule).
 * Far above the seeds — DB43: 11 指标项, at most 8 items in one, 6 细则 in an item, 4 levels, 3 steps, 4 不予受理情形;
 * the 2022 scheme: 8 areas, 4 grades. Unbounded, a draft saved 43,000 grade bands, 6,000 sections or 30,000 threshold
 * steps (200), and every reader of the scheme then got megabytes (4 MB for the bands, 1.6 s to save).
 */
import type { Framework } from './framework-schema';

export const FRAMEWORK_LIMITS = {
  sections: 50,
  items: 200,
  criteria: 26,
  details: 100,
  levels: 20,
  steps: 50,
  gradeBands: 10,
  ineligibility: 20,
} as const;

/** the longest short texts of a scheme (a unit, a code, a grade, the source) */
const TEXT_LIMITS = { code: 20, unit: 20, grade: 10, version: 50, sourceRef: 200, sourceNote: 5000, label: 1000 } as const;

export interface SizeProblem {
  path: (string | number)[];
  message: string;
}

/** Every list longer, and every short text longer, than the limits, with its path in the framework and a Chinese message. */
export function frameworkSizeProblems(fw: Framework): SizeProblem[] {
  const out: SizeProblem[] = [];
  const list = (xs: readonly unknown[] | undefined, max: number, what: string, path: (string | number)[]) => {
    if (xs && xs.length > max) out.push({ path, message: `${what}不超过${max}个（填写了${xs.length}个）` });
    return !!xs && xs.length <= max;
  };
  const words = (s: string | undefined, max: number, what: string, path: (string | number)[]) => {
    if (typeof s === 'string' && s.length > max) out.push({ path, message: `${what}不超过${max}个字` });
  };
  words(fw.version, TEXT_LIMITS.version, '版本', ['version']);
  words(fw.source.seed, TEXT_LIMITS.sourceRef, '来源文件', ['source', 'seed']);
  words(fw.source.table, TEXT_LIMITS.sourceRef, '来源表格', ['source', 'table']);
  words(fw.source.note, TEXT_LIMITS.sourceNote, '来源说明', ['source', 'note']);
  words(fw.vetoGrade, TEXT_LIMITS.grade, '否决等级', ['vetoGrade']);
  if (list(fw.gradeBands, FRAMEWORK_LIMITS.gradeBands, '等级', ['gradeBands'])) {
    fw.gradeBands!.forEach((b, i) => words(b.grade, TEXT_LIMITS.grade, '等级名称', ['gradeBands', i, 'grade']));
  }
  if (list(fw.ineligibility, FRAMEWORK_LIMITS.ineligibility, '不予受理情形', ['ineligibility'])) {
    fw.ineligibility!.forEach((x, i) => {
      words(x.code, TEXT_LIMITS.code, '情形编号', ['ineligibility', i, 'code']);
      words(x.text, TEXT_LIMITS.label, '情形内容', ['ineligibility', i, 'text']);
    });
  }
  if (!list(fw.sections, FRAMEWORK_LIMITS.sections, '考核领域', ['sections'])) return out;
  fw.sections.forEach((s, si) => {
    words(s.code, TEXT_LIMITS.code, '考核领域编号', ['sections', si, 'code']);
    if (!list(s.items, FRAMEWORK_LIMITS.items, `考核领域${s.code.slice(0, TEXT_LIMITS.code)}的考核要点`, ['sections', si, 'items'])) return;
    s.items.forEach((it, ii) => {
      const ip = ['sections', si, 'items', ii];
      words(it.code, TEXT_LIMITS.code, '考核要点编号', [...ip, 'code']);
      if (!list(it.criteria, FRAMEWORK_LIMITS.criteria, `${it.code.slice(0, TEXT_LIMITS.code)}的评分细则`, [...ip, 'criteria'])) return;
      it.criteria.forEach((c, ci) => {
        const cp = [...ip, 'criteria', ci];
        list(c.details, FRAMEWORK_LIMITS.details, `${it.code.slice(0, TEXT_LIMITS.code)}的要点考核内容`, [...cp, 'details']);
        const r = c.rule;
        if ('unit' in r) words(r.unit, TEXT_LIMITS.unit, '单位', [...cp, 'rule', 'unit']);
        if (r.type === 'levels') {
          list(r.levels, FRAMEWORK_LIMITS.levels, '档次', [...cp, 'rule', 'levels']);
          if (list(r.labels, FRAMEWORK_LIMITS.levels, '档次说明', [...cp, 'rule', 'labels'])) r.labels!.forEach((l, li) => words(l, TEXT_LIMITS.label, '档次说明', [...cp, 'rule', 'labels', li]));
        }
        if (r.type === 'threshold') list(r.steps, FRAMEWORK_LIMITS.steps, '阈值档', [...cp, 'rule', 'steps']);
        if (r.type === 'rank') r.tierLabels?.forEach((l, li) => words(l, TEXT_LIMITS.label, '档次说明', [...cp, 'rule', 'tierLabels', li]));
      });
    });
  });
  return out;
}
