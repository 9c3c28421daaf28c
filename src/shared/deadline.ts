/**
 * The one deadline formatter (to-dos, declaration lists, cycle pages): "7月10日 24:00" and "剩 3 天" /
 * "今天截止" / "已逾期 2 天", in Asia/Shanghai whatever the browser's or server's time zone.
 *
 * A deadline is either a date ("2023-07-10": due at the end of that day, China time, shown as 24:00) or an
 * ISO timestamp (due at that instant). The year is shown only when it is not the current year.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * China's clock is UTC's moved on by 8 hours: China has kept UTC+8 all year, with no summer time, since 1991 (the
 * time zone database's Asia/Shanghai), and every instant the platform handles is later than that. So the day and
 * the clock time in China are read off the shifted instant's ISO text, which is plain arithmetic. (An
 * Intl.DateTimeFormat for Asia/Shanghai gives the same text, checked in deadline.test.ts from 1992 to 2060, but
 * costs several microseconds a call inside a server request, where every request reads the China day once.)
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const chinaIso = (d: Date): string => new Date(d.getTime() + CHINA_OFFSET_MS).toISOString();

/**
 * Whether a YYYY-MM-DD string names a real calendar day. (Date.parse alone is not enough: it rolls 2023-02-30 over
 * to 2 March.) The one check behind every date field.
 */
export function isCalendarDate(s: string): boolean {
  const m = DATE_ONLY.exec(s);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s;
}

/** YYYY-MM-DD of an instant in China time. */
export const chinaDate = (d: Date): string => chinaIso(d).slice(0, 10);

/**
 * The China day of a stored value: a calendar day ("2023-06-19") as it is, a moment (an ISO timestamp, UTC) as its
 * day in China — 22:30 UTC on the 29th is the 30th in Changsha (never `iso.slice(0, 10)`, which is the UTC day).
 */
export function chinaDayOf(dayOrMoment: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dayOrMoment)) return dayOrMoment;
  const at = new Date(dayOrMoment);
  return Number.isNaN(at.getTime()) ? dayOrMoment.slice(0, 10) : chinaDate(at);
}

/** The instant a China day (YYYY-MM-DD) begins, as an ISO timestamp in UTC: 2026-11-30 → 2026-11-29T16:00:00.000Z. */
export const chinaDayStart = (day: string): string => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();

/** HH:MM of an instant in China time (00:00 to 23:59). */
function chinaClock(d: Date): string {
  return chinaIso(d).slice(11, 16);
}

const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
/** Whole days from day a to day b (both YYYY-MM-DD): 2023-07-01 → 2023-07-10 is 9. */
export const daysBetween = (a: string, b: string): number => Math.round((dayMs(b) - dayMs(a)) / 86_400_000);
/** The day n days after (n < 0: before) a YYYY-MM-DD day. */
export const addDays = (d: string, n: number): string => new Date(dayMs(d) + n * 86_400_000).toISOString().slice(0, 10);
/** The day after a YYYY-MM-DD day. */
export const nextDay = (day: string): string => addDays(day, 1);

/**
 * How far from today (days) a date set for work ahead may lie: a cycle's 申报截止日期, a reopened date and the 异议期's
 * end (CYCLE_DATE_MAX_DAYS), a 评价工作方案's dates (planScheduleRefusal). One more than a year out is a slip of the year;
 * farDateRefusal says so, in one sentence for the cycle's dates and the plan's.
 */
export const FAR_DATE_MAX_DAYS = 366;

export interface DeadlineText {
  /** "7月10日 24:00" (or "2023年7月10日 24:00" in another year) */
  at: string;
  /** "剩 3 天", "今天截止", "已逾期 2 天" */
  left: string;
  overdue: boolean;
  /** whole days left (negative: overdue) */
  days: number;
  /** "7月10日 24:00（剩 3 天）" */
  text: string;
}

export function formatDeadline(due: string, now: Date = new Date()): DeadlineText {
  const today = chinaDate(now);
  const m = DATE_ONLY.exec(due);
  let day: string;
  let clock: string;
  let overdue: boolean;
  if (m) {
    day = due;
    clock = '24:00';
    overdue = today > due;
  } else {
    const at = new Date(due);
    day = chinaDate(at);
    clock = chinaClock(at);
    overdue = now.getTime() > at.getTime();
  }
  const [y, mo, d] = day.split('-').map(Number);
  const year = y === Number(today.slice(0, 4)) ? '' : `${y}年`;
  const atText = `${year}${mo}月${d}日 ${clock}`;
  const days = daysBetween(today, day);
  let left: string;
  if (overdue) left = days < 0 ? `已逾期${-days}天` : '已逾期';
  else if (days <= 0) left = '今天截止';
  else left = `剩${days}天`;
  return { at: atText, left, overdue, days, text: `${atText}（${left}）` };
}

/** A day written out as documents write it: "2023-12-31" → "2023年12月31日" (never "2023-12-31" in a sentence). */
export function dayText(isoDay: string): string {
  const [y, mo, d] = isoDay.slice(0, 10).split('-').map(Number);
  return `${y}年${mo}月${d}日`;
}

/** A moment in China time with its year, "2026年11月29日 23:53", for a document's 生成时间. */
/** A moment in China time as screens write it, "2027-06-01 14:30" (the 公文 style is chinaMomentText). */
export const chinaMoment = (at: Date): string => `${chinaDate(at)} ${chinaClock(at)}`;
export const chinaMomentText = (at: Date): string => `${dayText(chinaDate(at))} ${chinaClock(at)}`;

/** A moment in China time, "7月10日 14:30" (the year when not the current one): for "最近催办 …". */
export function formatChinaMoment(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const day = chinaDate(at);
  const [y, mo, d] = day.split('-').map(Number);
  const year = y === Number(chinaDate(now).slice(0, 4)) ? '' : `${y}年`;
  return `${year}${mo}月${d}日 ${chinaClock(at)}`;
}
