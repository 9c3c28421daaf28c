/**
 * GET /api/dashboard (the leader's 驾驶舱) on the demo data: the 2023 cycle in its call for indicators with its
 * 18 declarations, the 2022 published results with their top / bottom and domain averages; who may read it; and
 * a fixed number of queries whatever the number of cycles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dashboardView, type DashboardView } from '../../../shared/contracts/dashboard';
import { countStatements, login, makeTestApp, openTestCycle, testDialects, type TestApp } from '../../test/helpers';

describe.each(testDialects())('the 驾驶舱, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  const read = async (user: string) => {
    const r = await (await login(t.app, user)).request('GET', '/api/dashboard');
    return r as { status: number; json: DashboardView };
  };

  it('the leader sees the 2023 cycle and where it stands, and the 2022 results with top, bottom and domain averages', async () => {
    const { status, json } = await read('leader');
    expect(status).toBe(200);
    expect(dashboardView.safeParse(json).success).toBe(true);
    expect(json.year).toBe(2023);
    expect(json.cycles.map((c) => [c.year, c.status])).toEqual([[2023, 'collecting']]);
    const c23 = json.cycles[0];
    expect(c23.statusLabel).toBe('指标征集中');
    expect(c23.declarations.total).toBe(18);
    expect(c23.declarations.submitted).toBeLessThanOrEqual(18);
    expect(c23.scoring).toEqual({ total: 0, submitted: 0 });
    expect(c23.objections).toEqual({ open: 0, total: 0 });
    expect(c23.deadline).toBe('2023-07-10');

    const r = json.latest!;
    expect(r.year).toBe(2022);
    expect(r.units).toHaveLength(14);
    expect(r.units.map((u) => u.rank)).toEqual([...r.units.map((u) => u.rank)].sort((a, b) => a! - b!));
    expect(r.units.map((u) => u.unitName)).toContain('湘西土家族苗族自治州');
    expect(r.top.map((u) => u.rank)).toEqual([1, 2, 3]);
    expect(r.bottom).toHaveLength(3);
    expect(r.bottom.at(-1)!.unitCode).toBe(r.units.at(-1)!.unitCode);
    // the demo's 湘西州 is vetoed
    expect(r.units.find((u) => u.unitName === '湘西土家族苗族自治州')!.veto).toBe(true);
    expect(r.domains.length).toBeGreaterThanOrEqual(3);
    for (const d of r.domains) {
      expect(d.average).toBeGreaterThan(0);
      expect(d.average).toBeLessThanOrEqual(1);
    }
    // an average is the mean of the units' rates
    const mean = r.units.reduce((s, u) => s + u.rates[0], 0) / r.units.length;
    expect(r.domains[0].average).toBeCloseTo(mean, 10);
  });

  it("the province's leader follows each city office's own assessment of its counties (city, year, stage, progress); a city office does not get the list", async () => {
    const { json } = await read('leader');
    // the demo's 岳阳市质强办 assessing its 9 counties, in scoring (省发展改革委 has submitted)
    expect(json.cityCycles).toEqual([
      {
        cityName: '岳阳市',
        officeName: '岳阳市质量强市领导小组办公室',
        year: 2023,
        title: '2023年度对县市区政府质量工作考核（演示：评分阶段）',
        status: 'scoring',
        statusLabel: '评分中',
        scoring: { total: expect.any(Number), submitted: expect.any(Number) },
        objections: { open: 0, total: 0 },
        publishedAt: null,
        demo: true,
      },
    ]);
    expect(json.cityCycles[0].scoring.submitted).toBeGreaterThanOrEqual(1);
    expect(json.cityCycles[0].scoring.total).toBeGreaterThan(json.cityCycles[0].scoring.submitted);
    // the province's own cycles stay where they were
    expect(json.cycles.map((c) => c.officeName)).toEqual(['湖南省质量强省领导小组办公室']);
    expect((await read('yueyang.office')).json.cityCycles).toEqual([]);
  });

  it("the province's quality office follows the same list, from the same read, and the province's own cycles as before", async () => {
    const [leader, office] = [(await read('leader')).json, await read('office')];
    expect(office.status).toBe(200);
    expect(dashboardView.safeParse(office.json).success).toBe(true);
    expect(office.json.cityCycles.map((c) => [c.cityName, c.year, c.status])).toEqual([['岳阳市', 2023, 'scoring']]);
    expect(office.json.cityCycles).toEqual(leader.cityCycles);
    expect(office.json.cycles.map((c) => c.officeName)).toEqual(['湖南省质量强省领导小组办公室']);
  });

  it('the leader and the office see the 2023 work plan: lights, the overdue task with its reasons, the closed count, as of the day', async () => {
    for (const u of ['leader', 'office']) {
      const { json } = await read(u);
      expect(json.workPlans, u).toHaveLength(1);
      const w = json.workPlans[0];
      expect(w).toMatchObject({ year: 2023, issuer: '省质强办', tasks: 13, closed: 1 });
      expect(w.lights.green + w.lights.yellow + w.lights.red + w.lights.done).toBe(13);
      expect(w.lights.done).toBe(1);
      // the page's lights are the card's (the same day)
      const detail = (await (await login(t.app, u)).request('GET', `/api/work-plans/${w.id}?asOf=${w.asOf}`)).json;
      expect(w.lights).toEqual(detail.lights);
      expect(w.overdue.map((x) => x.number)).toEqual(detail.taskRows.filter((r: any) => r.light.light === 'red').map((r: any) => r.number));
      // task 9 has no lead (各市州、各成员单位按职责分工负责): named as the plan page names it, not as if 省质强办 led it
      expect(w.overdue.find((x) => x.number === 9)?.lead, u).toBe('按职责分工（省质强办汇总）');
    }
    // as of 2023-07-25 (the demo's day): task 7's consolidated report is late (its lead 省工业和信息化厅)
    const at = new Date('2023-07-25T02:00:00Z');
    const timed = await makeTestApp(dialect, { now: () => at }, { demoAssessment: true });
    try {
      const r = await (await login(timed.app, 'leader')).request('GET', '/api/dashboard');
      const w = (r.json as DashboardView).workPlans[0];
      expect(w.asOf).toBe('2023-07-25');
      // and task 5's: its lead reported, but 岳阳市's sub-report was sent back and not reported again — a task is as
      // severe as its worst unit (taskLightOf), which the reasons name
      expect(w.overdue).toEqual([
        {
          id: expect.any(Number),
          number: 5,
          title: '深入推进质量品牌建设',
          lead: '省市场监督管理局',
          label: '报送逾期',
          reasons: ['衡阳市、永州市：进度42%落后于序时进度56%', '邵阳市、怀化市：进度45%落后于序时进度56%', '岳阳市：2023-07-10应报送的进展已退回，尚未重新报送，尚无有效进度，序时进度已达56%'],
        },
        { id: expect.any(Number), number: 7, title: '开展制造业质量提升行动', lead: '省工业和信息化厅', label: '报送逾期', reasons: ['2023-07-10应报送的进展未报送', '尚未报送进度，序时进度已达56%'] },
      ]);
      expect(w.lights).toMatchObject({ red: 2, done: 1 });
    } finally {
      await timed.close();
    }
  }, 120_000);

  it('the office reads it too; a city office sees only its own cycle; other roles are refused', async () => {
    const office = await read('office');
    expect(office.status).toBe(200);
    expect(office.json.cycles.map((c) => c.year)).toEqual([2023]);
    expect(office.json.latest?.year).toBe(2022);
    const city = await read('yueyang.office');
    expect(city.status).toBe(200);
    // 岳阳市质强办 reads its own cycle (the demo's, in scoring), none of the province's
    expect(city.json.year).toBe(2023);
    expect(city.json.cycles.map((c) => [c.title, c.status])).toEqual([['2023年度对县市区政府质量工作考核（演示：评分阶段）', 'scoring']]);
    expect(city.json.latest).toBeNull();
    // a city office's card shows its own region's plan (the demo's live 2026 plan), not the province's
    expect(city.json.workPlans.map((w) => [w.year, w.issuer])).toEqual([[2026, '岳阳市质强办']]);
    expect(office.json.workPlans.map((w) => w.year)).toEqual([2023]);
    for (const u of ['samr', 'changsha', 'admin', 'expert']) expect((await read(u)).status, u).toBe(403);
  }, 60_000);

  it("a city leader's card is the city's own plan, else the province's — never another city's (长沙市's leader was shown 岳阳市's 2026 plan)", async () => {
    const admin = await login(t.app, 'admin');
    const sec = await login(t.app, 'secadmin');
    const leaderOf = async (username: string, code: string) => {
      const org = await t.db.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      const made = await admin.request('POST', '/api/users', { username, displayName: `${username}领导`, role: 'leader', orgUnitId: org.id });
      const approved = await sec.request('POST', `/api/users/${made.json.id}/approve`, { version: made.json.version });
      const first = await login(t.app, username, approved.json.oneTimePassword);
      expect((await first.request('POST', '/api/auth/password', { oldPassword: approved.json.oneTimePassword, newPassword: 'Dashboard#2026' })).status).toBe(200);
      const r = await (await login(t.app, username, 'Dashboard#2026')).request('GET', '/api/dashboard');
      expect(r.status).toBe(200);
      return (r.json as DashboardView).workPlans.map((w) => [w.year, w.issuer]);
    };
    expect(await leaderOf('changsha.leader', '430100')).toEqual([[2023, '省质强办']]);
    expect(await leaderOf('yueyang.leader', '430600')).toEqual([[2026, '岳阳市质强办']]);
  });

  it('runs the same number of queries with 1 current cycle and with 6', async () => {
    const leader = await login(t.app, 'leader');
    const counted = async () => {
      // every read cold: a write to the cycles and the schemes makes the copies of cycle access and of the
      // published scheme stale (db/write-watch.ts), so a query per cycle could not hide behind them
      await t.db.db.updateTable('assessment_cycle').set({ title: sql<string>`title` }).execute();
      await t.db.db.updateTable('scheme').set({ reason: sql<string | null>`reason` }).execute();
      const { n, value: r } = await countStatements(t, () => leader.request('GET', '/api/dashboard'));
      expect(r.status).toBe(200);
      return { n, view: r.json as DashboardView };
    };
    await counted(); // the published results' text is built on the first read, then cached
    const before = await counted();
    for (let year = 2024; year <= 2028; year++) await openTestCycle(t, { year, departments: ['ndrc', 'samr'] });
    const after = await counted();
    expect(after.view.year).toBe(2028);
    // the newest year, and every earlier cycle not yet published
    expect(after.view.cycles.map((c) => c.year)).toEqual([2028, 2027, 2026, 2025, 2024, 2023]);
    expect(after.view.cycles[0].declarations).toEqual({ total: 2, submitted: 0, accepted: 0 });
    expect(after.n).toBe(before.n);
    // the session check included; the work plan card reads 9 (published plans, tasks, the six per-task tables, org names)
    expect(after.n).toBeLessThanOrEqual(21);
  });
});
