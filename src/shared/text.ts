/**
 * Joining what people typed into one line of text. A reason or a summary is typed as a phrase or as a sentence
 * ("同意" or "同意。"); a line that quotes it must not end up with two marks ("…顺延。；审批意见：…", "“…超标。”。").
 * Two ways, one each for the two kinds of line:
 * - joinClauses: clauses strung together by "；", a clause that already ends a sentence keeps its own mark;
 * - bareClause: the typed text without its closing mark, for a line that puts its own mark after it.
 */

/**
 * Clauses of one line joined by "；", the empty ones left out; a clause already ending in 。！？； (a reason written as
 * a sentence) is not given another mark: "理由：…随之顺延。审批意见：…", not "…顺延。；审批意见：…".
 */
export const joinClauses = (parts: readonly (string | null | undefined | false)[]): string =>
  parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) => p.trim())
    .reduce((line, p) => (line === '' ? p : /[。！？；]$/.test(line) ? `${line}${p}` : `${line}；${p}`), '');

/** typed text without the marks it ends with (。；，. , ; and spaces), for a line that closes it with its own: `理由：${bareClause(x)}。` */
export const bareClause = (s: string): string => s.trim().replace(/[。；;，,.\s]+$/, '');

/**
 * Whether a text says something in words: a reason, a 工作进展 or a 退回理由 of figures and signs alone (“5”, “12345”) says
 * nothing (typed fast in a grid, the next cell's score lands in the reason prompt). The one test of the 扣分理由's rule
 * (reasonProblem) and of the work plan's texts.
 */
export const hasWords = (s: string): boolean => /\p{L}/u.test(s);

/**
 * Full-width digits (０–９, as a Chinese input method types them) as ASCII digits, the rest untouched: one reading of
 * “２０２７年” and “2027年”, of 〔２０２４〕 and 〔2024〕.
 */
export const asciiDigits = (s: string): string => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** The words a lost race's 409 ends with (changedMeanwhile: who changed what and when, then this). */
export const REFRESH_TO_SEE = '，请刷新后查看';

/**
 * A lost race's 409 as shown by a page that has loaded the latest itself (the 同级比较表 keeps the user's changes on it):
 * who changed what and when, without asking for the refresh the page has already done.
 */
export const refreshDone = (message: string): string => (message.endsWith(REFRESH_TO_SEE) ? message.slice(0, -REFRESH_TO_SEE.length) : message);
