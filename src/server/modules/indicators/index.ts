export { loadIndicatorPlans, DEFAULT_THRESHOLDS, CITY_OWN_CODE_START } from './indicators.commands';
export { reportingRoutes, reportingClock, loadIndicatorTodoState, indicatorValueAttachments } from './reporting';
export { indicatorRoutes } from './indicators.routes';
export { laggingBindingIndicators, type LaggingIndicator } from './indicators.queries';
export { indicatorMonitoring } from './indicators.analysis';
export { indicatorStanding, type IndicatorStanding } from './indicators.standing';
