// The system module's public face: its routes, and the data-directory probe main.ts runs at start.
export { systemRoutes } from './system.routes';
export { probeDataDir, type DataDirHealth } from './health';
