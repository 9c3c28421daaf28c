// The evidence module's public face. Minimal for now; the assessment reshape replaces it.
export { evidenceRoutes } from './evidence.routes';
