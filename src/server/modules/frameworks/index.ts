// The frameworks module's public face: its routes, the loading of frameworks/*.json at start, the one way to
// read a stored framework (validated with the shared schema, not cast, once per stored text), and the departments list (departments.json).
export { frameworkRoutes } from './frameworks.routes';
export { importFrameworks, loadFrameworkDir, loadFrameworkFile, type LoadedFramework } from './frameworks.import';
export { parseStoredFramework } from './frameworks.presenter';
export { frameworkOf } from './framework-cache';
export { findFrameworkContent } from './frameworks.queries';
export { loadDepartments, schemeSpellings, type DepartmentEntry } from './departments';
