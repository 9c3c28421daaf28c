export { orgRoutes } from './orgs.routes';
export { noticeIssuer } from './orgs.queries';
