import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../../core/audit';
import { daysFromToday, login, makeTestApp, named, openTestCycle, orgIds, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../../test/helpers';

/** a deadline the server takes (within a year of today), in place of a far-off year it refuses */
const DEADLINE = daysFromToday(200);

describe.each(testDialects())('opening a cycle: the call for indicators, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let cycle: any;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t, { deadline: DEADLINE }));
  });
  afterAll(() => t.close());

  it('opens in the collecting state with the 14 cities, the invited departments and a draft scheme copied from the base', async () => {
    expect(cycle).toMatchObject({ year: 2023, status: 'collecting', statusLabel: '指标征集中', title: '2023年度省政府对市州政府质量工作考核' });
    expect(cycle.units).toHaveLength(14);
    expect(cycle.units[0]).toMatchObject({ code: '430100', name: '长沙市' });
    expect(cycle.departments).toHaveLength(18);
    expect(cycle.abilities).toMatchObject({ as: 'office', manage: true, manageScheme: true, events: ['closeCollection'] });
    const scheme = await t.db.db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycle.id).execute();
    expect(scheme).toHaveLength(1);
    expect(JSON.parse(scheme[0].framework_json).title).toBe('2023 年度湖南省政府质量工作考核要点');
  });

  it('prefills each department declaration with its key points from last year and puts it in the department 待办 with the deadline', async () => {
    const samr = await login(t.app, 'samr');
    const todos = (await samr.request('GET', '/api/todos')).json.items;
    expect(todos).toHaveLength(1);
    expect(todos[0]).toMatchObject({ title: '填报2023年度质量工作考核指标申报表和加分项申报表', dueAt: DEADLINE });
    const [samrId] = await orgIds(t.db, ['samr']);
    const decl = await t.db.db.selectFrom('declaration').selectAll().where('cycle_id', '=', cycle.id).where('department_id', '=', samrId).executeTakeFirstOrThrow();
    const content = JSON.parse(decl.content_json);
    expect(content.indicators.map((r: any) => [r.sourceCode, r.lastYearPoints])).toEqual([
      ['3.a', 0.5],
      ['5.a', 5.5],
      ['7.a', 14.5],
    ]);
    expect(content.bonuses).toHaveLength(3);
    const seen = await samr.request('GET', `/api/cycles/${cycle.id}`);
    expect(seen.json.abilities).toMatchObject({ as: 'department', declare: true, score: false, manage: false });
  });

  it('shows a cycle only to those who take part', async () => {
    const changsha = await login(t.app, 'changsha');
    expect((await changsha.request('GET', '/api/cycles')).json.items.map((c: any) => c.id)).toEqual([cycle.id]);
    const yuelu = await login(t.app, 'yuelu');
    expect((await yuelu.request('GET', '/api/cycles')).json.items).toEqual([]);
    expect((await yuelu.request('GET', `/api/cycles/${cycle.id}`)).status).toBe(404);
    const cityOffice = await login(t.app, 'yueyang.office');
    expect((await cityOffice.request('GET', `/api/cycles/${cycle.id}`)).status).toBe(404);
  });

  it('refuses a second cycle for the same year, and bad input, with Chinese messages', async () => {
    const dup = await office.request('POST', '/api/cycles', { year: 2023, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: await orgIds(t.db, ['samr']) });
    expect(dup.status).toBe(409);
    expect(dup.json.message).toMatch(named('2023年度考核已由您在其他窗口于<T>发起，请刷新后查看'));
    const bad = await office.request('POST', '/api/cycles', { year: 2024, baseFrameworkId: 'hunan-assessment-2022', deadline: '2099/07/10', departmentIds: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.fields.map((f: any) => f.field).sort()).toEqual(['deadline', 'departmentIds']);
    // a day the month does not have is refused, not rolled over to March (it would print as 2月30日 in the notice)
    const feb30 = await office.request('POST', '/api/cycles', { year: 2024, baseFrameworkId: 'hunan-assessment-2022', deadline: '2099-02-30', departmentIds: await orgIds(t.db, ['samr']) });
    expect([feb30.status, feb30.json.fields]).toEqual([400, [{ field: 'deadline', message: '截止日期不是有效日期（该月没有这一天）' }]]);
    const none = await office.request('POST', '/api/cycles', { year: 2024, deadline: DEADLINE, departmentIds: await orgIds(t.db, ['samr']) });
    expect(none.json.message).toContain('请选择上一年度考核或指标体系之一作为基础');
    const city = await office.request('POST', '/api/cycles', { year: 2024, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: await orgIds(t.db, ['430100']) });
    expect(city.json.message).toBe('第1个成员单位（' + (await orgIds(t.db, ['430100']))[0] + '）不存在或不是成员单位');
    // an office (its own, or a city's) is no 成员单位: it organises or is assessed, it declares nothing; named, nothing opened
    const [samrId, officeId] = await orgIds(t.db, ['samr', 'office']);
    const own = await office.request('POST', '/api/cycles', { year: 2024, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: [samrId, officeId] });
    expect([own.status, own.json.message, own.json.fields]).toEqual([
      400,
      '第2个成员单位「湖南省质量强省领导小组办公室」是质强办，不是成员单位：质强办组织考核、不申报考核指标，请只选择部门',
      [{ field: 'departmentIds.1', message: '请选择成员单位（部门）' }],
    ]);
    // a deadline already past locks every form the moment it is sent; one before the notice's date asks for answers
    // before it was issued: both refused, naming the field, nothing opened
    const past = await office.request('POST', '/api/cycles', { year: 2024, baseFrameworkId: 'hunan-assessment-2022', deadline: '2020-01-10', departmentIds: [samrId] });
    expect([past.status, past.json.fields]).toEqual([400, [{ field: 'deadline', message: past.json.message }]]);
    expect(past.json.message).toMatch(/^申报截止日期2020-01-10早于今天（\d{4}-\d{2}-\d{2}）：成员单位将无法申报，请选择今天或以后的日期$/);
    const issuedOn = daysFromToday(220);
    const beforeNotice = await office.request('POST', '/api/cycles', { year: 2024, baseFrameworkId: 'hunan-assessment-2022', issuedOn, deadline: DEADLINE, departmentIds: [samrId] });
    expect([beforeNotice.status, beforeNotice.json.message]).toEqual([400, `申报截止日期${DEADLINE}早于通知的发文日期${issuedOn}，请核对日期`]);
    expect(await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', 2024).execute()).toEqual([]);
    // nor moved to a past day afterwards; a deadline sent unchanged is not judged again
    const moved = await office.request('PATCH', `/api/cycles/${cycle.id}`, { deadline: '2019-01-01', version: cycle.version });
    expect([moved.status, moved.json.fields?.[0]?.field]).toEqual([400, 'deadline']);
    expect((await office.request('GET', `/api/cycles/${cycle.id}`)).json).toMatchObject({ deadline: DEADLINE, version: cycle.version });
  });

  it('refuses a deadline more than a year after the request’s day (config.now), opening a cycle and moving its deadline: a slip of the year, named with the limit', async () => {
    const departmentIds = await orgIds(t.db, ['samr']);
    try {
      // 10:00 on 2030-03-01 in China: a year on is 2031-03-02 (366 days, the bound of the 异议期's end too)
      t.config.now = () => new Date('2030-03-01T02:00:00.000Z');
      const far = await office.request('POST', '/api/cycles', { year: 2046, baseFrameworkId: 'hunan-assessment-2022', deadline: '2031-03-03', departmentIds });
      const farMessage = '申报截止日期不能晚于2031-03-02（今天起一年内），2031-03-03已超出，请核对年份';
      expect([far.status, far.json.message, far.json.fields]).toEqual([400, farMessage, [{ field: 'deadline', message: farMessage }]]);
      expect(await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', 2046).execute()).toEqual([]);
      const last = await office.request('POST', '/api/cycles', { year: 2046, baseFrameworkId: 'hunan-assessment-2022', deadline: '2031-03-02', departmentIds });
      expect([last.status, last.json.deadline]).toEqual([201, '2031-03-02']);
      for (const deadline of ['2031-03-03', '2199-01-01']) {
        const moved = await office.request('PATCH', `/api/cycles/${last.json.id}`, { deadline, version: last.json.version });
        expect([moved.status, moved.json.message]).toEqual([400, `申报截止日期不能晚于2031-03-02（今天起一年内），${deadline}已超出，请核对年份`]);
      }
      const earlier = await office.request('PATCH', `/api/cycles/${last.json.id}`, { deadline: '2030-12-31', version: last.json.version });
      expect([earlier.status, earlier.json.deadline]).toEqual([200, '2030-12-31']);
      // its call ended: 省市场监管局's to-do of it goes, as the tests below count that department's to-dos
      expect((await office.request('POST', `/api/cycles/${last.json.id}/transition`, { event: 'closeCollection', version: earlier.json.version })).status).toBe(200);
    } finally {
      t.config.now = undefined;
    }
  });

  it('moves through the workflow table with version checks and closes the fill-in to-dos when collection ends', async () => {
    const stale = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'closeCollection', version: cycle.version - 1 });
    expect(stale.status).toBe(409);
    // the office opened it itself: a page of its own, one version behind, is told so
    expect(stale.json.message).toMatch(named('该考核已由您在其他窗口于<T>发起，请刷新后重试'));
    const wrong = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'reopenCollection', version: cycle.version });
    expect(wrong.status).toBe(409);
    expect(wrong.json.message).toBe('当前状态为「指标征集中」，不能执行「重新开放征集」');
    const ok = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'closeCollection', version: cycle.version });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('scheme');
    const samr = await login(t.app, 'samr');
    expect((await samr.request('GET', '/api/todos')).json.items).toEqual([]);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'cycle.closeCollection').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toEqual({ status: 'collecting' });
    const back = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'reopenCollection', version: ok.json.version });
    expect(back.json.status).toBe('collecting');
  });

  it('moves the declaration deadline only by its office while the call runs (abilities.changeDeadline, the PATCH the same), audited before and after', async () => {
    const { cycle: c } = await openTestCycle(t, { departments: ['samr'], year: 2034 });
    const samr = await login(t.app, 'samr');
    const offered = async (client: Client) => (await client.request('GET', `/api/cycles/${c.id}`)).json.abilities.changeDeadline;
    expect([await offered(office), await offered(samr)]).toEqual([true, false]);
    const later = daysFromToday(230);
    const moved = await office.request('PATCH', `/api/cycles/${c.id}`, { deadline: later, version: c.version });
    expect([moved.status, moved.json.deadline]).toEqual([200, later]);
    // the change is on record: who, and the deadline before and after
    const [row] = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'cycle.update').where('entity_id', '=', String(c.id)).execute();
    expect([row.username, row.outcome, row.cycle_id, JSON.parse(row.before_json!).deadline, JSON.parse(row.after_json!).deadline]).toEqual(['office', 'ok', c.id, DEADLINE, later]);
    // once the call has ended the deadline is the call's record: not offered, and the PATCH refuses a move (409)
    const closed = await office.request('POST', `/api/cycles/${c.id}/transition`, { event: 'closeCollection', version: moved.json.version });
    expect(await offered(office)).toBe(false);
    const refused = await office.request('PATCH', `/api/cycles/${c.id}`, { deadline: daysFromToday(240), version: closed.json.version });
    expect([refused.status, refused.json.message]).toEqual([409, '考核已进入「方案制定中」阶段，指标征集已结束，申报截止日期不能再修改；如需延长征集，请先在考核「概况」中点「重新开放征集」']);
    // the rest of the settings still change, the deadline sent as it stands included
    const contact = await office.request('PATCH', `/api/cycles/${c.id}`, { deadline: later, contactName: '甲', version: closed.json.version });
    expect([contact.status, contact.json.deadline, contact.json.contactName]).toEqual([200, later, '甲']);
    // reopened, the call runs again and its deadline moves again
    const reopened = await office.request('POST', `/api/cycles/${c.id}/transition`, { event: 'reopenCollection', version: contact.json.version });
    expect(await offered(office)).toBe(true);
    expect((await office.request('PATCH', `/api/cycles/${c.id}`, { deadline: daysFromToday(240), version: reopened.json.version })).status).toBe(200);
    // a department may not PATCH a cycle at all (the route's permission)
    expect((await samr.request('PATCH', `/api/cycles/${c.id}`, { deadline: later, version: reopened.json.version + 1 })).status).toBe(403);
  });

  it('the loser of two edits or moves of a cycle is told who changed it, how and when, with the cycle as it stands', async () => {
    const { cycle: c } = await openTestCycle(t, { departments: ['samr'], year: 2033 });
    const colleague = await login(t.app, 'office2');
    const seen = (await office.request('GET', `/api/cycles/${c.id}`)).json.version;
    const won = await office.request('PATCH', `/api/cycles/${c.id}`, { contactName: '甲', version: seen });
    expect(won.status).toBe(200);
    // the same person's other window: told it was their own change
    const lost = await office.request('PATCH', `/api/cycles/${c.id}`, { contactName: '乙', version: seen });
    expect([lost.status, lost.json.message]).toMatchObject([409, expect.stringMatching(named('该考核已由您在其他窗口于<T>修改，请查看最新内容后重试'))]);
    expect(lost.json.current).toMatchObject({ contactName: '甲', version: won.json.version });
    const moved = await office.request('POST', `/api/cycles/${c.id}/transition`, { event: 'closeCollection', version: won.json.version });
    expect(moved.status).toBe(200);
    // a colleague of the office (刘思远) is told who moved it
    const late = await colleague.request('POST', `/api/cycles/${c.id}/transition`, { event: 'closeCollection', version: won.json.version });
    expect([late.status, late.json.message]).toMatchObject([409, expect.stringMatching(named('该考核已由唐碧辉（省质强办）于<T>结束征集，制定方案，请刷新后重试'))]);
  });

  it('lets a city quality office run the same workflow for its counties', async () => {
    const admin = await login(t.app, 'admin');
    const [yueyang] = await orgIds(t.db, ['430600']);
    const dept = await admin.request('POST', '/api/orgs', { code: 'yy-samr', name: '岳阳市市场监督管理局', kind: 'department', parentId: yueyang });
    expect(dept.status).toBe(201);
    const cityOffice = await login(t.app, 'yueyang.office');
    const res = await cityOffice.request('POST', '/api/cycles', {
      year: 2023,
      baseFrameworkId: 'hunan-assessment-2022',
      deadline: DEADLINE,
      departmentIds: [dept.json.id],
    });
    expect(res.status).toBe(201);
    expect(res.json.title).toBe('2023年度对县市区政府质量工作考核');
    expect(res.json.officeName).toBe('岳阳市质量强市领导小组办公室');
    // its scheme draft (the province's copied) is titled as the city's own, not 湖南省政府质量工作考核要点: 附件4 prints it
    const scheme = await t.db.db.selectFrom('scheme').select('framework_json').where('cycle_id', '=', res.json.id).executeTakeFirstOrThrow();
    expect(JSON.parse(scheme.framework_json).title).toBe('2023年度岳阳市对县市区政府质量工作考核要点');
    expect(res.json.units.map((u: any) => u.name)).toEqual(['岳阳楼区', '云溪区', '君山区', '岳阳县', '华容县', '湘阴县', '平江县', '汨罗市', '临湘市']);
    // The provincial office's cycles and the city's are separate: neither sees the other's.
    expect((await office.request('GET', `/api/cycles/${res.json.id}`)).status).toBe(404);
    expect((await cityOffice.request('GET', '/api/cycles')).json.items.map((c: any) => c.id)).toEqual([res.json.id]);
  });

  it('a second opening of a year names who opened the first and when (您在其他窗口 for the caller’s own)', async () => {
    const open = async (c: Client) => c.request('POST', '/api/cycles', { year: 2040, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: await orgIds(t.db, ['samr']) });
    expect((await open(office)).status).toBe(201);
    const again = await open(office);
    expect([again.status, again.json.message, again.json.fields]).toEqual([409, expect.stringMatching(named('2040年度考核已由您在其他窗口于<T>发起，请刷新后查看')), [{ field: 'year', message: '2040年度考核已存在' }]]);
    const colleague = await open(await login(t.app, 'office2'));
    expect([colleague.status, colleague.json.message]).toEqual([409, expect.stringMatching(named('2040年度考核已由唐碧辉（省质强办）于<T>发起，请刷新后查看'))]);
  });

  it.runIf(dialect === 'postgres')('an opening of a year while a colleague’s opening of it commits (the unique key decides): 409 naming the colleague, nothing of it saved', async () => {
    const [officeId] = await orgIds(t.db, ['office']);
    const colleague = await t.db.db.selectFrom('app_user').select(['id', 'username']).where('username', '=', 'office2').executeTakeFirstOrThrow();
    const r = await raceAgainstHeld(
      t.db,
      async (trx) => {
        const at = new Date().toISOString();
        const { id } = await trx
          .insertInto('assessment_cycle')
          .values({ year: 2041, office_org_id: officeId, title: '2041年度省政府对市州政府质量工作考核', base_cycle_id: null, status: 'collecting', notice_no: null, issued_on: null, deadline: DEADLINE, contact_name: null, contact_phone: null, contact_email: null, grade_bands_json: '[]', objection_start: null, objection_end: null, published_at: null, demo: 0, version: 1, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, { userId: colleague.id, username: colleague.username, role: 'office', ip: null, userAgent: null, method: 'POST', path: '/api/cycles' }, { action: 'cycle.open', entityType: 'assessment_cycle', entityId: id });
      },
      async () => office.request('POST', '/api/cycles', { year: 2041, baseFrameworkId: 'hunan-assessment-2022', deadline: DEADLINE, departmentIds: await orgIds(t.db, ['samr']) }),
    );
    expect([r.status, r.json.message]).toEqual([409, expect.stringMatching(named('2041年度考核已由刘思远（省质强办）于<T>发起，请刷新后查看'))]);
    expect((await t.db.db.selectFrom('assessment_cycle').select('title').where('year', '=', 2041).execute()).map((c) => c.title)).toEqual(['2041年度省政府对市州政府质量工作考核']);
  });
});
