/**
 * Server paging of the cycle list and of a cycle's declaration list (issue 10): page and pageSize (default 20,
 * at most 100), a state filter, sorting by year / by member unit, { items, total, page, pageSize }, and a 400
 * with a Chinese message for a bad parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, openTestCycle, testDialects, type Client, type TestApp } from '../../../test/helpers';

describe.each(testDialects())('paging the cycle and declaration lists, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let first: any;
  const years = Array.from({ length: 25 }, (_, i) => 2000 + i);

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle: first } = await openTestCycle(t, { year: 2024 }));
    for (const year of years.filter((y) => y !== 2024)) await openTestCycle(t, { year, departments: ['ndrc'] });
    // five cycles further on: 2000–2002 in scheme making, 2003–2004 published
    const idsOf = async (ys: number[]) => (await t.db.db.selectFrom('assessment_cycle').select('id').where('year', 'in', ys).execute()).map((r) => r.id);
    await t.db.db.updateTable('assessment_cycle').set({ status: 'scheme' }).where('id', 'in', await idsOf([2000, 2001, 2002])).execute();
    await t.db.db.updateTable('assessment_cycle').set({ status: 'published' }).where('id', 'in', await idsOf([2003, 2004])).execute();
  });
  afterAll(() => t.close());

  const get = (c: Client, url: string) => c.request('GET', url);

  it('gives 20 cycles a page by default, newest year first, with the total', async () => {
    const r = await get(office, '/api/cycles');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ total: 25, page: 1, pageSize: 20 });
    expect(r.json.items.map((c: any) => c.year)).toEqual([...years].reverse().slice(0, 20));
    const p2 = await get(office, '/api/cycles?page=2');
    expect(p2.json.items.map((c: any) => c.year)).toEqual([2004, 2003, 2002, 2001, 2000]);
    expect((await get(office, '/api/cycles?page=3')).json).toMatchObject({ items: [], total: 25, page: 3 });
  });

  it('sorts by year either way and pages beyond 20 with a larger page size (at most 100)', async () => {
    const asc = await get(office, '/api/cycles?sort=year&pageSize=7&page=2');
    expect(asc.json).toMatchObject({ total: 25, page: 2, pageSize: 7 });
    expect(asc.json.items.map((c: any) => c.year)).toEqual([2007, 2008, 2009, 2010, 2011, 2012, 2013]);
    const all = await get(office, '/api/cycles?pageSize=100&sort=-year');
    expect(all.json.items.map((c: any) => c.year)).toEqual([...years].reverse());
  });

  it('filters by one state or several, the total counting the filtered cycles', async () => {
    const scheme = await get(office, '/api/cycles?status=scheme');
    expect(scheme.json.total).toBe(3);
    expect(scheme.json.items.map((c: any) => [c.year, c.status])).toEqual([
      [2002, 'scheme'],
      [2001, 'scheme'],
      [2000, 'scheme'],
    ]);
    const two = await get(office, '/api/cycles?status=published,scheme&sort=year&pageSize=2');
    expect(two.json).toMatchObject({ total: 5, pageSize: 2 });
    expect(two.json.items.map((c: any) => c.year)).toEqual([2000, 2001]);
    expect((await get(office, '/api/cycles?status=review')).json).toMatchObject({ items: [], total: 0 });
  });

  it('pages only the cycles the caller takes part in', async () => {
    const samr = await login(t.app, 'samr');
    const r = await get(samr, '/api/cycles?pageSize=5');
    // samr is invited only to the 2024 cycle, and evaluates key points of every scheme copied from 2022
    expect(r.json.total).toBe(25);
    const city = await login(t.app, 'yueyang.office');
    expect((await get(city, '/api/cycles')).json).toMatchObject({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('refuses bad paging, filter and sort parameters with a Chinese 400', async () => {
    const bad: [string, RegExp][] = [
      ['page=0', /页码从1开始/],
      ['page=abc', /页码/],
      ['pageSize=101', /每页1至100条/],
      ['pageSize=0', /每页1至100条/],
      ['pageSize=2.5', /每页条数须为整数/],
      ['status=closed', /状态筛选应为指标征集中（collecting）、方案制定中（scheme）/],
      ['status=', /状态筛选应为/],
      ['status=scheme,,', /状态筛选应为/],
      ['sort=unit', /排序方式应为按年度升序（year）或按年度降序（-year）/],
      ['sort=year&sort=-year', /排序方式只能填写一个（查询条件中出现了2次）/],
      ['colour=red', /不允许的字段：colour/],
    ];
    for (const [q, message] of bad) {
      const r = await get(office, `/api/cycles?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.message, q).toMatch(message);
      expect(r.json.message, q).toMatch(/^查询条件有误/);
    }
  });

  describe('the declarations of a cycle', () => {
    const url = () => `/api/cycles/${first.id}/declarations`;
    beforeAll(async () => {
      // three submitted, two accepted, one returned; the other twelve of 18 stay drafts
      const decls = await t.db.db
        .selectFrom('declaration')
        .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
        .select(['declaration.id', 'org_unit.code'])
        .where('cycle_id', '=', first.id)
        .execute();
      const set = async (codes: string[], status: 'submitted' | 'accepted' | 'returned') =>
        t.db.db.updateTable('declaration').set({ status }).where('id', 'in', decls.filter((d) => codes.includes(d.code)).map((d) => d.id)).execute();
      await set(['samr', 'ndrc', 'miit'], 'submitted');
      await set(['drugs', 'grain'], 'accepted');
      await set(['water'], 'returned');
    });

    it('keeps every declaration on the first page by default, with the total and the counts of all', async () => {
      const r = await get(office, url());
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ total: 18, page: 1, pageSize: 20 });
      expect(r.json.items).toHaveLength(18);
      expect(r.json.counts).toMatchObject({ total: 18, draft: 12, submitted: 3, accepted: 2, returned: 1 });
    });

    it('filters by state and pages, the counts still covering every invited department', async () => {
      const r = await get(office, `${url()}?status=submitted,returned&pageSize=2&sort=unit`);
      expect(r.json).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(r.json.items).toHaveLength(2);
      expect(r.json.items.every((d: any) => ['submitted', 'returned'].includes(d.status))).toBe(true);
      const p2 = await get(office, `${url()}?status=submitted,returned&pageSize=2&page=2&sort=unit`);
      const names = [...r.json.items, ...p2.json.items].map((d: any) => d.departmentName);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
      expect(new Set(names).size).toBe(4);
      expect(p2.json.counts).toEqual(r.json.counts);
      expect(r.json.counts.total).toBe(18);
    });

    it('sorts by member unit either way; without sort the departments keep their official order', async () => {
      const asc = (await get(office, `${url()}?sort=unit&pageSize=100`)).json.items.map((d: any) => d.departmentName);
      const desc = (await get(office, `${url()}?sort=-unit&pageSize=100`)).json.items.map((d: any) => d.departmentName);
      expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, 'zh-CN')));
      expect(desc).toEqual([...asc].reverse());
      const plain = (await get(office, url())).json.items.map((d: any) => d.departmentName);
      expect(plain).not.toEqual(asc);
      expect([...plain].sort()).toEqual([...asc].sort());
      const paged = (await get(office, `${url()}?pageSize=5&page=4`)).json;
      expect(paged.items.map((d: any) => d.departmentName)).toEqual(plain.slice(15, 20));
    });

    it('a department still sees only its own declaration', async () => {
      const samr = await login(t.app, 'samr');
      const r = await get(samr, `${url()}?pageSize=100`);
      expect(r.json).toMatchObject({ total: 1, page: 1 });
      expect(r.json.items.map((d: any) => d.departmentCode)).toEqual(['samr']);
    });

    it('refuses bad parameters with a Chinese 400', async () => {
      const bad: [string, RegExp][] = [
        // a query's integers are decimal digits only (intText): a sign is not one, 0 is out of range
        ['page=-1', /页码须为正整数/],
        ['page=0', /页码从1开始/],
        ['pageSize=500', /每页1至100条/],
        ['status=done', /状态筛选应为草稿（draft）/],
        ['sort=year', /排序方式应为按成员单位升序（unit）或按成员单位降序（-unit）/],
        ['status[a]=1', /查询条件有误/],
      ];
      for (const [q, message] of bad) {
        const r = await get(office, `${url()}?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.json.message, q).toMatch(message);
      }
    });
  });
});
