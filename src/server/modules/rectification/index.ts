export { listView as rectificationListOf, rectificationRoutes, RECTIFICATION_TAGS } from './rectification.routes';
export { answerItem, assessmentTargets, raisedMeanwhile, raiseFromAssessment, raiseItem, type Clock } from './rectification.commands';
export { findRectification, raisedFromIndicators, rectificationsOf, type RectificationRow } from './rectification.queries';
export { loadRectificationTodoState } from './rectification.todos';
export { dueOnRefusal } from './rectification.policy';
export { assessmentCriterionLabel, RECTIFICATION_SOURCE_REGISTRY } from './rectification.sources';
export { rectificationReportAttachments } from './rectification.attachments';
