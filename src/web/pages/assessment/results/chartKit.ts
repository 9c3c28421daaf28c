/** Colours and number helpers shared by the hand-written SVG charts (no chart library is installed). */
export const GRADE_COLORS: Record<string, string> = { A: '#389e0d', B: '#1677ff', C: '#fa8c16', D: '#cf1322' };
export const gradeColor = (grade: string | null | undefined): string => (grade && GRADE_COLORS[grade]) || '#8c8c8c';

/** Display only: the exact decimal strings are rounded for drawing, never added back up. */
export const toNum = (x: string | null | undefined): number | null => (x === null || x === undefined || x === '' ? null : Number(x));

/** A "nice" upper bound for an axis (100 for scores up to 100, else the next multiple of 10). */
export const niceMax = (values: number[], floor = 100): number => Math.max(floor, Math.ceil(Math.max(0, ...values) / 10) * 10);

export const fmt = (n: number, digits = 2): string => String(Number(n.toFixed(digits)));
