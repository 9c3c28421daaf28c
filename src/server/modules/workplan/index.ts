export { workplanRoutes } from './workplan.routes';
export { insertPlanFromFile, readWorkPlanFile } from './workplan.commands';
export { loadWorkplanTodoState } from './workplan.todos';
export { workplanDashboard } from './workplan.dashboard';
