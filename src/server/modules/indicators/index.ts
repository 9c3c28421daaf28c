export { loadIndicatorPlans, DEFAULT_THRESHOLDS, CITY_OWN_CODE_START } from './indicators.commands';
export { reportingRoutes, loadIndicatorTodoState, indicatorValueAttachments } from './reporting';
export { indicatorRoutes } from './indicators.routes';
export { laggingBindingIndicators, type LaggingIndicator } from './indicators.queries';
export { indicatorMonitoring } from './indicators.analysis';
export { indicatorStanding, type IndicatorStanding } from './indicators.standing';
// the honours page's 规划指标计数 uses the table's count rule (registered in src/server/routes.ts)
export { rollStockCount } from './indicators.roll';
