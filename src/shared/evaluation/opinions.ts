/**
 * How the experts' reasons for points lost read wherever the applicant reads them (the 评价报告's 失分项目及专家意见,
 * an 整改事项 raised from a deduction): each reason once — experts who found the same fault often write the same
 * words — and, on an item of several criteria, with the criterion it was written on.
 */
import { bareClause } from '../text';
import { splitKey } from './consolidate';

/** a sheet title as printed: no stray spaces, no trailing comma (11.1–11.3 end with one in table A.1) */
export const cleanTitle = (title: string) => title.replace(/\s+/g, '').replace(/[，,；;、]+$/, '');

/**
 * How a criterion is referred to (table A.1 numbers items, 1.2, but not their sub-clauses, which the platform letters
 * a, b, c): an item with one criterion by the item's number; otherwise the letter with the sub-clause's words.
 * `criteria`: every criterion of the score sheet by "item.criterion" (1.2.c) → its title.
 */
export function criterionNamer(criteria: Readonly<Record<string, string>> | undefined) {
  const perItem = new Map<string, number>();
  for (const key of Object.keys(criteria ?? {})) perItem.set(splitKey(key).item, (perItem.get(splitKey(key).item) ?? 0) + 1);
  return {
    /** the item alone speaks for its only criterion */
    sole: (key: string) => perItem.get(splitKey(key).item) === 1,
    /** "5.2" for a sole criterion, "1.2.c 城市政府主要负责人亲自担任…组长" for one of several, the bare key when unknown */
    name: (key: string) => {
      const title = criteria?.[key];
      if (!title) return key;
      return perItem.get(splitKey(key).item) === 1 ? splitKey(key).item : `${key} ${cleanTitle(title)}`;
    },
  };
}

/** the experts' reasons (by "item.criterion", in the experts' order) for one item's lost points, each once */
export function itemOpinions(criteria: Readonly<Record<string, string>> | undefined, reasons: Readonly<Record<string, string[]>>, item: string): string[] {
  const criterion = criterionNamer(criteria);
  return Object.entries(reasons)
    .filter(([key]) => splitKey(key).item === item)
    .flatMap(([key, texts]) => [...new Set(texts.map(bareClause).filter(Boolean))].map((t) => (criterion.sole(key) ? t : `${criterion.name(key)}：${t}`)));
}
