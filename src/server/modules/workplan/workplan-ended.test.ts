/**
 * A work plan whose year's supervision has ended (planEnd: its last report's due date or latest deadline plus the grace
 * and notice days; the 2023 plan published 2023-05-17, half-yearly, ends on 2024-01-25): its record stands as of that
 * day, so the units no longer 签收, 报送, ask an extension or a closure, or change milestones, and the office no longer
 * 催办 or 退回 a report (each a 409 saying when the supervision ended and what to do instead), and the task page offers
 * none of them; the requests asked before the end are still decided by the office (审批延期, 销号 / 退回), so the year
 * can be closed out. Reading is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';
import { reportLatePeriods } from '../../test/workplan';

describe.each(testDialects())('a work plan past its supervision on %s', (dialect) => {
  let t: TestApp;
  const clock = { now: new Date('2023-05-17T02:00:00Z') };
  const at = (day: string) => (clock.now = new Date(`${day}T02:00:00Z`));
  const as = {} as Record<'office' | 'samr' | 'yueyang', Client>;
  let plan: any;
  const task = (n: number) => plan.taskRows.find((r: any) => r.number === n);
  const page = async (c: Client, n: number) => (await c.request('GET', `/api/work-tasks/${task(n).id}`)).json;
  const ended = (verb: string) => `2023年度工作要点的督办已于2024-01-25结束，不能再${verb}`;
  let draft: any;
  let submitted: any;
  let milestone: any;
  let extension: any;
  let closure: any;

  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => clock.now });
    for (const u of ['office', 'samr', 'yueyang'] as const) as[u] = await login(t.app, u);
    const imported = (await as.office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    plan = (await as.office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
    // within the supervision: a milestone, a closure asked, a report left a draft, one reported, an extension asked late
    at('2023-11-20');
    milestone = (await as.samr.request('POST', `/api/work-tasks/${task(3).id}/milestones`, { title: '印发考核办法', dueOn: '2023-12-15' })).json.milestones[0];
    at('2023-12-28');
    await reportLatePeriods(as.samr, task(12).id);
    closure = (await as.samr.request('POST', `/api/work-tasks/${task(12).id}/closure`, { version: (await page(as.samr, 12)).task.version, summary: '年度质量监督抽查任务已完成，申请办结。' })).json.closures[0];
    at('2024-01-05');
    draft = (await as.samr.request('PUT', `/api/work-tasks/${task(3).id}/reports/2023-H2`, { version: 0, progress: 90, text: '考核督查全年工作基本完成。' })).json.reports[0];
    const five = (await as.samr.request('PUT', `/api/work-tasks/${task(5).id}/reports/2023-H2`, { version: 0, progress: 100, text: '质量品牌建设全年工作完成。' })).json.reports[0];
    submitted = (await as.samr.request('POST', `/api/work-task-reports/${five.id}/submit`, { version: five.version })).json.reports[0];
    at('2024-01-20');
    extension = (await as.samr.request('POST', `/api/work-tasks/${task(13).id}/extensions`, { newDueOn: '2024-06-30', reason: '监测评价体系需待国家标准发布后完善' })).json.extensions[0];
    expect([milestone?.title, closure?.status, draft?.status, submitted?.status, extension?.status]).toEqual(['印发考核办法', 'pending', 'draft', 'submitted', 'pending']);
  });
  afterAll(() => t.close());

  it('on the last day of the supervision everything is still taken and offered', async () => {
    at('2024-01-25');
    const p = await page(as.samr, 3);
    expect(p.plan).toMatchObject({ supervisionEnd: '2024-01-25', ended: false });
    expect(p.abilities).toMatchObject({ report: true, askExtension: true, askClosure: true, milestones: true, milestoneDone: true });
    expect((await as.samr.request('GET', `/api/attachments?ownerType=work_report&ownerId=${draft.id}`)).json.canWrite).toBe(true);
  });

  it('past it the units’ changes are 409s saying when it ended and what to do, and nothing is written', async () => {
    at('2024-02-01');
    const t3 = task(3).id;
    const audits = async () => Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await audits();
    const tries: [string, () => Promise<{ status: number; json: any }>][] = [
      ['报送进展', () => as.samr.request('PUT', `/api/work-tasks/${t3}/reports/2023-H2`, { version: draft.version, progress: 95, text: '补报全年工作。' })],
      ['报送进展', () => as.samr.request('POST', `/api/work-task-reports/${draft.id}/submit`, { version: draft.version })],
      ['申请延期', () => as.samr.request('POST', `/api/work-tasks/${t3}/extensions`, { newDueOn: '2024-06-30', reason: '全年工作未完成，需延至6月底' })],
      ['申请办结', async () => as.samr.request('POST', `/api/work-tasks/${t3}/closure`, { version: (await page(as.samr, 3)).task.version, summary: '全年工作已完成，申请办结。' })],
      ['调整任务节点', () => as.samr.request('POST', `/api/work-tasks/${t3}/milestones`, { title: '补设节点', dueOn: '2023-12-20' })],
      ['调整任务节点', () => as.samr.request('PUT', `/api/work-tasks/${t3}/milestones/${milestone.id}`, { version: milestone.version, title: '印发考核办法', dueOn: '2023-12-20' })],
      ['调整任务节点', () => as.samr.request('DELETE', `/api/work-tasks/${t3}/milestones/${milestone.id}?version=${milestone.version}`)],
      ['确认节点完成', () => as.samr.request('POST', `/api/work-tasks/${t3}/milestones/${milestone.id}/done`, { version: milestone.version })],
      ['签收任务', async () => as.yueyang.request('POST', `/api/work-tasks/${t3}/sign`, { version: (await page(as.yueyang, 3)).myUnit.version })],
    ];
    const got: [string, number, string][] = [];
    for (const [verb, r] of tries) {
      const res = await r();
      got.push([verb, res.status, res.json.message]);
    }
    for (const [verb, status, message] of got) {
      expect([verb, status, message]).toEqual([verb, 409, expect.stringContaining(ended(verb))]);
      expect(message).toMatch(/下一年度工作要点/);
    }
    expect(await audits()).toBe(before);
    // nor are the draft's files changed: the report can no longer be reported
    const files = `/api/attachments?ownerType=work_report&ownerId=${draft.id}`;
    expect((await as.samr.request('GET', files)).json.canWrite).toBe(false);
  });

  it('past it the office no longer 催办 a unit or 退回 a report (the unit could not answer)', async () => {
    const yueyang = (await page(as.office, 3)).task.units.find((u: any) => u.org.name === '岳阳市').org.id;
    const remind = await as.office.request('POST', `/api/work-tasks/${task(3).id}/notices`, { orgId: yueyang, period: '2023-H2', kind: 'reminder' });
    expect([remind.status, remind.json.message]).toEqual([409, expect.stringContaining(ended('催办或下发督办单'))]);
    const back = await as.office.request('POST', `/api/work-task-reports/${submitted.id}/return`, { version: submitted.version, reason: '请补充全年数据' });
    expect([back.status, back.json.message]).toEqual([409, expect.stringContaining(ended('退回进展报告'))]);
  });

  it('the task page offers none of them and says why; the requests asked in time are still decided', async () => {
    const lead = await page(as.samr, 3);
    expect(lead.plan).toMatchObject({ supervisionEnd: '2024-01-25', ended: true });
    expect(lead.abilities).toMatchObject({ report: false, consolidate: false, askExtension: false, askClosure: false, milestones: false, milestoneDone: false });
    expect((await page(as.yueyang, 3)).abilities).toMatchObject({ sign: false, report: false });
    const office = await page(as.office, 3);
    expect(office.abilities).toMatchObject({ notice: false, edit: true });
    expect((await page(as.office, 5)).reports.find((r: any) => r.id === submitted.id)).toMatchObject({ abilities: { return: false }, returnRefusal: expect.stringContaining(ended('退回进展报告')) });
    // the requests asked before the end: offered to the office and decided
    const thirteen = await page(as.office, 13);
    expect(thirteen.extensions[0].abilities.decide).toBe(true);
    expect((await as.office.request('POST', `/api/work-task-extensions/${extension.id}/decide`, { version: extension.version, approve: false, reason: '年度已结束，请在下一年度工作要点中安排' })).status).toBe(200);
    const twelve = await page(as.office, 12);
    expect(twelve.closures[0].abilities.decide).toBe(true);
    const closed = await as.office.request('POST', `/api/work-task-closures/${closure.id}/decide`, { version: closure.version, accept: true });
    expect([closed.status, closed.json.task.status]).toEqual([200, 'closed']);
  });

  it('the plan says its supervision ended; reading and the exports are unchanged', async () => {
    const p = (await as.samr.request('GET', `/api/work-plans/${plan.id}`)).json;
    expect(p).toMatchObject({ asOf: '2024-01-25', supervisionEnd: '2024-01-25', ended: true });
    expect((await as.office.request('GET', `/api/work-plans/${plan.id}/matrix.xlsx`)).status).toBe(200);
    expect((await as.office.request('GET', `/api/work-plans/${plan.id}/notice.docx`)).status).toBe(200);
    // the lead reads its draft still, as it stood
    expect((await page(as.samr, 3)).reports.find((r: any) => r.id === draft.id)).toMatchObject({ status: 'draft', progress: 90 });
  });
});
