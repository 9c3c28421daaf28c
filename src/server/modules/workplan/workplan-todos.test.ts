/**
 * Work plan 待办 past the plan's supervision (2026-12-01 review): a plan whose supervision has ended (its last due date
 * or deadline plus the grace and notice days) raises no reminders — its lights are a record — but a request still
 * waiting on the office (a closure request asked before the end, an extension asked late — after the task's deadline —
 * but before the end) stays on the office's 待办 until it is decided, however long after the plan's year; decided, it
 * goes. Nothing is asked after the end (supervisionEndedRefusal: workplan-ended.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';
import { reportLatePeriods } from '../../test/workplan';

describe.each(testDialects())('work plan to-dos past the supervision on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  const as = {} as Record<'office' | 'samr', Client>;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const page = async (c: Client, n: number) => (await c.request('GET', `/api/work-tasks/${task(n).id}`)).json;
  const keys = async (c: Client) => ((await c.request('GET', '/api/todos')).json.items as any[]).map((x) => x.key as string).filter((k) => k.startsWith('workplan.'));
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const u of ['office', 'samr'] as const) as[u] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
  });
  afterAll(() => t.close());

  it('a closure request asked at the year’s end stays on the office’s 待办 past the supervision’s end until decided', async () => {
    at('2023-12-28');
    const t12 = task(12).id;
    await reportLatePeriods(as.samr, t12);
    const asked = await as.samr.request('POST', `/api/work-tasks/${t12}/closure`, { version: (await page(as.samr, 12)).task.version, summary: '年度质量监督抽查任务已完成，申请办结。' });
    expect(asked.status).toBe(201);
    const closure = asked.json.closures.find((x: any) => x.status === 'pending');
    expect(await keys(as.office)).toContain(`workplan.closure:${closure.id}`);
    // months later, and the next year: the request still waits on the office, and is still on its 待办 — alone
    for (const day of ['2024-03-01', '2025-02-01']) {
      at(day);
      const mine = (await keys(as.office)).filter((k) => k.endsWith(`:${t12}`) || k === `workplan.closure:${closure.id}`);
      expect(mine, day).toEqual([`workplan.closure:${closure.id}`]);
    }
    expect((await as.office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: true })).status).toBe(200);
    expect(await keys(as.office)).not.toContain(`workplan.closure:${closure.id}`);
  });

  it('an extension asked late, just before the supervision’s end, is on the office’s 待办 past it until decided', async () => {
    // the task's deadline 2023-12-31 has passed; the supervision runs to 2024-01-25
    at('2024-01-20');
    const t13 = task(13).id;
    const asked = await as.samr.request('POST', `/api/work-tasks/${t13}/extensions`, { newDueOn: '2024-06-30', reason: '年度任务未完成，需延至6月底' });
    expect(asked.status).toBe(201);
    const ext = asked.json.extensions.find((x: any) => x.status === 'pending');
    expect(ext.late).toBe(true);
    at('2024-03-05');
    expect((await keys(as.office)).filter((k) => k.endsWith(`:${t13}`) || k === `workplan.extension:${ext.id}`)).toEqual([`workplan.extension:${ext.id}`]);
    // and the lead's to-dos of the ended plan are gone (nothing of it is taken from the lead now)
    expect((await keys(as.samr)).filter((k) => k.endsWith(`:${t13}`))).toEqual([]);
    expect((await as.office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: false, reason: '年度已结束，请办结并总结' })).status).toBe(200);
    expect(await keys(as.office)).not.toContain(`workplan.extension:${ext.id}`);
  });
});
