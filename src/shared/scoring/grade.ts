import { cmp, fromNumber, toRational, type Rational } from './rational';

export interface GradeBand {
  grade: string;
  min: number;
}

/** Default bands of an assessment cycle: A ≥ 90, B ≥ 80, C ≥ 60, else D. */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = Object.freeze([
  { grade: 'A', min: 90 },
  { grade: 'B', min: 80 },
  { grade: 'C', min: 60 },
  { grade: 'D', min: 0 },
]);

/**
 * The grade for a total: the first band (highest min first; the order given does not matter) whose min the
 * total reaches. A veto forces `vetoGrade` (default 'D'). Below every band: `vetoGrade` as well (the lowest
 * grade), so bands without a 0 band still give a grade. Exact: 89.99 is B, 90 is A.
 */
export function gradeFor(
  total: Rational | number | string,
  bands: readonly GradeBand[] = DEFAULT_GRADE_BANDS,
  veto = false,
  vetoGrade = 'D',
): string {
  if (veto) return vetoGrade;
  const t = toRational(total);
  const sorted = sortedBands(bands);
  for (const b of sorted) if (cmp(t, b.minQ) >= 0) return b.grade;
  return vetoGrade;
}

const sortCache = new WeakMap<readonly GradeBand[], { grade: string; minQ: Rational }[]>();
function sortedBands(bands: readonly GradeBand[]) {
  let s = sortCache.get(bands);
  if (!s) {
    s = bands.map((b) => ({ grade: b.grade, minQ: fromNumber(b.min) })).sort((x, y) => cmp(y.minQ, x.minQ));
    sortCache.set(bands, s);
  }
  return s;
}
