// The 驾驶舱 module's public face: its route.
export { dashboardRoutes } from './dashboard.routes';
