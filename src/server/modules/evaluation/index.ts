// The creation evaluation module's public face (seed 004, DB43): its routes, and what other modules may read.
export { evaluationRoutes } from './evaluation.routes';
export { reviewRoutes } from './review/review.routes';
export { selfRoutes } from './self/self.routes';
export { evaluationRectificationRoutes } from './rectification/rectification.routes';
export { evaluationDocRoutes } from './evaluation-docs.routes';
export { peerRoutes } from './peers/peers.routes';
export { EVALUATION_FRAMEWORK_ID, namingDoc } from './evaluation.commands';
/**
 * Fill an organiser's yearly peer table (同级比较表) for the rank criteria: `fillPeerTable(c, tableId, values,
 * expectedVersion?)` with values `{orgId, value, note}[]` (value null: not known) replaces those units' values,
 * checks every unit belongs to the table's level, moves the table's version on and audits the change. The table
 * editor saves through it; a later honours roll (获奖企业名录) calls it to fill the award counts. Plans already
 * approved keep the copy they took; draft plans follow the table.
 */
export { fillPeerTable } from './peers/peers.commands';
// the quality analysis report (modules/analysis) lists the evaluations of a period
export { evaluationsOfPeriod, type EvaluationOfPeriod } from './evaluation.queries';
// evidence from other registers beside a score sheet's item (4.8: the 质量分析报告 register), registered in src/server/routes.ts
export { registerItemEvidence, type ItemEvidenceSource } from './review/review.evidence';
// the demo seed writes an application accepted over a department's finding with the same rule as 受理
export { acceptConcerns } from './evaluation.policy';
export { conditionTexts } from './evaluation.presenter';
// 自评资料: the attachment owner kind of a 自评's materials, registered in src/server/routes.ts
export { selfMaterialAttachments } from './self/self.attachments';
