/**
 * Plan-indicator reporting as an attacker and as two people at once would use it, on SQLite and PostgreSQL: values
 * of an indicator or unit the caller does not own, the read-only roles (leader, 三员), moves in the wrong state or
 * twice, two saves / moves of one value at once (one wins, the other a 409 naming who did what and when), odd input
 * (out of range, Infinity, long texts, unknown ids) and the audit row of every change.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';

const at = (day: string) => () => new Date(`${day}T04:00:00.000Z`);

describe.each(testDialects())('plan-indicator reporting under attack on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let samr: Client;
  let yueyang: Client;
  let changsha: Client;
  let period: any;
  let ids: Record<number, number>;
  let province: number;
  let yy: number;
  let cs: number;
  beforeAll(async () => {
    // the reporting windows are judged by the request's clock (config.now): the day these tests are about
    t = await makeTestApp(dialect, { now: at('2026-11-28') });
    [office, samr, yueyang, changsha] = await Promise.all(['office', 'samr', 'yueyang', 'changsha'].map((u) => login(t.app, u)));
    const plan = await t.db.db.selectFrom('indicator_plan').select('id').where('code', '=', 'hunan-14th').executeTakeFirstOrThrow();
    ids = Object.fromEntries((await t.db.db.selectFrom('indicator').select(['id', 'code']).where('plan_id', '=', plan.id).execute()).map((i) => [i.code, i.id]));
    province = await orgId(t.db, '430000');
    yy = await orgId(t.db, '430600');
    cs = await orgId(t.db, '430100');
    const r = await office.request('POST', '/api/indicator-reporting/periods', { planId: plan.id, year: 2024, quarter: null, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 });
    expect(r.status).toBe(201);
    period = r.json;
  });
  afterEach(() => {
    t.config.now = at('2026-11-28');
  });
  afterAll(async () => {
    await t.close();
  });

  const save = (c: Client, indicator: number, org: number, value: unknown, extra: Record<string, unknown> = {}) =>
    c.request('POST', '/api/indicator-reporting/values', { periodId: period.id, indicatorId: ids[indicator], orgId: org, value, ...extra });
  const move = (c: Client, row: any, event: string, extra: Record<string, unknown> = {}) =>
    c.request('POST', `/api/indicator-reporting/values/${row.value.id}/transition`, { event, version: row.value.version, ...extra });
  const stored = (id: number) => t.db.db.selectFrom('indicator_value').select(['value', 'status', 'version', 'explanation']).where('id', '=', id).executeTakeFirstOrThrow();
  const auditsOf = async (id: number) => (await t.db.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'indicator_value').where('entity_id', '=', String(id)).orderBy('id').execute()).map((r) => r.action);

  it('a department saving an indicator it is not responsible for, or a city another city’s value: 403 in Chinese, recorded, nothing saved', async () => {
    const denied = async () => Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'access.denied').executeTakeFirstOrThrow()).n);
    const before = await denied();
    const notMine = await save(samr, 3, province, 2600);
    expect([notMine.status, notMine.json.message]).toEqual([403, '湖南省的「绿色食品」由责任单位填报，不由您填报']);
    const cityOfDept = await save(samr, 13, yy, 90);
    expect([cityOfDept.status, cityOfDept.json.message]).toEqual([403, '岳阳市的「制造业产品质量合格率」由岳阳市填报，不由您填报']);
    const otherCity = await save(yueyang, 13, cs, 90);
    expect([otherCity.status, otherCity.json.message]).toEqual([403, '长沙市的「制造业产品质量合格率」由长沙市填报，不由您填报']);
    const provinceByCity = await save(yueyang, 13, province, 90);
    expect([provinceByCity.status, provinceByCity.json.message]).toEqual([403, '湖南省的「制造业产品质量合格率」由责任单位填报，不由您填报']);
    expect(await denied()).toBe(before + 4);
    expect(await t.db.db.selectFrom('indicator_value').select('id').execute()).toEqual([]);
  });

  it('the read-only roles change nothing: leader, auditor, sysadmin, secadmin, a county and the city office get a 403 in Chinese', async () => {
    const mine = await save(yueyang, 13, yy, 88);
    expect(mine.status).toBe(200);
    for (const who of ['leader', 'auditor', 'admin', 'secadmin', 'yuelu', 'yueyang.office', 'expert']) {
      const c = await login(t.app, who);
      const answers = [
        await save(c, 13, yy, 90, { version: mine.json.value.version }),
        await move(c, mine.json, 'submit'),
        await c.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[13], orgId: yy, reason: '试图重新开放' }),
        await c.request('POST', '/api/indicator-reporting/periods', { planId: period.planId, year: 2023, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 1 }),
      ];
      for (const r of answers) {
        expect([who, r.status]).toEqual([who, r.status === 404 ? 404 : 403]);
        expect(r.json.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect(await stored(mine.json.value.id)).toMatchObject({ value: 88, status: 'draft', version: 1 });
  });

  it('a city reads no other city’s value (rows, the review queue, a move by id): 404 or not listed', async () => {
    const theirs = await save(changsha, 13, cs, 89);
    expect(theirs.status).toBe(200);
    const s = await move(changsha, theirs.json, 'submit');
    expect(s.status).toBe(200);
    const all = await yueyang.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`);
    expect(all.json.rows.map((r: any) => r.unit.id)).not.toContain(cs);
    expect((await yueyang.request('GET', '/api/indicator-reporting/review')).json.rows).toEqual([]);
    for (const event of ['submit', 'review', 'accept', 'return']) {
      const r = await move(yueyang, s.json, event, { comment: '不是我的' });
      expect([event, r.status]).toEqual([event, 404]);
    }
    const files = await yueyang.request('GET', `/api/attachments?ownerType=indicator_value&ownerId=${theirs.json.value.id}`);
    // the attachments module's own refusal: the 404 of a value that is not there (ids are not probed across units)
    expect([files.status, files.json.message]).toEqual([404, `规划指标数据${theirs.json.value.id}不存在`]);
  });

  it("the province's row shows a city no other city's figure: its checks' facts (the cities' values) and warnings are what the reader may see", async () => {
    // 岳阳市 reports 国检中心 (a count held) and submits it: reported, not yet confirmed
    const theirs = await save(yueyang, 12, yy, 3);
    expect((await move(yueyang, theirs.json, 'submit')).status).toBe(200);
    // 省市场监管局 reports the province's figure, below the cities' sum: a warning it explains, then submits
    const mine = await save(samr, 12, province, 2, { explanation: '全省口径与市州口径不同' });
    expect(mine.status).toBe(200);
    expect((await move(samr, mine.json, 'submit')).status).toBe(200);
    const provinceRow = async (c: Client) =>
      (await c.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows.find((r: any) => r.indicator.id === ids[12] && r.unit.id === province);
    // the reporter and the plan's office check the province's figure against the cities'
    for (const c of [samr, office]) {
      const row = await provinceRow(c);
      expect(row.facts.cityValues).toEqual([3]);
      expect(row.checks.warnings.map((w: any) => w.code)).toContain('province-vs-cities');
    }
    // 长沙市 reads the province's figure, not 岳阳市's unconfirmed one, nor a sum or mean made of it
    const seen = await provinceRow(changsha);
    expect(seen.value.value).toBe(2);
    expect(seen.facts.cityValues).toEqual([]);
    expect(JSON.stringify(seen.checks)).not.toMatch(/市州/);
  });

  it('moves in the wrong state or twice are 409s in Chinese; a return needs a comment; nothing saved is lost', async () => {
    const draft = await save(yueyang, 14, yy, 91, { sourceDoc: '统计公报' });
    for (const event of ['review', 'accept']) {
      const r = await move(samr, draft.json, event);
      // a draft is the reporter's: the department does not see it
      expect([event, r.status]).toEqual([event, 404]);
    }
    const sub = await move(yueyang, draft.json, 'submit');
    expect(sub.status).toBe(200);
    const again = await move(yueyang, sub.json, 'submit');
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/提交/);
    expect((await move(office, sub.json, 'accept')).status).toBe(409);
    for (const comment of [undefined, '', '   ', '好']) {
      const r = await move(samr, sub.json, 'return', comment === undefined ? {} : { comment });
      expect([comment, r.status]).toEqual([comment, 400]);
      expect(r.json.fields).toEqual([{ field: 'comment', message: '请填写退回意见' }]);
    }
    const changed = await save(yueyang, 14, yy, 50, { version: sub.json.value.version });
    expect([changed.status, changed.json.message]).toEqual([409, '该数据当前为「待部门审核」，不能修改']);
    expect(await stored(sub.json.value.id)).toMatchObject({ value: 91, status: 'submitted' });
    const reviewed = await move(samr, sub.json, 'review');
    expect(reviewed.status).toBe(200);
    const twice = await move(samr, sub.json, 'review');
    expect(twice.status).toBe(409);
    expect(twice.json.message).toMatch(/^该数据已由您在其他窗口于.+审核通过，无需再次审核通过$/);
    const accepted = await move(office, reviewed.json, 'accept');
    expect(accepted.status).toBe(200);
    const accTwice = await move(office, accepted.json, 'accept');
    expect(accTwice.status).toBe(409);
    expect((await move(office, accepted.json, 'return', { comment: '已确认的退回' })).status).toBe(409);
    expect((await save(yueyang, 14, yy, 92, { version: accepted.json.value.version })).status).toBe(409);
    expect(await stored(sub.json.value.id)).toMatchObject({ value: 91, status: 'accepted' });
  });

  it('a move out of order names the state as the sheet does: the province’s figure waits on 质强办’s review, not a department’s', async () => {
    const draft = await save(samr, 15, province, 98.5, { sourceDoc: '抽检通报' });
    const sub = await move(samr, draft.json, 'submit');
    expect(sub.json.value.statusLabel).toBe('待质强办审核');
    const early = await move(office, sub.json, 'accept');
    expect([early.status, early.json.message]).toEqual([409, '当前状态为「待质强办审核」，不能执行「确认」']);
    expect(await stored(sub.json.value.id)).toMatchObject({ status: 'submitted' });
  });

  it('a stale move on a figure no audit row tells of (the demo’s, seeded as rows) still names who moved it and when, from the row', async () => {
    const samrUser = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'samr').executeTakeFirstOrThrow();
    const { id } = await t.db.db
      .insertInto('indicator_value')
      .values({ period_id: period.id, indicator_id: ids[16], org_id: province, value: 99.1, source_doc: '演示', explanation: null, status: 'submitted', return_comment: null, reopen_reason: null, demo: 1, submitted_by: samrUser.id, submitted_at: '2026-11-20T02:00:00.000Z', reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, confirmed_value: null, updated_at: '2026-11-20T02:00:00.000Z', version: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stale = await office.request('POST', `/api/indicator-reporting/values/${id}/transition`, { event: 'review', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(/^该数据已由.+（省市场监督管理局）于2026-11-20 10:00提交，请刷新后查看最新内容再操作$/);
    expect(await stored(id)).toMatchObject({ status: 'submitted', version: 2 });
  });

  it('odd input: 400s in Chinese, never a 500, nothing saved', async () => {
    const before = await t.db.db.selectFrom('indicator_value').select('id').execute();
    const raw = (text: string) => yueyang.request('POST', '/api/indicator-reporting/values', text, { 'content-type': 'application/json' });
    const bodies = [
      `{"periodId":${period.id},"indicatorId":${ids[15]},"orgId":${yy},"value":1e400}`,
      `{"periodId":${period.id},"indicatorId":${ids[15]},"orgId":${yy},"value":-1e400}`,
      `{"periodId":${period.id},"indicatorId":${ids[15]},"orgId":${yy},"value":"NaN"}`,
      `{"periodId":${period.id},"indicatorId":${ids[15]},"orgId":${yy},"value":"Infinity"}`,
      `{"periodId":${period.id},"indicatorId":${ids[15]},"orgId":${yy},"value":""}`,
      `{"periodId":${period.id},"indicatorId":${ids[15]},"orgId":${yy},"value":null}`,
      `{"periodId":${period.id},"indicatorId":${ids[15]},"orgId":${yy},"value":"93.5"}`,
      `{"periodId":${period.id},"indicatorId":${ids[15]},"orgId":${yy}}`,
    ];
    for (const b of bodies) {
      const r = await raw(b);
      expect([b, r.status]).toEqual([b, 400]);
      expect(r.json.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const [ind, v] of [
      [15, 1e308],
      [15, -0.5],
      [15, 100.0001],
      [7, 1.5],
      [2, 2e9],
      [2, -1],
    ] as const) {
      const r = await save(yueyang, ind, yy, v);
      expect([ind, v, r.status]).toEqual([ind, v, 400]);
      expect(r.json.fields[0].field).toBe('value');
    }
    const long = await save(yueyang, 15, yy, 90, { sourceDoc: '文'.repeat(501) });
    expect(long.status).toBe(400);
    const longWhy = await save(yueyang, 15, yy, 90, { explanation: '说'.repeat(2001) });
    expect(longWhy.status).toBe(400);
    const unknown = [
      await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: 999999, indicatorId: ids[15], orgId: yy, value: 90 }),
      await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: period.id, indicatorId: 999999, orgId: yy, value: 90 }),
      await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: period.id, indicatorId: ids[15], orgId: 999999, value: 90 }),
      await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: 2 ** 40, indicatorId: ids[15], orgId: yy, value: 90 }),
      await yueyang.request('POST', '/api/indicator-reporting/values/999999/transition', { event: 'submit', version: 1 }),
      await yueyang.request('POST', '/api/indicator-reporting/values/99999999999/transition', { event: 'submit', version: 1 }),
      await yueyang.request('POST', '/api/indicator-reporting/values/abc/transition', { event: 'submit', version: 1 }),
      await yueyang.request('GET', '/api/indicator-reporting/periods/999999/rows'),
      await office.request('POST', '/api/indicator-reporting/periods/999999/reopen', { indicatorId: ids[15], orgId: yy, reason: '理由充分' }),
      await office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: 999999, orgId: yy, reason: '理由充分' }),
      await office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[15], orgId: yy, reason: '理'.repeat(1001) }),
    ];
    for (const r of unknown) {
      expect([400, 404]).toContain(r.status);
      expect(r.json.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const moveOdd = await save(yueyang, 15, yy, 90);
    expect(moveOdd.status).toBe(200);
    for (const body of [{ event: 'reopen', version: 1 }, { event: 'submit' }, { event: 'submit', version: -1 }, { event: 'submit', version: 1.5 }, { event: 'return', version: 1, comment: '意'.repeat(1001) }]) {
      const r = await yueyang.request('POST', `/api/indicator-reporting/values/${moveOdd.json.value.id}/transition`, body);
      expect([body, r.status]).toEqual([body, 400]);
    }
    expect((await t.db.db.selectFrom('indicator_value').select('id').execute()).length).toBe(before.length + 1);
  });

  it('two saves of the same value at once: one saved, the other a 409 naming who saved it and when; never a silent overwrite', async () => {
    const first = await save(yueyang, 16, yy, 80);
    expect(first.status).toBe(200);
    const yueyang2 = await login(t.app, 'yueyang');
    const answers = await Promise.all([save(yueyang, 16, yy, 81, { version: 1 }), save(yueyang2, 16, yy, 82, { version: 1 })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.status === 409)!;
    expect(lost.json.message).toMatch(/^该数据已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}保存，请刷新后在其基础上修改$/);
    const won = answers.find((r) => r.status === 200)!;
    expect(await stored(first.json.value.id)).toMatchObject({ value: won.json.value.value, version: 2 });
    expect(await auditsOf(first.json.value.id)).toEqual(['indicatorValue.save', 'indicatorValue.save']);
  });

  it('two first saves of one value at once: one row, the other a 409 naming who saved it and when', async () => {
    const yueyang2 = await login(t.app, 'yueyang');
    const answers = await Promise.all([save(yueyang, 17, yy, 90), save(yueyang2, 17, yy, 91)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.status === 409)!;
    expect(lost.json.message).toMatch(/^该数据已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}保存，请刷新后在其基础上修改$/);
    const rows = await t.db.db.selectFrom('indicator_value').select('id').where('period_id', '=', period.id).where('indicator_id', '=', ids[17]!).where('org_id', '=', yy).execute();
    expect(rows).toHaveLength(1);
    expect(await auditsOf(rows[0]!.id)).toEqual(['indicatorValue.save']);
  });

  it('two submits, two reviews, a review and a return at once: one wins, the other a 409 naming who did what and when', async () => {
    const yueyang2 = await login(t.app, 'yueyang');
    const v = await save(yueyang, 18, yy, 95);
    const subs = await Promise.all([move(yueyang, v.json, 'submit'), move(yueyang2, v.json, 'submit')]);
    expect(subs.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(subs.find((r) => r.status === 409)!.json.message).toMatch(/^该数据已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}提交，无需再次提交$/);
    const submitted = subs.find((r) => r.status === 200)!.json;
    const samr2 = await login(t.app, 'samr');
    const reviews = await Promise.all([move(samr, submitted, 'review'), move(samr2, submitted, 'review')]);
    expect(reviews.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(reviews.find((r) => r.status === 409)!.json.message).toMatch(/^该数据已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}审核通过，无需再次审核通过$/);
    expect(await auditsOf(v.json.value.id)).toEqual(['indicatorValue.save', 'indicatorValue.submit', 'indicatorValue.review']);

    const w = await save(yueyang, 19, yy, 95);
    const wsub = await move(yueyang, w.json, 'submit');
    // 工程质量一次竣工验收合格率 is 省住房城乡建设厅's to review; the office may return it meanwhile
    const housing = await login(t.app, 'housing');
    const both = await Promise.all([move(housing, wsub.json, 'review'), move(office, wsub.json, 'return', { comment: '请补充数据来源' })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = both.find((r) => r.status === 409)!;
    expect(lost.json.message).toMatch(/^该数据已由(.+（.+）于.+审核通过|唐碧辉（省质强办）于.+退回)，请刷新后查看最新内容再操作$/);
    const now = await stored(w.json.value.id);
    expect(['reviewed', 'returned']).toContain(now.status);
    expect((await auditsOf(w.json.value.id)).length).toBe(3);
  });

  it('two acceptances, and an acceptance racing a return, at once: one wins, the other a 409 naming who and when', async () => {
    const v = await save(yueyang, 20, yy, 90);
    const sub = await move(yueyang, v.json, 'submit');
    expect(sub.status).toBe(200);
    // 在建水利工程项目质量抽查合格率 is 省水利厅's to review
    const water = await login(t.app, 'water');
    const reviewed = await move(water, sub.json, 'review');
    expect(reviewed.status).toBe(200);
    const office2 = await login(t.app, 'office');
    const answers = await Promise.all([move(office, reviewed.json, 'accept'), move(office2, reviewed.json, 'accept')]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.json.message).toMatch(/^该数据已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}确认，无需再次确认$/);
    const row = (await office.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows.find((r: any) => r.value?.id === v.json.value.id);
    expect(row.value.status).toBe('accepted');

    // 交通工程项目质量合格率 (省交通运输厅): reviewed, then confirmed by one office user while another returns it
    const w = await save(yueyang, 21, yy, 96);
    const wsub = await move(yueyang, w.json, 'submit');
    const wrev = await move(await login(t.app, 'transport'), wsub.json, 'review');
    expect(wrev.status).toBe(200);
    const both = await Promise.all([move(office, wrev.json, 'accept'), move(office2, wrev.json, 'return', { comment: '请核对抽查口径' })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.json.message).toMatch(/^该数据已由您在其他窗口于.+(确认|退回)，请刷新后查看最新内容再操作$/);
    expect(await auditsOf(w.json.value.id)).toHaveLength(4);
  });

  it('two reopenings of an accepted value at once: one reopened, the other a 409; one audit row', async () => {
    const v = (await office.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows.find((r: any) => r.value?.status === 'accepted');
    const body = { indicatorId: v.indicator.id, orgId: v.unit.id, reason: '统计口径调整' };
    const office2 = await login(t.app, 'office');
    const answers = await Promise.all([office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, body), office2.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, body)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.json.message).toMatch(/^该数据已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}重新开放，无需再次重新开放$/);
    expect((await auditsOf(v.value.id)).filter((a) => a === 'indicatorValue.reopen')).toHaveLength(1);
  });

  it('after the lock: no save or submit of a draft (400 saying 质强办 must reopen), a period with odd dates or numbers refused, nothing lost', async () => {
    const draft = await save(changsha, 22, cs, 95);
    expect(draft.status).toBe(200);
    t.config.now = at('2027-01-16');
    const sub = await move(changsha, draft.json, 'submit');
    expect([sub.status, sub.json.message]).toEqual([400, '2024年度填报期已于2027-01-15锁定，需由质强办重新开放后才能填报']);
    const again = await save(changsha, 22, cs, 96, { version: draft.json.value.version });
    expect(again.status).toBe(400);
    expect(await stored(draft.json.value.id)).toMatchObject({ value: 95, status: 'draft', version: 1 });
    const body = { planId: period.planId, year: 2023, quarter: null, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 };
    for (const odd of [{ opensOn: '2026-02-30' }, { closesOn: '2026-13-01' }, { quarter: 0 }, { quarter: 5 }, { lockDays: -1 }, { lockDays: 366 }, { lockDays: 1.5 }, { year: 1e12 }, { planId: 999999 }]) {
      const r = await office.request('POST', '/api/indicator-reporting/periods', { ...body, ...odd });
      expect([odd, r.status]).toEqual([odd, 'planId' in odd ? 404 : 400]);
      expect(r.json.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('a period whose dates run past any sense (closing in 9999, a window of years, opening before its year) is refused in Chinese; nothing saved', async () => {
    const body = { planId: period.planId, year: 2025, quarter: null, opensOn: '2026-01-05', closesOn: '2026-02-28', lockDays: 15 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ closesOn: '9999-12-31' }, 'closesOn', '填报期的截止日期不能晚于2100-12-31（填写的是9999-12-31）'],
      [{ opensOn: '9999-12-01', closesOn: '9999-12-31' }, 'closesOn', '填报期的截止日期不能晚于2100-12-31（填写的是9999-12-31）'],
      [{ closesOn: '2027-01-06' }, 'closesOn', '填报期的截止日期不能晚于开始日期一年以上（开始2026-01-05，截止2027-01-06）'],
      [{ opensOn: '2024-12-31' }, 'opensOn', '2025年度的填报期不能早于2025-01-01开始（填写的是2024-12-31）'],
    ];
    for (const [odd, field, message] of cases) {
      const r = await office.request('POST', '/api/indicator-reporting/periods', { ...body, ...odd });
      expect([odd, r.status, r.json.message, r.json.fields?.[0]?.field]).toEqual([odd, 400, message, field]);
    }
    expect(await t.db.db.selectFrom('indicator_period').select('id').where('year', '=', 2025).execute()).toEqual([]);
    const sane = await office.request('POST', '/api/indicator-reporting/periods', { ...body, opensOn: '2026-10-01', quarter: 3, closesOn: '2026-12-20' });
    expect(sane.status).toBe(201);
  });
});
