/** The scoring engine in the browser: previews of one answer and the live totals of the grid (the same code the server runs). */
import { checkEnteredAnswer, scoreUnit, type Framework } from '../../../../shared/scoring';
import type { CriterionDef, ScoreCell } from '../../../../shared/contracts/scoring';

export type Preview = { ok: true; score: string; explanation: string } | { ok: false; message: string };

/** What the engine makes of one answer (the server checks the same way, two decimals at most included, and answers with the same message). */
export function previewAnswer(fw: Framework, c: CriterionDef, answer: unknown): Preview {
  const r = checkEnteredAnswer(fw, c.itemCode, c.criterionCode, answer);
  return r.ok ? { ok: true, score: r.score, explanation: r.explanation } : { ok: false, message: r.message };
}

export interface UnitTotal {
  /** base criteria */
  score: string;
  bonus: string;
  deduction: string;
  veto: boolean;
  scored: number;
}

/** The engine's totals of one unit over the criteria of the grid (missing answers count 0). */
export function unitTotal(fw: Framework, unitCode: string, cells: ScoreCell[]): UnitTotal | null {
  const answers: Record<string, Record<string, unknown>> = {};
  for (const c of cells) (answers[c.itemCode] ??= {})[c.criterionCode] = c.answer;
  try {
    const r = scoreUnit(fw, { unit: unitCode, answers: answers as never });
    return { score: r.score, bonus: r.bonus, deduction: r.deduction, veto: r.veto, scored: cells.length };
  } catch {
    return null;
  }
}

/** A short text of a stored answer. */
export function answerText(answer: unknown, c: CriterionDef): string {
  if (answer === 'na') return '合理缺项';
  if (answer === true) return c.role === 'veto' ? '发生' : '是';
  if (answer === false) return c.role === 'veto' ? '未发生' : '否';
  if (answer && typeof answer === 'object') {
    const a = answer as { score?: number; level?: number; value?: number; ratio?: [number, number] };
    if (a.score !== undefined) return `${a.score}分`;
    if (a.level !== undefined) {
      const rule = c.rule as { levels?: number[]; labels?: string[] };
      const label = rule.labels?.[rule.levels?.indexOf(a.level) ?? -1];
      return `${a.level}分档${label ? `（${label}）` : ''}`;
    }
    const unit = (c.rule as { unit?: string }).unit ?? '';
    if (a.value !== undefined) return `${a.value}${unit}`;
    if (a.ratio) return `${a.ratio[0]} / ${a.ratio[1]}`;
  }
  return JSON.stringify(answer);
}

export const RULE_HINT: Record<string, string> = {
  direct: '直接评分',
  levels: '按档次评分',
  threshold: '按实测值（达标档次）',
  linear: '按实测值（差额扣分）',
  rank: '按实测值排名',
  boolean: '是/否',
};
