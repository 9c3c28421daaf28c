// Work plan supervision's public face (issue 13), with the attachment owner kind of a task report (附件;
// registered with the attachments module by src/server/routes.ts).
export { workplanRoutes } from './workplan.routes';
export { askClosure, insertPlanFromFile, readWorkPlanFile, reportValues } from './workplan.commands';
export { loadWorkplanTodoState } from './workplan.todos';
export { workplanLights, type WorkplanLights } from './workplan.analysis';
export { workReportAttachments } from './workplan.attachments';
export { workplanDashboard } from './workplan.dashboard';
export { issuedPlanText } from './workplan.queries';
