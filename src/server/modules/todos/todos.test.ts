/**
 * 待办 over the API: each demo role's /api/todos is what the demo state calls for (issue 10), the office's
 * 催办 shows on the department's to-do, and to-dos close themselves when the step is done.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaMoment, formatDeadline } from '../../../shared/deadline';
import { countStatements, daysFromToday, login, makeTestApp, named, openTestCycle, orgId, testDialects, type TestApp } from '../../test/helpers';

describe.each(testDialects())('待办 of the demo roles on %s', (dialect) => {
  let t: TestApp;
  let c23: number;
  let c22: number;
  let cityCycle: number;
  const allTodos = async (username: string) => {
    const res = await (await login(t.app, username)).request('GET', '/api/todos');
    expect(res.status).toBe(200);
    return res.json.items as any[];
  };
  /**
   * the yearly assessment's to-dos (the demo's creation evaluation adds its own, checked in the first test; the demo's
   * plan-indicator reporting its own, checked in src/server/seed/demo-indicator-reporting.test.ts)
   */
  /**
   * the yearly assessment's to-dos (the demo's creation evaluation and plan indicators add their own, checked in the first
   * test; 岳阳市质强办's live 2026 work plan its own, checked in src/server/seed/demo-workplan-yueyang.test.ts; the
   * 质量分析报告's in analysis.test.ts)
   */
  const todos = async (username: string) =>
    (await allTodos(username)).filter((x) => !['evaluation.', 'indicators.', 'workplan.', 'analysis.', 'rectification.'].some((k) => x.kind.startsWith(k)));
  const declOf = async (code: string) =>
    t.db.db.selectFrom('declaration').selectAll().where('cycle_id', '=', c23).where('department_id', '=', await orgId(t.db, code)).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    // the province's cycles (岳阳市质强办 runs its own 2023 cycle for its counties, in scoring)
    const cycles = await t.db.db.selectFrom('assessment_cycle').select(['id', 'year', 'office_org_id']).execute();
    const province = await orgId(t.db, 'office');
    c23 = cycles.find((c) => c.year === 2023 && c.office_org_id === province)!.id;
    c22 = cycles.find((c) => c.year === 2022)!.id;
    cityCycle = cycles.find((c) => c.year === 2023 && c.office_org_id !== province)!.id;
  });
  afterAll(() => t.close());

  it('office: the 18 outstanding declarations of 2023, with the deadline and a link to the declarations tab', async () => {
    // the demo creation evaluation: 岳阳市 in review waits on the experts; 衡阳市, accepted, waits on the office's plan;
    // 长沙市, accepted with its 自评 submitted, waits on its plan and the office's look at the 自评 (退回补正). The 2024 peer
    // table both would rank against lacks only 岳阳市's count, left for 岳阳市's own evaluation group to verify: no
    // 填写同级比较表 to-do waits on it (demo-evaluation.test: one for another city's blank)
    const evaluation = (await allTodos('office')).filter((x) => x.kind.startsWith('evaluation.'));
    expect(evaluation.map((x) => x.title)).toEqual([
      '制定并批准衡阳市（2024年度）的评价工作方案',
      '制定并批准长沙市（2024年度）的评价工作方案',
      '审查长沙市（2024年度）提交的自评',
    ]);
    // the demo's one lagging binding plan indicator (国控断面水质 2023), 长沙市's reviewed 2024 value and 常德市's 2023 第3季度
    // value returned after its period locked (重新开放) wait on the office (issue 12)
    expect((await allTodos('office')).filter((x) => x.kind.startsWith('indicators.')).map((x) => x.kind)).toEqual(['indicators.reopen', 'indicators.review', 'indicators.accept', 'indicators.lagging']);
    // the demo's 整改事项 (issue 13): 衡阳市's extension request waits on the office
    expect((await allTodos('office')).filter((x) => x.kind.startsWith('rectification.')).map((x) => x.kind)).toContain('rectification.review');
    const items = await todos('office');
    expect(items.map((x) => x.kind)).toEqual(['declaration.outstanding']);
    expect(items[0]).toMatchObject({
      title: '2023年度考核指标申报：18个成员单位未报送（共18个）',
      dueAt: '2023-07-10',
      link: `/assessment/${c23}?tab=declarations`,
      id: null,
      dismissable: false,
    });
    expect(items[0].detail).toMatch(/^未报送：.+等18个单位；已过截止日期、已锁定16份：如需补报请重新开放，否则可结束征集$/);
  });

  it('department: a reopened declaration shows its new deadline and the office’s reminder; a closed one says so', async () => {
    const samr = await declOf('samr');
    const [fill] = await todos('samr');
    expect(fill).toMatchObject({
      kind: 'declaration.fill',
      title: `2023年度考核指标申报已为本单位重新开放，请于${formatDeadline(samr.reopened_until!).at}前提交`,
      dueAt: samr.reopened_until,
      link: `/assessment/${c23}?tab=declarations`,
    });
    expect(fill.detail).toMatch(/质强办已催办1次，最近\d+月\d+日 \d{2}:\d{2}$/);
    expect((await todos('ndrc'))[0].detail).not.toMatch(/催办/);
    const [closed] = await todos('agriculture');
    // locked: the title says so (填报 it cannot), the detail who can reopen it
    expect(closed).toMatchObject({ title: '2023年度考核指标申报已截止，本单位尚未提交', dueAt: '2023-07-10' });
    expect(closed.detail).toContain('申报已截止，如需补报请联系质强办重新开放');
  });

  it('secadmin: the account waiting for review; leader: the latest published results', async () => {
    expect((await todos('secadmin')).map((x) => [x.kind, x.title, x.link])).toEqual([
      ['user.review', '账户zhuzhou.new（株洲市质量工作联络员（新））待审核：市州/县市区工作人员，株洲市', '/admin/users?q=zhuzhou.new'],
    ]);
    expect((await todos('leader')).map((x) => [x.kind, x.link])).toEqual([['result.read', `/assessment/${c22}?tab=results`]]);
  });

  it('nothing waits on admin, auditor, a city before scoring or a county outside 岳阳: 暂无待办; the expert only on its evaluation sheet', async () => {
    for (const u of ['admin', 'auditor', 'yuelu']) expect(await allTodos(u), u).toEqual([]);
    // a city has only the open 2024 reporting period of the plan indicators to fill
    expect((await allTodos('changsha')).map((x) => x.kind)).toEqual(['indicators.report']);
    expect((await allTodos('expert')).map((x) => [x.kind, x.title])).toEqual([['evaluation.expert', '评分：岳阳市创建评价（资料评审）']]);
    // the link opens the expert's own sheet, not the application's page one click short of it
    expect((await allTodos('expert'))[0].link).toMatch(/^\/evaluation\/applications\/\d+\/sheet$/);
  });

  it('岳阳市质强办’s own cycle in scoring: the city office scores its own key points and follows the departments; each department scores', async () => {
    const link = `/assessment/${cityCycle}?tab=scoring`;
    const office = await todos('yueyang.office');
    expect(office.map((x) => [x.kind, x.link])).toEqual([
      ['scoring.outstanding', link],
      ['score.enter', `${link}&view=mine`],
    ]);
    expect(office[0].title).toBe('岳阳市2023年度考核评分：17/18个评价单位未提交');
    expect(office[0].detail).toBe('未提交：省工业和信息化厅、省公安厅、省民政厅等16个单位；本办负责的考核要点（在「本单位评分」中评分）也尚未提交');
    expect(office[1].title).toBe('对岳阳市各县市区评分：2023年度对县市区政府质量工作考核（演示：评分阶段）');
    const samr = (await todos('samr')).filter((x) => x.link === link);
    expect(samr).toEqual([
      expect.objectContaining({ kind: 'score.enter', title: '对岳阳市各县市区评分：2023年度对县市区政府质量工作考核（演示：评分阶段）', dueAt: null, id: null, dismissable: false }),
    ]);
    // submitted: nothing left to do for it
    expect((await todos('ndrc')).filter((x) => x.link === link)).toEqual([]);
  });

  it('催办: only the assessing office, only an outstanding declaration, audited; the count shows on the department’s to-do', async () => {
    const ndrc = await declOf('ndrc');
    const office = await login(t.app, 'office');
    const r1 = await office.request('POST', `/api/declarations/${ndrc.id}/remind`, {});
    expect(r1.status).toBe(200);
    expect(r1.json).toMatchObject({ declarationId: ndrc.id, count: 1 });
    // the same 催办 again at once (a double click, a second window): not a second one — the department would read 「2 次」
    const again = await office.request('POST', `/api/declarations/${ndrc.id}/remind`, {});
    expect([again.status, again.json.message]).toEqual([409, `省发展改革委的申报已由您于${chinaMoment(new Date(r1.json.lastAt))}催办（共1次），10分钟内不再重复催办`]);
    expect((await todos('ndrc'))[0].detail).toMatch(/质强办已催办1次，最近/);
    const rows = await t.db.db.selectFrom('audit_log').select(['action', 'user_id', 'after_json', 'at']).where('action', '=', 'declaration.remind').where('entity_id', '=', String(ndrc.id)).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].after_json!)).toEqual({ reminders: 1, department: '省发展改革委' });
    // another office does not see the declaration; a department may not remind at all
    expect((await (await login(t.app, 'yueyang.office')).request('POST', `/api/declarations/${ndrc.id}/remind`, {})).status).toBe(404);
    expect((await (await login(t.app, 'samr')).request('POST', `/api/declarations/${ndrc.id}/remind`, {})).status).toBe(403);
    expect((await office.request('POST', '/api/declarations/999999/remind', {})).status).toBe(404);
    // past its due date and not reopened, a declaration is locked: the office is told to reopen it, not to 催办
    const miit = await declOf('miit');
    const locked = await office.request('POST', `/api/declarations/${miit.id}/remind`, {});
    expect(locked.status).toBe(409);
    expect(locked.json.message).toBe('申报已截止，该单位已不能提交，催办后也无法办理；如需补报，请先「重新开放」（该单位会在待办中收到通知）');
    const listed = (await office.request('GET', `/api/cycles/${c23}/declarations`)).json.items as any[];
    // the list says who was reminded, how often and when; reminded moments ago (ndrc here, samr by the demo seed) it
    // offers no 催办 for REMIND_AGAIN_MINUTES, as the command would refuse one
    expect(listed.filter((d) => d.reminders).map((d) => [d.departmentCode, d.reminders.count, d.actions.remind]).sort()).toEqual([
      ['ndrc', 1, false],
      ['samr', 1, false],
    ]);
    // the time of the 催办's audit row (the command's answer reads its own clock a moment apart)
    expect(listed.find((d) => d.departmentCode === 'ndrc').reminders.lastAt).toBe(String(rows[0].at));
    expect(listed.filter((d) => d.actions.remind).map((d) => d.departmentCode)).toEqual([]);
    expect(listed.find((d) => d.departmentCode === 'ecology')).toMatchObject({ reminders: null, actions: { remind: false } });
    expect(listed.find((d) => d.departmentCode === 'miit').actions).toMatchObject({ remind: false, reopen: true });
  });

  it('催办 six times at once: one reminder, counted once; the other five are told who sent it and when', async () => {
    // a declaration no one has reminded: miit's, locked past the deadline, reopened first
    const miit = await declOf('miit');
    const office = await login(t.app, 'office');
    expect((await office.request('POST', `/api/declarations/${miit.id}/reopen`, { until: daysFromToday(30), reason: '该单位因机构调整未能按时报送' })).status).toBe(200);
    const remindRows = () => t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'declaration.remind').where('entity_id', '=', String(miit.id)).orderBy('id').execute();
    expect(await remindRows()).toEqual([]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => office.request('POST', `/api/declarations/${miit.id}/remind`, {})));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const sent = answers.find((a) => a.status === 200)!.json;
    expect(sent.count).toBe(1);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.message).toBe(`省工业和信息化厅的申报已由您于${chinaMoment(new Date(sent.lastAt))}催办（共1次），10分钟内不再重复催办`);
    expect((await remindRows()).map((r) => JSON.parse(r.after_json!).reminders)).toEqual([1]);
  });

  it('closes by itself: a submitted declaration leaves the department’s to-dos and appears in the office’s review', async () => {
    const ndrc = await declOf('ndrc');
    await t.db.db.updateTable('declaration').set({ status: 'submitted' }).where('id', '=', ndrc.id).execute();
    expect((await todos('ndrc')).map((x) => x.kind)).toEqual([]);
    const office = await todos('office');
    expect(office.map((x) => [x.kind, x.title])).toEqual([
      ['declaration.outstanding', '2023年度考核指标申报：17个成员单位未报送（共18个）'],
      ['declaration.review', '审核省发展改革委提交的2023年度考核指标申报表'],
    ]);
    const remind = await (await login(t.app, 'office')).request('POST', `/api/declarations/${ndrc.id}/remind`, {});
    expect(remind.status).toBe(409);
    expect(remind.json.message).toBe('申报表当前状态为「已提交」，无需催办');
    // collection closed → the office publishes the scheme; the departments' declaration to-dos are gone
    await t.db.db.updateTable('assessment_cycle').set({ status: 'scheme' }).where('id', '=', c23).execute();
    expect((await todos('office')).map((x) => [x.kind, x.link])).toEqual([
      ['declaration.review', `/assessment/${c23}?tab=declarations&declaration=${ndrc.id}`],
      ['scheme.publish', `/assessment/${c23}?tab=scheme`],
    ]);
    expect((await todos('samr')).map((x) => x.link)).toEqual([`/assessment/${cityCycle}?tab=scoring`]);
    // accepted → the review to-do closes by itself
    await t.db.db.updateTable('declaration').set({ status: 'accepted' }).where('id', '=', ndrc.id).execute();
    expect((await todos('office')).map((x) => x.kind)).toEqual(['scheme.publish']);
  });

  it('a notice marked read six times at once: one marks it, the others get a 409 saying who read it and when', async () => {
    const unit = await orgId(t.db, '430100');
    const row = await t.db.db
      .insertInto('todo')
      .values({ user_id: null, org_unit_id: unit, role: 'unit', kind: 'result.published', title: '考核结果已发布（测试）', detail: null, link: null, due_at: null, source_type: 'test', source_id: 'six', status: 'open', created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const changsha = await login(t.app, 'changsha');
    const answers = await Promise.all(Array.from({ length: 6 }, () => changsha.request('POST', `/api/todos/${row.id}/done`, {})));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    // all six clicks from one account: the others are told it was marked in another window of their own
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.message).toMatch(named('该通知已由您在其他窗口于<T>标为已读'));
    expect(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'todo.done').where('entity_id', '=', String(row.id)).execute()).toHaveLength(1);
    // asked again later: the same answer
    const again = await changsha.request('POST', `/api/todos/${row.id}/done`, {});
    expect([again.status, again.json.message]).toEqual([409, answers.find((a) => a.status === 409)!.json.message]);
  });

  it('a work to-do cannot be dismissed (办结) undone', async () => {
    const stored = await t.db.db.selectFrom('todo').select(['id', 'role', 'org_unit_id']).where('kind', '=', 'declaration.fill').where('status', '=', 'open').executeTakeFirstOrThrow();
    const samrId = await orgId(t.db, 'samr');
    const row = await t.db.db.selectFrom('todo').select('id').where('kind', '=', 'declaration.fill').where('org_unit_id', '=', samrId).executeTakeFirstOrThrow();
    expect(stored.id).toBeGreaterThan(0);
    const res = await (await login(t.app, 'samr')).request('POST', `/api/todos/${row.id}/done`, {});
    expect(res.status).toBe(409);
    expect(res.json.message).toBe('该待办在相应工作办理完成后自动关闭，不能直接办结');
  });

  it('reads the state with the same number of queries whatever the number of cycles (not one per cycle)', async () => {
    const samr = await login(t.app, 'samr');
    const counted = async () => {
      const { n, value: r } = await countStatements(t, () => samr.request('GET', '/api/todos'));
      expect(r.status).toBe(200);
      return { n, items: r.json.items as any[] };
    };
    await openTestCycle(t, { year: 2024, departments: ['ndrc', 'samr'] });
    const before = await counted();
    for (let year = 2025; year <= 2028; year++) await openTestCycle(t, { year, departments: ['ndrc', 'samr'] });
    const after = await counted();
    expect(after.items.filter((x) => x.kind === 'declaration.fill')).toHaveLength(before.items.filter((x) => x.kind === 'declaration.fill').length + 4);
    expect(after.items.filter((x) => x.kind === 'score.enter')).toHaveLength(1);
    expect(after.n).toBe(before.n);
    console.log(`to-do state: ${after.n} queries`);
    // (the session, read once per burst, is not counted) the stored notices, the cycles and their parts, the reminders and reopenings of open declarations,
    // the creation evaluation's applications, consultations, plans, sheets, 自评 and panels, plan-indicator reporting's plans,
    // periods, indicators, units and values (5, whatever the number of periods), the plan indicators' lagging binding
    // figures (5: indicators, accepted values, stored targets, departments, the 整改事项 raised for them), the incentive policies, and the work plans
    // (one query while none is under supervision; 8 more while one is — 岳阳市's demo 2026 plan until early 2027: its
    // tasks, units, reports, extensions, closures, notices, milestones and the units' names, whatever the number of plans)
    // and the 整改事项 still supervised (6: items, reports, extensions, closures, notices, names); the peer tables and
    // their values (2, while an accepted application waits on its plan: 衡阳市 in the demo)
    expect(after.n).toBeLessThanOrEqual(44);
  });
  it('a burst of to-do reads runs the derivation once; any write, or the clock moved, reads again', async () => {
    const samr = await login(t.app, 'samr');
    const read = async () => {
      const { n, value: r } = await countStatements(t, () => samr.request('GET', '/api/todos'));
      expect(r.status).toBe(200);
      return { n, items: r.json.items as { kind: string; title: string }[] };
    };
    // the clock held at one instant: a list serves only the 5 s slice it was derived in, so a slice that ended
    // between the first two reads would read again
    const now = t.config.now;
    const at = new Date();
    t.config.now = () => at;
    try {
      const first = await read();
      expect(first.n).toBeGreaterThan(10);
      const again = await read();
      expect(again.n).toBe(0);
      expect(again.items).toEqual(first.items);
      // a change anywhere (here: a cycle opened for samr, through the API) is on the very next read
      await openTestCycle(t, { year: 2031, departments: ['samr'] });
      const changed = await read();
      expect(changed.n).toBe(first.n);
      expect(changed.items.filter((x) => x.kind === 'declaration.fill')).toHaveLength(first.items.filter((x) => x.kind === 'declaration.fill').length + 1);
      // the configured clock moved (as the tests and the demo move it): the list is derived again for the new time
      t.config.now = () => new Date(at.getTime() + 86_400_000);
      expect((await read()).n).toBe(first.n);
    } finally {
      t.config.now = now;
    }
  });
});
