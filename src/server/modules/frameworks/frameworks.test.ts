import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../config';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';
import { framework } from '../../../shared/scoring/framework-schema';

describe.each(testDialects())('frameworks on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'office');
  });
  afterAll(() => t.close());

  it('lists the imported frameworks and serves each one as its validated file', async () => {
    const list = await office.request('GET', '/api/frameworks');
    expect(list.status).toBe(200);
    const ids = list.json.items.map((i: { id: string }) => i.id);
    expect(ids).toContain('hunan-assessment-2022');
    const file = framework.parse(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json'), 'utf8')));
    const one = await office.request('GET', '/api/frameworks/hunan-assessment-2022');
    expect(one.status).toBe(200);
    expect(one.json).toEqual(JSON.parse(JSON.stringify(file)));
  });

  it('answers a stored framework changed by hand into an invalid one with a Chinese 503, not a 500', async () => {
    await t.db.db.updateTable('framework').set({ content_json: '{"id":"x"}' }).where('id', '=', 'db43-quality-city').execute();
    const res = await office.request('GET', '/api/frameworks/db43-quality-city');
    expect(res.status).toBe(503);
    expect(res.json.message).toMatch(/指标体系「db43-quality-city」在数据库中的内容已损坏/);
  });
});
