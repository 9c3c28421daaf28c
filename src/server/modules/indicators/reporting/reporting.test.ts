/**
 * Plan-indicator reporting through the API, on SQLite and PostgreSQL: the office opens the 2024 period of the
 * province's plan; 省市场监管局 reports the province's 制造业产品质量合格率, cities report their own; hard errors
 * block with nothing saved, warnings need an explanation; review by the responsible department, acceptance by
 * the office, a return with a comment, 409 on a stale version; the window late and locked (the clock is set, no
 * sleeps), reopening one value for one unit; who sees what; the to-dos; the audit rows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, named, orgId, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../../test/helpers';

const at = (day: string) => () => new Date(`${day}T04:00:00.000Z`);

describe.each(testDialects())('plan-indicator reporting on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let samr: Client;
  let ndrc: Client;
  let ecology: Client;
  let yueyang: Client;
  let changsha: Client;
  let period: any;
  let ids: Record<number, number>;
  let province: number;
  let yy: number;
  beforeAll(async () => {
    // the reporting windows are judged by the request's clock (config.now): the day these tests are about
    t = await makeTestApp(dialect, { now: at('2026-11-28') });
    [office, samr, ndrc, ecology, yueyang, changsha] = await Promise.all(['office', 'samr', 'ndrc', 'ecology', 'yueyang', 'changsha'].map((u) => login(t.app, u)));
    const plan = await t.db.db.selectFrom('indicator_plan').select('id').where('code', '=', 'hunan-14th').executeTakeFirstOrThrow();
    ids = Object.fromEntries((await t.db.db.selectFrom('indicator').select(['id', 'code']).where('plan_id', '=', plan.id).execute()).map((i) => [i.code, i.id]));
    province = await orgId(t.db, '430000');
    yy = await orgId(t.db, '430600');
  });
  afterEach(() => {
    t.config.now = at('2026-11-28');
  });
  afterAll(async () => {
    await t.close();
  });

  const planId = async () => (await t.db.db.selectFrom('indicator_plan').select('id').where('code', '=', 'hunan-14th').executeTakeFirstOrThrow()).id;
  const save = (c: Client, indicator: number, org: number, value: unknown, extra: Record<string, unknown> = {}) =>
    c.request('POST', '/api/indicator-reporting/values', { periodId: period.id, indicatorId: ids[indicator], orgId: org, value, ...extra });
  const move = (c: Client, row: any, event: string, extra: Record<string, unknown> = {}) =>
    c.request('POST', `/api/indicator-reporting/values/${row.value.id}/transition`, { event, version: row.value.version, ...extra });
  const count = async () => Number((await t.db.db.selectFrom('indicator_value').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('the plan office opens the 2024 period; creating it creates no rows; bad input and others refused', async () => {
    const body = { planId: await planId(), year: 2024, quarter: null, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 };
    expect((await samr.request('POST', '/api/indicator-reporting/periods', body)).status).toBe(403);
    const cityOffice = await login(t.app, 'yueyang.office');
    const notOwner = await cityOffice.request('POST', '/api/indicator-reporting/periods', body);
    expect(notOwner.status).toBe(403);
    expect(notOwner.json.message).toContain('只有');
    const outside = await office.request('POST', '/api/indicator-reporting/periods', { ...body, year: 2026 });
    expect(outside.status).toBe(400);
    expect(outside.json.message).toBe('填报年度须在规划期2021—2025年内');
    // the form shows the field's message under 年度 alone: it says the rule, not a bare range
    expect(outside.json.fields).toEqual([{ field: 'year', message: '须在规划期2021—2025年内' }]);
    const backwards = await office.request('POST', '/api/indicator-reporting/periods', { ...body, closesOn: '2026-10-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.json.fields).toEqual([{ field: 'closesOn', message: '不能早于开始日期' }]);
    // a closing date a year early (2025-12-31 for 2026-12-31): locked on the day it is set, nobody could report — refused, nothing set
    const lockedAlready = await office.request('POST', '/api/indicator-reporting/periods', { ...body, opensOn: '2025-01-01', closesOn: '2025-12-31' });
    expect(lockedAlready.status).toBe(400);
    expect(lockedAlready.json.message).toBe('按所填的截止日期和锁定天数，2024年度填报期已于2026-01-15锁定，各单位都无法填报；请核对截止日期');
    expect(lockedAlready.json.fields.map((f: any) => f.field)).toEqual(['closesOn']);
    const r = await office.request('POST', '/api/indicator-reporting/periods', body);
    expect(r.status).toBe(201);
    period = r.json;
    expect(period).toMatchObject({ label: '2024年度', window: 'open', windowLabel: '填报中', lockOn: '2027-01-15', abilities: { manage: true } });
    expect((await office.request('POST', '/api/indicator-reporting/periods', body)).status).toBe(409);
    expect(await count()).toBe(0);
    const list = await yueyang.request('GET', '/api/indicator-reporting/periods');
    expect(list.json.periods.map((p: any) => [p.label, p.abilities.manage])).toEqual([['2024年度', false]]);
  });

  it('who reports what: a department the province value of its indicators, a city its own value of all 24', async () => {
    const mine = await samr.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=report`);
    expect(mine.status).toBe(200);
    expect(mine.json.rows.map((r: any) => r.indicator.code)).toEqual([1, 2, 7, 9, 10, 11, 12, 13, 14, 15, 18]);
    expect(new Set(mine.json.rows.map((r: any) => r.unit.name))).toEqual(new Set(['湖南省']));
    const city = await yueyang.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=report`);
    expect(city.json.rows).toHaveLength(24);
    expect(new Set(city.json.rows.map((r: any) => r.unit.name))).toEqual(new Set(['岳阳市']));
    expect(city.json.rows[0].abilities).toMatchObject({ edit: true, submit: false, review: false });
  });

  it('hard errors block with a Chinese message naming the field, and nothing is saved', async () => {
    const rate = await save(samr, 13, province, 101);
    expect(rate.status).toBe(400);
    expect(rate.json.message).toBe('指标「制造业产品质量合格率」为百分比，数值须在0～100之间（填写的是101）');
    expect(rate.json.fields).toEqual([{ field: 'value', message: rate.json.message }]);
    const negative = await save(samr, 7, province, -2);
    expect(negative.json.message).toBe('指标「中国质量奖」的数值不能为负数（填写的是-2）');
    const nan = await save(samr, 13, province, 'abc');
    expect(nan.status).toBe(400);
    expect(nan.json.message).toContain('数值须为数字');
    const notMine = await save(samr, 3, province, 2600);
    expect([notMine.status, notMine.json.message]).toEqual([403, '湖南省的「绿色食品」由责任单位填报，不由您填报']);
    const otherCity = await save(yueyang, 13, await orgId(t.db, '430100'), 90);
    expect([otherCity.status, otherCity.json.message]).toEqual([403, '长沙市的「制造业产品质量合格率」由长沙市填报，不由您填报']);
    const county = await save(yueyang, 13, await orgId(t.db, '430104'), 90);
    expect(county.json.fields).toEqual([{ field: 'orgId', message: '不是该规划的填报单位' }]);
    t.config.now = at('2026-10-15');
    const early = await save(samr, 13, province, 94);
    expect(early.json.message).toBe('2024年度填报期2026-11-01才开始');
    expect(await count()).toBe(0);
  });

  it('cities report their own values; a city sees its own and the province value, not another city', async () => {
    for (const [c, org, v] of [
      [yueyang, yy, 88],
      [changsha, await orgId(t.db, '430100'), 89],
    ] as const) {
      const r = await save(c, 13, org, v, { sourceDoc: '2024年度产品质量监督抽查结果通报' });
      expect(r.status).toBe(200);
      expect(r.json.value).toMatchObject({ status: 'draft', statusLabel: '填报中', value: v, version: 1 });
      const s = await move(c, r.json, 'submit');
      expect(s.status).toBe(200);
      expect(s.json.value.status).toBe('submitted');
    }
    const seen = await yueyang.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`);
    expect(seen.json.rows.map((r: any) => r.unit.name)).toEqual(['岳阳市']);
    expect((await ndrc.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows).toEqual([]);
  });

  it("a city's office reads the province's plan its city reports into, read-only: its city's and the province's figures; every change refused", async () => {
    const cityOffice = await login(t.app, 'yueyang.office');
    const listed = (await cityOffice.request('GET', '/api/indicator-reporting/periods')).json;
    // (it saw its own plan alone: the province's was not listed under 填报期管理)
    expect(listed.plans.map((p: any) => [p.code, p.abilities.manage])).toEqual([
      ['hunan-14th', false],
      ['yueyang-2025', true],
    ]);
    expect(listed.periods.map((p: any) => [p.id, p.abilities.manage])).toEqual([[period.id, false]]);
    // as on the plan pages (seesAllCities): its own city's figure and the province's, not 长沙市's, nor a draft
    const provinceValue = (indicator: number, status: 'submitted' | 'draft') => ({ period_id: period.id, indicator_id: ids[indicator]!, org_id: province, value: 90, source_doc: null, explanation: null, status, return_comment: null, reopen_reason: null, demo: 0, submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, updated_at: '2026-11-20T00:00:00Z', version: 1 });
    const extra = await t.db.db.insertInto('indicator_value').values([provinceValue(1, 'submitted'), provinceValue(9, 'draft')]).returning('id').execute();
    const seen = (await cityOffice.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows as any[];
    expect(seen.map((r) => [r.indicator.code, r.unit.name, r.value.status])).toEqual([[1, '湖南省', 'submitted'], [13, '岳阳市', 'submitted']]);
    await t.db.db.deleteFrom('indicator_value').where('id', 'in', extra.map((x) => x.id)).execute();
    const rows = (await cityOffice.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows as any[];
    expect(rows.map((r) => [r.unit.name, r.value.status, r.abilities])).toEqual([['岳阳市', 'submitted', { edit: false, submit: false, review: false, accept: false, return: false, reopen: false }]]);
    expect((await cityOffice.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=review`)).json.rows).toEqual([]);
    const changed = async () => (await t.db.db.selectFrom('indicator_value').select(['status', 'version']).where('id', '=', rows[0].value.id).executeTakeFirstOrThrow());
    const before = await changed();
    // each change is the province's (its office, 省市场监管局 reviewing): a 403 naming who, nothing moved
    for (const [event, message] of [
      ['review', '「制造业产品质量合格率」由责任单位审核'],
      ['return', '只有审核单位或湖南省质量强省领导小组办公室可以退回岳阳市的「制造业产品质量合格率」'],
    ] as const) {
      const r = await move(cityOffice, rows[0], event, { comment: '市质强办试图退回' });
      expect([r.status, r.json.message]).toEqual([403, message]);
    }
    const reopen = await cityOffice.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[13], orgId: yy, reason: '市质强办试图重新开放' });
    expect([reopen.status, reopen.json.message]).toEqual([403, '只有湖南省质量强省领导小组办公室可以重新开放填报']);
    const quarter = await cityOffice.request('POST', '/api/indicator-reporting/periods', { planId: await planId(), year: 2024, quarter: 1, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 });
    expect(quarter.status).toBe(403);
    expect(await changed()).toEqual(before);
    expect(await t.db.db.selectFrom('indicator_period').select('id').where('year', '=', 2024).where('quarter', '=', 1).execute()).toEqual([]);
  });

  let row: any;
  it('warnings (province far from the cities) need a written explanation before submit; a stale version is a 409', async () => {
    const r = await save(samr, 13, province, 94, { sourceDoc: '湘市监〔2025〕1号' });
    expect(r.status).toBe(200);
    row = r.json;
    expect(row.checks.warnings).toEqual([{ field: 'value', code: 'province-vs-cities', message: '指标「制造业产品质量合格率」的全省值94与2个市州的平均值88.5相差较大，请说明原因' }]);
    // 2024 path 93.61 + 1.39 × 4/5 = 94.722; 94 → (94 − 93.61) / 1.112 = 35.07 % of the required progress
    expect(row.light).toMatchObject({ status: 'lagging', label: '滞后', yearTarget: 94.722 });
    expect(row.facts.yearTargetText).toBe('94.73');
    const noWhy = await move(samr, row, 'submit');
    expect(noWhy.status).toBe(400);
    expect(noWhy.json.fields[0]).toEqual({ field: 'explanation', message: '数值有1条提示，提交前请在“情况说明”中写明原因（至少5个字）' });
    const stale = await save(samr, 13, province, 94, { version: 0 });
    expect(stale.status).toBe(409);
    const explained = await save(samr, 13, province, 94, { sourceDoc: '湘市监〔2025〕1号', explanation: '市州抽查以小微企业为主，合格率偏低', version: row.value.version });
    expect(explained.status).toBe(200);
    expect((await move(samr, row, 'submit')).status).toBe(409); // the old version
    const s = await move(samr, explained.json, 'submit');
    expect(s.status).toBe(200);
    row = s.json;
    // the province's figure is reviewed by the office (its reporter, the department, does not check its own)
    expect(row.value).toMatchObject({ status: 'submitted', statusLabel: '待质强办审核', late: false, submittedBy: '省市场监管局联络员' });
    expect((await save(samr, 13, province, 95, { version: row.value.version })).json.message).toBe('该数据当前为「待质强办审核」，不能修改');
  });

  it('a binding indicator under the year target and a jump from the last period are warned', async () => {
    const air = await save(ecology, 23, province, 86.5);
    // 2024 path 83 + 5 × 4/5 = 87
    expect(air.json.checks.warnings.map((w: any) => w.code)).toEqual(['binding-target']);
    expect(air.json.light).toMatchObject({ status: 'lagging', yearTarget: 87 });
    // a 2023 period with the province's accepted 消费品质量合格率 of 90.5
    const p2023 = await t.db.db.insertInto('indicator_period').values({ plan_id: await planId(), year: 2023, quarter: null, opens_on: '2024-01-01', closes_on: '2024-02-28', lock_days: 10, created_by: null, created_at: '2024-01-01T00:00:00Z', version: 1 }).returning('id').executeTakeFirstOrThrow();
    await t.db.db.insertInto('indicator_value').values({ period_id: p2023.id, indicator_id: ids[14]!, org_id: province, value: 90.5, source_doc: null, explanation: null, status: 'accepted', return_comment: null, reopen_reason: null, demo: 0, submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, updated_at: '2024-03-01T00:00:00Z', version: 1 }).execute();
    // and a 2023 third quarter (94): a year's annual value is its year-end figure, so 2024 compares with the annual 90.5
    const q3 = await t.db.db.insertInto('indicator_period').values({ plan_id: await planId(), year: 2023, quarter: 3, opens_on: '2023-10-01', closes_on: '2023-10-20', lock_days: 10, created_by: null, created_at: '2023-10-01T00:00:00Z', version: 1 }).returning('id').executeTakeFirstOrThrow();
    await t.db.db.insertInto('indicator_value').values({ period_id: q3.id, indicator_id: ids[14]!, org_id: province, value: 94, source_doc: null, explanation: null, status: 'accepted', return_comment: null, reopen_reason: null, demo: 0, submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, updated_at: '2023-10-25T00:00:00Z', version: 1 }).execute();
    const jump = await save(samr, 14, province, 97);
    expect(jump.json.checks.warnings).toEqual([{ field: 'value', code: 'jump', message: '指标「消费品质量合格率」较2023年度的90.5上升6.5个百分点（超过5个百分点），请说明原因' }]);
  });

  it("a quarterly period: the 约束性 warning holds the figure to the quarter's 序时进度, as the light does, not to the year's target", async () => {
    // 空气质量优良天数比率 (约束性), 2024 target 87 on the path; the year starts from 2023's confirmed 86, so the second quarter's 序时进度 is 86.5
    const q = await office.request('POST', '/api/indicator-reporting/periods', { planId: await planId(), year: 2024, quarter: 2, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 });
    expect(q.status).toBe(201);
    const annual2023 = (await t.db.db.selectFrom('indicator_period').select('id').where('plan_id', '=', await planId()).where('year', '=', 2023).where('quarter', 'is', null).executeTakeFirst())?.id;
    const lastYear = annual2023 ?? (await t.db.db.insertInto('indicator_period').values({ plan_id: await planId(), year: 2023, quarter: null, opens_on: '2024-01-01', closes_on: '2024-02-28', lock_days: 10, created_by: null, created_at: '2024-01-01T00:00:00Z', version: 1 }).returning('id').executeTakeFirstOrThrow()).id;
    const confirmed = await t.db.db.insertInto('indicator_value').values({ period_id: lastYear, indicator_id: ids[23]!, org_id: province, value: 86, source_doc: null, explanation: null, status: 'accepted', return_comment: null, reopen_reason: null, demo: 0, submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, updated_at: '2024-03-01T00:00:00Z', version: 1 }).returning('id').executeTakeFirstOrThrow();
    const quarterly = (value: number, version?: number) => ecology.request('POST', '/api/indicator-reporting/values', { periodId: q.json.id, indicatorId: ids[23], orgId: province, value, version });
    const met = await quarterly(86.6);
    expect(met.status).toBe(200);
    expect(met.json.light).toMatchObject({ status: 'on_track', yearTarget: 86.5 });
    // the warning compared 86.6 with the year's 87 while the light said 符合预期 against 86.5
    expect(met.json.checks.warnings).toEqual([]);
    expect([met.json.facts.yearTarget, met.json.facts.yearTargetText]).toEqual([met.json.light.yearTarget, '86.5']);
    const missed = await quarterly(86.4, met.json.value.version);
    expect(missed.json.light).toMatchObject({ status: 'lagging', yearTarget: 86.5 });
    expect(missed.json.checks.warnings.map((w: any) => w.message)).toEqual(['指标「地级及以上城市空气质量优良天数比率」为约束性指标，数值86.4未达到2024年第2季度序时进度86.5，请说明原因']);
    // not part of the journey below
    await t.db.db.deleteFrom('indicator_value').where((eb) => eb.or([eb('period_id', '=', q.json.id), eb('id', '=', confirmed.id)])).execute();
    await t.db.db.deleteFrom('indicator_period').where('id', 'in', [q.json.id, ...(annual2023 ? [] : [lastYear])]).execute();
  });

  it('a first value far from the 2020 baseline is warned and needs an explanation (no earlier value to compare with)', async () => {
    const r = await save(samr, 2, province, 100000000, { sourceDoc: '测试' });
    expect(r.status).toBe(200);
    expect(r.json.checks.warnings).toEqual([{ field: 'value', code: 'jump', message: '指标「有机产品」较2020年基期的446上升22421424.6637%（超过10%），请说明原因' }]);
    const noWhy = await move(samr, r.json, 'submit');
    expect(noWhy.status).toBe(400);
    expect(noWhy.json.fields[0].field).toBe('explanation');
    const city = await save(yueyang, 2, yy, 100000000, { sourceDoc: '测试' });
    expect(city.json.checks.warnings.map((w: any) => w.message)).toEqual(['指标「有机产品」填写的100000000个超过湖南省2020年基期值446个（岳阳市的数量只是湖南省合计的一部分），请核对后说明原因']);
    // the two drafts are not part of the journey below
    await t.db.db.deleteFrom('indicator_value').where('id', 'in', [r.json.value.id, city.json.value.id]).execute();
  });

  it('review by the responsible department only; the office returns with a comment; corrected, reviewed, accepted; the light changes', async () => {
    expect((await move(ndrc, row, 'review')).status).toBe(404);
    expect((await move(yueyang, row, 'review')).status).toBe(403);
    const noComment = await move(office, row, 'return');
    expect(noComment.status).toBe(400);
    expect(noComment.json.fields).toEqual([{ field: 'comment', message: '请填写退回意见' }]);
    const back = await move(office, row, 'return', { comment: '请核对全省汇总口径' });
    expect(back.status).toBe(200);
    expect(back.json.value).toMatchObject({ status: 'returned', statusLabel: '已退回', returnComment: '请核对全省汇总口径' });
    expect(back.json.abilities).toMatchObject({ edit: false, return: false }); // as the office sees it
    const fixed = await save(samr, 13, province, 94.9, { sourceDoc: '湘市监〔2025〕1号', explanation: '按全省汇总口径重新核算', version: back.json.value.version });
    expect(fixed.json.light).toMatchObject({ status: 'on_track', label: '符合预期' });
    const again = await move(samr, fixed.json, 'submit');
    expect(again.json.value.returnComment).toBeNull();
    expect((await move(office, again.json, 'accept')).status).toBe(409);
    // nobody checks a figure they reported: the province's figure, reported by 省市场监管局, is reviewed by the office
    expect(again.json.abilities.review).toBe(false);
    const own = await move(samr, again.json, 'review');
    expect([own.status, own.json.message]).toEqual([403, '全省的「制造业产品质量合格率」由责任单位填报、质强办审核，填报单位不能审核本单位报送的数据']);
    const reviewed = await move(office, again.json, 'review');
    expect(reviewed.json.value.status).toBe('reviewed');
    expect((await move(samr, reviewed.json, 'return', { comment: '部门不能退回已审核的' })).status).toBe(403);
    expect((await move(samr, reviewed.json, 'accept')).status).toBe(403);
    const accepted = await move(office, reviewed.json, 'accept');
    expect(accepted.json.value).toMatchObject({ status: 'accepted', statusLabel: '已确认' });
    expect(accepted.json.light.status).toBe('on_track');
    // the checks describe the value's own unit, whoever reads it: not "湖南省不负责填报" because the office does not report it
    expect(accepted.json.checks.errors).toEqual([]);
    row = accepted.json;
  });

  it('who may not move a value at all is told so first (403), whatever version or state: a leader, and a department on a move that is not its own', async () => {
    const leader = await login(t.app, 'leader');
    const denied = async () => Number((await t.db.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'access.denied').executeTakeFirstOrThrow()).n);
    const before = await denied();
    const moves: [string, Record<string, unknown>][] = [['submit', {}], ['review', {}], ['accept', {}], ['return', { comment: '领导不能退回' }], ['return', {}]];
    for (const [event, extra] of moves) {
      for (const version of [row.value.version, row.value.version + 5]) {
        const r = await leader.request('POST', `/api/indicator-reporting/values/${row.value.id}/transition`, { event, version, ...extra });
        expect([event, version, r.status]).toEqual([event, version, 403]);
      }
    }
    // 省市场监管局 reported the province's figure: it never confirms it, stale version or not
    const stale = await samr.request('POST', `/api/indicator-reporting/values/${row.value.id}/transition`, { event: 'accept', version: row.value.version + 5 });
    expect([stale.status, stale.json.message]).toEqual([403, '只有湖南省质量强省领导小组办公室可以确认']);
    // a city reads the province's figure but did not report it: told who reviews it, not that a reporter cannot review its own
    const city = await changsha.request('POST', `/api/indicator-reporting/values/${row.value.id}/transition`, { event: 'review', version: row.value.version });
    expect([city.status, city.json.message]).toEqual([403, '全省的「制造业产品质量合格率」由湖南省质量强省领导小组办公室审核']);
    expect(await denied()).toBe(before + moves.length * 2 + 2);
    expect(await t.db.db.selectFrom('indicator_value').select(['status', 'version']).where('id', '=', row.value.id).executeTakeFirstOrThrow()).toEqual({ status: 'accepted', version: row.value.version });
  });

  it('to-dos: the reporter for missing values, the department for submitted ones, the office for reviewed ones, the reporter for a return', async () => {
    const titles = async (c: Client) => (await c.request('GET', '/api/todos')).json.items.map((i: any) => i.title).filter((x: string) => x.includes('规划指标'));
    expect(await titles(samr)).toEqual(expect.arrayContaining(['审核2024年度规划指标数据（2项待审核）', '填报2024年度规划指标数据（10项未提交）']));
    const yr = await yueyang.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=report`);
    const y13 = yr.json.rows.find((r: any) => r.indicator.code === 13);
    await move(samr, y13, 'return', { comment: '请附抽查通报文号' });
    expect(await titles(yueyang)).toEqual(expect.arrayContaining(['修改退回的规划指标数据：制造业产品质量合格率（岳阳市，2024年度）', '填报2024年度规划指标数据（23项未提交）']));
    const cs = (await changsha.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=report`)).json.rows.find((r: any) => r.indicator.code === 13);
    await move(samr, cs, 'review');
    expect(await titles(office)).toContain('确认2024年度规划指标数据（1项已审核待确认）');
    const review = await office.request('GET', '/api/indicator-reporting/review');
    expect(review.json.rows.map((r: any) => [r.unit.name, r.value.status, r.abilities.accept])).toEqual([['长沙市', 'reviewed', true]]);
    expect(review.json.rows[0].checks.errors).toEqual([]);
    const csAccepted = await move(office, review.json.rows[0], 'accept');
    expect(csAccepted.json.checks.errors).toEqual([]);
  });

  it('late after closes_on (flagged), locked after the lock days; the office reopens one value for one unit', async () => {
    t.config.now = at('2027-01-05');
    const late = await save(yueyang, 14, yy, 91);
    expect(late.status).toBe(200);
    const sub = await move(yueyang, late.json, 'submit');
    expect(sub.json.value.late).toBe(true);
    expect((await office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[16], orgId: yy, reason: '补报' })).json.message).toBe('2024年度填报期尚未锁定，岳阳市仍可填报，无需重新开放');
    t.config.now = at('2027-01-16');
    const locked = await save(yueyang, 16, yy, 99);
    expect(locked.status).toBe(400);
    expect(locked.json.message).toBe('2024年度填报期已于2027-01-15锁定，需由质强办重新开放后才能填报');
    expect((await samr.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[16], orgId: yy, reason: '补报' })).status).toBe(403);
    const noReason = await office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[16], orgId: yy, reason: '' });
    expect(noReason.status).toBe(400);
    const reopened = await office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[16], orgId: yy, reason: '岳阳市农业农村局数据延迟发布' });
    expect(reopened.status).toBe(200);
    expect(reopened.json.value).toMatchObject({ status: 'draft', reopenReason: '岳阳市农业农村局数据延迟发布', value: null });
    expect((await save(yueyang, 16, yy, 99, { version: reopened.json.value.version })).status).toBe(200);
    // reopened again after the unit saved its draft: told who reopened it, not that 岳阳市 saved something to look at
    const again = await office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[16], orgId: yy, reason: '再次开放' });
    expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(/^该数据已由您在其他窗口于.+重新开放，无需再次重新开放$/)]);
    // only that value of that unit: another of its values stays locked
    expect((await save(yueyang, 17, yy, 100)).status).toBe(400);
    // an accepted value is reopened back to its reporter
    const back = await office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[13], orgId: province, reason: '国家统计口径调整' });
    expect(back.json.value).toMatchObject({ status: 'returned', reopenReason: '国家统计口径调整', returnComment: '国家统计口径调整' });
    expect((await save(samr, 13, province, 94.8, { explanation: '按国家统计口径调整', version: back.json.value.version })).status).toBe(200);
  });

  it('two reopenings of the same never-saved value at once (a double click): one reopened, the other a 409 in Chinese, one audit row', async () => {
    t.config.now = at('2027-01-16');
    const cs = await orgId(t.db, '430100');
    const body = { indicatorId: ids[17], orgId: cs, reason: '长沙市药监数据延迟发布' };
    const answers = await Promise.all(Array.from({ length: 4 }, () => office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, body)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    for (const r of answers.filter((x) => x.status === 409)) expect(r.json.message).toMatch(/^该数据已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}重新开放，无需再次重新开放$/);
    const rows = await t.db.db.selectFrom('indicator_value').select('id').where('period_id', '=', period.id).where('indicator_id', '=', ids[17]!).where('org_id', '=', cs).execute();
    expect(rows).toHaveLength(1);
    const audits = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'indicatorValue.reopen').where('entity_id', '=', String(rows[0]!.id)).execute();
    expect(audits).toHaveLength(1);
  });

  it('已重新开放 stands while the reopened value is not accepted again: submitted and reviewed still reopened, accepted no more', async () => {
    t.config.now = at('2027-01-16');
    const rowOf = async () => (await office.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=all`)).json.rows.find((r: any) => r.indicator.code === 13 && r.unit.id === province);
    const reopened = await rowOf();
    expect(reopened.value).toMatchObject({ status: 'returned', reopenReason: '国家统计口径调整' });
    expect(reopened.facts.reopened).toBe(true);
    const submitted = await move(samr, reopened, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.json.facts.reopened).toBe(true);
    const reviewed = await move(office, submitted.json, 'review');
    expect(reviewed.json.facts.reopened).toBe(true);
    const accepted = await move(office, reviewed.json, 'accept');
    expect(accepted.json.value).toMatchObject({ status: 'accepted', value: 94.8, confirmed: null });
    // the reason stays on record; the mark (and the window it opened) is over
    expect(accepted.json.value.reopenReason).toBe('国家统计口径调整');
    expect(accepted.json.facts.reopened).toBe(false);
    expect((await rowOf()).facts.reopened).toBe(false);
  });

  it('a value returned after the lock says, to its reporter and to the office, that the period is locked and 质强办 must reopen it', async () => {
    t.config.now = at('2027-01-16');
    const rowsOf = async (c: Client, scope: string) => (await c.request('GET', `/api/indicator-reporting/periods/${period.id}/rows?scope=${scope}`)).json.rows as any[];
    const todos = async (c: Client) => ((await c.request('GET', '/api/todos')).json.items as any[]).filter((x) => x.title.includes('消费品质量合格率'));
    // 岳阳市's 消费品质量合格率, submitted late, is returned by 省市场监管局 after the lock
    const y14 = (await rowsOf(samr, 'all')).find((r) => r.indicator.code === 14 && r.unit.id === yy);
    expect(y14.value.status).toBe('submitted');
    const back = await move(samr, y14, 'return', { comment: '请按统计年鉴口径核对' });
    expect(back.status).toBe(200);
    const notice = '2024年度填报期已于2027-01-15锁定，需由质强办重新开放后才能修改退回的数据';
    expect(back.json.lockedReturn).toBe(notice);
    const mine = (await rowsOf(yueyang, 'report')).find((r) => r.indicator.code === 14);
    expect(mine).toMatchObject({ lockedReturn: notice, abilities: { edit: false, submit: false } });
    const refused = await save(yueyang, 14, yy, 91.2, { version: mine.value.version });
    expect([refused.status, refused.json.message]).toEqual([400, '2024年度填报期已于2027-01-15锁定，需由质强办重新开放后才能填报']);
    expect(await todos(yueyang)).toEqual([
      expect.objectContaining({ kind: 'indicators.returned', title: '退回的规划指标数据需质强办重新开放：消费品质量合格率（岳阳市，2024年度）', detail: `${notice}，请联系质强办；退回意见：请按统计年鉴口径核对` }),
    ]);
    expect(await todos(office)).toEqual([
      expect.objectContaining({ kind: 'indicators.reopen', title: '重新开放退回的规划指标数据：消费品质量合格率（岳阳市，2024年度）', detail: `${notice}；退回意见：请按统计年鉴口径核对`, link: `/indicators-reporting/periods?period=${period.id}&value=${mine.value.id}` }),
    ]);
    // the office reopens it: the reporter may change it again, and the to-dos are the usual ones
    const reopened = await office.request('POST', `/api/indicator-reporting/periods/${period.id}/reopen`, { indicatorId: ids[14], orgId: yy, reason: '按统计年鉴口径补正' });
    expect(reopened.status).toBe(200);
    expect(reopened.json).toMatchObject({ lockedReturn: null, value: { status: 'returned', reopenReason: '按统计年鉴口径补正' } });
    expect((await rowsOf(yueyang, 'report')).find((r) => r.indicator.code === 14)).toMatchObject({ lockedReturn: null, abilities: { edit: true, submit: true } });
    expect((await todos(yueyang)).map((x) => x.title)).toEqual(['修改退回的规划指标数据：消费品质量合格率（岳阳市，2024年度）']);
    expect(await todos(office)).toEqual([]);
  });

  it("a city's own plan: its office sets the period, the city reports, the city office reviews its own indicators and accepts", async () => {
    const cityOffice = await login(t.app, 'yueyang.office');
    const plan = await t.db.db.selectFrom('indicator_plan').select('id').where('code', '=', 'yueyang-2025').executeTakeFirstOrThrow();
    expect((await office.request('POST', '/api/indicator-reporting/periods', { planId: plan.id, year: 2024, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 10 })).status).toBe(403);
    const p = await cityOffice.request('POST', '/api/indicator-reporting/periods', { planId: plan.id, year: 2024, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 10 });
    expect(p.status).toBe(201);
    // another city does not see Yueyang's plan
    expect((await changsha.request('GET', `/api/indicator-reporting/periods/${p.json.id}/rows`)).status).toBe(404);
    const rows = (await yueyang.request('GET', `/api/indicator-reporting/periods/${p.json.id}/rows?scope=report`)).json.rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r: any) => r.unit.name))).toEqual(new Set(['岳阳市']));
    const own = rows.find((r: any) => r.indicator.departments.length === 0);
    const saved = await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: p.json.id, indicatorId: own.indicator.id, orgId: yy, value: 30 });
    expect(saved.status).toBe(200);
    // no baseline in the seed for a city's own indicator: the light cannot judge
    expect(saved.json.light).toMatchObject({ status: 'unknown' });
    const sub = await move(yueyang, saved.json, 'submit');
    expect(sub.status).toBe(200);
    expect((await move(samr, sub.json, 'review')).status).toBe(404); // a department sees only its indicators
    const reviewed = await move(cityOffice, sub.json, 'review');
    expect(reviewed.json.value.status).toBe('reviewed');
    // the province office supervises the cities: it reads Yueyang's plan under 填报期管理, but the city's office accepts
    const notMine = await move(office, reviewed.json, 'accept');
    expect(notMine.status).toBe(403);
    expect(notMine.json.message).toBe('只有岳阳市质量强市领导小组办公室可以确认');
    expect((await move(cityOffice, reviewed.json, 'accept')).json.value.status).toBe('accepted');
    const listed = (await office.request('GET', '/api/indicator-reporting/periods')).json;
    expect(listed.plans.find((x: any) => x.id === plan.id)).toMatchObject({ ownerName: '岳阳市质量强市领导小组办公室', abilities: { manage: false } });
    expect(listed.periods.find((x: any) => x.id === p.json.id)).toMatchObject({ label: '2024年度', abilities: { manage: false } });
    const seenByProvince = (await office.request('GET', `/api/indicator-reporting/periods/${p.json.id}/rows?scope=all`)).json.rows as any[];
    expect(seenByProvince.map((r) => [r.indicator.id, r.unit.name, r.value.status, r.abilities.reopen])).toEqual([[own.indicator.id, '岳阳市', 'accepted', false]]);
    expect((await office.request('GET', `/api/indicator-reporting/periods/${p.json.id}/rows?scope=review`)).json.rows).toEqual([]);
    const reopenByProvince = await office.request('POST', `/api/indicator-reporting/periods/${p.json.id}/reopen`, { indicatorId: own.indicator.id, orgId: yy, reason: '省质强办试图重新开放' });
    expect(reopenByProvince.status).toBe(403);
    expect(reopenByProvince.json.message).toBe('只有岳阳市质量强市领导小组办公室可以重新开放填报');
    // a province department neither sees a city's own plan (as on the plan pages) nor reviews it: the city's office does
    expect((await samr.request('GET', `/api/indicator-reporting/periods/${p.json.id}/rows?scope=all`)).status).toBe(404);
    expect((await samr.request('GET', '/api/indicator-reporting/periods')).json.periods.map((x: any) => x.id)).not.toContain(p.json.id);
    const inherited = rows.find((r: any) => r.indicator.departments.length > 0);
    const draft = await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: p.json.id, indicatorId: inherited.indicator.id, orgId: yy, value: 95, explanation: '草稿说明' });
    expect(draft.status).toBe(200);
    // a draft is its reporter's and the plan office's: nobody else reads its content
    const cityRows = async (c: Client) => (await c.request('GET', `/api/indicator-reporting/periods/${p.json.id}/rows?scope=all`)).json.rows as any[];
    expect((await cityRows(cityOffice)).find((r) => r.indicator.id === inherited.indicator.id)?.value?.status).toBe('draft');
    expect((await cityRows(await login(t.app, 'leader'))).find((r) => r.indicator.id === inherited.indicator.id)?.value ?? null).toBeNull();
    expect((await cityRows(office)).find((r) => r.indicator.id === inherited.indicator.id)?.value ?? null).toBeNull();
    const inheritedSub = await move(yueyang, draft.json, 'submit');
    expect((await move(samr, inheritedSub.json, 'review')).status).toBe(404);
    expect((await move(cityOffice, inheritedSub.json, 'review')).json.value.status).toBe('reviewed');
  });


  it("a city's own plan has no baseline, yet its plan year's figure is judged against the plan's target: 滞后 when missed, 符合预期 when met (sheet and table alike)", async () => {
    const cityOffice = await login(t.app, 'yueyang.office');
    const plan = await t.db.db.selectFrom('indicator_plan').select('id').where('code', '=', 'yueyang-2025').executeTakeFirstOrThrow();
    const inds = Object.fromEntries((await t.db.db.selectFrom('indicator').select(['id', 'name']).where('plan_id', '=', plan.id).execute()).map((i) => [i.name, i.id]));
    const p = await cityOffice.request('POST', '/api/indicator-reporting/periods', { planId: plan.id, year: 2025, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 10 });
    expect(p.status).toBe(201);
    const report = async (name: string, value: number) => {
      const saved = await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: p.json.id, indicatorId: inds[name], orgId: yy, value });
      expect(saved.status).toBe(200);
      const sub = await move(yueyang, saved.json, 'submit');
      const reviewed = await move(cityOffice, sub.json, 'review');
      expect((await move(cityOffice, reviewed.json, 'accept')).json.value.status).toBe('accepted');
      return saved.json;
    };
    // 制造业产品质量合格率 ≥95 by 2025 (seed 002): 90.5 misses it; 基本药物抽检合格率 100 meets it
    const missed = await report('制造业产品质量合格率', 90.5);
    expect(missed.light).toMatchObject({ status: 'lagging', label: '滞后', yearTarget: 95 });
    expect(missed.light.reason).toContain('未达到2025年目标');
    expect((await report('基本药物抽检合格率', 100)).light).toMatchObject({ status: 'on_track', yearTarget: 100 });
    const table = (await cityOffice.request('GET', `/api/indicator-plans/${plan.id}/indicators?year=2025`)).json.rows as any[];
    expect(table.find((r) => r.name === '制造业产品质量合格率').status).toMatchObject({ year: 2025, status: 'lagging', label: '滞后', yearTarget: 95, metYear: false });
    expect(table.find((r) => r.name === '基本药物抽检合格率').status).toMatchObject({ status: 'on_track', metYear: true });
    // a worded plan target (服务质量满意度全面提升) is still not judged
    const worded = await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: p.json.id, indicatorId: inds['服务质量满意度'], orgId: yy, value: 88 });
    expect(worded.json.light).toMatchObject({ status: 'unknown' });
  });
  it("a city's own indicator with a year target its office set: the form's target, the checks and the light all hold the figure to it", async () => {
    const cityOffice = await login(t.app, 'yueyang.office');
    const plan = await t.db.db.selectFrom('indicator_plan').select('id').where('code', '=', 'yueyang-2025').executeTakeFirstOrThrow();
    const inds = Object.fromEntries((await t.db.db.selectFrom('indicator').select(['id', 'name']).where('plan_id', '=', plan.id).execute()).map((i) => [i.name, i.id]));
    const water = inds['地表水达到或优于III类水质断面比例']; // 约束性, ≥94 by 2025, no baseline
    expect((await cityOffice.request('PUT', `/api/indicators/${water}/targets/2023`, { target: { bound: 'min', value: 92 }, reason: '按2023年工作要点' })).status).toBe(200);
    const p = await cityOffice.request('POST', '/api/indicator-reporting/periods', { planId: plan.id, year: 2023, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 10 });
    expect(p.status).toBe(201);
    const row = (await yueyang.request('GET', `/api/indicator-reporting/periods/${p.json.id}/rows?scope=report`)).json.rows.find((r: any) => r.indicator.id === water);
    // the form names the target the light holds the figure to (it named none, and the light judged against ≥92)
    expect([row.facts.yearTarget, row.facts.yearTargetText]).toEqual([92, '≥92']);
    const saved = await yueyang.request('POST', '/api/indicator-reporting/values', { periodId: p.json.id, indicatorId: water, orgId: yy, value: 91 });
    expect(saved.status).toBe(200);
    expect(saved.json.light).toMatchObject({ status: 'lagging', yearTarget: 92 });
    expect(saved.json.facts.yearTarget).toBe(saved.json.light.yearTarget);
    // a constraint missed asks for a word why, against the same target
    expect(saved.json.checks.warnings.map((w: any) => w.message)).toEqual(['指标「地表水达到或优于III类水质断面比例」为约束性指标，数值91未达到2023年目标≥92，请说明原因']);
    expect((await move(yueyang, saved.json, 'submit')).status).toBe(400);
  });
  it('two offices opening the same period at once: one period, the others a 409 saying it exists (annual and quarterly)', async () => {
    for (const quarter of [null, 3]) {
      const body = { planId: await planId(), year: 2022, quarter, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 };
      const answers = await Promise.all(Array.from({ length: 6 }, () => office.request('POST', '/api/indicator-reporting/periods', body)));
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      // all six from one account: the losers are told it was their own other window, and when
      for (const r of answers.filter((x) => x.status === 409)) expect(r.json.message).toMatch(named(`${quarter ? '2022年第3季度' : '2022年度'}填报期已存在，已由您在其他窗口于<T>设置，请刷新后查看`));
      const rows = await t.db.db.selectFrom('indicator_period').select('id').where('year', '=', 2022).where('plan_id', '=', body.planId).execute();
      expect(rows).toHaveLength(quarter ? 2 : 1);
    }
  });

  it.runIf(dialect === 'postgres')('a period opened by a colleague (then the caller’s other window) while the request was on its way: a 409 naming who opened it and when, nothing of the loser saved', async () => {
    const plan = await planId();
    const idOf = async (username: string) => (await t.db.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
    const colleague = (await t.db.db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.org_unit_id').select(['u.display_name', 'o.short_name']).where('u.username', '=', 'office2').executeTakeFirstOrThrow());
    for (const [quarter, by, who] of [[1, await idOf('office2'), `${colleague.display_name}（${colleague.short_name}）`], [2, await idOf('office'), '您在其他窗口']] as const) {
      // the other window's period, held uncommitted: the request reads no such period (READ COMMITTED), its insert waits
      // on the key indicator_period_one and fails on it once the other commits
      const res = await raceAgainstHeld(
        t.db,
        (trx) => trx.insertInto('indicator_period').values({ plan_id: plan, year: 2021, quarter, opens_on: '2026-11-01', closes_on: '2026-12-20', lock_days: 10, created_by: by, created_at: new Date().toISOString(), version: 1 }).execute(),
        () => office.request('POST', '/api/indicator-reporting/periods', { planId: plan, year: 2021, quarter, opensOn: '2026-11-01', closesOn: '2026-12-31', lockDays: 15 }),
      );
      expect(res.status).toBe(409);
      expect(res.json.message).toMatch(named(`2021年第${quarter}季度填报期已存在，已由${who}于<T>设置，请刷新后查看`));
      const rows = await t.db.db.selectFrom('indicator_period').select(['closes_on', 'lock_days']).where('plan_id', '=', plan).where('year', '=', 2021).where('quarter', '=', quarter).execute();
      expect(rows).toEqual([{ closes_on: '2026-12-20', lock_days: 10 }]);
    }
  });

  it("a city's light on the sheet is the matrix's: no city baseline, so its figure against the province's year target", async () => {
    // 2024 path of 14: 90.1 + 3.4 × 4/5 = 92.82. 92.8 made 99 % of the province's required progress from the province's
    // 2020 figure, which is not the city's; the matrix (CITY_LIGHT_RULE) calls it 滞后, and so must the sheet and the form
    const cs = await orgId(t.db, '430100');
    const short = await save(changsha, 14, cs, 92.8);
    expect(short.status).toBe(200);
    expect(short.json.light).toMatchObject({ status: 'lagging', yearTarget: 92.82, ratio: null });
    expect(short.json.light.reason).toBe('市州无基期值，按湖南省2024年目标比较：实际值92.8%未达到目标92.9%');
    expect(short.json.facts.city).toBe(true);
    // the form names the target as the indicator's page prints it (92.9), not the worked-out 92.82 beside it
    expect([short.json.facts.yearTarget, short.json.facts.yearTargetText]).toEqual([92.82, '92.9']);
    const met = await save(changsha, 14, cs, 92.9, { version: short.json.value.version });
    expect(met.json.light).toMatchObject({ status: 'on_track', reason: '市州无基期值，按湖南省2024年目标比较：实际值92.9%达到目标92.9%' });
    const ahead = await save(changsha, 14, cs, 93.6, { version: met.json.value.version });
    expect(ahead.json.light).toMatchObject({ status: 'ahead', reason: '实际值93.6%已达到规划目标93.5%' });
    await t.db.db.deleteFrom('indicator_value').where('id', '=', short.json.value.id).execute();
  });

  it('audits every change with a label', async () => {
    const rows = await t.db.db.selectFrom('audit_log').select('action').where('action', 'like', 'indicator%').execute();
    const actions = new Set(rows.map((r) => r.action));
    expect(actions).toEqual(new Set(['indicatorPeriod.create', 'indicatorValue.save', 'indicatorValue.submit', 'indicatorValue.review', 'indicatorValue.accept', 'indicatorValue.return', 'indicatorValue.reopen', 'indicator.target.set']));
    const { actionLabel } = await import('../../../../shared/audit-labels');
    for (const a of actions) expect(actionLabel(a)).not.toBe(a);
  });
});
