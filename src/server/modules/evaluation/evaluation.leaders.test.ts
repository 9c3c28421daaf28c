/**
 * Leaders read the creation evaluations of their own region and below, read-only: the provincial leader reads the
 * rounds a city office runs for its counties (岳阳市质强办 → 汨罗市) as well as the province's; a city's leader reads
 * its own city office's rounds only, not the province's nor another city's. Every read route of the module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submittedSelf } from '../../test/evaluation';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本市未发生该情形，已经有关部门核实。' }));

/** a leader account at the unit `orgCode`, signed in (the demo's provincial leader's row, moved) */
async function leaderAt(t: TestApp, username: string, orgCode: string): Promise<Client> {
  const { id: _id, ...row } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'leader').executeTakeFirstOrThrow();
  await t.db.db.insertInto('app_user').values({ ...row, username, display_name: username, org_unit_id: await orgId(t.db, orgCode) }).execute();
  return login(t.app, username);
}

describe.each(testDialects())('creation evaluation: which leaders read which rounds, on %s', (dialect) => {
  let t: TestApp;
  let cityRound: any, provinceRound: any;
  let miluoApp: any, yueyangApp: any;
  let cityTable: any;
  let province: Client, yueyangLeader: Client, changshaLeader: Client;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    const office = await login(t.app, 'office');
    const cityOffice = await login(t.app, 'yueyang.office');
    // 岳阳市质强办's round for its counties: 汨罗市 applies and is accepted
    cityRound = (await cityOffice.request('POST', '/api/evaluation-rounds', { year: 2025, title: '岳阳市2025年度质量强县创建评价' })).json;
    const miluo = await login(t.app, 'miluo');
    let a = (await miluo.request('POST', `/api/evaluation-rounds/${cityRound.id}/applications`, { contactName: '孙八', contactPhone: '0730-5222222', conditions: declarations })).json;
    a = (await miluo.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
    miluoApp = (await cityOffice.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'accept', version: a.version })).json;
    expect(miluoApp.status).toBe('accepted');
    cityTable = (await cityOffice.request('POST', '/api/peer-tables', { year: 2025, level: 'county', metric: '获奖企业数量', items: ['5.2.a'], source: null })).json.table;
    // the province's round: 岳阳市 applies
    provinceRound = (await office.request('POST', '/api/evaluation-rounds', { year: 2025, title: '2025年度质量强市（县）创建评价' })).json;
    const yueyang = await login(t.app, 'yueyang');
    a = (await yueyang.request('POST', `/api/evaluation-rounds/${provinceRound.id}/applications`, { contactName: '李明', contactPhone: '0730-8888888', conditions: declarations })).json;
    yueyangApp = (await yueyang.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
    // both 自评 submitted (a draft is the applicant's own: selfDraftRefusal)
    const fw = JSON.parse((await t.db.db.selectFrom('evaluation_round').select('framework_json').where('id', '=', cityRound.id).executeTakeFirstOrThrow()).framework_json);
    for (const x of [miluoApp, yueyangApp]) await submittedSelf(t, x.id, fw);
    province = await login(t.app, 'leader');
    yueyangLeader = await leaderAt(t, 'yueyang.leader', '430600');
    changshaLeader = await leaderAt(t, 'changsha.leader', '430100');
  });
  afterAll(() => t?.close());

  /** the status of every read route of the module for an application of `round` */
  const reads = async (c: Client, round: any, app: any) => {
    const get = async (url: string) => (await c.request('GET', url)).status;
    return {
      rounds: (await c.request('GET', '/api/evaluation-rounds')).json.items.some((r: any) => r.id === round.id),
      allApplications: (await c.request('GET', '/api/evaluation-applications')).json.items.some((x: any) => x.id === app.id),
      round: await get(`/api/evaluation-rounds/${round.id}`),
      roundApplications: (await c.request('GET', `/api/evaluation-rounds/${round.id}/applications`)).json.items?.map((x: any) => x.id) ?? null,
      application: await get(`/api/evaluation-applications/${app.id}`),
      plan: await get(`/api/evaluation-applications/${app.id}/plan`),
      self: await get(`/api/evaluation-applications/${app.id}/self-assessment`),
      consolidation: await get(`/api/evaluation-applications/${app.id}/consolidation`),
    };
  };
  const everything = (round: any, app: any) => ({ rounds: true, allApplications: true, round: 200, roundApplications: [app.id], application: 200, plan: 200, self: 200, consolidation: 200 });
  const nothing = { rounds: false, allApplications: false, round: 404, roundApplications: null, application: 404, plan: 404, self: 404, consolidation: 404 };

  it('the provincial leader reads the rounds a city office runs for its counties, and the province’s own', async () => {
    expect(await reads(province, cityRound, miluoApp)).toEqual(everything(cityRound, miluoApp));
    expect(await reads(province, provinceRound, yueyangApp)).toEqual(everything(provinceRound, yueyangApp));
    expect((await t.app.inject({ method: 'GET', url: `/api/evaluation-applications/${miluoApp.id}/decision.docx`, headers: { cookie: province.cookie } })).statusCode).toBe(200);
    expect((await province.request('GET', `/api/peer-tables/${cityTable.id}`)).status).toBe(200);
  });

  it('a city’s leader reads its own city office’s rounds only; another city’s leader none of them', async () => {
    expect(await reads(yueyangLeader, cityRound, miluoApp)).toEqual(everything(cityRound, miluoApp));
    expect(await reads(yueyangLeader, provinceRound, yueyangApp)).toEqual(nothing);
    expect((await yueyangLeader.request('GET', `/api/peer-tables/${cityTable.id}`)).status).toBe(200);
    expect(await reads(changshaLeader, cityRound, miluoApp)).toEqual(nothing);
    expect((await changshaLeader.request('GET', `/api/peer-tables/${cityTable.id}`)).status).toBe(404);
  });

  it('reading is all a leader does: no decision, no plan, no round change', async () => {
    const app = (await province.request('GET', `/api/evaluation-applications/${miluoApp.id}`)).json;
    expect(app.abilities).toMatchObject({ edit: false, submit: false, decide: false, events: [] });
    expect((await province.request('POST', `/api/evaluation-rounds/${cityRound.id}/transition`, { event: 'close', version: cityRound.version })).status).toBe(403);
    const refuse = await yueyangLeader.request('POST', `/api/evaluation-applications/${miluoApp.id}/transition`, { event: 'sendReport', version: miluoApp.version });
    expect(refuse.status).toBe(403);
    expect((await province.request('PUT', `/api/evaluation-applications/${miluoApp.id}/plan`, { version: null })).status).toBe(403);
  });

  it('a leader is refused as what it is (403) whatever version it sends, never told of a stale version (409) first', async () => {
    const events = [
      { event: 'submit' },
      { event: 'accept' },
      { event: 'return', reason: '请补充材料后重新提交' },
      { event: 'refuse', condition: 'I1', reason: '近三年发生过该情形，经核实属实' },
      { event: 'sendReport' },
      { event: 'acknowledge' },
      { event: 'publicise', publicityStart: '2026-01-01', publicityEnd: '2026-01-10' },
      { event: 'name', docNo: '岳质强发〔2026〕1号' },
    ];
    for (const app of [miluoApp, yueyangApp]) {
      for (const body of events) {
        for (const version of [app.version, app.version + 7]) {
          const r = await province.request('POST', `/api/evaluation-applications/${app.id}/transition`, { ...body, version });
          expect([body.event, version, r.status]).toEqual([body.event, version, 403]);
        }
      }
    }
    const statuses = await t.db.db.selectFrom('evaluation_application').select(['id', 'status', 'version']).where('id', 'in', [miluoApp.id, yueyangApp.id]).orderBy('id').execute();
    expect(statuses.map((x) => x.version)).toEqual([miluoApp, yueyangApp].sort((x, y) => x.id - y.id).map((x) => x.version));
  });

  it('the organiser on a page left open while the application was decided hears that it was (409 stale), not the state rule', async () => {
    const cityOffice = await login(t.app, 'yueyang.office');
    const body = { event: 'refuse', condition: 'I1', reason: '近三年发生过该情形，经核实属实' };
    const stale = await cityOffice.request('POST', `/api/evaluation-applications/${miluoApp.id}/transition`, { ...body, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(/^该申请已由.+于\d{4}-\d{2}-\d{2} \d{2}:\d{2}.+，请刷新后查看$/);
    const { version } = await t.db.db.selectFrom('evaluation_application').select('version').where('id', '=', miluoApp.id).executeTakeFirstOrThrow();
    const current = await cityOffice.request('POST', `/api/evaluation-applications/${miluoApp.id}/transition`, { ...body, version });
    expect([current.status, current.json.message]).toEqual([409, '只有受理审查中的申请可以征求意见或作出受理决定']);
  });
});
