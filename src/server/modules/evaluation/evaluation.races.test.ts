/**
 * Two people acting on one creation evaluation application at once (seed 004 §9–§11): the loser is told who did
 * what and when — read from the winner's audit row — never only 已被他人处理; nothing is written twice. One person's
 * two windows (every race here) are told 您在其他窗口于 …, not their own name as if someone else's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../test/helpers';
import { acceptedApplication, china, THREE_EXPERTS } from '../../test/evaluation';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本市未发生该情形，经有关部门核实。' }));
const MOMENT = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`;

describe.each(testDialects())('creation evaluation: lost races on an application, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let office2: Client;
  let round: any;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    [office, office2] = [await login(t.app, 'office'), await login(t.app, 'office')];
    round = (await office.request('POST', '/api/evaluation-rounds', { year: 2024, title: '2024年度质量强市（县）创建评价' })).json;
  });
  afterAll(() => t.close());

  const submitted = async (username: string) => {
    const city = await login(t.app, username);
    const draft = (await city.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '李明', contactPhone: '0730-8888888', conditions: declarations })).json;
    return (await city.request('POST', `/api/evaluation-applications/${draft.id}/transition`, { event: 'submit', version: draft.version })).json;
  };

  it('one office window accepts while another refuses: the refusal is told who accepted and when, and is not written', async () => {
    const app = await submitted('yueyang');
    const accepted = await office.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'accept', version: app.version });
    expect(accepted.status).toBe(200);
    const lost = await office2.request('POST', `/api/evaluation-applications/${app.id}/transition`, { event: 'refuse', version: app.version, condition: 'I1', reason: '近三年发生重大产品质量安全事故，经核实属实' });
    expect(lost.status).toBe(409);
    expect(lost.json.message).toMatch(new RegExp(`^该申请已由您在其他窗口于${MOMENT}受理，请刷新后查看`));
    const audit = await t.db.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'evaluation_application').where('entity_id', '=', String(app.id)).orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual(['evaluationApplication.create', 'evaluationApplication.submit', 'evaluationApplication.accept']);
  });

  it('the applicant edits its draft in two windows: the second save is told who saved it and when', async () => {
    const city = await login(t.app, 'changsha');
    const draft = (await city.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '张三', contactPhone: '0731-8888888', conditions: declarations })).json;
    const body = { contactName: '张三', contactPhone: '0731-8888888', conditions: declarations, version: draft.version };
    expect((await city.request('PUT', `/api/evaluation-applications/${draft.id}`, { ...body, note: '第一次修改' })).status).toBe(200);
    const lost = await city.request('PUT', `/api/evaluation-applications/${draft.id}`, { ...body, note: '第二个窗口' });
    expect(lost.status).toBe(409);
    expect(lost.json.message).toMatch(new RegExp(`^该申请已由您在其他窗口于${MOMENT}修改，请刷新后查看`));
  });

  it('two 质强办 windows on one evaluation plan: the stale save and the stale approval are told who changed it and when', async () => {
    const { app, experts, fw } = await acceptedApplication(t, THREE_EXPERTS);
    const all = fw.sections.flatMap((x) => x.items.map((i) => i.code));
    const plan = (version: number | null, method: string) => ({
      version,
      notApplicable: [{ key: '3.5.b', reason: '岳麓区无口岸，按规范为合理缺项' }],
      method,
      threshold: '0.3',
      schedule: { documentReviewStart: china(-5), documentReviewEnd: china(0), siteReviewStart: china(0), siteReviewEnd: china(5) },
      members: [
        { expertId: experts['王教授'], leader: true, items: all },
        { expertId: experts['李高工'], leader: false, items: all },
      ],
      peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value: 3 }, { code: '430103', name: '天心区', value: 5 }] },
    });
    const url = `/api/evaluation-applications/${app.id}/plan`;
    const first = (await office.request('PUT', url, plan(null, 'mean'))).json.plan;
    expect((await office2.request('PUT', url, plan(first.version, 'leader'))).status).toBe(200);
    const save = await office.request('PUT', url, plan(first.version, 'mean'));
    expect(save.status).toBe(409);
    expect(save.json.message).toMatch(new RegExp(`^评价工作方案已由您在其他窗口于${MOMENT}修改，请刷新后查看`));
    const approve = await office.request('POST', `${url}/approve`, { version: first.version });
    expect(approve.status).toBe(409);
    expect(approve.json.message).toMatch(new RegExp(`^评价工作方案已由您在其他窗口于${MOMENT}修改，请刷新后查看`));
    // the second window's draft stands: the method it chose, not approved
    expect((await office.request('GET', url)).json.plan).toMatchObject({ status: 'draft', method: 'leader' });
  });

  it('two 质强办 windows on one peer table (同级比较表): the stale save and the stale fill from the roll are told who changed it and when', async () => {
    const cities = (await t.db.db.selectFrom('org_unit').select(['id', 'code']).where('kind', '=', 'city').orderBy('code').execute()).map((o) => o.id);
    const created = (await office.request('POST', '/api/peer-tables', { year: 2031, level: 'city', metric: '获奖企业数量', items: ['5.2.a'], source: null })).json.table;
    const body = (value: number) => ({ version: created.version, metric: '获奖企业数量', items: ['5.2.a'], source: null, values: [{ orgId: cities[0], value, note: null }] });
    expect((await office2.request('PUT', `/api/peer-tables/${created.id}`, body(30))).status).toBe(200);
    const save = await office.request('PUT', `/api/peer-tables/${created.id}`, body(12));
    expect(save.status).toBe(409);
    expect(save.json.message).toMatch(new RegExp(`^同级比较表已由您在其他窗口于${MOMENT}修改数值，请刷新后查看`));
    const fill = await office.request('POST', `/api/peer-tables/${created.id}/fill-from-honours`, { version: created.version });
    expect(fill.status).toBe(409);
    expect(fill.json.message).toMatch(new RegExp(`^同级比较表已由您在其他窗口于${MOMENT}修改数值，请刷新后查看`));
    // the first window's values stand
    expect((await office.request('GET', `/api/peer-tables/${created.id}`)).json.table.values.find((v: any) => v.orgId === cities[0]).value).toBe(30);
  });

  it('two 质强办 windows on one expert of the pool: the stale edit is told who changed the entry and when', async () => {
    const base = { name: '周教授', organisation: '长沙理工大学', regionId: null, field: '工程质量', title: '教授', username: null };
    const zhou = (await office.request('POST', '/api/evaluation-experts', base)).json.items.find((e: any) => e.name === '周教授');
    expect((await office2.request('PUT', `/api/evaluation-experts/${zhou.id}`, { ...base, field: '建设工程质量', version: zhou.version, active: true })).status).toBe(200);
    const lost = await office.request('PUT', `/api/evaluation-experts/${zhou.id}`, { ...base, version: zhou.version, active: false });
    expect(lost.status).toBe(409);
    expect(lost.json.message).toMatch(new RegExp(`^该专家信息已由您在其他窗口于${MOMENT}修改，请刷新后查看`));
    expect((await office.request('GET', '/api/evaluation-experts')).json.items.find((e: any) => e.id === zhou.id)).toMatchObject({ field: '建设工程质量', active: true });
  });

  it('the applicant’s 自评 saved from two windows: the stale save and the stale 提交 are told who changed it and when', async () => {
    const sent = await submitted('hengyang');
    const app = (await office.request('POST', `/api/evaluation-applications/${sent.id}/transition`, { event: 'accept', version: sent.version })).json;
    const city = await login(t.app, 'hengyang');
    const url = `/api/evaluation-applications/${app.id}/self-assessment`;
    const first = await city.request('PUT', `${url}/1.1/a`, { version: null, answer: { level: 10 } });
    expect(first.status).toBe(200);
    const lost = await city.request('PUT', `${url}/1.1/a`, { version: null, answer: { level: 20 } });
    expect(lost.status).toBe(409);
    expect(lost.json.message).toMatch(new RegExp(`^自评已由您在其他窗口于${MOMENT}修改，请刷新后查看`));
    expect((await city.request('PUT', `${url}/1.2/a`, { version: first.json.version, answer: true })).status).toBe(200);
    const submit = await city.request('POST', `${url}/submit`, { version: first.json.version });
    expect(submit.status).toBe(409);
    expect(submit.json.message).toMatch(new RegExp(`^自评已由您在其他窗口于${MOMENT}修改，请刷新后查看`));
  });

  it('two 质强办 windows close one round: the second is told who closed it and when', async () => {
    const r = (await office.request('POST', '/api/evaluation-rounds', { year: 2032, title: '2032年度质量强市（县）创建评价' })).json;
    expect((await office2.request('POST', `/api/evaluation-rounds/${r.id}/transition`, { event: 'close', version: r.version })).status).toBe(200);
    const lost = await office.request('POST', `/api/evaluation-rounds/${r.id}/transition`, { event: 'close', version: r.version });
    expect(lost.status).toBe(409);
    expect(lost.json.message).toMatch(new RegExp(`^评价批次已由您在其他窗口于${MOMENT}截止申请，请刷新后查看`));
  });
});
