import '../contracts/common';
import { scoreInput, type ScoreInput } from './answers';

/** One problem in the input: which unit, which code (item.criterion, or a field path), what is allowed. */
export interface ScoringIssue {
  /** unit code ('' when the problem is not tied to a unit) */
  unit: string;
  /** node code "1.3.a", "ineligibility.I1", or a field path */
  code: string;
  /** Chinese, says what is wrong and what is allowed */
  message: string;
}

/** Bad input: every problem found, not just the first. The CLI prints them and exits 2; the server answers 400. */
export class ScoringInputError extends Error {
  override readonly name = 'ScoringInputError';
  constructor(readonly issues: ScoringIssue[]) {
    super(
      `评分输入有误（共${issues.length}处）：` +
        issues
          .slice(0, 20)
          .map((i) => `${i.unit ? `单位${i.unit}，` : ''}${i.code ? `${i.code}：` : ''}${i.message}`)
          .join('；') +
        (issues.length > 20 ? '……' : ''),
    );
  }
}

/** Shape check of a whole input with zod (Chinese messages). Throws ScoringInputError listing every problem. */
export function parseScoreInput(value: unknown): ScoreInput {
  const r = scoreInput.safeParse(value);
  if (r.success) return r.data;
  const raw = value as { units?: { unit?: unknown }[] } | undefined;
  const issues: ScoringIssue[] = r.error.issues.map((issue) => {
    const path = issue.path.map(String);
    let unit = '';
    if (path[0] === 'units' && path.length > 1) {
      const u = raw?.units?.[Number(path[1])]?.unit;
      unit = typeof u === 'string' ? u : `#${Number(path[1]) + 1}`;
    }
    let code = path.join('.');
    if (path[0] === 'units' && path[2] === 'answers' && path.length >= 5) code = `${path[3]}.${path[4]}`;
    let message = issue.message;
    if (issue.code === 'invalid_union' && path[2] === 'answers') {
      message = '答案格式不正确：应为 true/false、{"level": 分值}、{"value": 数值}、{"ratio": [分子, 分母]}、{"score": 分数} 或 "na"';
    } else if (issue.code === 'unrecognized_keys') {
      message = `不允许的字段：${(issue as { keys: string[] }).keys.join('、')}`;
    }
    return { unit, code, message };
  });
  throw new ScoringInputError(issues);
}
