/**
 * Work plan supervision: nobody decides their own request. Where the issuing office itself consolidates a task (it leads
 * tasks 1–2 of the 2023 plan; or nobody does), one of its staff asks for 延期 or 办结; another of its staff decides it. The one who
 * asked is refused (403, audited as a denied attempt), is not offered 同意 / 不同意 or 销号 / 退回 on the task page (the
 * page says why), and has no to-do asking them to decide it; a colleague has, and decides. Nor does the office move its
 * own task's 办理期限 later by an edit (ownDeadlineRefusal): that is an extension, asked and approved by two people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';
import { reportLatePeriods } from '../../test/workplan';
import { ownDeadlineLatest } from '../../../shared/workplan/rules';

describe.each(testDialects())('work plan: no decision on one’s own request on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  /** office: 唐碧辉, who asks; office2: 刘思远, a colleague of the same office (a demo account) */
  const as = {} as Record<'office' | 'office2', Client>;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const page = async (c: Client, n: number) => (await c.request('GET', `/api/work-tasks/${task(n).id}`)).json;
  const keys = async (c: Client) => ((await c.request('GET', '/api/todos')).json.items as any[]).map((x) => x.key as string);
  const denials = async () => (await t.db.db.selectFrom('audit_log').select(['username', 'entity_id', 'after_json']).where('action', '=', 'access.denied').orderBy('id').execute()).map((r) => ({ ...r, after: JSON.parse(r.after_json ?? 'null') }));
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    as.office = await login(t.app, 'office');
    as.office2 = await login(t.app, 'office2');
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
  });
  afterAll(() => t.close());

  it('an extension the office asked on a task it consolidates is decided by a colleague, never by the one who asked', async () => {
    at('2023-08-01');
    expect(task(2).consolidator.name).toBe('省质强办');
    const asked = await as.office.request('POST', `/api/work-tasks/${task(2).id}/extensions`, { newDueOn: '2024-03-31', reason: '部分成员单位职责调整，需待明年一季度完成' });
    expect(asked.status).toBe(201);
    const ext = asked.json.extensions.find((e: any) => e.status === 'pending');

    // the one who asked: not offered the decision, told why; no to-do asking them to decide it
    expect(ext).toMatchObject({ abilities: { decide: false }, decideRefusal: '不能审批本人提出的延期申请，请由质强办其他工作人员审批' });
    expect(await keys(as.office)).not.toContain(`workplan.extension:${ext.id}`);
    const before = (await denials()).length;
    const self = await as.office.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true, judgeAgainstOriginal: false });
    expect([self.status, self.json.message]).toEqual([403, '不能审批本人提出的延期申请，请由质强办其他工作人员审批']);
    const denied = (await denials()).slice(before);
    expect(denied).toMatchObject([{ username: 'office', entity_id: 'POST /api/work-task-extensions/:id/decide', after: { reason: '不能审批本人提出的延期申请，请由质强办其他工作人员审批' } }]);
    expect((await page(as.office, 2)).extensions[0].status).toBe('pending');

    // a colleague: offered it, asked by the to-do, decides
    expect((await page(as.office2, 2)).extensions[0]).toMatchObject({ abilities: { decide: true }, decideRefusal: null });
    expect(await keys(as.office2)).toContain(`workplan.extension:${ext.id}`);
    const ok = await as.office2.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true, judgeAgainstOriginal: false });
    expect(ok.status).toBe(200);
    expect(ok.json.extensions[0]).toMatchObject({ status: 'approved', abilities: { decide: false }, decideRefusal: null });
  });

  it('a closure the office asked on a task it consolidates is reviewed by a colleague: the one who asked may neither 销号 nor 退回 it', async () => {
    at('2023-08-02');
    expect(task(1).consolidator.name).toBe('省质强办');
    await reportLatePeriods(as.office, task(1).id);
    const now = await page(as.office, 1);
    const asked = await as.office.request('POST', `/api/work-tasks/${task(1).id}/closure`, { version: now.task.version, summary: '领导小组成员单位已调整，议事规则已印发，任务完成。' });
    expect(asked.status).toBe(201);
    const closure = asked.json.closures.find((c: any) => c.status === 'pending');
    expect(closure).toMatchObject({ abilities: { decide: false }, decideRefusal: '不能审核本人提出的办结申请，请由质强办其他工作人员审核' });
    expect(await keys(as.office)).not.toContain(`workplan.closure:${closure.id}`);
    for (const body of [{ accept: true }, { accept: false, reason: '请补充会议纪要' }]) {
      const self = await as.office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, ...body });
      expect([self.status, self.json.message]).toEqual([403, '不能审核本人提出的办结申请，请由质强办其他工作人员审核']);
    }
    expect((await page(as.office, 1)).task.status).toBe('closing');

    expect((await page(as.office2, 1)).closures[0]).toMatchObject({ abilities: { decide: true }, decideRefusal: null });
    expect(await keys(as.office2)).toContain(`workplan.closure:${closure.id}`);
    const done = await as.office2.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: true });
    expect(done.status).toBe(200);
    expect(done.json.task.status).toBe('closed');
  });

  it('the office does not move its own task’s deadline later by an edit: refused (403, audited), earlier is an edit; a department’s task keeps the revision', async () => {
    at('2023-08-03');
    const put = (n: number, body: object) => as.office.request('PUT', `/api/work-tasks/${task(n).id}`, { reason: '根据工作进展调整办理期限', ...body });
    const dueOn = async (n: number) => (await page(as.office, n)).task.dueOn as string;
    const rule = '本办牵头（汇总）的任务，办理期限不能由本办直接延后：确需延期的，请由本办工作人员在任务页申请延期，经质强办其他工作人员审批';
    // task 9: nobody leads, the office consolidates; task 3: 省市场监管局 leads
    expect([task(9).consolidator.name, task(3).consolidator.name]).toEqual(['省质强办', '省市场监督管理局']);
    const nine = await page(as.office, 9);
    expect([nine.task.dueOn, nine.ownDeadlineLatest]).toEqual(['2023-12-31', '2023-12-31']);
    expect((await page(as.office, 3)).ownDeadlineLatest).toBeNull();
    expect((await page(as.office, 3)).ownDeadlineBounds).toEqual({ inForce: '2023-12-31', approved: '2023-12-31' });

    // earlier binds the office itself: an edit with its reason, as before
    const earlier = await put(9, { version: nine.task.version, dueOn: '2023-11-30' });
    expect(earlier.status).toBe(200);
    expect(await dueOn(9)).toBe('2023-11-30');
    // the form names the latest date before the office tries, the bound the 403 below names (ownDeadlineLatest)
    expect([earlier.json.ownDeadlineLatest, (await page(as.office, 9)).ownDeadlineLatest]).toEqual(['2023-11-30', '2023-11-30']);
    // later again: refused, said why and who approves, and recorded as a denied attempt
    const before = (await denials()).length;
    const later = await put(9, { version: earlier.json.task.version, dueOn: '2023-12-31' });
    expect([later.status, later.json.message]).toEqual([403, `${rule}（本办修改时最晚为2023年11月30日）`]);
    expect((await denials()).slice(before)).toMatchObject([{ username: 'office', entity_id: 'PUT /api/work-tasks/:id', after: { reason: `${rule}（本办修改时最晚为2023年11月30日）` } }]);
    expect(await dueOn(9)).toBe('2023-11-30');
    // the way it goes: asked by one of the office's staff, approved by another
    const asked = await as.office.request('POST', `/api/work-tasks/${task(9).id}/extensions`, { newDueOn: '2023-12-31', reason: '需待年底领导小组会议审议' });
    expect(asked.status).toBe(201);
    const ext = asked.json.extensions.find((e: any) => e.status === 'pending');
    expect((await as.office2.request('POST', `/api/work-task-extensions/${ext.id}/decide`, { version: ext.version, approve: true, judgeAgainstOriginal: false })).status).toBe(200);
    expect((await page(as.office, 9)).task.deadline).toBe('2023-12-31');
    expect((await page(as.office, 9)).ownDeadlineLatest).toBe('2023-12-31');

    // a department's task: the office's revision moves it later, as before
    const three = await page(as.office, 3);
    const moved = await put(3, { version: three.task.version, dueOn: '2023-11-30' });
    expect(moved.status).toBe(200);
    // unless the same edit makes the office its lead: taking the task over and moving its deadline later is refused too
    const units = moved.json.task.units.map((u: any) => ({ orgId: u.org.id, role: u.role === 'lead' ? 'cooperating' : u.role }));
    const takeOver = await put(3, { version: moved.json.task.version, dueOn: '2023-12-31', units: [...units, { orgId: nine.plan.issuerId, role: 'lead' }] });
    expect([takeOver.status, takeOver.json.message]).toEqual([403, `${rule}（本办修改时最晚为2023年11月30日）`]);
    const movedBack = await put(3, { version: moved.json.task.version, dueOn: '2023-12-31' });
    expect(movedBack.status).toBe(200);
    expect(await dueOn(3)).toBe('2023-12-31');
  });

  it('nor by a few edits: handing its task to a department, moving the date and taking the task back stays within the deadline the office set itself', async () => {
    at('2023-08-04');
    const put = (n: number, body: object) => as.office.request('PUT', `/api/work-tasks/${task(n).id}`, { reason: '根据工作进展调整', ...body });
    const rule = '本办牵头（汇总）的任务，办理期限不能由本办直接延后：确需延期的，请由本办工作人员在任务页申请延期，经质强办其他工作人员审批（本办修改时最晚为2023年10月31日）';
    const office = (await page(as.office, 4)).plan.issuerId as number;
    const start = (await page(as.office, 4)).task;
    expect([start.dueOn, start.consolidator.id === office]).toEqual(['2023-12-31', false]);
    const asLead = (units: any[], lead: number) => units.map((u: any) => ({ orgId: u.org.id, role: u.org.id === lead ? 'lead' : u.role === 'lead' ? 'cooperating' : u.role }));
    const theirs = start.units.find((u: any) => u.role === 'lead').org.id as number;
    // the office takes task 4 over and brings its deadline earlier: edits, binding the office
    const taken = await put(4, { version: start.version, units: [...asLead(start.units, -1), { orgId: office, role: 'lead' }] });
    expect(taken.status).toBe(200);
    const earlier = await put(4, { version: taken.json.task.version, dueOn: '2023-10-31' });
    expect(earlier.status).toBe(200);
    expect((await put(4, { version: earlier.json.task.version, dueOn: '2023-12-31' })).status).toBe(403);
    expect(earlier.json.ownDeadlineLatest).toBe('2023-10-31');
    // hands the lead back (no date moved), moves the department's deadline later (the office's revision of a department's task) …
    const handed = await put(4, { version: earlier.json.task.version, units: asLead(earlier.json.task.units.filter((u: any) => u.org.id !== office), theirs) });
    expect([handed.status, handed.json.ownDeadlineLatest]).toEqual([200, null]);
    const moved = await put(4, { version: handed.json.task.version, dueOn: '2023-12-31' });
    expect(moved.status).toBe(200);
    // the form's hint for another lead comes from the deadlines the page sends (ownDeadlineBounds) by the shared rule:
    // none for the department, the date the 403 below names once the office takes the lead again
    expect(moved.json.ownDeadlineBounds).toEqual({ inForce: '2023-12-31', approved: '2023-10-31' });
    const bound = (leadAfter: number | null) => ownDeadlineLatest({ published: true, issuerId: office, leadBefore: theirs, leadAfter, ...moved.json.ownDeadlineBounds });
    expect([moved.json.ownDeadlineLatest, bound(theirs), bound(office), bound(null)]).toEqual([null, null, '2023-10-31', '2023-10-31']);
    // … and takes it back: refused, the task would again be the office's own with the deadline it could not set itself
    const back = await put(4, { version: moved.json.task.version, units: [...asLead(moved.json.task.units, -1), { orgId: office, role: 'lead' }] });
    expect([back.status, back.json.message]).toEqual([403, rule]);
    expect((await page(as.office, 4)).task.consolidator.id).toBe(theirs);
    // taking it back at the deadline it had is an edit
    const atItsDate = await put(4, { version: moved.json.task.version, dueOn: '2023-10-31', units: [...asLead(moved.json.task.units, -1), { orgId: office, role: 'lead' }] });
    expect(atItsDate.status).toBe(200);
    expect([atItsDate.json.task.dueOn, atItsDate.json.task.consolidator.id]).toEqual(['2023-10-31', office]);
    // its own again, at the date it had set itself: the form now names that date as the latest
    expect(atItsDate.json.ownDeadlineLatest).toBe('2023-10-31');
  });
});
