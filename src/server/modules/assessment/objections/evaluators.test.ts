/**
 * An objection to a key point that several departments evaluate (the scheme editor allows several 评价部门) reaches
 * every one of them: each sees it and has the to-do 答复…的异议; any of them may answer, the first answer closes
 * every evaluator's to-do, and the objection then names the department that answered (the list, the 复核结果告知书).
 * A department that does not evaluate the key point neither sees nor answers it.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, named, openTestCycle, orgId, orgIds, TEST_PASSWORD, testDialects, type Client, type TestApp } from '../../../test/helpers';

/** a second department's user (the seed has none for drugs), approved and past its first password */
async function addUser(t: TestApp, username: string, orgCode: string): Promise<Client> {
  const admin = await login(t.app, 'admin');
  const r = await admin.request('POST', '/api/users', { username, displayName: `${username} 测试员`, role: 'department', orgUnitId: await orgId(t.db, orgCode) });
  if (r.status !== 201) throw new Error(`create user ${username}: ${r.status} ${JSON.stringify(r.json)}`);
  const approved = await (await login(t.app, 'secadmin')).request('POST', `/api/users/${r.json.id}/approve`, { version: r.json.version });
  if (approved.status !== 200) throw new Error(`approve user ${username}: ${approved.status} ${JSON.stringify(approved.json)}`);
  const user = await login(t.app, username, approved.json.oneTimePassword);
  const changed = await user.request('POST', '/api/auth/password', { oldPassword: approved.json.oneTimePassword, newPassword: `${TEST_PASSWORD}!` });
  if (changed.status !== 200) throw new Error(`first password of ${username}: ${changed.status} ${JSON.stringify(changed.json)}`);
  return user;
}

describe.each(testDialects())('an objection to a key point with several evaluating departments, on %s', (dialect) => {
  let t: TestApp;
  let office: Client, changsha: Client, samr: Client, drugs: Client, ndrc: Client;
  let cycle: any;
  let cs: number, samrId: number, drugsId: number;
  let objection: any;
  const db = () => t.db.db;
  const answerTodos = async (orgUnitId: number, status: 'open' | 'done') =>
    db().selectFrom('todo').select(['org_unit_id', 'role', 'title']).where('kind', '=', 'objection.answer').where('source_id', '=', String(objection.id)).where('org_unit_id', '=', orgUnitId).where('status', '=', status).execute();

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t));
    [changsha, samr, ndrc] = await Promise.all(['changsha', 'samr', 'ndrc'].map((u) => login(t.app, u)));
    drugs = await addUser(t, 'drugs1', 'drugs');
    [cs, samrId, drugsId] = await orgIds(t.db, ['430100', 'samr', 'drugs']);
    // the published scheme gives 7.a to samr and drugs together; the cycle is in its objection window
    const row = await db().selectFrom('scheme').select(['id', 'framework_json']).where('cycle_id', '=', cycle.id).executeTakeFirstOrThrow();
    const fw = JSON.parse(row.framework_json);
    const item7 = fw.sections.flatMap((s: any) => s.items).find((i: any) => i.code === '7');
    item7.criteria.find((c: any) => c.code === 'a').evaluators = ['samr', 'drugs'];
    const now = new Date().toISOString();
    await db().updateTable('scheme').set({ status: 'published', published_at: now, framework_json: JSON.stringify(fw) }).where('id', '=', row.id).execute();
    await db().updateTable('assessment_cycle').set({ status: 'review', objection_start: '2000-01-01', objection_end: '2099-12-31' }).where('id', '=', cycle.id).execute();
    await db()
      .insertInto('score')
      .values({ cycle_id: cycle.id, unit_id: cs, item_code: '7', criterion_code: 'a', department_id: samrId, answer_json: JSON.stringify({ score: 12 }), comment: '抽查合格率未达目标', version: 1, updated_at: now })
      .execute();
  });
  afterAll(() => t?.close());

  it('reaches every evaluator: each sees it, may answer it and has the to-do; another department neither', async () => {
    const raised = await changsha.request('POST', `/api/cycles/${cycle.id}/objections`, { itemCode: '7', criterionCode: 'a', reason: '抽查批次统计有误，应为合格' });
    expect(raised.status).toBe(201);
    objection = raised.json;
    expect(objection.evaluators.map((d: any) => d.code)).toEqual(['samr', 'drugs']);
    expect(objection.mayAnswer).toBe(false);
    for (const [who, id] of [[samr, samrId], [drugs, drugsId]] as const) {
      const seen = (await who.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items;
      expect(seen.map((o: any) => [o.id, o.mayAnswer])).toEqual([[objection.id, true]]);
      expect(await answerTodos(id, 'open')).toEqual([{ org_unit_id: id, role: 'department', title: '答复长沙市对2023年度质量工作考核「7.a 产品质量安全保障」评分的异议' }]);
    }
    expect((await ndrc.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items).toEqual([]);
    const notMine = await ndrc.request('POST', `/api/objections/${objection.id}/answer`, { decision: 'uphold', response: '维持原评分', version: objection.version });
    expect([notMine.status, notMine.json.message]).toEqual([403, '该异议不由您单位答复：只有评价该考核要点的部门可以答复']);
    // a page holding another version than the stored one is told who changed the objection last, and when
    const stale = await samr.request('POST', `/api/objections/${objection.id}/answer`, { decision: 'uphold', response: '维持原评分', version: objection.version + 1 });
    expect([stale.status, stale.json.message]).toMatchObject([409, expect.stringMatching(named('该异议已由长沙市质量工作联络员（长沙市）于<T>提出，请刷新后查看'))]);
    expect((await office.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items.map((o: any) => o.mayAnswer)).toEqual([false]);
  });

  it('the second evaluator answers: every evaluator’s to-do closes, the objection names who answered, the first is told it is answered', async () => {
    const ok = await drugs.request('POST', `/api/objections/${objection.id}/answer`, { decision: 'uphold', response: '经复核，抽查结论无误，维持原评分', version: objection.version });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({ status: 'upheld', department: { id: drugsId, code: 'drugs' }, mayAnswer: false });
    expect(await answerTodos(samrId, 'open')).toEqual([]);
    expect(await answerTodos(drugsId, 'open')).toEqual([]);
    expect(await answerTodos(samrId, 'done')).toHaveLength(1);
    const late = await samr.request('POST', `/api/objections/${objection.id}/answer`, { decision: 'uphold', response: '维持原评分', version: objection.version });
    // told which evaluator answered, who and when
    expect(late.status).toBe(409);
    expect(late.json.message).toMatch(/^该异议已由[^（]+（省药品监督管理局）于\d{4}-\d{2}-\d{2} \d{2}:\d{2}答复（维持原评分），不能重复答复$/);
    // the answer's audit row names the answering department; the city's letter too
    const audit = await db().selectFrom('audit_log').select('after_json').where('action', '=', 'objection.uphold').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ status: 'upheld', department_id: drugsId });
    const drugsName = (await db().selectFrom('org_unit').select('name').where('id', '=', drugsId).executeTakeFirstOrThrow()).name;
    const r = await t.app.inject({ method: 'GET', url: `/api/objections/${objection.id}/notice.docx`, headers: { cookie: changsha.cookie } });
    expect(r.statusCode).toBe(200);
    const text = (await (await JSZip.loadAsync(r.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain(`经${drugsName}复核`);
    // both evaluators still read it (and its letter)
    expect((await samr.request('GET', `/api/cycles/${cycle.id}/objections`)).json.items.map((o: any) => o.id)).toEqual([objection.id]);
    expect((await t.app.inject({ method: 'GET', url: `/api/objections/${objection.id}/notice.docx`, headers: { cookie: samr.cookie } })).statusCode).toBe(200);
  });
});
