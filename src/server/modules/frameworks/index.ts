// The frameworks module's public face: its routes, and the loading of frameworks/*.json at start.
export { frameworkRoutes } from './frameworks.routes';
export { importFrameworks, loadFrameworkDir, loadFrameworkFile, type LoadedFramework } from './frameworks.service';
