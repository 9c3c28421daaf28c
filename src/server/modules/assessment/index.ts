/**
 * The assessment module's public face: what routes.ts, seed/, io/, cli/ and other modules (evidence, audit)
 * may use. Nothing else in modules/assessment/ is imported from outside it (tests excepted).
 */
export { cycleRoutes } from './cycles/cycles.routes';
export { declarationRoutes } from './declarations/declarations.routes';
export { schemeRoutes } from './schemes/schemes.routes';
export { scoringRoutes } from './scoring/scoring.routes';
export { resultRoutes } from './results/results.routes';
export { objectionRoutes } from './objections/objections.routes';

// the cycle and the caller's part in it
export { cycleAccess, cycleAccessOr, currentScheme, findCycle, publishedScheme, listEvidence, lockCycle, type CycleAccess, type CycleRow } from './assessment.queries';
export { presentEvidence, type EvidenceRow } from './assessment.presenter';
export { ensure, evidenceWriteRefusal, mayReadEvidence, type EvidenceOwner } from './assessment.policy';

// a score's evidence follows the score's own rule
export { checkScoreWrite, lockOpenScoring, requireOpenSubmission } from './scoring/scoring.commands';

// an evidence file's owner (a score, an objection) names its key point as the objections' to-dos do
export { keyPointInScheme } from './framework';

// the demo seed opens a cycle and freezes computed results the way the platform does
export { openCycle } from './cycles/cycles.commands';
export { computeResults, freezeResults } from './results/results.queries';

// the 驾驶舱 (modules/dashboard) lists the caller's cycles and reads the latest published results
export { followedCityCycles, visibleCycles } from './assessment.queries';
export { presentCycleSummary } from './cycles/cycles.presenter';
export { publishedResultsText } from './results/results-cache';

// the quality analysis report (modules/analysis) reads the yearly results and their trend
export { publishedResultsHistory, type PublishedCycleResults } from './results/results.queries';
