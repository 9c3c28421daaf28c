/**
 * The years a 年度 may name wherever one is typed — a cycle (考核年度), an evaluation batch (评价年度), a peer table, a
 * work plan, a reporting period (填报年度), a rectification: one range for every form and every contract. A form says
 * it under its box (yearRefusal), rather than an InputNumber's min/max turning a typed 1999 into 2000 unseen.
 * (The honours registry keeps a range of its own, from 1990, the years its entries may name: passed as min and max.)
 */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** "考核年度须在2000至2100之间" */
export const yearRange = (what = '年度', min = YEAR_MIN, max = YEAR_MAX): string => `${what}须在${min}至${max}之间`;

/** Why `year` may not be a `what` (the field's own name: 年度, 考核年度…), naming the range; or null. */
export function yearRefusal(year: number, what = '年度', min = YEAR_MIN, max = YEAR_MAX): string | null {
  if (!Number.isInteger(year)) return `${what}须为整数，${yearRange(what, min, max)}`;
  if (year < min || year > max) return `${what}${year}超出范围：${yearRange(what, min, max)}`;
  return null;
}
