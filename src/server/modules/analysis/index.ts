/**
 * The quality analysis report (质量分析报告, DB43 4.8): its routes; the to-do state (an office's report for the last
 * ended half-year not issued); for the demo seed, the scope of an office's report and the create / edit / issue
 * commands (the same the routes call).
 */
export { analysisRoutes } from './analysis.routes';
export { loadAnalysisTodoState } from './analysis.todos';
export { reportScope } from './analysis.queries';
export { createReport, issueReport, saveSectionText } from './analysis.commands';
