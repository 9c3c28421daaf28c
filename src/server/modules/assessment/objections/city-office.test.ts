/**
 * Objections in a city office's cycle (岳阳市质强办 assessing its counties): the key points the scheme gives to
 * "office" are the cycle's own office's (the city office scores them), so an objection to one is addressed to
 * the city office, which answers it — not to the provincial office, which takes no part in the city's cycle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../../../shared/deadline';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('objections to the office key points of a city office cycle, on %s', (dialect) => {
  let t: TestApp;
  let cityOffice: Client;
  let office: Client;
  let miluo: Client;
  let cycleId: number;
  let cityOfficeId: number;
  const db = () => t.db.db;

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    cityOfficeId = await orgId(t.db, 'office-430600');
    cycleId = (await db().selectFrom('assessment_cycle').select('id').where('office_org_id', '=', cityOfficeId).executeTakeFirstOrThrow()).id;
    // the demo cycle is scoring: open its objection window from today
    await db().updateTable('assessment_cycle').set({ status: 'review', objection_start: chinaDate(new Date()), objection_end: '2099-12-31' }).where('id', '=', cycleId).execute();
    [cityOffice, office, miluo] = await Promise.all(['yueyang.office', 'office', 'miluo'].map((u) => login(t.app, u)));
  });
  afterAll(() => t?.close());

  it('is addressed to the city office, which sees it, has the to-do and answers it', async () => {
    const raised = await miluo.request('POST', `/api/cycles/${cycleId}/objections`, { itemCode: '1', criterionCode: 'a', reason: '扣分不当，请复核我市质量工作考核的相关材料' });
    expect(raised.status).toBe(201);
    expect(raised.json.department).toMatchObject({ id: cityOfficeId, code: 'office-430600' });

    const todo = await db().selectFrom('todo').select(['org_unit_id', 'role', 'title']).where('kind', '=', 'objection.answer').where('source_id', '=', String(raised.json.id)).executeTakeFirstOrThrow();
    expect(todo).toEqual({ org_unit_id: cityOfficeId, role: 'office', title: '答复汨罗市对岳阳市2023年度对县市区质量工作考核「1.a 实施质量强省战略」评分的异议' });

    const listed = await cityOffice.request('GET', `/api/cycles/${cycleId}/objections`);
    expect(listed.json.items.map((o: any) => o.id)).toContain(raised.json.id);

    // the provincial office takes no part in the city's cycle
    const province = await office.request('POST', `/api/objections/${raised.json.id}/answer`, { decision: 'uphold', response: '经复核维持原评分', version: raised.json.version });
    expect(province.status).toBe(404);

    const answered = await cityOffice.request('POST', `/api/objections/${raised.json.id}/answer`, { decision: 'uphold', response: '经复核，原评分符合评分方法，维持原评分', version: raised.json.version });
    expect(answered.status, JSON.stringify(answered.json)).toBe(200);
    expect(answered.json).toMatchObject({ status: 'upheld', department: { id: cityOfficeId } });

    // the county's notice names the city's assessment it objected in, as the department's to-do did
    const notice = (await miluo.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'objection.answered').map((x: any) => x.title);
    expect(notice).toEqual(['您对岳阳市2023年度对县市区质量工作考核「1.a 实施质量强省战略」的异议已答复：维持原评分']);
  });

  // a member department evaluates in the province's cycle and in the city's of its counties: its to-do names which
  it('a department’s to-do names the city’s assessment the objection was raised in, not only the unit and the key point', async () => {
    const raised = await miluo.request('POST', `/api/cycles/${cycleId}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次统计有误，请复核我市的抽查记录' });
    expect(raised.status, JSON.stringify(raised.json)).toBe(201);
    const samr = await login(t.app, 'samr');
    const titles = (await samr.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'objection.answer').map((x: any) => x.title);
    expect(titles).toEqual(['答复汨罗市对岳阳市2023年度对县市区质量工作考核「7.a 产品质量安全保障」评分的异议']);
  });
});
