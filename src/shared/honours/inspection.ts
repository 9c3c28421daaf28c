/**
 * Which year's 督查激励 the yearly assessment's bonus item (质量工作真抓实干督查激励) counts, for the honours roll's
 * entries shown beside it while scoring.
 *
 * Seed 000 does not say it one way: its 2022 scheme (附件 4, item 21) gives the bonus for “2022年度…受国办督查激励”
 * in the 2022 assessment — the same year — while the 2023 call's bonus template (附件 2) gives it for “2022 年度…督查
 * 激励” in the 2023 assessment — the year before (a 督查激励 of year Y is announced in Y+1). Both texts name the year, so
 * the item's own words decide: the year its standard names (“2022 年度”), as the scheme published it. A standard that
 * names no year counts the year before the assessment's, as the newer text (the 2023 template) does. `why` says which,
 * for the screen, and warns when the named year is neither the assessment's year nor the one before (a standard copied
 * from an older scheme and not brought up to date).
 */

/** the words of a bonus criterion that may name the year: its own title, the item's method and its details */
export interface InspectionCriterion {
  title: string;
  itemTitle: string;
  method?: string | null;
  details?: readonly { text: string }[];
}

/** whether a criterion is the 督查激励 bonus item */
export const isInspectionItem = (c: { role?: string; itemTitle: string; title: string }): boolean => c.role === 'bonus' && /督查激励/.test(`${c.itemTitle}${c.title}`);

const NAMED_YEAR = /((?:19|20)\d{2})\s*年度/;

/** `warn`: the named year is neither the assessment's nor the one before, and `why` asks to check it */
export function inspectionYear(c: InspectionCriterion, cycleYear: number): { year: number; named: boolean; warn: boolean; why: string } {
  const text = [c.title, c.itemTitle, c.method ?? '', ...(c.details ?? []).map((d) => d.text)].find((t) => NAMED_YEAR.test(t));
  if (!text) return { year: cycleYear - 1, named: false, warn: false, why: `加分标准未写年度，按考核年度的上一年（${cycleYear - 1}年度）列出` };
  const year = Number(NAMED_YEAR.exec(text)![1]);
  if (year === cycleYear || year === cycleYear - 1) return { year, named: true, warn: false, why: `按加分标准所写的${year}年度列出` };
  return { year, named: true, warn: true, why: `加分标准写的是${year}年度（本考核为${cycleYear}年度），按其所写列出；如方案沿用了往年的加分标准，请与质强办核对` };
}
