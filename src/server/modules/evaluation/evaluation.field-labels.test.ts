/**
 * Bad input to the creation evaluation's forms names each field as its form does: a peer value of the plan's
 * 同级城市比较 by its criterion key, which holds dots itself (「peers.5.2.a.0.value」 read 「同级城市比较 第6项 第3项 a 第1项
 * 数值」), the applicant's 整改情况 and a department's 回复意见 (both once 评分, the shared name of a score's answer), and
 * the expert's 扣分理由 (once 原因, the shared name of a reason).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedApplication, planBody, THREE_EXPERTS } from '../../test/evaluation';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('creation evaluation: refusals name the fields as the forms do, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let yuelu: Client;
  let e: Record<string, Client>;
  let app: any;
  let draft: (extra?: Record<string, unknown>) => ReturnType<typeof planBody>;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    let experts: Record<string, number>;
    let fw;
    ({ office, yuelu, app, experts, clients: e, fw } = await acceptedApplication(t, THREE_EXPERTS));
    draft = (extra = {}) => planBody(fw, experts, ['王教授', '李高工'], extra);
  });
  afterAll(() => t?.close());

  const told = (r: { status: number; json: any }) => [r.status, r.json.message, r.json.fields];

  it('a peer value of the 同级城市比较 is named by its criterion key and row, whichever check refuses it', async () => {
    const url = `/api/evaluation-applications/${app.id}/plan`;
    const peers = (row: Record<string, unknown>) => draft({ peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value: 3, ...row }] } });
    expect(told(await office.request('PUT', url, peers({ value: '三' })))).toEqual([
      400,
      '填写的内容有误 — 同级城市比较 5.2.a 第1项 数值：同级城市的数值须为数字',
      [{ field: 'peers.5.2.a.0.value', message: '同级城市的数值须为数字' }],
    ]);
    // a key the row does not take is named by the row it was sent in
    expect(told(await office.request('PUT', url, peers({ note: '备注' })))).toEqual([400, '填写的内容有误 — 同级城市比较 5.2.a 第1项：不允许的字段：note', [{ field: 'peers.5.2.a.0.note', message: '不允许的字段：note' }]]);
    // the control-character net reads the keys as they were too
    const control = await office.request('PUT', url, peers({ name: '芙蓉\u0000区' }));
    expect([control.status, control.json.message.split('：')[0]]).toEqual([400, '填写的内容有误 — 同级城市比较 5.2.a 第1项 名称']);
    expect(await t.db.db.selectFrom('evaluation_plan').select('id').where('application_id', '=', app.id).execute()).toEqual([]);
  });

  it('the applicant’s 整改情况 and a department’s 回复意见 are named so, not 评分', async () => {
    // the body is checked before the item is looked up: no 整改事项 needs raising to see the message
    expect(told(await yuelu.request('POST', `/api/evaluation-applications/${app.id}/rectifications/999999/answer`, { version: 1, answer: '已整改' }))).toEqual([
      400,
      '填写的内容有误 — 整改情况：整改情况至少10个字，请写明采取的措施和取得的效果',
      [{ field: 'answer', message: '整改情况至少10个字，请写明采取的措施和取得的效果' }],
    ]);
    const samr = await login(t.app, 'samr');
    expect(told(await samr.request('POST', '/api/evaluation-consultations/999999/answer', { version: 1, findings: [{ code: 'I1', applies: false }], answer: '无' }))).toEqual([
      400,
      '填写的内容有误 — 回复意见：回复意见至少2个字',
      [{ field: 'answer', message: '回复意见至少2个字' }],
    ]);
  });

  it('the expert’s reason is named 扣分理由, as the sheet names it, and nothing is saved', async () => {
    expect(told(await e['王教授'].request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: null, answer: { level: 20 }, reason: '理'.repeat(2001) }))).toEqual([
      400,
      '填写的内容有误 — 扣分理由：理由最多2000字',
      [{ field: 'reason', message: '理由最多2000字' }],
    ]);
    expect(await t.db.db.selectFrom('expert_sheet').select('id').execute()).toEqual([]);
  });
});
