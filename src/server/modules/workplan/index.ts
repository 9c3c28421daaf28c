export { workplanRoutes, clockOf } from './workplan.routes';
export { insertPlanFromFile, readWorkPlanFile } from './workplan.commands';
export { loadWorkplanTodoState } from './workplan.todos';
