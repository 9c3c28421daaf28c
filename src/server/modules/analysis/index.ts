/**
 * The quality analysis report (质量分析报告, DB43 4.8): its routes; for the demo seed, the scope of an office's report and the create / edit / issue
 * commands (the same the routes call).
 */
export { analysisRoutes } from './analysis.routes';
export { reportScope } from './analysis.queries';
export { createReport, issueReport, saveSectionText } from './analysis.commands';
// DB43 4.8: the register as evidence beside the score sheet's item (registered with the evaluation in src/server/routes.ts)
export { analysisItemEvidence } from './analysis.evidence';
