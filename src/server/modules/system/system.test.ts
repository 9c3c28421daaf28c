import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { seedIfEmpty } from '../../seed/seed';
import { makeTestApp, testDialects, type TestApp } from '../../test/helpers';
import { login } from '../../test/client';
import { ALL_ROUTES } from '../../routes';

describe.each(testDialects())('system routes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t.close());

  it('reports the database in /api/health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { dialect, ok: true } });
  });

  it('publishes an OpenAPI document with every route and its permission, and browsable docs, to signed-in users only', async () => {
    for (const url of ['/api/openapi.json', '/api/docs/', '/api/docs/json', '/api/docs/static/index.html']) {
      const anon = await t.app.inject({ method: 'GET', url });
      expect(anon.statusCode, url).toBe(401);
      expect(anon.json().message, url).toBe('请先登录：接口文档只对已登录的用户开放');
    }
    const { cookie } = await login(t.app, 'leader');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie } })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ALL_ROUTES) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url}`).toBeDefined();
      expect(op['x-permission']).toBe(r.access);
    }
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.properties.username).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/', headers: { cookie } });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('answers unknown API paths with a Chinese 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('找不到 GET /api/nothing');
  });

  it('runs migrations again as a no-op', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
  });
});

describe('the embedded SQLite file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created, migrated and seeded on first start, and keeps its data on a second start', async () => {
    const file = path.join(dir, 'data', 'kaoping.sqlite');
    const first = connect({ url: file });
    // Every migration, in order (new ones are appended to migrations/index.ts).
    const applied = await migrateToLatest(first);
    expect(applied).toEqual(Object.keys(MIGRATIONS));
    expect(applied.slice(0, 2)).toEqual(['2026-11-24T0900-foundation', '2026-11-24T1300-assessment']);
    expect(await seedIfEmpty(first.db, { demo: true, demoPassword: 'Kaoping@2023' })).toBe(true);
    await first.db.updateTable('app_user').set({ display_name: '改过的名字' }).where('username', '=', 'office').execute();
    await first.close();
    expect(fs.existsSync(file)).toBe(true);

    const second = connect({ url: file });
    expect(await migrateToLatest(second)).toEqual([]);
    expect(await seedIfEmpty(second.db, { demo: true, demoPassword: 'Kaoping@2023' })).toBe(false);
    const u = await second.db.selectFrom('app_user').select('display_name').where('username', '=', 'office').executeTakeFirstOrThrow();
    expect(u.display_name).toBe('改过的名字');
    await second.close();
  });
});
