/**
 * The migration 2026-12-07T1800-rectification-report-late-reason: a 整改事项's progress report gets its 逾期原因 column;
 * the reports written before keep everything they had and have none (nothing was asked of them), and down removes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';
import * as migration from './migrations/2026-12-07T1800-rectification-report-late-reason';

describe.each(testDialects())('the rectification report late_reason migration on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  it('adds late_reason, empty on the reports already written, which keep their content', async () => {
    const hengyang = await login(t.app, 'hengyang');
    const hy = (await hengyang.request('GET', '/api/rectifications')).json.items[0];
    const columns = async () => (await t.db.db.introspection.getTables()).find((x) => x.name === 'rectification_report')!.columns.map((c) => c.name);
    const before = await t.db.db.selectFrom('rectification_report').select(['id', 'progress', 'text', 'status']).where('rectification_id', '=', hy.id).orderBy('id').execute();
    expect(before.length).toBeGreaterThan(0);

    await migration.down(t.db.db);
    expect(await columns()).not.toContain('late_reason');
    await t.db.db.transaction().execute((trx) => migration.up(trx));
    expect(await columns()).toContain('late_reason');
    const rows = await t.db.db.selectFrom('rectification_report').selectAll().where('rectification_id', '=', hy.id).orderBy('id').execute();
    expect(rows.map((r) => ({ id: r.id, progress: r.progress, text: r.text, status: r.status }))).toEqual(before);
    expect(rows.map((r) => r.late_reason)).toEqual(before.map(() => null));
  });
});
