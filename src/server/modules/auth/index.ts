// The auth module's public face: its routes, the login rate limit (registered by app.ts), and the password
// and lockout calls the users module and the seed make.
export { authRoutes } from './auth.routes';
export { chinaDateTime, oneTimeNotice } from './auth.presenter';
export { registerLoginRateLimit } from './rate-limit';
export { hashPassword, noPasswordHash, oneTimePassword, oneTimePasswordUntil, rememberPassword } from './password';
export { accountThrottled, clearAccount, failureWindowStart, lockoutAt } from './lockout';
