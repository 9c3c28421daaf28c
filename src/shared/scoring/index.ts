/** The scoring engine's public surface. Pure: runs in the browser and on the server. */
export * from './framework-schema';
export * from './answers';
export { ScoringInputError, parseScoreInput, type ScoringIssue } from './errors';
export * from './engine';
export { validateFramework, reachableMax, type ValidationIssue, type ValidationReport } from './validator';
export { gradeFor, DEFAULT_GRADE_BANDS, type GradeBand } from './grade';
export { compileFramework } from './compile';
export { POINT_DECIMALS, withinPointPrecision, pointsPrecisionProblem, answerPrecisionProblem, checkEnteredAnswer, frameworkPrecisionProblems, type PrecisionProblem } from './precision';
export * as rational from './rational';
export type { Rational } from './rational';
