import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './config';
import type { Db } from './db/connection';
import { dbFaultError, duplicateConflict } from './db/errors';
import { AppError } from './core/errors';
import { frameworkError, installJsonParser, MAX_UPLOAD_BYTES, onClientError, onFrameworkError } from './core/framework-errors';
import { buildOpenApi } from './core/openapi';
import { registerRoutes, requireSignedIn } from './core/route';
import { registerSecurityHeaders } from './core/security-headers';
import { ALL_ROUTES } from './routes';
import { registerLoginRateLimit } from './modules/auth';

export { MAX_UPLOAD_BYTES };

export interface BuildOptions {
  config: Config;
  db: Db;
  logger?: boolean;
  /** where log lines go (default stdout); tests read them */
  logStream?: NodeJS.WritableStream;
}

/** TRUST_PROXY as a hop count: believe that many proxies nearest to the server (Fastify's numeric trustProxy). */
const hopsOf = (hops: number) => (_addr: string, hop: number) => hop < hops;

/**
 * Hashed build output (dist/web/assets/*-<hash>.js) never changes under its name: cached for a year. Everything
 * else (index.html, which names the current hashes) is revalidated on every load (ETag / Last-Modified).
 */
export function staticCacheControl(file: string): string {
  return /[\\/]assets[\\/][^\\/]+$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, db } = opts;
  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel, ...(opts.logStream ? { stream: opts.logStream } : {}) } : false,
    // One log line per request, at debug level (off at the default LOG_LEVEL=info), written below with the
    // user; the id is random (not req-1, req-2 … restarting at every start) so it finds its audit row.
    logController: new LogController({ disableRequestLogging: true }),
    // 16 hex digits (62 random bits: the first is the UUID's variant): the last two groups of a randomUUID (which draws on a cached entropy pool; randomBytes
    // asks the OS every time), cut rather than stripped of its dashes by a regular expression on every request
    genReqId: () => {
      const u = crypto.randomUUID();
      return u.slice(19, 23) + u.slice(24);
    },
    bodyLimit: config.bodyLimitBytes,
    // The client address is the socket's unless TRUST_PROXY names the proxies (it is written into the audit log).
    trustProxy: typeof config.trustProxy === 'number' ? hopsOf(config.trustProxy) : (config.trustProxy ?? false),
    // a bad URL or an over-long parameter: answered in Chinese (core/framework-errors.ts)
    frameworkErrors: onFrameworkError,
    // and a request Node itself cannot parse (a raw 中文 in the address, a header over the limit)
    clientErrorHandler: onClientError,
  });
  await registerSecurityHeaders(app, { cookieSecure: config.cookieSecure });
  // the request id in every answer: a user reporting a problem can quote it; the log and the audit row carry it
  // (callback-style hooks: every request runs them, and an async hook costs a promise each time)
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('X-Request-Id', req.id);
    done();
  });
  // the request log line exists only at LOG_LEVEL=debug (or trace); at other levels the hook is not installed at all.
  // It names the path without the query, as the audit row does: search words (names, telephone numbers) stay out.
  if (opts.logger && ['debug', 'trace'].includes(config.logLevel)) {
    app.addHook('onResponse', (req, reply, done) => {
      req.log.debug({ method: req.method, url: req.url.split('?', 1)[0], statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
      done();
    });
  }
  await app.register(cookie);
  // brotli or gzip for every answer over 1 kB that the client accepts (API JSON, the web app, Swagger UI); an
  // answer that already carries Content-Encoding (pre-compressed assets, a stored compressed body) is left alone
  // Request bodies are not decompressed: no client of ours sends them compressed, and a compressed body would
  // get past the body limit as a few bytes that inflate to many
  await app.register(compress, { global: true, globalDecompression: false, encodings: ['br', 'gzip'], threshold: 1024 });
  // JSON bodies: nesting bounded (a 50,000-deep answer never reaches the scoring engine), parse errors in Chinese
  installJsonParser(app);
  // File uploads (evidence, filled templates): one file per request; size limits per route (see evidence and io modules).
  await app.register(multipart, { limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 20 } });

  app.setErrorHandler((error, req, reply) => {
    const known = error instanceof AppError ? error : frameworkError(error as never, config.bodyLimitBytes);
    const fault = known ? null : dbFaultError(error);
    if (fault) {
      // the database or data directory, not the caller: 503, and the server keeps running
      req.log.warn({ err: error }, fault.message);
      return reply.code(503).header('Retry-After', '5').send({ error: fault.code, message: fault.message });
    }
    const duplicate = known ? null : duplicateConflict(error);
    if (duplicate) {
      // a race on a unique key that its command did not foresee: a conflict for the person, logged as a gap to close
      // (the command should say what and who won, with onDuplicate)
      req.log.error({ err: error }, 'unique key hit outside onDuplicate');
      return reply.code(409).send({ error: duplicate.code, message: duplicate.message });
    }
    if (known) {
      return reply.code(known.status).send({
        error: known.code,
        message: known.message,
        ...(known.fields ? { fields: known.fields } : {}),
        ...(known.current !== undefined ? { current: known.current } : {}),
      });
    }
    req.log.error(error);
    return reply.code(500).send({ error: 'internal', message: '服务器内部错误，请稍后重试；如持续出现请联系系统管理员' });
  });

  const deps = { db, config };
  await registerLoginRateLimit(app, deps);
  registerRoutes(app, deps, ALL_ROUTES);

  // The API's description is for the people who use it: signed in, like every page (a list of every route and
  // parameter is a map for whoever probes the system from outside). These handlers are not route()s (a static
  // document, a plugin's pages and files), so they sit in a scope of their own whose one onRequest hook is
  // route()'s own sign-in gate: every handler registered in it, the plugin's static files included, passes it.
  const openapi = buildOpenApi(ALL_ROUTES);
  await app.register(async (docs) => {
    docs.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      await requireSignedIn(deps, req, reply, { method: req.method, url: req.routeOptions.url ?? req.url }, '请先登录：接口文档只对已登录的用户开放');
    });
    docs.get('/api/openapi.json', async () => openapi);
    await docs.register(swagger, { mode: 'static', specification: { document: openapi as never } });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  });

  app.setNotFoundHandler((req, reply) => {
    // a file the build does not hold (/assets/…, favicon.svg) is a 404, never the app shell: a script answered with
    // HTML leaves a blank page (and the error boundary's reload for a chunk gone after an update could not tell)
    if (req.url.startsWith('/api/') || /^\/assets\/|\.(m?js|css|map|svg|png|jpe?g|gif|ico|webp|woff2?|ttf|webmanifest|txt|xml)$/i.test(req.url.split('?')[0]!) || !fs.existsSync(path.join(config.webDir, 'index.html'))) {
      const where = req.url.split('?')[0];
      return reply.code(404).send({ error: 'not_found', message: `找不到 ${req.method} ${where.length > 200 ? `${where.slice(0, 200)}…` : where}` });
    }
    // Single-page application: unknown non-API paths serve the app shell.
    return reply.type('text/html').sendFile('index.html', config.webDir);
  });
  if (fs.existsSync(config.webDir)) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      prefix: '/',
      // looked up on each request, not listed at start: a build written while the server runs is served as it is
      // (its index.html names new hashed files, which a start-time list would not hold)
      wildcard: true,
      index: ['index.html'],
      // the build writes .br and .gz beside each asset (vite.config.ts); served when the browser accepts them
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', staticCacheControl(file)),
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/html').send('<meta charset="utf-8"><p>前端尚未构建：请运行 <code>npm run build</code> 或 <code>npm start</code>。</p>'),
    );
  }
  return app;
}
