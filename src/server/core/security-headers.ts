/**
 * Security headers on every answer (helmet's, computed once): API JSON, errors, the web app, Swagger UI and downloads.
 *  - CSP: scripts only from our own origin (no 'unsafe-inline', no 'unsafe-eval'; the built SPA has no inline
 *    script); styles may be inline because antd's CSS-in-JS writes <style> tags; nobody may frame us.
 *  - nosniff, Referrer-Policy no-referrer, HSTS only when served over HTTPS (COOKIE_SECURE=true).
 *  - API JSON is never cached (Cache-Control: no-store): it carries personal data and scores.
 */
import helmet from 'helmet';
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

/**
 * The helmet headers for the options above, computed once: helmet's own middleware run against a recording
 * response at start-up. (@fastify/helmet builds a new helmet middleware, re-parsing the CSP, on every request;
 * the headers never change between requests here, so they are set from this table instead.)
 */
export function securityHeaderTable(opts: { cookieSecure: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => {},
  };
  let failed: unknown = null;
  helmet({
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
  })({} as never, recorder as never, (e?: unknown) => {
    failed = e ?? null;
  });
  if (failed) throw failed;
  return headers;
}

export async function registerSecurityHeaders(app: FastifyInstance, opts: { cookieSecure: boolean }): Promise<void> {
  const table = securityHeaderTable(opts);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(table);
    done();
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      const type = String(reply.getHeader('content-type') ?? '');
      if (type.startsWith('application/json')) reply.header('Cache-Control', 'no-store');
    }
    done(null, payload);
  });
}
