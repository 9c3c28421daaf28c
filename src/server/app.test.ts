/** Compressed answers and the cache policy of the web app's files (issue 9, Performance). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, staticCacheControl } from './app';
import { loadConfig } from './config';
import { auditRowHash, verifyChain } from './core/audit-chain';
import { seedIfEmpty } from './seed/seed';
import { freshDb, login, makeTestApp, testDialects, TEST_PASSWORD, type TestApp } from './test/helpers';

describe('compression and caching', () => {
  let t: TestApp;
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-web-'));
  const script = `console.log(${JSON.stringify('考评'.repeat(2000))});`;
  beforeAll(async () => {
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b3c.js"></script>');
    fs.writeFileSync(path.join(webDir, 'assets/app-1a2b3c.js'), script);
    fs.writeFileSync(path.join(webDir, 'assets/app-1a2b3c.js.br'), zlib.brotliCompressSync(script));
    t = await makeTestApp('sqlite', { webDir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('caches hashed assets for a year and revalidates everything else', () => {
    expect(staticCacheControl('/srv/dist/web/assets/LoginPage-CyHzVH-W.js')).toBe('public, max-age=31536000, immutable');
    expect(staticCacheControl('/srv/dist/web/index.html')).toBe('no-cache');
    expect(staticCacheControl('/srv/dist/web/favicon.svg')).toBe('no-cache');
  });

  it('serves the pre-compressed asset with its year-long cache, and index.html (also for app paths) with no-cache', async () => {
    const asset = await t.app.inject({ url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(asset.rawPayload).toString()).toBe(script);
    // without a .gz beside it, gzip is made on the fly
    const gz = await t.app.inject({ url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    for (const url of ['/', '/login', '/assessment/2']) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('answers a file the build does not hold with 404, not the app shell, and serves a file written after start', async () => {
    for (const url of ['/assets/app-9z9z9z.js', '/assets/gone.css', '/favicon-old.svg', '/assets/x.js?v=1', '/robots.txt', '/sitemap.xml']) {
      const r = await t.app.inject({ url });
      expect([url, r.statusCode, r.headers['content-type']]).toEqual([url, 404, expect.stringContaining('application/json')]);
      expect(r.json().message).toBe(`找不到 GET ${url.split('?')[0]}`);
    }
    // a rebuild under a running server: its new entry script is served, not index.html in its place
    fs.writeFileSync(path.join(webDir, 'assets/app-4d5e6f.js'), script);
    const fresh = await t.app.inject({ url: '/assets/app-4d5e6f.js' });
    expect([fresh.statusCode, fresh.headers['content-type']]).toEqual([200, expect.stringContaining('javascript')]);
    expect(fresh.body).toBe(script);
    // app paths still get the shell, a dotted one among them (a file's kind is judged by the web's own extensions)
    for (const url of ['/workplan/tasks/3', '/rectifications/3?tab=1', '/assessment/2?tab=scoring&kp=7.a', '/indicators/3.1']) {
      const r = await t.app.inject({ url });
      expect([url, r.statusCode, r.headers['content-type']]).toEqual([url, 200, expect.stringContaining('text/html')]);
    }
  });

  it('compresses API answers over 1 kB with brotli or gzip, and leaves them plain for a client that accepts neither', async () => {
    const office = await login(t.app, 'office');
    const get = (enc?: string) => t.app.inject({ url: '/api/orgs', headers: { cookie: office.cookie, ...(enc ? { 'accept-encoding': enc } : {}) } });
    const br = await get('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect((await get('gzip')).headers['content-encoding']).toBe('gzip');
  });
});

describe.each(testDialects())('request id and logs, on %s', (dialect) => {
  it('logs no request at the default level; at debug a line names the request and the user, and the audit row holds the same request id', async () => {
    const db = await freshDb(dialect);
    await seedIfEmpty(db.db, { demo: true, demoPassword: TEST_PASSWORD, assessment: false });
    const lines: any[] = [];
    const logOf = () => {
      const stream = new PassThrough();
      stream.on('data', (d) => String(d).split('\n').filter(Boolean).forEach((l) => lines.push(JSON.parse(l))));
      return stream;
    };
    const config = { ...loadConfig({}), webDir: '/nonexistent', loginRateLimitPerMinute: 10_000, deniedPerMinute: 10_000 };
    try {
      const quiet = await buildApp({ config, db, logger: true, logStream: logOf() });
      const office = await login(quiet, 'office');
      expect((await office.request('GET', '/api/todos')).status).toBe(200);
      await quiet.close();
      expect(lines).toEqual([]);

      const app = await buildApp({ config: { ...config, logLevel: 'debug' }, db, logger: true, logStream: logOf() });
      const admin = await login(app, 'admin');
      const province = (await db.db.selectFrom('org_unit').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow()).id;
      const r = await admin.request('POST', '/api/orgs', { code: 'reqid-test', name: '请求编号测试单位', kind: 'department', parentId: province });
      expect(r.status, JSON.stringify(r.json)).toBeLessThan(300);
      const requestId = r.headers['x-request-id'] as string;
      expect(requestId).toMatch(/^[0-9a-f]{16}$/);
      const adminId = (await db.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
      await new Promise((res) => setTimeout(res, 50));
      expect(lines.find((l) => l.reqId === requestId && l.msg === 'request')).toMatchObject({ userId: adminId, method: 'POST', url: '/api/orgs', statusCode: r.status });
      // the line keeps the path, never the query: search words (names, telephone numbers) stay out of the log, as out of the audit row
      const searched = await admin.request('GET', '/api/orgs?q=%E5%BC%A0%E4%B8%8913912345678');
      await new Promise((res) => setTimeout(res, 50));
      expect(lines.find((l) => l.reqId === searched.headers['x-request-id'] && l.msg === 'request')).toMatchObject({ method: 'GET', url: '/api/orgs' });
      expect(lines.filter((l) => JSON.stringify(l).includes('13912345678'))).toEqual([]);
      const row = await db.db.selectFrom('audit_log').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ user_id: adminId, path: '/api/orgs' });
      expect((await verifyChain(db.db)).ok).toBe(true);
      // the request id is part of the row's hash (changing or removing it is detected); rows without one hash as before
      const { id: _id, seq, prev_hash, row_hash, ...content } = row;
      expect(auditRowHash(content, Number(seq), prev_hash!)).toBe(row_hash);
      expect(auditRowHash({ ...content, request_id: null }, Number(seq), prev_hash!)).not.toBe(row_hash);
      await app.close();
    } finally {
      await db.close();
    }
  });
});
