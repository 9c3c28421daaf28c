// Plan-indicator reporting's public face (issue 12): its routes, the clock tests set, the to-do state and the demo.
export { reportingRoutes } from './reporting.routes';
export { reportingClock } from './reporting.commands';
export { loadIndicatorTodoState } from './reporting.todos';
