/**
 * An expert pool entry links the account of the person it names. 岳阳市质强办 could link 李敏's account (expert2) to an
 * entry named 张三, new or renamed afterwards: 李敏 would then sign in, declare 回避 and score as 张三. The link is refused
 * with a 400 naming both names; the person's own account (spaces aside) is linked as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('an expert entry and the name of its account on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'yueyang.office');
  });
  afterAll(() => t.close());

  const base = { organisation: '岳阳市质量技术研究所', regionId: null, field: '质量管理', title: null };
  const refusal = {
    message: '账户expert2的姓名是「李敏」，与专家姓名「张三」不一致，不能关联：请填写张三本人的评价专家账户，或核对专家姓名',
    fields: [{ field: 'username', message: '该账户的姓名是「李敏」' }],
  };
  const pool = async () => (await t.db.db.selectFrom('expert').innerJoin('org_unit', 'org_unit.id', 'expert.organiser_org_id').select(['expert.name', 'expert.user_id']).where('org_unit.code', '=', 'office-430600').execute());

  it('refuses to add an entry under another person’s name with that account, and saves nothing', async () => {
    const res = await office.request('POST', '/api/evaluation-experts', { ...base, name: '张三', username: 'expert2' });
    expect([res.status, res.json]).toEqual([400, expect.objectContaining(refusal)]);
    expect(await pool()).toEqual([]);
  });

  it('links the person’s own account (spaces in the name aside), and refuses renaming the entry to someone else while linked', async () => {
    const added = await office.request('POST', '/api/evaluation-experts', { ...base, name: '李 敏', username: 'expert2' });
    expect(added.status).toBe(201);
    const li = added.json.items.find((e: any) => e.username === 'expert2');
    const renamed = await office.request('PUT', `/api/evaluation-experts/${li.id}`, { ...base, name: '张三', username: 'expert2', version: li.version, active: true });
    expect([renamed.status, renamed.json]).toEqual([400, expect.objectContaining(refusal)]);
    expect((await pool()).map((e) => e.name)).toEqual(['李 敏']);
    // without the account, the entry is only a name: it may be corrected
    const unlinked = await office.request('PUT', `/api/evaluation-experts/${li.id}`, { ...base, name: '张三', username: null, version: li.version, active: true });
    expect(unlinked.status).toBe(200);
    expect(await pool()).toEqual([{ name: '张三', user_id: null }]);
  });

  it('an entry saved as it stands keeps its link: one linked before this check (or whose account was renamed since) can be edited and taken out of the pool', async () => {
    const office430600 = await t.db.db.selectFrom('org_unit').select('id').where('code', '=', 'office-430600').executeTakeFirstOrThrow();
    const expert3 = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'expert3').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const { id } = await t.db.db
      .insertInto('expert')
      .values({ organiser_org_id: office430600.id, name: '赵六', organisation: base.organisation, region_org_id: null, field: base.field, title: null, user_id: expert3.id, active: 1, created_at: now, updated_at: now, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const left = await office.request('PUT', `/api/evaluation-experts/${id}`, { ...base, name: '赵六', username: 'expert3', version: 1, active: false });
    expect(left.status).toBe(200);
    // renamed, it is checked again
    const renamed = await office.request('PUT', `/api/evaluation-experts/${id}`, { ...base, name: '赵七', username: 'expert3', version: 2, active: false });
    expect([renamed.status, renamed.json.message]).toEqual([400, '账户expert3的姓名是「陈志强」，与专家姓名「赵七」不一致，不能关联：请填写赵七本人的评价专家账户，或核对专家姓名']);
  });
});
