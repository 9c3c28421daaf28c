/**
 * The migration 2026-12-07T1600-task-report-late-reason: a work plan report gets its 逾期原因 column; the reports
 * written before keep everything they had and have none (nothing was asked of them), and down removes it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';
import * as migration from './migrations/2026-12-07T1600-task-report-late-reason';

describe.each(testDialects())('the task report late_reason migration on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
  });
  afterAll(() => t.close());

  it('adds late_reason, empty on the reports already written, which keep their content', async () => {
    const [office, yueyang] = await Promise.all([login(t.app, 'office'), login(t.app, 'yueyang')]);
    const imported = (await office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    const plan = (await office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
    const taskId = plan.taskRows.find((r: any) => r.number === 3).id;
    clock.now = new Date('2023-07-03T02:00:00Z');
    const saved = await yueyang.request('PUT', `/api/work-tasks/${taskId}/reports/2023-H1`, { version: 0, progress: 40, text: '开展自查，制定迎检方案。' });
    expect(saved.status).toBe(200);
    const columns = async () => (await t.db.db.introspection.getTables()).find((x) => x.name === 'work_task_report')!.columns.map((c) => c.name);

    await migration.down(t.db.db);
    expect(await columns()).not.toContain('late_reason');
    await t.db.db.transaction().execute((trx) => migration.up(trx));
    expect(await columns()).toContain('late_reason');
    const rows = await t.db.db.selectFrom('work_task_report').selectAll().where('task_id', '=', taskId).execute();
    expect(rows.map((r) => [r.progress, r.text, r.late_reason])).toEqual([[40, '开展自查，制定迎检方案。', null]]);
  });
});
