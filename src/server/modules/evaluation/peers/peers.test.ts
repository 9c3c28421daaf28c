/**
 * The organiser's yearly peer tables (同级比较表) through the API: one row per unit of the level, values checked
 * (bad ones answered in Chinese naming the field, nothing saved), a stale version is a 409, every change audited;
 * a new plan ranks against the table of its round's year and the applicant's level; the approved plan keeps the
 * copy it took, so editing the table afterwards changes a draft's view but not the approved plan's rank (5.2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullAnswers } from '../../../test/evaluation';
import { login, makeTestApp, named, orgIds, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../../test/helpers';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本市未发生该情形，已经有关部门核实。' }));
const china = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

describe.each(testDialects())('peer tables for the rank items, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let app: any;
  let table: any;
  const experts: Record<string, number> = {};
  let allItems: string[] = [];
  let codeToOrg: Map<string, number>;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'office');
    const yueyang = await login(t.app, 'yueyang');
    const round = (await office.request('POST', '/api/evaluation-rounds', { year: 2025, title: '2025年度质量强市（县）创建评价' })).json;
    let a = (await yueyang.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '赵六', contactPhone: '0730-1234567', conditions: declarations })).json;
    a = (await yueyang.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
    app = (await office.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'accept', version: a.version })).json;
    const [officeId] = await orgIds(t.db, ['office']);
    const now = new Date().toISOString();
    for (const [name, username] of [
      ['王教授', 'expert'],
      ['李高工', 'expert2'],
    ] as const) {
      const user = await t.db.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      experts[name] = (
        await t.db.db
          .insertInto('expert')
          .values({ organiser_org_id: officeId, name, organisation: '湖南大学', region_org_id: null, field: '质量管理', title: '教授', user_id: user.id, active: 1, created_at: now, updated_at: now, version: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    const fw = JSON.parse((await t.db.db.selectFrom('evaluation_round').select('framework_json').where('id', '=', round.id).executeTakeFirstOrThrow()).framework_json);
    allItems = fw.sections.flatMap((s: any) => s.items.map((i: any) => i.code));
    codeToOrg = new Map((await t.db.db.selectFrom('org_unit').select(['id', 'code']).where('kind', '=', 'city').execute()).map((o) => [o.code, o.id]));
  });
  afterAll(() => t.close());

  const values = (counts: Record<string, number | null>) => Object.entries(counts).map(([code, value]) => ({ orgId: codeToOrg.get(code)!, value, note: null }));

  it('the office creates its 2025 table of the 14 cities; bad values are answered in Chinese and nothing is saved; a stale version is a 409', async () => {
    const bad = await office.request('POST', '/api/peer-tables', { year: 2025, level: 'city', metric: '获奖企业数量', items: ['5.1.a'], source: null });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('评分表中没有排名类评分细则5.1.a');
    const created = await office.request('POST', '/api/peer-tables', { year: 2025, level: 'city', metric: '获奖企业数量', items: ['5.2.a'], source: '各市州报送的获奖企业名单' });
    expect(created.status).toBe(201);
    table = created.json.table;
    // its values count enterprises (5.2.a, 个): the page marks a fraction before the save is refused
    expect(table).toMatchObject({ title: '2025年 省内同级城市 获奖企业数量', units: 14, filled: 0, editable: true, plans: [], unit: '个', wholeNumbers: true });
    expect(table.values.map((v: any) => v.name)).toContain('湘西土家族苗族自治州');
    // the same table again: 409 naming the metric
    const again = await office.request('POST', '/api/peer-tables', { year: 2025, level: 'city', metric: '获奖企业数量', items: ['5.2.a'], source: null });
    expect(again.status).toBe(409);
    // a negative value, and a county in a city table: 400, nothing saved
    const negative = await office.request('PUT', `/api/peer-tables/${table.id}`, { version: table.version, metric: '获奖企业数量', items: ['5.2.a'], source: null, values: values({ '430100': 30, '430200': -1 }) });
    expect(negative.status).toBe(400);
    expect(negative.json.message).toMatch(/数值不能为负数/);
    expect(negative.json.fields?.[0]?.field).toBe('values.1.value');
    // 获奖企业数量 (5.2.a counts in 个): 2.5 enterprises, or 1e-300 of one, is refused naming the unit and the row
    for (const value of [2.5, 1e-300]) {
      const fraction = await office.request('PUT', `/api/peer-tables/${table.id}`, { version: table.version, metric: '获奖企业数量', items: ['5.2.a'], source: null, values: values({ '430100': 30, '430200': value }) });
      expect([fraction.status, fraction.json.message, fraction.json.fields?.[0]]).toEqual([400, `株洲市的「获奖企业数量」以“个”计数，须为整数（填写的是${value}）`, { field: 'values.1.value', message: '须为不小于0的整数（个）' }]);
    }
    const [yuelu] = await orgIds(t.db, ['430104']);
    const county = await office.request('PUT', `/api/peer-tables/${table.id}`, { version: table.version, metric: '获奖企业数量', items: ['5.2.a'], source: null, values: [{ orgId: yuelu, value: 3, note: null }] });
    expect(county.status).toBe(400);
    expect(county.json.message).toContain('不是本表比较范围（省内同级城市）内的单位');
    expect((await office.request('GET', `/api/peer-tables/${table.id}`)).json.table).toMatchObject({ filled: 0, version: table.version });
    const saved = await office.request('PUT', `/api/peer-tables/${table.id}`, { version: table.version, metric: '获奖企业数量', items: ['5.2.a'], source: '各市州报送的获奖企业名单', values: values({ '430100': 30, '430200': 20, '430300': 5, '430400': 1, '430600': null }) });
    expect(saved.status).toBe(200);
    expect(saved.json.table).toMatchObject({ filled: 4, version: table.version + 1 });
    const stale = await office.request('PUT', `/api/peer-tables/${table.id}`, { version: table.version, metric: '获奖企业数量', items: ['5.2.a'], source: null, values: values({ '430100': 1 }) });
    expect(stale.status).toBe(409);
    table = saved.json.table;
    // the same values saved again: nothing written, the version unchanged (it moved on unaudited, then a 500)
    const same = await office.request('PUT', `/api/peer-tables/${table.id}`, { version: table.version, metric: '获奖企业数量', items: ['5.2.a'], source: '各市州报送的获奖企业名单', values: values({ '430100': 30, '430200': 20, '430300': 5, '430400': 1, '430600': null }) });
    expect([same.status, same.json.message]).toEqual([400, '没有修改任何内容，无需保存']);
    expect((await office.request('GET', `/api/peer-tables/${table.id}`)).json.table.version).toBe(table.version);
    const audit = await t.db.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'peer_table').where('entity_id', '=', String(table.id)).orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual(['peerTable.create', 'peerTable.fill']);
    expect((await office.request('GET', '/api/peer-tables')).json.items.map((x: any) => [x.year, x.title, x.filled, x.units])).toEqual([[2025, '2025年 省内同级城市 获奖企业数量', 4, 14]]);
    // a city office keeps tables of its counties only
    const cityOffice = await login(t.app, 'yueyang.office');
    const cityLevel = await cityOffice.request('POST', '/api/peer-tables', { year: 2025, level: 'city', metric: '获奖企业数量', items: ['5.2.a'], source: null });
    expect(cityLevel.status).toBe(400);
    const counties = await cityOffice.request('POST', '/api/peer-tables', { year: 2025, level: 'county', metric: '获奖企业数量', items: ['5.2.a'], source: null });
    expect(counties.status).toBe(201);
    expect(counties.json.table.values.map((v: any) => v.name)).toContain('汨罗市');
    // another organiser's table does not exist for the office
    expect((await office.request('GET', `/api/peer-tables/${counties.json.table.id}`)).status).toBe(404);
    expect((await office.request('PUT', `/api/peer-tables/${counties.json.table.id}`, { version: 1, metric: '获奖企业数量', items: ['5.2.a'], source: null, values: [] })).status).toBe(404);
  });

  it('a new plan ranks against the table of its year and level; the approved plan keeps its copy when the table is edited', async () => {
    const schedule = { documentReviewStart: china(-5), documentReviewEnd: china(5), siteReviewStart: china(6), siteReviewEnd: china(8) };
    const body = (version: number | null, extra: Record<string, unknown> = {}) => ({
      version,
      notApplicable: [],
      method: 'mean',
      threshold: '0.3',
      schedule,
      members: [
        { expertId: experts['王教授'], leader: true, items: allItems },
        { expertId: experts['李高工'], leader: false, items: allItems },
      ],
      ...extra,
    });
    // the office's 待办 while the plan is drawn up: 9 cities of the table have no value yet (岳阳市's own row aside)
    const peersTodo = async () => (await office.request('GET', '/api/todos')).json.items.find((x: any) => x.key === `evaluation.peers:${app.id}`);
    expect(await peersTodo()).toMatchObject({ title: '填写同级比较表：2025年 省内同级城市 获奖企业数量', link: `/evaluation/peer-tables/${table.id}` });
    expect((await peersTodo()).detail).toContain('尚有9个同级单位未填数值');
    // a county table for a city: refused, naming the field
    const cityOfficeTable = (await t.db.db.selectFrom('peer_table').select('id').where('level', '=', 'county').executeTakeFirstOrThrow()).id;
    const wrong = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body(null, { peerTableId: cityOfficeTable }));
    expect(wrong.status).toBe(400);
    expect(wrong.json.fields?.[0]?.field).toBe('peerTableId');
    const first = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body(null))).json.plan;
    expect(first.peerTable).toEqual({ id: table.id, title: '2025年 省内同级城市 获奖企业数量' });
    // the round's own year: nothing to check; another year's table may be chosen (a later year's data not in yet),
    // and the page says so beside 批准 without barring it
    expect([first.warnings, first.problems]).toEqual([[], []]);
    const older = (await office.request('POST', '/api/peer-tables', { year: 2024, level: 'city', metric: '获奖企业数量', items: ['5.2.a'], source: null })).json.table;
    const onOlder = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body(first.version, { peerTableId: older.id }))).json.plan;
    expect(onOlder.peerTable).toEqual({ id: older.id, title: '2024年 省内同级城市 获奖企业数量' });
    expect(onOlder.warnings).toEqual(['所选同级比较表是2024年的数据，本批次为2025年度评价：如已有2025年的数据，请在「同级比较表」中新建2025年的表后改选；确需使用2024年数据的，可以批准']);
    const draft = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body(onOlder.version, { peerTableId: table.id }))).json.plan;
    expect([draft.peerTable.id, draft.warnings]).toEqual([table.id, []]);
    // the applicant's own row is not a peer
    expect(draft.peers['5.2.a'].map((p: any) => [p.name, p.value])).toEqual([
      ['长沙市', 30],
      ['株洲市', 20],
      ['湘潭市', 5],
      ['衡阳市', 1],
    ]);
    const approved = await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: draft.version });
    expect(approved.status).toBe(200);
    // both experts declare and submit, 5.2 at 8 and the rest at full points (only the 综合评价 of 5.2 matters here)
    const plan = approved.json.plan;
    const fw = JSON.parse(
      (await t.db.db.selectFrom('evaluation_round as r').innerJoin('evaluation_application as a', 'a.round_id', 'r.id').select('r.framework_json').where('a.id', '=', app.id).executeTakeFirstOrThrow()).framework_json,
    );
    for (const [username, name] of [
      ['expert', '王教授'],
      ['expert2', '李高工'],
    ]) {
      const c = await login(t.app, username);
      const m = plan.members.find((x: any) => x.expert.name === name);
      expect((await c.request('POST', `/api/plan-members/${m.id}/recusal`, { version: m.version, conflict: false, relations: [], statement: '本人与申请单位无利害关系' })).status).toBe(200);
      await t.db.db
        .insertInto('expert_sheet')
        .values({ application_id: app.id, expert_id: experts[name], answers_json: JSON.stringify(fullAnswers(fw, { '5.2': { a: { value: 8 } } })), reasons_json: JSON.stringify({ '5.2.a': '获奖企业数量居同级城市中游' }), comment: null, status: 'submitted', stage: 'document', submitted_at: new Date().toISOString(), updated_at: new Date().toISOString(), version: 2 })
        .execute();
    }
    const item52 = async () => (await office.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json.consolidation.items.find((i: any) => i.code === '5.2');
    // 8 among 30, 20, 5, 1: third of five → the middle tier (15)
    expect(await item52()).toMatchObject({ combined: '15' });
    // the table is edited afterwards: 湘潭 and 衡阳 now above 8 — the approved plan still ranks against its copy
    const edited = await office.request('PUT', `/api/peer-tables/${table.id}`, { version: table.version, metric: '获奖企业数量', items: ['5.2.a'], source: '各市州报送的获奖企业名单（更正）', values: values({ '430300': 50, '430400': 40 }) });
    expect(edited.status).toBe(200);
    expect(edited.json.table.plans.map((p: any) => [p.applicant, p.versionNo, p.status])).toEqual([['岳阳市', 1, 'approved']]);
    expect(await item52()).toMatchObject({ combined: '15' });
    const approvedView = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
    expect(approvedView.peers['5.2.a'].find((p: any) => p.name === '湘潭市').value).toBe(5);
    // a new version follows the edited table while a draft, and takes its copy when approved: then 8 is last of five (5)
    const v2 = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body(null, { reason: '同级比较表更正后重新评价' }))).json.plan;
    expect(v2).toMatchObject({ versionNo: 2, status: 'draft', peerTable: { id: table.id } });
    expect(v2.peers['5.2.a'].find((p: any) => p.name === '湘潭市').value).toBe(50);
    expect(await item52()).toMatchObject({ combined: '15' });
    expect((await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: v2.version })).status).toBe(200);
    expect(await item52()).toMatchObject({ combined: '5' });
    // the expert sheet names the table
    const e1 = await login(t.app, 'expert');
    expect((await e1.request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json.peerTable).toEqual({ id: table.id, title: '2025年 省内同级城市 获奖企业数量' });
  });

  it('who reads a table: the organiser, a leader and an expert on a plan that uses it; not another expert or a city', async () => {
    const status = async (username: string) => (await (await login(t.app, username)).request('GET', `/api/peer-tables/${table.id}`)).status;
    expect(await status('leader')).toBe(200);
    expect(await status('expert')).toBe(200);
    expect(await status('expert3')).toBe(404);
    expect(await status('yueyang')).toBe(404);
    const expertView = (await (await login(t.app, 'expert')).request('GET', `/api/peer-tables/${table.id}`)).json.table;
    expect(expertView).toMatchObject({ editable: false, plans: [] });
  });
  it.runIf(dialect === 'postgres')('two creations of one table at the same moment: the unique key decides, the loser hears the table exists (409), nothing of it saved', async () => {
    const [officeId] = await orgIds(t.db, ['office']);
    const me = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'office').executeTakeFirstOrThrow();
    const count = async () => Number((await t.db.db.selectFrom('peer_table').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    // the same table inserted by another window and held uncommitted: the request reads no such table (READ COMMITTED),
    // its insert waits on the key and fails on it once the other commits
    const res = await raceAgainstHeld(
      t.db,
      async (trx) => {
        const at = new Date().toISOString();
        await trx.insertInto('peer_table').values({ organiser_org_id: officeId, year: 2026, level: 'city', metric: '同时建立', items_json: '["5.2.a"]', source: null, created_by: me.id, created_at: at, updated_at: at, version: 1 }).execute();
      },
      () => office.request('POST', '/api/peer-tables', { year: 2026, level: 'city', metric: '同时建立', items: ['5.2.a'], source: null }),
    );
    expect(res.status).toBe(409);
    expect(res.json.message).toMatch(named('本单位2026年已有省内同级城市「同时建立」比较表（由您在其他窗口于<T>新建）：同一年度、同一比较范围的同一指标只建一张表，请打开该表修改，或换一个比较指标名称'));
    expect(res.json.fields).toEqual([{ field: 'metric', message: '该年度已有同名比较表' }]);
    expect(await count()).toBe(before + 1);
  });

  it('a table of a name the office already keeps (a colleague made it, or a rename onto it): a 409 naming who made it and when', async () => {
    const made = await office.request('POST', '/api/peer-tables', { year: 2027, level: 'city', metric: '已有同名', items: ['5.2.a'], source: null });
    expect(made.status).toBe(201);
    const colleague = await login(t.app, 'office2');
    const officeName = (await office.request('GET', '/api/auth/me')).json.displayName;
    const again = await colleague.request('POST', '/api/peer-tables', { year: 2027, level: 'city', metric: '已有同名', items: ['5.2.a'], source: null });
    // nothing on the colleague's page is stale (a refresh would answer the same): the 409 says what to do, and which table it is
    expect([again.status, again.json.message, again.json.current]).toEqual([409, expect.stringMatching(named(`本单位2027年已有省内同级城市「已有同名」比较表（由${officeName}（省质强办）于<T>新建）：同一年度、同一比较范围的同一指标只建一张表，请打开该表修改，或换一个比较指标名称`)), { table: { id: made.json.table.id } }]);
    const other = await colleague.request('POST', '/api/peer-tables', { year: 2027, level: 'city', metric: '另一个', items: ['5.2.a'], source: null });
    expect(other.status).toBe(201);
    const view = other.json.table;
    const renamed = await colleague.request('PUT', `/api/peer-tables/${view.id}`, { version: view.version, metric: '已有同名', items: ['5.2.a'], source: null, values: [] });
    expect([renamed.status, renamed.json.message, renamed.json.current]).toEqual([409, expect.stringMatching(named(`本单位2027年已有省内同级城市「已有同名」比较表（由${officeName}（省质强办）于<T>新建）：同一年度、同一比较范围的同一指标只建一张表，请打开该表修改，或换一个比较指标名称`)), { table: { id: made.json.table.id } }]);
  });
});
