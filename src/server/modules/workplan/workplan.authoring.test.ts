/**
 * A quality office writes its own year's work plan (issue 13: "a city office the same for its own"): a draft, then
 * tasks one by one with their lead and cooperating units; a task taken out again; an empty plan cannot be
 * published; once published no task is added (a change is a revision of a task). Bad input is a Chinese 400 with
 * nothing saved; a second plan of the same year a 409; only offices write plans; every change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('writing a work plan by hand on %s', (dialect) => {
  let t: TestApp;
  let city: Client;
  let plan: any;
  const audits = async (action: string) => (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => new Date('2027-02-01T02:00:00Z') });
    city = await login(t.app, 'yueyang.office');
  });
  afterAll(() => t.close());

  it('岳阳市质强办 creates its 2027 plan as a draft; the same year twice is a 409; bad input a Chinese 400', async () => {
    const r = await city.request('POST', '/api/work-plans', { year: 2027, title: '岳阳市2027年质量强市工作要点', schedule: 'quarterly' });
    expect(r.status).toBe(201);
    plan = r.json;
    expect(plan).toMatchObject({ year: 2027, status: 'draft', issuer: { name: '岳阳市质强办' }, tasks: 0, schedule: 'quarterly', abilities: { publish: true } });
    expect((await city.request('GET', '/api/work-plans')).json.abilities).toMatchObject({ create: true, import: false });
    expect((await city.request('POST', '/api/work-plans', { year: 2027, title: '重复的工作要点标题' })).status).toBe(409);
    // a title naming another year than the 年度 (the year box mistyped or clamped): refused beside the title, nothing made
    const mismatch = await city.request('POST', '/api/work-plans', { year: 2000, title: '岳阳市2028年质量强市工作要点' });
    expect([mismatch.status, mismatch.json.message, mismatch.json.fields]).toEqual([400, '标题写的是2028年，年度填的是2000年，请核对年度或标题', [{ field: 'title', message: '标题写的是2028年，年度填的是2000年，请核对年度或标题' }]]);
    expect((await city.request('GET', '/api/work-plans')).json.items.map((p: { year: number }) => p.year)).not.toContain(2000);
    const bad = await city.request('POST', '/api/work-plans', { year: 1999, title: '短' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/年度须在2000至2100之间|工作要点标题至少4个字/);
    // a department writes no plan
    expect((await (await login(t.app, 'samr')).request('POST', '/api/work-plans', { year: 2027, title: '省市场监管局的工作要点' })).status).toBe(403);
    expect(await audits('workPlan.create')).toBe(1);
  });

  it('an empty draft cannot be published; tasks are added with their units, numbered in order, and one is taken out', async () => {
    const empty = await city.request('POST', `/api/work-plans/${plan.id}/publish`, { version: plan.version });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toBe('工作要点还没有任务，请先添加任务再发布');
    const yueyang = await orgId(t.db, '430600');
    const miluo = await orgId(t.db, '430681');
    const text = '推进质量基础设施“一站式”服务站点建设，年内覆盖全部县市区。';
    const noUnits = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '质量基础设施一站式服务', text, dueOn: '2027-12-31', units: [] });
    expect(noUnits.status).toBe(400);
    expect(noUnits.json.message).toContain('请至少指定一个承办单位');
    const twoLeads = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '质量基础设施一站式服务', text, dueOn: '2027-12-31', units: [{ orgId: yueyang, role: 'lead' }, { orgId: miluo, role: 'lead' }] });
    expect(twoLeads.status).toBe(400);
    expect(twoLeads.json.message).toBe('一项任务只能有一个牵头单位');
    // a unit that exists but cannot carry a task (the province itself) is named as such, not as missing
    const province = await orgId(t.db, '430000');
    const wrongKind = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '质量基础设施一站式服务', text, dueOn: '2027-12-31', units: [{ orgId: yueyang, role: 'lead' }, { orgId: province, role: 'cooperating' }] });
    expect([wrongKind.status, wrongKind.json.message, wrongKind.json.fields]).toEqual([
      400,
      '承办单位第2项（湖南省）不能承办任务：承办单位须为成员单位、市州、县市区或质强办',
      [{ field: 'units.1.orgId', message: '该单位不能承办任务' }],
    ]);
    // a city's plan is carried within the city: not another city's county, not a province department (neither is the
    // city office's to supervise, and each would get the city's to-dos)
    const [changshaCounty, samrDept] = await Promise.all([orgId(t.db, '430104'), orgId(t.db, 'samr')]);
    for (const [other, name] of [[changshaCounty, '岳麓区'], [samrDept, '省市场监督管理局']] as const) {
      const outside = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '质量基础设施一站式服务', text, dueOn: '2027-12-31', units: [{ orgId: yueyang, role: 'lead' }, { orgId: other, role: 'cooperating' }] });
      expect([outside.status, outside.json.message, outside.json.fields]).toEqual([
        400,
        `承办单位第2项（${name}）不在岳阳市范围内：岳阳市质强办的工作要点只能由岳阳市及其所属单位承办`,
        [{ field: 'units.1.orgId', message: '请选择岳阳市范围内的单位' }],
      ]);
    }
    const missing = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '质量基础设施一站式服务', text, dueOn: '2027-12-31', units: [{ orgId: 99_999, role: 'lead' }] });
    expect([missing.status, missing.json.message]).toEqual([400, '承办单位第1项不存在']);
    const early = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '质量基础设施一站式服务', text, dueOn: '2026-12-31', units: [{ orgId: yueyang, role: 'lead' }] });
    expect([early.status, early.json.message, early.json.fields]).toEqual([400, '办理期限2026-12-31不在工作要点的年度内：办理期限须在2027-01-01至2027-12-31之间', [{ field: 'dueOn', message: '须在2027年内' }]]);
    // nor after it: a 工作要点 is the year's work (a slip such as 2099 would never be 逾期); work running on is extended
    for (const dueOn of ['2028-01-01', '2099-12-31']) {
      const late = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '质量基础设施一站式服务', text, dueOn, units: [{ orgId: yueyang, role: 'lead' }] });
      expect([late.status, late.json.message, late.json.fields]).toEqual([
        400,
        `办理期限${dueOn}不在工作要点的年度内：办理期限须在2027-01-01至2027-12-31之间；跨年完成的工作，请按年内的阶段目标设定期限，确需顺延的由牵头单位申请延期`,
        [{ field: 'dueOn', message: '须在2027年内' }],
      ]);
    }
    expect((await city.request('GET', `/api/work-plans/${plan.id}`)).json.tasks).toBe(0);

    const one = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '质量基础设施一站式服务', text, dueOn: '2027-12-31', units: [{ orgId: yueyang, role: 'lead' }, { orgId: miluo, role: 'cooperating' }] });
    expect(one.status).toBe(201);
    const two = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '品牌培育', text: '培育市长质量奖企业，推动地理标志产品保护与运用。', dueOn: '2027-11-30', units: [{ orgId: miluo, role: 'lead' }] });
    expect(two.status).toBe(201);
    // a double click on 添加任务 (or the same task from a second window, even at once) adds it once: 409 naming who added it
    const again = await Promise.all([1, 2, 3].map(() => city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '品牌培育', text: '培育市长质量奖企业，推动地理标志产品保护与运用。', dueOn: '2027-11-30', units: [{ orgId: miluo, role: 'lead' }] })));
    expect(again.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(again[0].json.message).toMatch(/^工作要点中已有内容相同的第2项任务「品牌培育」，已由您在其他窗口于\d{4}-\d\d-\d\d \d\d:\d\d添加，无需重复添加$/);
    plan = two.json;
    expect(plan.taskRows.map((r: any) => [r.number, r.title, r.lead.name, r.units.map((u: any) => [u.org.name, u.role])])).toEqual([
      [1, '质量基础设施一站式服务', '岳阳市', [['岳阳市', 'lead'], ['汨罗市', 'cooperating']]],
      [2, '品牌培育', '汨罗市', [['汨罗市', 'lead']]],
    ]);
    const stale = await city.request('DELETE', `/api/work-tasks/${plan.taskRows[1].id}?version=${plan.taskRows[1].version + 1}`);
    expect(stale.status).toBe(409);
    const removed = await city.request('DELETE', `/api/work-tasks/${plan.taskRows[1].id}?version=${plan.taskRows[1].version}`);
    expect(removed.status).toBe(200);
    expect(removed.json.taskRows.map((r: any) => r.number)).toEqual([1]);
    plan = removed.json;
    expect([await audits('workTask.create'), await audits('workTask.remove')]).toEqual([2, 1]);
  });

  it('a task taken out of the middle of a draft closes the gap: the tasks after it move up (第3项 becomes 第2项), no number twice', async () => {
    const yueyang = await orgId(t.db, '430600');
    const add = (title: string) => city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title, text: `${title}：年内完成全部工作安排，按季度报送进展。`, dueOn: '2027-12-31', units: [{ orgId: yueyang, role: 'lead' }] });
    await add('计量能力提升');
    const three = (await add('标准化示范建设')).json;
    expect(three.taskRows.map((r: any) => [r.number, r.title])).toEqual([
      [1, '质量基础设施一站式服务'],
      [2, '计量能力提升'],
      [3, '标准化示范建设'],
    ]);
    const middle = three.taskRows[1];
    const removed = await city.request('DELETE', `/api/work-tasks/${middle.id}?version=${middle.version}`);
    expect(removed.status).toBe(200);
    expect(removed.json.taskRows.map((r: any) => [r.number, r.title])).toEqual([
      [1, '质量基础设施一站式服务'],
      [2, '标准化示范建设'],
    ]);
    // the moved task is a new version (a form open on it is told to reload); the next task added is 第3项
    const moved = removed.json.taskRows[1];
    expect(moved.version).toBe(three.taskRows[2].version + 1);
    // a form still open on it at the old version is told what moved it, and by whom (its own audit row: workTask.renumber)
    const old = three.taskRows[2];
    const stale = await city.request('PUT', `/api/work-tasks/${old.id}`, { version: old.version, title: '标准化示范建设（改）' });
    expect([stale.status, stale.json.message]).toEqual([409, expect.stringMatching(/^该任务已由您在其他窗口于.+调整序号（前面的任务删除），已载入最新内容，请核对后再保存$/)]);
    expect(await audits('workTask.renumber')).toBe(1);
    const next = (await add('质量月活动')).json;
    expect(next.taskRows.map((r: any) => r.number)).toEqual([1, 2, 3]);
    // back to the one task the next tests start from
    for (const r of next.taskRows.slice(1).reverse()) expect((await city.request('DELETE', `/api/work-tasks/${r.id}?version=${r.version}`)).status).toBe(200);
    plan = (await city.request('GET', `/api/work-plans/${plan.id}`)).json;
    expect(plan.taskRows.map((r: any) => r.number)).toEqual([1]);
  });

  it('a draft task is edited freely (title, part, lead and units): no revision, the audit keeps before and after', async () => {
    const [yueyang, miluo, yueyanglou] = await Promise.all(['430600', '430681', '430602'].map((c) => orgId(t.db, c)));
    const task = plan.taskRows[0];
    const r = await city.request('PUT', `/api/work-tasks/${task.id}`, {
      version: task.version,
      title: '质量基础设施“一站式”服务全覆盖',
      part: '二',
      partTitle: '夯实质量基础',
      units: [{ orgId: miluo, role: 'lead' }, { orgId: yueyang, role: 'cooperating' }, { orgId: yueyanglou, role: 'cooperating' }],
    });
    expect(r.status).toBe(200);
    expect(r.json.task).toMatchObject({ title: '质量基础设施“一站式”服务全覆盖', part: '二', partTitle: '夯实质量基础', lead: { name: '汨罗市' }, version: task.version + 1 });
    expect(r.json.task.units.map((u: any) => [u.org.name, u.role])).toEqual([['汨罗市', 'lead'], ['岳阳市', 'cooperating'], ['岳阳楼区', 'cooperating']]);
    expect(r.json.revisions).toEqual([]);
    expect(r.json.abilities.edit).toBe(true);
    const row = await t.db.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', 'workTask.update').executeTakeFirstOrThrow();
    expect(JSON.parse(row.before_json!)).toMatchObject({ title: '质量基础设施一站式服务', part: '一', leadOrgId: yueyang });
    expect(JSON.parse(row.after_json!)).toMatchObject({ title: '质量基础设施“一站式”服务全覆盖', part: '二', partTitle: '夯实质量基础', leadOrgId: miluo });
    // an empty part number is a Chinese 400 beside the field, nothing saved
    const bad = await city.request('PUT', `/api/work-tasks/${task.id}`, { version: r.json.task.version, part: ' ' });
    expect(bad.status).toBe(400);
    expect(bad.json.fields).toEqual([{ field: 'part', message: '请填写所属部分的序号（如“一”）' }]);
    plan = (await city.request('GET', `/api/work-plans/${plan.id}`)).json;
    expect(plan.revision).toBe(0);
  });

  it('published: no task is added or removed any more; other offices cannot add to it', async () => {
    const p = await city.request('POST', `/api/work-plans/${plan.id}/publish`, { version: plan.version });
    expect(p.status).toBe(200);
    const yueyang = await orgId(t.db, '430600');
    const late = await city.request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '新增任务标题', text: '已发布后再添加的任务内容，应被拒绝。', dueOn: '2027-12-31', units: [{ orgId: yueyang, role: 'lead' }] });
    expect(late.status).toBe(409);
    expect(late.json.message).toContain('工作要点已发布，不能再添加任务');
    const task = p.json.taskRows[0];
    expect((await city.request('DELETE', `/api/work-tasks/${task.id}?version=${task.version}`)).status).toBe(409);
    const other = await (await login(t.app, 'office')).request('POST', `/api/work-plans/${plan.id}/tasks`, { title: '新增任务标题', text: '其他质强办添加的任务内容，应被拒绝。', dueOn: '2027-12-31', units: [{ orgId: yueyang, role: 'lead' }] });
    expect(other.status).toBe(403);
    plan = p.json;
  });

  it('a published task changes with a reason into a revision the task page lists (who, when, why, what); a stale version is a 409 with the task as it now stands', async () => {
    const yueyang = await orgId(t.db, '430600');
    const task = plan.taskRows[0];
    const body = { version: task.version, dueOn: '2027-10-31', units: [{ orgId: yueyang, role: 'lead' }] };
    // a revision keeps the deadline within the plan's year too: nothing saved, no revision
    const far = await city.request('PUT', `/api/work-tasks/${task.id}`, { ...body, dueOn: '2099-12-31', reason: '延后办理' });
    expect([far.status, far.json.fields]).toEqual([400, [{ field: 'dueOn', message: '须在2027年内' }]]);
    const noReason = await city.request('PUT', `/api/work-tasks/${task.id}`, body);
    expect(noReason.status).toBe(400);
    expect(noReason.json.fields).toEqual([{ field: 'reason', message: '请填写修改理由' }]);
    // nothing changed (the same title, the same units in another order): no new revision
    const units = (await city.request('GET', `/api/work-tasks/${task.id}`)).json.task.units.map((u: any) => ({ orgId: u.org.id, role: u.role })).reverse();
    const same = await city.request('PUT', `/api/work-tasks/${task.id}`, { version: task.version, title: task.title, units, reason: '原因原因' });
    expect([same.status, same.json.message]).toEqual([400, '没有修改任何内容：已发布的工作要点只在内容确有修改时记为新版本']);
    expect((await city.request('GET', `/api/work-tasks/${task.id}`)).json.revisions).toEqual([]);
    const ok = await city.request('PUT', `/api/work-tasks/${task.id}`, { ...body, reason: '市领导小组会议要求提前至十月完成，由岳阳市统筹' });
    expect(ok.status).toBe(200);
    expect(ok.json.task).toMatchObject({ dueOn: '2027-10-31', lead: { name: '岳阳市' } });
    expect(ok.json.revisions).toEqual([
      {
        revision: 2,
        reason: '市领导小组会议要求提前至十月完成，由岳阳市统筹',
        createdAt: '2027-02-01T02:00:00.000Z',
        by: '岳阳市质强办',
        changes: [
          { field: 'dueOn', label: '办理期限', before: '2027-12-31', after: '2027-10-31' },
          { field: 'leadOrgId', label: '牵头单位', before: '汨罗市', after: '岳阳市' },
          { field: 'units', label: '承办单位', before: '汨罗市（牵头）、岳阳市（配合）、岳阳楼区（配合）', after: '岳阳市（牵头）' },
        ],
      },
    ]);
    // the lead reads the same history on its task page
    expect((await (await login(t.app, 'yueyang')).request('GET', `/api/work-tasks/${task.id}`)).json.revisions.map((r: any) => r.revision)).toEqual([2]);
    // the old version again: 409, and the answer carries the task as it now stands (the other person's change)
    const stale = await city.request('PUT', `/api/work-tasks/${task.id}`, { ...body, dueOn: '2027-09-30', reason: '按旧版本再改一次' });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(/^该任务已由您在其他窗口于.+修改，已载入最新内容，请核对后再保存$/);
    expect(stale.json.current).toMatchObject({ version: ok.json.task.version, dueOn: '2027-10-31', leadOrgId: yueyang, units: [{ orgId: yueyang, role: 'lead' }] });
    expect((await t.db.db.selectFrom('work_task').select('due_on').where('id', '=', task.id).executeTakeFirstOrThrow()).due_on).toBe('2027-10-31');
    expect(await audits('workPlan.revise')).toBe(1);
  });
});
