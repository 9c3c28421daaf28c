/**
 * Security headers on every answer (@fastify/helmet): API JSON, errors, the web app, Swagger UI and downloads.
 *  - CSP: scripts only from our own origin (no 'unsafe-inline', no 'unsafe-eval'; the built SPA has no inline
 *    script); styles may be inline because antd's CSS-in-JS writes <style> tags; nobody may frame us.
 *  - nosniff, Referrer-Policy no-referrer, HSTS only when served over HTTPS (COOKIE_SECURE=true).
 *  - API JSON is never cached (Cache-Control: no-store): it carries personal data and scores.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function registerSecurityHeaders(app: FastifyInstance, opts: { cookieSecure: boolean }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...CSP_DIRECTIVES,
        // only behind HTTPS: on plain http://127.0.0.1 it would send the browser to a port nobody listens on
        ...(opts.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: opts.cookieSecure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // downloads are opened by our own pages; other sites may not embed them
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('application/json')) reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });
}
