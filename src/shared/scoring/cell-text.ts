/**
 * A score as a user types it — in a grid cell, pasted from Excel, or in a cell of the downloaded scoring sheet —
 * and back: one reading of the text per rule, shared by the browser's grid and the server's sheet upload, so a
 * value means the same thing wherever it is typed. The engine (checkAnswer) still judges the answer: this only
 * turns text into the answer shape the rule takes (is it in range, is the level listed: the engine says).
 *
 *   boolean (and veto)        是 / 否 (also 符合/不符合, √/×, true/false, 1/0, Y/N)
 *   levels                    the level's points: 0.5
 *   threshold, linear, rank   the measured value: 95.2 (a trailing % or ‰ is dropped), or a ratio 3/4
 *   direct                    the score: 13.5 (a trailing 分 is dropped)
 *   any, where allowed        合理缺项 (or na)
 */
import type { Answer } from './answers';
import type { Rule } from './framework-schema';

export type TextAnswer = { ok: true; answer: Answer | null } | { ok: false; message: string };

const YES = new Set(['是', '符合', '满足', '有', '√', '✓', '✔', 'true', 'yes', 'y', '1', '否决', '达标']);
const NO = new Set(['否', '不符合', '不满足', '无', '×', '✗', '✘', 'false', 'no', 'n', '0', '不达标']);
const NA = new Set(['合理缺项', '缺项', 'na', 'n/a']);

/** full-width digits and signs (a Chinese input method's) to ASCII, spaces out */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/。/g, '.');
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
function numberOf(text: string, suffixes: RegExp): number | null {
  const t = text.replace(suffixes, '');
  return NUMBER.test(t) ? Number(t) : null;
}

/** What to type in a cell of this rule, in Chinese (the sheet's 填写方式 column, the grid's placeholder). */
export function inputHint(rule: Rule, points: number, allowNa: boolean): string {
  const na = allowNa ? '；不适用填「合理缺项」' : '';
  switch (rule.type) {
    case 'boolean':
      return `填「是」或「否」${na}`;
    case 'levels':
      return `填档次分值：${rule.levels.join('、')}${rule.labels ? `（${rule.levels.map((l, i) => `${l}=${rule.labels![i] ?? ''}`).join('，')}）` : ''}${na}`;
    case 'threshold':
    case 'linear': {
      const range = rule.valueRange ? `，${rule.valueRange[0]}～${rule.valueRange[1]}` : '';
      return `填实测值（${rule.unit}${range}），或分子/分母${na}`;
    }
    case 'rank':
      return `填实测值（${rule.unit}，按同级排名计分）${na}`;
    case 'direct':
      return `填得分：${rule.min ?? 0}～${points}${na}`;
  }
}

/**
 * The answer a text stands for under `rule`: null for an empty text (nothing entered), or a Chinese message
 * saying what to type. A veto criterion is a boolean rule ("是" = 否决).
 */
export function answerFromText(rule: Rule, text: string): TextAnswer {
  const t = normalizeText(text ?? '');
  if (t === '') return { ok: true, answer: null };
  const lower = t.toLowerCase();
  if (NA.has(lower)) return { ok: true, answer: 'na' };
  switch (rule.type) {
    case 'boolean':
      if (YES.has(lower)) return { ok: true, answer: true };
      if (NO.has(lower)) return { ok: true, answer: false };
      return { ok: false, message: `「${text.trim()}」无法识别，请填「是」或「否」` };
    case 'levels': {
      const n = numberOf(t, /分$/);
      if (n === null) return { ok: false, message: `「${text.trim()}」不是数字，请填档次分值（${rule.levels.join('、')}之一）` };
      return { ok: true, answer: { level: n } };
    }
    case 'threshold':
    case 'linear':
    case 'rank': {
      const ratio = /^([+-]?[\d.]+)[/／]([+-]?[\d.]+)$/.exec(t);
      if (ratio && rule.type !== 'rank' && NUMBER.test(ratio[1]) && NUMBER.test(ratio[2])) return { ok: true, answer: { ratio: [Number(ratio[1]), Number(ratio[2])] } };
      const n = numberOf(t, /(%|‰|％)$/);
      if (n === null) return { ok: false, message: `「${text.trim()}」不是数字，请填实测值（${rule.unit}）` };
      return { ok: true, answer: { value: n } };
    }
    case 'direct': {
      const n = numberOf(t, /分$/);
      if (n === null) return { ok: false, message: `「${text.trim()}」不是数字，请填得分` };
      return { ok: true, answer: { score: n } };
    }
  }
}

/** The text a stored answer is shown and written as (the inverse of answerFromText). */
export function answerToText(answer: unknown): string {
  if (answer === null || answer === undefined) return '';
  if (answer === true) return '是';
  if (answer === false) return '否';
  if (answer === 'na') return '合理缺项';
  if (typeof answer === 'object') {
    const a = answer as { level?: number; value?: number; score?: number; ratio?: [number, number] };
    if (a.level !== undefined) return String(a.level);
    if (a.value !== undefined) return String(a.value);
    if (a.score !== undefined) return String(a.score);
    if (a.ratio) return `${a.ratio[0]}/${a.ratio[1]}`;
  }
  return JSON.stringify(answer);
}

/** The same answer? (what the sheet upload and the paste skip as unchanged) */
export const sameAnswer = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
