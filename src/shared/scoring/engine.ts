/**
 * The scoring engine: scoreFramework(framework, input) → results for every unit; scoreUnit for one unit (live
 * preview); checkAnswer for one answer of one criterion (saving a cell, previewing it).
 *
 * Exact: all arithmetic is on rationals (./rational.ts), kept as integers in units of 1/scale (the framework's
 * common denominator) on the common path; every score in the output is a decimal string ("14.5"), exact
 * whenever the value has a finite decimal expansion (always, except a prorated total or a proportional
 * deduction with an awkward divisor: those are rounded to 6 places, and `totalExact` carries the exact
 * fraction "p/q"). Convert with Number(x) for display if you must; never add the numbers back up.
 *
 * One pass over each unit's answers (plus a small first pass over rank criteria to rank peers). Every bad
 * answer is collected; if there is any, a ScoringInputError listing all of them is thrown (CLI: exit 2,
 * server: 400). The engine trusts the framework: validate it on import (validateFramework).
 *
 * Results are plain data (store and send them as JSON). Outcomes that do not depend on the unit (true/false, a
 * level, missing, n/a, and within one call the same value or ratio) and items made only of such outcomes are
 * built once and SHARED between units; those objects are frozen: copy (structuredClone / JSON) before mutating.
 *
 * This file only re-exports. Files, in the order they depend on each other:
 *   types.ts      the output (UnitResult, ItemResult, CriterionResult …) and options
 *   model.ts      the compiled framework, a criterion's outcome, the per-call state (internal shapes)
 *   criterion.ts  one answer against one criterion's rule → outcome (and its explanation, explain.ts)
 *   compile.ts    framework → flat exact parameters and the fixed outcomes of every criterion
 *   item.ts       outcomes → a finished, reusable item result
 *   rank.ts       ranking peers on rank criteria (first pass) and the units' ranks (last pass)
 *   unit.ts       one unit in full detail: items, sections, totals, grade; scoreUnit
 *   batch.ts      many units: scoreFramework
 *   check.ts      one answer: checkAnswer
 */
export type {
  CriterionResult,
  CriterionStatus,
  ItemResult,
  RankTier,
  ScoreOptions,
  ScoreResults,
  ScoreUnitOptions,
  SectionResult,
  UnitResult,
} from './types';
export { scoreFramework } from './batch';
export { scoreUnit } from './unit';
export { checkAnswer, pointsLost, reasonProblem, reasonMissing, REASON_LABEL, type AnswerCheck } from './check';
