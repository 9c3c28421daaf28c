/**
 * The half-years of the quality analysis report (质量分析报告): DB43 4.8 asks a city to publish its analysis at
 * least twice a year, so a report is written per office and half-year ("2023-H1", "2023-H2"). Pure date rules:
 * the half-year's days, the last half-year ended on a day, and the day its report is due.
 */
export const PERIOD_PATTERN = /^(\d{4})-H([12])$/;
/** days after a half-year's end by which its report should be issued */
export const ANALYSIS_DUE_DAYS = 30;
/** the first half-year the register lists */
export const FIRST_PERIOD = '2023-H1';

export interface HalfYear {
  code: string;
  year: number;
  half: 1 | 2;
  startOn: string;
  endOn: string;
  label: string;
}

export function halfYear(code: string): HalfYear {
  const m = PERIOD_PATTERN.exec(code);
  if (!m) throw new Error(`not a half-year: ${code}`);
  const year = Number(m[1]);
  const half = Number(m[2]) as 1 | 2;
  return { code, year, half, startOn: half === 1 ? `${year}-01-01` : `${year}-07-01`, endOn: half === 1 ? `${year}-06-30` : `${year}-12-31`, label: `${year}年${half === 1 ? '上半年' : '下半年'}` };
}

/** the half-year that ended last before `today` (YYYY-MM-DD) */
export function lastEndedPeriod(today: string): string {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '07-01' ? `${year}-H1` : `${year - 1}-H2`;
}

export function nextPeriod(code: string): string {
  const h = halfYear(code);
  return h.half === 1 ? `${h.year}-H2` : `${h.year + 1}-H1`;
}

/** every half-year from `from` to `to`, both included */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 200; p = nextPeriod(p)) out.push(p);
  return out;
}

const daysAfter = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** the first day a half-year's report may be issued: the day after the half-year ends (it reports on the whole half-year) */
export const issuableOn = (code: string): string => daysAfter(halfYear(code).endOn, 1);

/** the day a half-year's report is due: ANALYSIS_DUE_DAYS after its end */
export const dueOnOf = (code: string): string => daysAfter(halfYear(code).endOn, ANALYSIS_DUE_DAYS);
