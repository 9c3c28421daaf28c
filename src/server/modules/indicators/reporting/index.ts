// Plan-indicator reporting's public face (issue 12): its routes, the to-do state and the demo,
// and the attachment owner kind of a reported value (附件; registered with the attachments module by src/server/routes.ts).
export { reportingRoutes } from './reporting.routes';
export { loadIndicatorTodoState } from './reporting.todos';
export { indicatorValueAttachments } from './reporting.attachments';
