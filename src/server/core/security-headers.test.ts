/** Security headers on every kind of answer, and a CSP the built web app and Swagger UI live with. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, openTestCycle, type TestApp } from '../test/helpers';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

/** the answers that are pages (the web app, Swagger UI's pages and files); every other answer under /api/ is data */
const PAGES = new Set(['spa index', 'spa route', 'swagger ui', 'docs 401']);

function expectSecure(headers: Record<string, unknown>, what: string) {
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp, `${what}: CSP`).not.toBe('');
  const d = directives(csp);
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['cross-origin-resource-policy'], what).toBe('same-origin');
  expect(d.get('frame-ancestors'), what).toEqual(["'none'"]);
  if (!PAGES.has(what)) {
    // data, never a page: nothing may load or run in it, and the document-only headers are not sent
    expect(csp, what).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const h of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies']) {
      expect(headers[h], `${what}: ${h}`).toBeUndefined();
    }
    return;
  }
  const scripts = d.get('script-src') ?? d.get('default-src')!;
  expect(scripts, `${what}: script-src`).toEqual(["'self'"]);
  expect(csp, what).not.toMatch(/unsafe-eval/);
  expect(d.get('object-src'), what).toEqual(["'none'"]);
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
}

describe('security headers', () => {
  let t: TestApp;
  let secure: TestApp;
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-web-'));
  beforeAll(async () => {
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>');
    t = await makeTestApp('sqlite', { webDir });
    secure = await makeTestApp('sqlite', { cookieSecure: true });
  });
  afterAll(async () => {
    await t.close();
    await secure.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('every kind of answer carries them: API JSON, 401, 404, 400, the web app, Swagger UI, a download', async () => {
    const office = await login(t.app, 'office');
    const answers: [string, { statusCode: number; headers: Record<string, unknown> }][] = [
      ['health', await get(t.app, '/api/health')],
      ['api json', await get(t.app, '/api/auth/me', { cookie: office.cookie })],
      ['401', await get(t.app, '/api/users')],
      ['404 api', await get(t.app, '/api/nothing')],
      ['400', await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{bad' })],
      ['spa index', await get(t.app, '/')],
      ['spa route', await get(t.app, '/cycles/1')],
      ['swagger ui', await get(t.app, '/api/docs/', { cookie: office.cookie })],
      ['openapi', await get(t.app, '/api/openapi.json', { cookie: office.cookie })],
      ['docs 401', await get(t.app, '/api/docs/')],
    ];
    const { cycle } = await openTestCycle(t, { departments: ['samr'] });
    const download = await t.app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/notice.docx`, headers: { cookie: office.cookie } });
    answers.push(['download', download]);
    expect(answers.map(([w, r]) => `${w} ${r.statusCode}`)).toEqual([
      'health 200', 'api json 200', '401 401', '404 api 404', '400 400', 'spa index 200', 'spa route 200', 'swagger ui 200', 'openapi 200', 'docs 401 401', 'download 200',
    ]);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(download.headers['cache-control']).toBe('private, no-store');
    for (const [what, res] of answers) expectSecure(res.headers, what);
    // without HTTPS no HSTS and no upgrade (it would break http://127.0.0.1)
    for (const [what, res] of answers) {
      expect(res.headers['strict-transport-security'], what).toBeUndefined();
      expect(String(res.headers['content-security-policy']), what).not.toMatch(/upgrade-insecure-requests/);
    }
  });

  it('API JSON is never cached; downloads keep their own no-store; the web app may be', async () => {
    const office = await login(t.app, 'office');
    for (const url of ['/api/health', '/api/nothing', '/api/openapi.json']) expect((await get(t.app, url)).headers['cache-control'], url).toBe('no-store');
    expect((await get(t.app, '/api/auth/me', { cookie: office.cookie })).headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'wrong-password-1' } })).headers['cache-control']).toBe('no-store');
    expect((await get(t.app, '/')).headers['cache-control']).not.toBe('no-store');
  });

  it('HSTS only when COOKIE_SECURE=true (served over HTTPS), on data and pages alike', async () => {
    const res = await get(secure.app, '/api/health');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expectSecure(res.headers, 'secure health');
    const docs = await get(secure.app, '/api/docs/');
    expect(docs.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(docs.headers['content-security-policy'])).toMatch(/upgrade-insecure-requests/);
  });

  it('the built web app has no inline script the CSP would block', () => {
    const built = path.resolve('dist/web/index.html');
    if (!fs.existsSync(built)) return; // built by `npx vite build` (the browser tests need it too)
    const html = fs.readFileSync(built, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers (script-src-attr 'none')
  });
});
