export { userRoutes } from './users.routes';
export { createUserOnServer, resetPasswordOnServer, updateUserOnServer } from './users.commands';
