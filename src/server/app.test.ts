/** Compressed answers and the cache policy of the web app's files (issue 9, Performance). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticCacheControl } from './app';
import { login, makeTestApp, type TestApp } from './test/helpers';

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
