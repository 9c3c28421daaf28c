/**
 * The 自评's lock is one rule (selfEditRefusal): the page's 提交自评 button and inputs (editable) and the commands that
 * change or submit it. An application refused (不予受理) — or one whose review is over — keeps its unsubmitted 自评
 * as it is: the page offers nothing, and the API submits nothing (it used to: the submit checked only who asked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { fullAnswers } from '../../../test/evaluation';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本区未发生该情形，已经有关部门核实。' }));

describe.each(testDialects())('creation evaluation: a refused application’s 自评 stays unsubmitted, on %s', (dialect) => {
  let t: TestApp;
  let office: Client, yuelu: Client;
  let app: any;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'office');
    yuelu = await login(t.app, 'yuelu');
    const round = (await office.request('POST', '/api/evaluation-rounds', { year: 2025, title: '2025年度质量强市（县）创建评价' })).json;
    let a = (await yuelu.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '赵六', contactPhone: '0731-1234567', conditions: declarations })).json;
    a = (await yuelu.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
    // the applicant wrote its whole 自评 while the eligibility review went on (written directly: every item answered, not submitted)
    const fw = JSON.parse((await t.db.db.selectFrom('evaluation_round').select('framework_json').where('id', '=', round.id).executeTakeFirstOrThrow()).framework_json) as Framework;
    const user = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'yuelu').executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    await t.db.db.insertInto('self_assessment').values({ application_id: a.id, answers_json: JSON.stringify(fullAnswers(fw)), notes_json: '{}', status: 'open', submitted_at: null, return_reason: null, updated_by: user.id, updated_at: at, version: 1 }).execute();
    app = (await office.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'refuse', version: a.version, condition: 'I1', reason: '近三年发生过该情形，经有关部门核实属实' })).json;
    expect(app.status).toBe('refused');
  });
  afterAll(() => t?.close());

  it('the page offers no 提交自评, and the API submits nothing: a 409 saying why, the 自评 unchanged, no audit row', async () => {
    const url = `/api/evaluation-applications/${app.id}/self-assessment`;
    const view = (await yuelu.request('GET', url)).json;
    expect(view).toMatchObject({ status: 'open', editable: false, missing: [] });
    const submit = await yuelu.request('POST', `${url}/submit`, { version: view.version });
    expect([submit.status, submit.json.message]).toEqual([409, '本申请不予受理，自评不能再提交']);
    const change = await yuelu.request('PUT', `${url}/1.1/a`, { version: view.version, answer: { level: 10 } });
    expect([change.status, change.json.message]).toEqual([409, '本申请不予受理，自评不能再修改']);
    expect(await t.db.db.selectFrom('self_assessment').select(['status', 'version']).where('application_id', '=', app.id).executeTakeFirstOrThrow()).toEqual({ status: 'open', version: 1 });
    expect(await t.db.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'self_assessment').execute()).toEqual([]);
    // who is not the applicant is told so first, whatever the state
    expect((await office.request('POST', `${url}/submit`, { version: view.version })).status).toBe(403);
  });
});
