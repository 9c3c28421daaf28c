export { loadIndicatorPlans, DEFAULT_THRESHOLDS, CITY_OWN_CODE_START } from './indicators.commands';
export { reportingRoutes, reportingClock, loadIndicatorTodoState } from './reporting';
export { indicatorRoutes } from './indicators.routes';
export { laggingBindingIndicators, type LaggingIndicator } from './indicators.queries';
export { indicatorStanding, type IndicatorStanding } from './indicators.standing';
