export { orgRoutes } from './orgs.routes';
