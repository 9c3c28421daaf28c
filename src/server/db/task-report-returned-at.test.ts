/**
 * The migration 2026-12-07T1300-task-report-returned-at: a work plan report returned before it gets the moment and the
 * returner of its last 退回 from the audit log (also when it was submitted again since); a returned report whose 退回
 * is not recorded is taken as returned when it was submitted, its returner unknown; a report never returned has neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../test/helpers';
import * as migration from './migrations/2026-12-07T1300-task-report-returned-at';

describe.each(testDialects())('the task report returned_at migration on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
  });
  afterAll(() => t.close());

  it('fills returned_at and returned_by from the audit log, else from the submission', async () => {
    const as = {} as Record<'office' | 'samr' | 'yueyang' | 'changsha' | 'changde', Client>;
    for (const u of ['office', 'samr', 'yueyang', 'changsha', 'changde'] as const) as[u] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    const plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
    const taskId = plan.taskRows.find((r: any) => r.number === 3).id;
    clock.now = new Date('2023-07-03T02:00:00Z');
    const ids: Record<string, number> = {};
    for (const [u, code] of [['yueyang', '430600'], ['changsha', '430100'], ['changde', '430700'], ['samr', 'samr']] as const) {
      const saved = await as[u].request('PUT', `/api/work-tasks/${taskId}/reports/2023-H1`, { version: 0, progress: 40, text: '开展自查，制定迎检方案。' });
      expect(saved.json.message ?? saved.status).toBe(200);
      const r = saved.json.reports.find((x: any) => x.org.id === saved.json.myOrg.id);
      expect((await as[u].request('POST', `/api/work-task-reports/${r.id}/submit`, { version: r.version })).status).toBe(200);
      ids[code] = r.id;
    }
    const reportOf = (id: number) => t.db.db.selectFrom('work_task_report').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // 岳阳市's returned through the command (its audit row); 长沙市's returned and submitted again; 常德市's stored returned with no audit row
    for (const code of ['430600', '430100']) {
      const r = await reportOf(ids[code]!);
      expect((await as.samr.request('POST', `/api/work-task-reports/${r.id}/return`, { version: r.version, reason: '请补充具体数据' })).status).toBe(200);
    }
    const back = await reportOf(ids['430100']!);
    expect((await as.changsha.request('POST', `/api/work-task-reports/${back.id}/submit`, { version: back.version })).status).toBe(200);
    await t.db.db.updateTable('work_task_report').set({ status: 'returned', return_reason: '请补充' }).where('id', '=', ids['430700']!).execute();

    await migration.down(t.db.db);
    await t.db.db.transaction().execute((trx) => migration.up(trx));

    const samr = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'samr').executeTakeFirstOrThrow();
    const audited = async (id: number) =>
      (await t.db.db.selectFrom('audit_log').select('at').where('action', '=', 'taskReport.return').where('entity_id', '=', String(id)).executeTakeFirstOrThrow()).at;
    expect(await reportOf(ids['430600']!)).toMatchObject({ status: 'returned', returned_at: await audited(ids['430600']!), returned_by: samr.id });
    expect(await reportOf(ids['430100']!)).toMatchObject({ status: 'submitted', returned_at: await audited(ids['430100']!), returned_by: samr.id });
    expect(await reportOf(ids['430700']!)).toMatchObject({ status: 'returned', returned_at: '2023-07-03T02:00:00.000Z', returned_by: null });
    expect(await reportOf(ids.samr!)).toMatchObject({ status: 'submitted', returned_at: null, returned_by: null });
  });
});
