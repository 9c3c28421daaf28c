/**
 * Security headers on every answer, computed once: pages (the web app, Swagger UI) get helmet's set; API answers
 * (JSON, errors, downloads) the short set an API needs (apiHeaderTable).
 *  - pages' CSP: scripts only from our own origin (no 'unsafe-inline', no 'unsafe-eval'; the built SPA has no inline
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

/**
 * The headers of an API answer (JSON, an error, a download): what OWASP's REST Security Cheat Sheet lists for an
 * API — nosniff, no framing, a CSP that lets nothing load or run, no referrer, HSTS behind HTTPS — and same-origin
 * embedding only. An API answer is never a page: it runs no script and loads nothing, so the document headers
 * (the page CSP, COOP, Origin-Agent-Cluster, the legacy IE/Flash headers) say nothing about it, and each costs
 * every answer its bytes and its validation.
 */
export function apiHeaderTable(opts: { cookieSecure: boolean }): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(opts.cookieSecure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** An API answer, not a page: under /api/, except the browsable API description (Swagger UI's pages and files). */
export const isApiAnswer = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

export async function registerSecurityHeaders(app: FastifyInstance, opts: { cookieSecure: boolean }): Promise<void> {
  const page = securityHeaderTable(opts);
  const api = apiHeaderTable(opts);
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(isApiAnswer(req.url) ? api : page);
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
