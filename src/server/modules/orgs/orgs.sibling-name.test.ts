/**
 * Sibling units may not share a name (two 长沙市 under 湖南省). The check sat in the route, outside the change's
 * transaction, so administrators adding (or renaming to) one name at the same moment all passed it and the tree held
 * twins. The commands now check inside the transaction, and the unique index org_unit_sibling_name decides a race the
 * check cannot see (PostgreSQL, READ COMMITTED): every loser hears the same 409 naming the unit that holds the name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('sibling unit names on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let yueyang: number;
  const at = new Date().toISOString();
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    admin = await login(t.app, 'admin');
    yueyang = await orgId(t.db, '430600');
  });
  afterAll(() => t.close());

  const named = (name: string) => t.db.db.selectFrom('org_unit').select(['code', 'name']).where('parent_id', '=', yueyang).where('name', '=', name).execute();
  const refusal = (code: string, name: string) => ({
    message: `「岳阳市」下已有名为「${name}」的机构（代码${code}），同一上级下的机构名称不能相同`,
    fields: [{ field: 'name', message: `「${name}」已存在` }],
  });

  it('15 administrators adding one name under one parent at once: exactly one 201, every other a 409 naming it', async () => {
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => admin.request('POST', '/api/orgs', { code: `yy-lg-${i}`, name: '临港新区', kind: 'county', parentId: yueyang })),
    );
    const made = answers.filter((a) => a.status === 201);
    expect(made, JSON.stringify(answers.map((a) => [a.status, a.json.message]))).toHaveLength(1);
    const holder = made[0].json.code as string;
    for (const a of answers.filter((x) => x !== made[0])) expect([a.status, a.json]).toEqual([409, expect.objectContaining(refusal(holder, '临港新区'))]);
    expect(await named('临港新区')).toEqual([{ code: holder, name: '临港新区' }]);
  });

  it('15 renames of different siblings to one name at once: exactly one 200, every other a 409 naming it', async () => {
    const codes = Array.from({ length: 15 }, (_, i) => `yy-hb-${i}`);
    const ids: number[] = [];
    for (const code of codes) ids.push((await admin.request('POST', '/api/orgs', { code, name: `改名前${code}`, kind: 'county', parentId: yueyang })).json.id);
    const answers = await Promise.all(ids.map((id) => admin.request('PATCH', `/api/orgs/${id}`, { name: '湖滨新区', version: 1 })));
    const renamed = answers.filter((a) => a.status === 200);
    expect(renamed, JSON.stringify(answers.map((a) => [a.status, a.json.message]))).toHaveLength(1);
    for (const a of answers.filter((x) => x !== renamed[0])) expect([a.status, a.json]).toEqual([409, expect.objectContaining(refusal(renamed[0].json.code, '湖滨新区'))]);
    expect(await named('湖滨新区')).toEqual([{ code: renamed[0].json.code, name: '湖滨新区' }]);
  });

  it.runIf(dialect === 'postgres')('a unit of the name added by another administrator, not yet committed: the index refuses the request with the same 409, never a 500', async () => {
    const hold = (trx: Parameters<Parameters<typeof raceAgainstHeld>[1]>[0]) =>
      trx.insertInto('org_unit').values({ code: 'yy-nh-1', name: '南湖新区', short_name: null, kind: 'county', parent_id: yueyang, sort_order: 0, version: 1, created_at: at, updated_at: at }).execute();
    const added = await raceAgainstHeld(t.db, hold, () => admin.request('POST', '/api/orgs', { code: 'yy-nh-2', name: '南湖新区', kind: 'county', parentId: yueyang }));
    expect([added.status, added.json]).toEqual([409, expect.objectContaining(refusal('yy-nh-1', '南湖新区'))]);
    expect(await named('南湖新区')).toEqual([{ code: 'yy-nh-1', name: '南湖新区' }]);
    // a rename to a name just taken likewise
    const other = (await admin.request('POST', '/api/orgs', { code: 'yy-cl-1', name: '城陵矶新区', kind: 'county', parentId: yueyang })).json;
    const renamed = await raceAgainstHeld(
      t.db,
      (trx) => trx.insertInto('org_unit').values({ code: 'yy-dt-1', name: '洞庭新区', short_name: null, kind: 'county', parent_id: yueyang, sort_order: 0, version: 1, created_at: at, updated_at: at }).execute(),
      () => admin.request('PATCH', `/api/orgs/${other.id}`, { name: '洞庭新区', version: other.version }),
    );
    expect([renamed.status, renamed.json]).toEqual([409, expect.objectContaining(refusal('yy-dt-1', '洞庭新区'))]);
    expect(await t.db.db.selectFrom('org_unit').select('name').where('id', '=', other.id).executeTakeFirstOrThrow()).toEqual({ name: '城陵矶新区' });
  });
});
