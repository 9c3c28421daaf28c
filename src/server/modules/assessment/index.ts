// The assessment module's public face: what routes.ts, seed/ and the other modules may use. Minimal for now
// (what outsiders used when the layer lint came in); the assessment reshape replaces it.
export { cycleRoutes } from './cycles.routes';
export { declarationRoutes } from './declarations.routes';
export { schemeRoutes } from './schemes.routes';
export { scoringRoutes } from './scoring.routes';
export { resultRoutes } from './results.routes';
export { openCycle } from './cycles.service';
export { computeResults, freezeResults, frozenResults } from './results.service';
export { findCycle, currentScheme, lockCycle, type CycleRow, type SchemeRow } from './assessment.repository';
export { abilities, cycleAccess, requireParticipation, type CycleAccess } from './assessment.policy';
export { callerCodes, checkScoreWrite, evaluatorsOf, lockScoring, SUBMISSION_LOCKED } from './scoring.service';
export { listEvidence, presentEvidence, type EvidenceRow } from './evidence-list';
