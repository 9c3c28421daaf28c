/**
 * What an over-long text on the creation evaluation's forms is told: its limit (不超过 N 个字), never the message for
 * a missing field ("请填写发现的问题" for a 2001-character finding sent the writer looking for an empty box); an answer
 * padded with other keys is refused. Nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, approvedPlan, planBody, THREE_EXPERTS } from '../../test/evaluation';
import { makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('creation evaluation: over-long texts are told their limit, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let e: Record<string, Client>;
  let yuelu: Client;
  let app: any;
  let plan: any;
  let draft: () => ReturnType<typeof planBody>;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    let experts: Record<string, number>;
    let fw;
    ({ office, yuelu, app, experts, clients: e, fw } = await acceptedApplication(t, THREE_EXPERTS));
    plan = await approvedPlan(office, app.id, fw, experts, ['王教授', '李高工']);
    draft = () => planBody(fw, experts, ['王教授', '李高工'], { reason: '调整合理缺项' });
  });
  afterAll(() => t?.close());

  const refused = (r: { status: number; json: any }) => [r.status, r.json.fields];

  it('a finding, a 回避声明 and a 退回补正 reason over their limits', async () => {
    expect(refused(await office.request('POST', `/api/evaluation-applications/${app.id}/findings`, { itemCode: null, text: '问'.repeat(2001) }))).toEqual([400, [{ field: 'text', message: '不超过2000个字' }]]);
    const seat = plan.members.find((m: any) => m.expert.name === '王教授');
    expect(refused(await e['王教授'].request('POST', `/api/plan-members/${seat.id}/recusal`, { version: seat.version, conflict: false, relations: [], statement: '声'.repeat(2001) }))).toEqual([400, [{ field: 'statement', message: '不超过2000个字' }]]);
    expect(refused(await office.request('POST', `/api/evaluation-applications/${app.id}/self-assessment/return`, { version: 2, reason: '补'.repeat(2001) }))).toEqual([400, [{ field: 'reason', message: '不超过2000个字' }]]);
    // nothing was written
    expect(await t.db.db.selectFrom('site_finding').select('id').execute()).toEqual([]);
    expect((await t.db.db.selectFrom('plan_member').select('status').where('id', '=', seat.id).executeTakeFirstOrThrow()).status).toBe('pending');
  });

  it('a score carries nothing but the answer: an answer with other keys is refused, not stored with them', async () => {
    const seat = plan.members.find((m: any) => m.expert.name === '李高工');
    expect((await e['李高工'].request('POST', `/api/plan-members/${seat.id}/recusal`, { version: seat.version, conflict: false, relations: [], statement: '与申请单位无利害关系' })).status).toBe(200);
    for (const answer of [{ level: 20, note: 'x'.repeat(5000) }, { value: 3, level: 20 }, { level: 20, ratio: null }]) {
      const r = await e['李高工'].request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: null, answer });
      expect([r.status, r.json.fields?.[0]?.field], JSON.stringify(answer).slice(0, 40)).toEqual([400, 'answer']);
    }
    expect(await t.db.db.selectFrom('expert_sheet').select('id').execute()).toEqual([]);
    // the answer itself is scored as before
    expect((await e['李高工'].request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: null, answer: { level: 20 } })).status).toBe(200);
  });

  it('a missing one is still asked for by its own words', async () => {
    expect(refused(await office.request('POST', `/api/evaluation-applications/${app.id}/findings`, { itemCode: null }))).toEqual([400, [{ field: 'text', message: '请填写发现的问题' }]]);
  });

  // a draft's 合理缺项 shapes the applicant's 自评 page at once (the newest plan's): a key not on the sheet was saved in
  // the draft (only approval listed it) and the 自评 page then answered 500 to the applicant
  it('a 合理缺项 that is not a criterion of the sheet is a 400 naming it; the draft is not saved and the 自评 still reads', async () => {
    const r = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, { ...draft(), notApplicable: [{ key: '3.5.b', reason: '本区无口岸' }, { key: '9.9.z', reason: '不存在的细则' }] });
    expect([r.status, r.json.message, r.json.fields]).toEqual([400, '评分表中没有评分细则9.9.z，合理缺项请从评分表中选择', [{ field: 'notApplicable.1.key', message: '请从评分表中选择' }]]);
    expect((await t.db.db.selectFrom('evaluation_plan').select('id').where('application_id', '=', app.id).execute()).length).toBe(1);
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}/self-assessment`)).status).toBe(200);
  });
});
