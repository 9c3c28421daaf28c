/**
 * What every chart shares: the Chinese font stack (named first so that resvg on the server and the browser pick
 * the same face), the grade colours and the number helpers. Pure data: no DOM, no Node.
 */
/** Noto Sans CJK SC is installed on the server (resvg's default font); the others are what Windows / macOS have. */
// single quotes: ECharts writes the family into a double-quoted style attribute of its SVG without escaping
export const CHART_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

export const GRADE_COLORS: Record<string, string> = { A: '#389e0d', B: '#1677ff', C: '#fa8c16', D: '#cf1322' };
export const NO_GRADE_COLOR = '#8c8c8c';
export const gradeColor = (grade: string | null | undefined): string => (grade && GRADE_COLORS[grade]) || NO_GRADE_COLOR;

export const PRIMARY = '#1677ff';
export const SECONDARY = '#fa8c16';
export const PREVIOUS = '#bfbfbf';
export const TEXT = '#262626';
export const MUTED = '#8c8c8c';

/** Display only: the exact decimal strings are rounded for drawing, never added back up. */
export const toNum = (x: string | null | undefined): number | null => (x === null || x === undefined || x === '' ? null : Number(x));

/** "83.5", "80" — at most `digits` decimals, no trailing zeros. */
export const fmt = (n: number, digits = 2): string => String(Number(n.toFixed(digits)));

/** The common top of every option: Chinese font, white background, a centred title. */
export const base = (title: string) => ({
  backgroundColor: '#ffffff',
  textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: TEXT },
  title: { text: title, left: 'center', top: 8, textStyle: { fontFamily: CHART_FONT, fontSize: 15, fontWeight: 'bold' as const, color: TEXT } },
});

/** A chart: its ECharts option (JSON only — no functions, so the browser and the server draw it alike) and its size in px. */
export interface ChartSpec {
  option: Record<string, unknown>;
  width: number;
  height: number;
}
