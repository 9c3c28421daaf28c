/**
 * A 回避声明 is made while the evaluation is under way (the application accepted or under review): once the team
 * leader confirmed the 综合评价 the review is over, so a seat still 待声明 (an expert on the plan without items) can no
 * longer declare — a declaration then would open the applicant's 自评, findings and report to an expert who took no
 * part — the to-do to declare closes and the plan page offers no 回避声明.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, confirmedInFull, planBody, THREE_EXPERTS } from '../../../test/evaluation';
import { makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('creation evaluation: no 回避声明 after the 综合评价, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let e: Record<string, Client>;
  let app: any;
  let seat: any;
  const declare = (version: number) => e['陈研究员'].request('POST', `/api/plan-members/${seat.id}/recusal`, { version, conflict: false, relations: [], statement: '与申请单位无利害关系' });

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    let experts: Record<string, number>;
    let fw;
    ({ office, app, experts, clients: e, fw } = await acceptedApplication(t, THREE_EXPERTS));
    // 陈研究员 sits on the panel without items, and never declares
    const body = planBody(fw, experts, ['王教授', '李高工']);
    body.members.push({ expertId: experts['陈研究员'], leader: false, items: [] });
    const draft = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body)).json.plan;
    const plan = (await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: draft.version })).json.plan;
    seat = plan.members.find((m: any) => m.expert.name === '陈研究员');
    await confirmedInFull(office, e, app.id, fw, plan.members, ['王教授', '李高工']);
  });
  afterAll(() => t?.close());

  it('the to-do to declare closes and the plan page offers no 回避声明 once the 综合评价 is confirmed', async () => {
    const todos = (await e['陈研究员'].request('GET', '/api/todos')).json.items as { key: string }[];
    expect(todos.filter((x) => x.key.startsWith('evaluation.recusal:'))).toEqual([]);
    const page = (await e['陈研究员'].request('GET', `/api/evaluation-applications/${app.id}/plan`)).json;
    expect(page.abilities.declare).toBe(false);
  });

  it('and the seat left 待声明 is refused a declaration once the 综合评价 is confirmed, and nothing is written', async () => {
    const r = await declare(seat.version);
    expect([r.status, r.json.message]).toEqual([409, '本申请的综合评价已确认，评审已结束，无需再作回避声明']);
    const row = await t.db.db.selectFrom('plan_member').select(['status', 'declared_at']).where('id', '=', seat.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', declared_at: null });
    // and so the applicant's material stays closed to that expert
    expect((await e['陈研究员'].request('GET', `/api/evaluation-applications/${app.id}/self-assessment`)).status).toBe(403);
    expect((await e['陈研究员'].request('GET', `/api/evaluation-applications/${app.id}/report.docx`)).status).toBe(403);
  });
});
