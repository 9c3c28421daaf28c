/**
 * One answer of one criterion, checked and scored the way the whole unit would be: what a department's save,
 * an objection's adjustment, a new scheme version's carried-over answers and the browser's preview all need.
 */
import type { Answer } from './answers';
import { ScoringInputError, type ScoringIssue } from './errors';
import type { Framework } from './framework-schema';
import type { CriterionResult } from './types';
import { scoreUnit } from './unit';
import { sign, sub, toDecimalString, toRational } from './rational';
import { hasWords } from '../text';

export type AnswerCheck =
  | {
      ok: true;
      /** "item.criterion", e.g. "1.3.a" */
      code: string;
      /** exact decimal string (for a deduction criterion, the amount subtracted) */
      score: string;
      maximum: string;
      explanation: string;
      result: CriterionResult;
    }
  | {
      ok: false;
      /** "item.criterion": the criterion the answer was given for */
      code: string;
      /** what to fix, in Chinese: the engine's messages joined with "；" (no unit, no prefix: callers add their own) */
      message: string;
      issues: ScoringIssue[];
    };

/**
 * Score `answer` for criterion `criterion` of item `item`, alone (a rank criterion answered with a value ranks
 * first of 1). Never throws for a bad answer or an unknown item or criterion: answers ok: false with the
 * engine's message. Other errors (a broken framework) are thrown.
 */
export function checkAnswer(framework: Framework, item: string, criterion: string, answer: unknown): AnswerCheck {
  const code = `${item}.${criterion}`;
  let result: CriterionResult | undefined;
  try {
    const r = scoreUnit(framework, { unit: '-', answers: { [item]: { [criterion]: answer as Answer } } });
    for (const s of r.sections) for (const i of s.items) if (i.code === item) result = i.criteria.find((c) => c.code === code);
  } catch (e) {
    if (e instanceof ScoringInputError) return { ok: false, code, message: e.issues.map((i) => i.message).join('；'), issues: e.issues };
    throw e;
  }
  // an answer the engine accepted is always one of a criterion it knows
  if (result === undefined) throw new Error(`internal: no result for ${code}`);
  return { ok: true, code, score: result.score, maximum: result.maximum, explanation: result.explanation, result };
}

/**
 * The points a checked answer loses, as a decimal string, or null when it loses none — the rule "every point
 * deducted has a written reason" (扣分理由) asks for a reason exactly when this is not null:
 * - base criterion: maximum − score, when positive (a not-applicable criterion has maximum 0, so loses nothing);
 * - deduction criterion: the amount subtracted, when positive;
 * - veto criterion: the veto itself, answered true ("否决");
 * - bonus criterion: nothing (a bonus not earned is not a deduction).
 */
export function pointsLost(framework: Framework, item: string, check: Extract<AnswerCheck, { ok: true }>, answer: unknown): string | null {
  const section = framework.sections.find((s) => s.items.some((i) => i.code === item));
  const role = section?.role ?? 'base';
  if (role === 'veto') return answer === true ? '否决' : null;
  if (role === 'bonus') return null;
  const lost = role === 'deduction' ? toRational(check.score) : sub(toRational(check.maximum), toRational(check.score));
  return sign(lost) > 0 ? toDecimalString(lost) : null;
}

/** the Chinese name of the reason a lost point needs, in the grids, the sheets and every message */
export const REASON_LABEL = '扣分理由';

/** What a lost point without a reason is told: "7.a 失分 2.5 分，请填写扣分理由". */
export const reasonMissing = (key: string, lost: string) => (lost === '否决' ? `${key}认定否决，请填写${REASON_LABEL}` : `${key}失分${lost}分，请填写${REASON_LABEL}`);

/**
 * The rule "every point deducted has a written reason", for the yearly assessment and the DB43 expert sheets alike:
 * null when the answer loses nothing (`lost` from pointsLost is null) or the reason says something; otherwise the
 * message that says what to fix. A reason of figures and signs alone ("5") is no reason: typed fast in a grid, the
 * next cell's score lands in the reason prompt that a lost point opens.
 */
export function reasonProblem(key: string, lost: string | null, reason: string | null | undefined): string | null {
  if (lost === null) return null;
  const text = reason?.trim() ?? '';
  if (!text) return reasonMissing(key, lost);
  if (!hasWords(text)) return `${key}的${REASON_LABEL}「${text.slice(0, 20)}」只有数字或符号，请用文字写明失分原因`;
  return null;
}
