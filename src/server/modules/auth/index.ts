// The auth module's public face: its routes, the login rate limit (registered by app.ts), and the password
// and lockout calls the users module and the seed make.
export { authRoutes, chinaDateTime } from './auth.routes';
export { registerLoginRateLimit } from './rate-limit';
export { hashPassword, oneTimePassword, rememberPassword } from './password';
export { clearAccount } from './lockout';
