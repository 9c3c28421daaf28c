/**
 * What those at the edge of an evaluation read of the application: a member department was consulted on the four
 * 不予受理 conditions before acceptance — it reads its own consultation, never the other departments' findings, the
 * office's reasons for accepting over them, nor the result; an expert on the plan who declared a conflict (kept on the
 * plan without items) takes no part in the 综合评价 and reads neither it nor the report, so not its total either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPlan, confirmedInFull, planBody, poolExpert, submittedSelf } from '../../test/evaluation';
import { login, makeTestApp, orgIds, testDialects, type Client, type TestApp } from '../../test/helpers';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本区未发生该情形，已经有关部门核实。' }));

describe.each(testDialects())('creation evaluation: what a consulted department and a conflicted expert read, on %s', (dialect) => {
  let t: TestApp;
  let samr: Client;
  let ecology: Client;
  let conflicted: Client;
  let app: any;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const office = await login(t.app, 'office');
    const yuelu = await login(t.app, 'yuelu');
    [samr, ecology] = [await login(t.app, 'samr'), await login(t.app, 'ecology')];
    const round = (await office.request('POST', '/api/evaluation-rounds', { year: 2025, title: '2025年度质量强市（县）创建评价' })).json;
    let a = (await yuelu.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '赵六', contactPhone: '0731-1234567', conditions: declarations })).json;
    a = (await yuelu.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
    // two departments consulted: 省生态环境厅 finds condition I2, 省市场监督管理局 none; the office accepts over the finding
    const depts = await orgIds(t.db, ['samr', 'ecology']);
    a = (await office.request('POST', `/api/evaluation-applications/${a.id}/consultations`, { departmentIds: depts, conditions: ['I2'], question: '请核实近三年是否发生该情形' })).json;
    for (const [client, applies, answer] of [[samr, false, '未发现该情形'], [ecology, true, '2024年发生一起超标排放案件']] as const) {
      const c = (await client.request('GET', '/api/evaluation-consultations')).json.items[0];
      expect((await client.request('POST', `/api/evaluation-consultations/${c.id}/answer`, { version: c.version, findings: [{ code: 'I2', applies }], answer })).status).toBe(200);
    }
    a = (await office.request('GET', `/api/evaluation-applications/${a.id}`)).json;
    const accepted = await office.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'accept', version: a.version, reason: '经核实，省生态环境厅所述超标排放案件已于当年整改完毕，不属于重大环境污染事件' });
    expect(accepted.status).toBe(200);
    app = accepted.json;
    const round2 = await t.db.db.selectFrom('evaluation_round').select('framework_json').where('id', '=', round.id).executeTakeFirstOrThrow();
    const fw = JSON.parse(round2.framework_json);
    await submittedSelf(t, app.id, fw);
    const experts: Record<string, number> = {};
    const clients: Record<string, Client> = {};
    for (const [name, username] of [['王教授', 'expert'], ['李高工', 'expert2'], ['陈研究员', 'expert3']]) {
      experts[name] = await poolExpert(t, name, username);
      clients[name] = await login(t.app, username);
    }
    conflicted = clients['陈研究员'];
    await approvedPlan(office, app.id, fw, experts, ['王教授', '李高工']);
    // 陈研究员 is added to a new version without items and declares a conflict: the seat stays, its items none
    const body = planBody(fw, experts, ['王教授', '李高工'], { reason: '增加一名专家' });
    body.members.push({ expertId: experts['陈研究员'], leader: false, items: [] });
    const draft = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body)).json.plan;
    expect((await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: draft.version })).status).toBe(200);
    const seats = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan.members;
    const seat = (name: string) => seats.find((m: any) => m.expert.name === name);
    expect((await conflicted.request('POST', `/api/plan-members/${seat('陈研究员').id}/recusal`, { version: seat('陈研究员').version, conflict: true, relations: ['advised'], statement: '2024年曾为该区编写质量工作材料' })).status).toBe(200);
    await confirmedInFull(office, clients, app.id, fw, seats, ['王教授', '李高工']);
  });
  afterAll(() => t?.close());

  it('a consulted department reads its own answer, not the other department’s finding, the reasons for accepting over it, nor the result', async () => {
    const seen = (await samr.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    expect(seen.status).toBe('consolidated');
    expect(seen.consultations.map((c: any) => c.department.name)).toEqual(['省市场监督管理局']);
    expect([seen.acceptConcerns, seen.acceptReason, seen.result]).toEqual([[], null, null]);
    expect((await samr.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).status).toBe(403);
    // the department whose finding it was reads its own answer, and no more of the decision than the other
    const own = (await ecology.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    expect([own.consultations.length, own.acceptReason, own.result]).toEqual([1, null, null]);
  });

  it('an expert kept on the plan after declaring a conflict reads neither the 综合评价 nor its total', async () => {
    expect((await conflicted.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).status).toBe(403);
    expect((await conflicted.request('GET', `/api/evaluation-applications/${app.id}/report.docx`)).status).toBe(403);
    const seen = (await conflicted.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    expect([seen.result, seen.links.consolidation, seen.links.reportDoc]).toEqual([null, false, false]);
  });
});
