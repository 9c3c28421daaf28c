export { userRoutes } from './users.routes';
export { resetPasswordOnServer, updateUserOnServer } from './users.commands';
