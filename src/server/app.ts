import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './config';
import type { Db } from './db/connection';
import { AppError } from './http/errors';
import { buildOpenApi } from './http/openapi';
import { registerRoutes } from './http/route';
import { ALL_ROUTES } from './routes';

/** The largest file anyone may upload (evidence, templates); routes may set lower limits. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface BuildOptions {
  config: Config;
  db: Db;
  logger?: boolean;
}

/** Fastify's own errors, in Chinese. */
function frameworkError(err: { code?: string; statusCode?: number; message: string }, limit: number): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'too_large', `请求体过大，上限为 ${Math.round(limit / 1024)} KB`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', '不支持的请求内容类型，请以 application/json 提交');
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(413, 'too_large', `文件过大，上限为 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    case 'FST_FILES_LIMIT':
      return new AppError(400, 'too_many_files', '一次只能上传一个文件');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'invalid_json', '请求体为空，请提交 JSON 内容');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'invalid_json', '请求体不是合法的 JSON，请检查格式');
  }
  if (err instanceof SyntaxError || err.statusCode === 400) {
    return new AppError(400, 'invalid_json', '请求体不是合法的 JSON，请检查格式');
  }
  return null;
}

/** TRUST_PROXY as a hop count: believe that many proxies nearest to the server (Fastify's numeric trustProxy). */
const hopsOf = (hops: number) => (_addr: string, hop: number) => hop < hops;

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config, db } = opts;
  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel } : false,
    bodyLimit: config.bodyLimitBytes,
    // The client address is the socket's unless TRUST_PROXY names the proxies (it is written into the audit log).
    trustProxy: typeof config.trustProxy === 'number' ? hopsOf(config.trustProxy) : (config.trustProxy ?? false),
  });
  await app.register(cookie);
  // File uploads (evidence, filled templates): one file per request; size limits per route (see evidence and io modules).
  await app.register(multipart, { limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 20 } });

  app.setErrorHandler((error, req, reply) => {
    const known = error instanceof AppError ? error : frameworkError(error as never, config.bodyLimitBytes);
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
  registerRoutes(app, deps, ALL_ROUTES);

  const openapi = buildOpenApi(ALL_ROUTES);
  app.get('/api/openapi.json', async () => openapi);
  await app.register(swagger, { mode: 'static', specification: { document: openapi as never } });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !fs.existsSync(path.join(config.webDir, 'index.html'))) {
      return reply.code(404).send({ error: 'not_found', message: `找不到 ${req.method} ${req.url.split('?')[0]}` });
    }
    // Single-page application: unknown non-API paths serve the app shell.
    return reply.type('text/html').sendFile('index.html', config.webDir);
  });
  if (fs.existsSync(config.webDir)) {
    await app.register(fastifyStatic, { root: config.webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/html').send('<meta charset="utf-8"><p>前端尚未构建：请运行 <code>npm run build</code> 或 <code>npm start</code>。</p>'),
    );
  }
  return app;
}
