/**
 * The finest a score or a scheme's points may be: two decimal places. The seeds' finest points are 0.5 (附件4's
 * 要点考核内容) and 0.2 (the bonus for a county's provincial honour); DB43's table A.1 uses whole points, and the
 * 综合评价 already records a team leader's score to two decimals. A finer figure (3.14159265, 2.3333) is a slip
 * of the keyboard or a pasted computation, never a judgement, so it is refused, not rounded.
 *
 * The one rule for the score grid, the 评分表 upload, an objection's adjusted score, the browser's preview, a
 * scheme draft and a declaration's points. It judges what is typed now: answers and schemes already stored
 * are read and scored as they are (checkAnswer itself does not apply it, so a new scheme version never drops
 * an old score for its decimals).
 */
import type { AnswerCheck } from './check';
import { checkAnswer } from './check';
import type { Framework } from './framework-schema';
import { add, decimalsOf, div, floor, fromNumber, mul, rat, toDecimalString } from './rational';

/** decimal places a score or a scheme's points may have */
export const POINT_DECIMALS = 2;

const HUNDRED = rat(100);
const HALF = rat(1, 2);

/** true when a (finite) number has at most two decimal places, read exactly through its decimal text */
export const withinPointPrecision = (n: number): boolean => !Number.isFinite(n) || decimalsOf(fromNumber(n)) <= POINT_DECIMALS;

/** the figure rounded to two decimals, as a hint ("如 3.14"): exact, half up */
const rounded = (n: number) => {
  const r = fromNumber(Math.abs(n));
  const cents = floor(add(mul(r, HUNDRED), HALF));
  const text = toDecimalString(div(cents, HUNDRED));
  return n < 0 && text !== '0' ? `-${text}` : text;
};

/** What a figure with more than two decimals is told ("分值最多保留两位小数（填的是 2.3333），如 2.33"), or null. */
export function pointsPrecisionProblem(n: number, what: '分值' | '得分' = '分值'): string | null {
  if (withinPointPrecision(n)) return null;
  return `${what}最多保留两位小数（填的是${toDecimalString(fromNumber(n))}），如${rounded(n)}`;
}

/** An entered answer's precision: a direct score ({score}) to two decimals; measured values keep theirs, a level is one of the listed. */
export function answerPrecisionProblem(answer: unknown): string | null {
  if (answer && typeof answer === 'object' && 'score' in answer) {
    const s = (answer as { score: unknown }).score;
    if (typeof s === 'number') return pointsPrecisionProblem(s, '得分');
  }
  return null;
}

/**
 * checkAnswer for an answer being entered (saved, uploaded, adjusted, previewed): the engine's verdict, and a
 * score within the engine's range but finer than two decimals refused with what to fix.
 */
export function checkEnteredAnswer(framework: Framework, item: string, criterion: string, answer: unknown): AnswerCheck {
  const check = checkAnswer(framework, item, criterion, answer);
  if (!check.ok) return check;
  const message = answerPrecisionProblem(answer);
  return message ? { ok: false, code: check.code, message, issues: [{ unit: '', code: check.code, message }] } : check;
}

export interface PrecisionProblem {
  /** the field's path in the framework (for a form's field) */
  path: (string | number)[];
  /** the node: "7.a", an item or section code, '' for the framework */
  code: string;
  message: string;
}

/**
 * Every point of a framework finer than two decimals: key points and their 要点考核内容, rule levels, steps,
 * tiers and deductions, caps, grade bands and the total. Base items and domains are the sums of their key points,
 * so only the key points are named there.
 */
export function frameworkPrecisionProblems(fw: Framework): PrecisionProblem[] {
  const out: PrecisionProblem[] = [];
  const at = (n: number | undefined, path: (string | number)[], code: string) => {
    const message = typeof n === 'number' ? pointsPrecisionProblem(n) : null;
    if (message) out.push({ path, code, message });
  };
  at(fw.totalPoints, ['totalPoints'], '');
  fw.sections.forEach((s, si) => {
    const sp = ['sections', si];
    const base = (s.role ?? 'base') === 'base';
    if (!base) at(s.points, [...sp, 'points'], s.code);
    s.items.forEach((it, ii) => {
      const ip = [...sp, 'items', ii];
      if (!base) at(it.points, [...ip, 'points'], it.code);
      it.criteria.forEach((c, ci) => {
        const cp = [...ip, 'criteria', ci];
        const code = `${it.code}.${c.code}`;
        at(c.points, [...cp, 'points'], code);
        c.details?.forEach((d, di) => at(d.points, [...cp, 'details', di, 'points'], code));
        const r = c.rule;
        const rp = [...cp, 'rule'];
        if (r.type === 'levels') r.levels.forEach((l, li) => at(l, [...rp, 'levels', li], code));
        if (r.type === 'threshold') {
          r.steps.forEach((st, sti) => at(st.points, [...rp, 'steps', sti, 'points'], code));
          at(r.otherwise, [...rp, 'otherwise'], code);
        }
        if (r.type === 'linear') at(r.deduct, [...rp, 'deduct'], code);
        if (r.type === 'rank') r.tiers.forEach((x, ti) => at(x, [...rp, 'tiers', ti], code));
        if (r.type === 'direct') at(r.min, [...rp, 'min'], code);
      });
    });
  });
  fw.gradeBands?.forEach((b, bi) => at(b.min, ['gradeBands', bi, 'min'], ''));
  at(fw.passMark, ['passMark'], '');
  return out;
}
