export { userRoutes } from './users.routes';
export { resetPasswordOnServer } from './users.commands';
