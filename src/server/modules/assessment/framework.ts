/** Walks over a scheme's framework (pure): who evaluates what, and every criterion by its "item.criterion" code. */
import type { Framework } from '../../../shared/scoring/framework-schema';
import { keyPointInText, scoreCellInText, type SectionLine } from '../../../shared/contracts/results';

/** Department codes that evaluate at least one criterion of a framework. */
export function evaluatorCodes(fw: Framework): Set<string> {
  const codes = new Set<string>();
  for (const s of fw.sections)
    for (const i of s.items) for (const c of i.criteria) for (const e of c.evaluators ?? i.evaluators ?? []) codes.add(e);
  return codes;
}

/** The criteria (as "item.criterion" codes) a department evaluates. */
export function criteriaOf(fw: Framework, departmentCode: string): { itemCode: string; criterionCode: string }[] {
  const out: { itemCode: string; criterionCode: string }[] = [];
  for (const s of fw.sections)
    for (const i of s.items)
      for (const c of i.criteria) if ((c.evaluators ?? i.evaluators ?? []).includes(departmentCode)) out.push({ itemCode: i.code, criterionCode: c.code });
  return out;
}

/** The evaluator codes of one criterion, or null when the framework has no such criterion. */
export function evaluatorsOf(fw: Framework, itemCode: string, criterionCode: string): string[] | null {
  const i = itemIn(fw, itemCode);
  const c = i?.criteria.find((x) => x.code === criterionCode);
  return i && c ? (c.evaluators ?? i.evaluators ?? []) : null;
}

/** Every criterion of a framework by "item.criterion" code, with its item, section and first evaluator. */
export function criterionIndex(fw: Framework) {
  const out = new Map<
    string,
    { itemCode: string; criterionCode: string; itemTitle: string; title: string; sectionCode: string; role: SectionLine['role']; evaluator: string | null }
  >();
  for (const s of fw.sections)
    for (const i of s.items)
      for (const c of i.criteria)
        out.set(`${i.code}.${c.code}`, {
          itemCode: i.code,
          criterionCode: c.code,
          itemTitle: i.title,
          title: c.title,
          sectionCode: s.code,
          role: s.role,
          evaluator: (c.evaluators ?? i.evaluators ?? [])[0] ?? null,
        });
  return out;
}

/**
 * A key point of the scheme named inside a sentence (keyPointInText: 「7.a 产品质量安全保障」), for the to-dos and
 * refusals of objections; a code the scheme (or a cycle without one) does not hold stays its code (「7.z」).
 */
export function keyPointInScheme(fw: Framework | undefined, itemCode: string, criterionCode: string): string {
  return keyPointInText(`${itemCode}.${criterionCode}`, keyPointTitleIn(fw, itemCode, criterionCode));
}

/** A unit's score of a key point of the scheme named inside a sentence (scoreCellInText: 长沙市「7.a 产品质量安全保障」). */
export function scoreCellInScheme(fw: Framework | undefined, unitName: string, itemCode: string, criterionCode: string): string {
  return scoreCellInText(unitName, `${itemCode}.${criterionCode}`, keyPointTitleIn(fw, itemCode, criterionCode));
}

/**
 * The title a key point is named by (its item's, keyPointLabel's second part), or '' when the scheme does not hold
 * that key point: 7.z is not named 「7.z 产品质量安全保障」, as if it were one of item 7's points, but 「7.z」.
 */
export function keyPointTitleIn(fw: Framework | undefined, itemCode: string, criterionCode: string): string {
  const i = itemIn(fw, itemCode);
  return i?.criteria.some((c) => c.code === criterionCode) ? i.title : '';
}

/** The title of an item of the scheme; '' when the scheme (or a cycle without one) has no such item. */
export function itemTitleIn(fw: Framework | undefined, itemCode: string): string {
  return itemIn(fw, itemCode)?.title ?? '';
}

/** An item of the scheme by its code (the one walk the lookups of a key point share), or undefined. */
function itemIn(fw: Framework | undefined, itemCode: string) {
  for (const s of fw?.sections ?? []) for (const i of s.items) if (i.code === itemCode) return i;
  return undefined;
}
