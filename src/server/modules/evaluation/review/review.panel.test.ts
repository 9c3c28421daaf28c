/**
 * The 综合评价 waits on the whole panel of the approved plan, and a sheet reopens for the on-site review only inside
 * its window (seed 004 §10: 根据评分表逐项评分 by the panel the plan names; 资料评审 and 现场评审 on their dates):
 * - an expert on the plan who has not declared 回避 yet has not scored: the leader cannot confirm without them;
 * - an expert who declared a conflict after the plan was approved must be replaced in a new plan version first,
 *   or their items are confirmed on fewer experts than the plan requires (even on none);
 * - a submitted sheet reopened outside the on-site window could neither be changed nor submitted again, and would
 *   hold the 综合评价 up: the reopening is refused, saying when the window is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { acceptedApplication, china, scoreInFull } from '../../../test/evaluation';
import { makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';

const SITE_UNDATED = '评价工作方案未安排现场评审日期：评价结合资料评审和现场评审进行，现场评审开始后方可确认综合评价。请评价组织单位修订评价工作方案，填写现场评审的起止日期';

describe.each(testDialects())('creation evaluation: the panel behind the 综合评价, the on-site window of a reopening, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let e: Record<string, Client>;
  let experts: Record<string, number>;
  let app: any;
  let fw: Framework;
  let allItems: string[];
  const na = ['3.5.b'];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, app, fw, experts, clients: e } = await acceptedApplication(t, [
      ['王教授', 'expert'],
      ['李高工', 'expert2'],
      ['陈研究员', 'expert3'],
    ]));
    allItems = fw.sections.flatMap((s) => s.items.map((i) => i.code));
  });
  afterAll(() => t?.close());

  const plan = (members: { name: string; leader?: boolean; items: string[] }[], extra: Record<string, unknown> = {}) => ({
    version: null,
    notApplicable: [{ key: '3.5.b', reason: '岳麓区无口岸，按规范为合理缺项' }],
    method: 'mean',
    threshold: '0.3',
    schedule: { documentReviewStart: china(-5), documentReviewEnd: china(0), siteReviewStart: china(0), siteReviewEnd: china(5) },
    members: members.map((m) => ({ expertId: experts[m.name], leader: !!m.leader, items: m.items })),
    peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value: 3 }, { code: '430103', name: '天心区', value: 5 }] },
    ...extra,
  });
  const approve = async (body: ReturnType<typeof plan>) => {
    const p = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, body)).json.plan;
    expect(p.problems).toEqual([]);
    const r = await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: p.version });
    expect(r.status).toBe(200);
    return r.json.plan;
  };
  const declare = (who: string, p: any, conflict: boolean) =>
    e[who].request('POST', `/api/plan-members/${p.members.find((m: any) => m.expert.name === who).id}/recusal`, {
      version: 1,
      conflict,
      relations: conflict ? ['advised'] : [],
      statement: conflict ? '2023年曾为该区编写质量工作材料' : '本人与申请单位无利害关系',
    });
  const confirm = async () => {
    const shown = (await e['王教授'].request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json;
    return { shown, r: await e['王教授'].request('POST', `/api/evaluation-applications/${app.id}/consolidate`, { version: shown.version }) };
  };
  const status = async () => (await office.request('GET', `/api/evaluation-applications/${app.id}`)).json.status;

  let p1: any;
  let v2: number;
  it('an expert on the plan who has not declared 回避 has not scored: the 综合评价 waits on them', async () => {
    // 陈研究员 scores the first group with the other two: three experts on 1.1–1.3, two on the rest
    p1 = await approve(plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }, { name: '陈研究员', items: ['1.1', '1.2', '1.3'] }]));
    for (const who of ['王教授', '李高工']) expect((await declare(who, p1, false)).status).toBe(200);
    // 5.2.a counts award-winning enterprises, ranked among peers: the expert's figure is never negative nor absurd
    for (const value of [-3, 1e12]) {
      const r = await e['王教授'].request('PUT', `/api/evaluation-applications/${app.id}/sheet/5.2/a`, { version: null, answer: { value }, reason: '获奖企业数量少' });
      expect([r.status, r.json.message]).toEqual([400, `5.2.a的评分有误：数值${value === -3 ? '-3' : '1000000000000'}个超出允许范围0～1000000000个`]);
    }
    const v1 = await scoreInFull(e['王教授'], app.id, fw, allItems, na);
    v2 = await scoreInFull(e['李高工'], app.id, fw, allItems, na);
    for (const [who, v] of [['王教授', v1], ['李高工', v2]] as const) expect((await e[who].request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: v })).status).toBe(200);
    const { shown, r } = await confirm();
    expect(shown.pending).toEqual(['陈研究员']);
    expect([r.status, r.json.message]).toEqual([409, '陈研究员尚未提交评分，不能确认综合评价']);
    expect(await status()).toBe('reviewing');
  });

  it('an expert who declared a conflict after approval is replaced in a new plan version before the 综合评价', async () => {
    expect((await declare('陈研究员', p1, true)).status).toBe(200);
    const { r } = await confirm();
    expect([r.status, r.json.message]).toEqual([409, '陈研究员已声明需回避，其评分项目须由评价组织单位在新版本的评价工作方案中改派他人，才能确认综合评价']);
    expect(await status()).toBe('reviewing');
    await approve(plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }], { reason: '陈研究员声明回避，调整评价组' }));
  });

  it('a submitted sheet reopens for the on-site review only inside its window', async () => {
    const reopen = () => e['李高工'].request('POST', `/api/evaluation-applications/${app.id}/sheet/reopen`, { version: v2 + 1 });
    const dates = (documentReviewStart: string, documentReviewEnd: string, siteReviewStart: string, siteReviewEnd: string) =>
      t.db.db
        .updateTable('evaluation_plan')
        .set({ document_review_start: documentReviewStart, document_review_end: documentReviewEnd, site_review_start: siteReviewStart, site_review_end: siteReviewEnd })
        .where('application_id', '=', app.id)
        .where('status', '=', 'approved')
        .execute();
    // the on-site review is over (the dates set back as if two weeks went by)
    await dates(china(-20), china(-15), china(-14), china(-10));
    const late = await reopen();
    expect([late.status, late.json.message]).toEqual([409, `现场评审已于${china(-10)}截止，不能再评分`]);
    // not begun yet
    await dates(china(-5), china(0), china(3), china(5));
    const early = await reopen();
    expect([early.status, early.json.message]).toEqual([409, `现场评审自${china(3)}开始，尚不能评分`]);
    const sheet = (await e['李高工'].request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json;
    expect([sheet.status, sheet.stage]).toEqual(['submitted', 'document']);
    // inside the window it reopens
    await dates(china(-5), china(0), china(0), china(5));
    expect((await reopen()).json).toMatchObject({ status: 'open', stage: 'site' });
    const again = (await e['李高工'].request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json;
    expect((await e['李高工'].request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: again.version })).status).toBe(200);
  });

  it('an id in the address is named as what it is: an expert of the pool, a seat on the panel — not an application', async () => {
    const expert = await office.request('PUT', '/api/evaluation-experts/x1', { name: '周教授', organisation: '长沙理工大学', regionId: null, field: '工程质量', title: '教授', username: null, version: 1, active: true });
    expect([expert.status, expert.json.message]).toEqual([400, '访问地址中的编号有误 — 编号：专家编号须为正整数']);
    const seat = await e['王教授'].request('POST', '/api/plan-members/0/recusal', { version: 1, conflict: false, relations: [], statement: '本人与申请单位无利害关系' });
    expect([seat.status, seat.json.message]).toEqual([400, '访问地址中的编号有误 — 编号：评价组成员编号须为正整数（1至2147483647）']);
  });

  it('the peers a plan ranks 5.2.a against (获奖企业数量) are never negative nor absurd, and only for a rank criterion', async () => {
    for (const value of [-3, 1e12]) {
      const r = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }], { reason: '补充同级单位数据', peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value }, { code: '430103', name: '天心区', value: 5 }] } }));
      expect([r.status, r.json.message]).toEqual([400, `同级单位芙蓉区第5.2.a项的数值有误：数值${value === -3 ? '-3' : '1000000000000'}个超出允许范围0～1000000000个`]);
    }
    // a figure of 309 digits is described, never printed back digit by digit
    for (const [value, said] of [
      [1e308, '数值过大'],
      [-1e308, '数值过小'],
    ] as const) {
      const r = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }], { reason: '补充同级单位数据', peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value }, { code: '430103', name: '天心区', value: 5 }] } }));
      expect([r.status, r.json.message]).toEqual([400, `同级单位芙蓉区第5.2.a项的数值有误：${said}，超出允许范围0～1000000000个`]);
    }
    // 获奖企业数量 counts enterprises (个): a fraction of one is a slip, as on a peer table
    for (const value of [2.5, 1e-300]) {
      const r = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }], { reason: '补充同级单位数据', peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value }, { code: '430103', name: '天心区', value: 5 }] } }));
      expect([r.status, r.json.message, r.json.fields?.[0]?.field]).toEqual([400, `同级单位芙蓉区第5.2.a项的数值有误：数值以“个”计数，须为整数（填写的是${value}）`, 'peers.5.2.a.0.value']);
    }
    const unknown = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }], { reason: '补充同级单位数据', peers: { '1.1.a': [{ code: '430102', name: '芙蓉区', value: 3 }] } }));
    expect([unknown.status, unknown.json.message]).toEqual([400, '1.1.a不是按同级单位排名评分的细则，不需要同级单位的数值']);
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan).toMatchObject({ versionNo: 2, status: 'approved' });
  });

  it('with the whole panel of the plan in force submitted, the leader confirms; a draft revision left open is not approved after', async () => {
    // the 综合评价 concludes the on-site review (资料评审和现场评审结合): not confirmed before the on-site review begins
    const site = (start: string, end: string) =>
      t.db.db.updateTable('evaluation_plan').set({ site_review_start: start, site_review_end: end }).where('application_id', '=', app.id).where('status', '=', 'approved').execute();
    // a plan approved before the rule that a plan names its on-site dates: nothing to wait for, and nothing concluded
    await t.db.db.updateTable('evaluation_plan').set({ site_review_start: null, site_review_end: null }).where('application_id', '=', app.id).where('status', '=', 'approved').execute();
    const undated = await confirm();
    expect([undated.r.status, undated.r.json.message]).toEqual([409, SITE_UNDATED]);
    const waiting = (await e['王教授'].request('GET', '/api/todos')).json.items.find((x: any) => x.key === `evaluation.consolidate:${app.id}`);
    expect(waiting.detail).toBe('评价工作方案未安排现场评审日期，评价组织单位修订方案、填写现场评审日期后方可确认综合评价');
    await site(china(2), china(4));
    const early = await confirm();
    expect([early.r.status, early.r.json.message]).toEqual([409, `评价工作方案安排现场评审于${china(2)}至${china(4)}进行，尚未开始：评价结合资料评审和现场评审逐项评分，现场评审开始后方可确认综合评价（确认即结束现场评审）`]);
    expect(await status()).toBe('reviewing');
    // the leader's to-do says what it waits on
    const todo = (await e['王教授'].request('GET', '/api/todos')).json.items.find((x: any) => x.key === `evaluation.consolidate:${app.id}`);
    expect(todo.detail).toBe(`现场评审自${china(2)}开始，届时方可确认综合评价`);
    await site(china(0), china(5));
    // the office starts a revision while the panel finishes
    const draft = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }], { reason: '调整现场评审日期', method: 'leader' }))).json.plan;
    expect(draft).toMatchObject({ versionNo: 3, status: 'draft' });
    const { shown, r } = await confirm();
    expect(shown.pending).toEqual([]);
    expect(r.status).toBe(200);
    expect(await status()).toBe('consolidated');
    // the 综合评价 is confirmed on version 2: approving the draft now would put a plan in force the result never used
    const late = await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: draft.version });
    expect([late.status, late.json.message]).toEqual([409, '只有已受理、评审中的申请可以制定或修订评价工作方案']);
    const plans = await t.db.db.selectFrom('evaluation_plan').select(['version_no', 'status']).where('application_id', '=', app.id).orderBy('version_no').execute();
    expect(plans.map((p) => p.status)).toEqual(['superseded', 'approved', 'draft']);
  });
});

describe.each(testDialects())('creation evaluation: items given to an expert who has already submitted, on %s', (dialect) => {
  let t: TestApp;
  let f: Awaited<ReturnType<typeof acceptedApplication>>;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    f = await acceptedApplication(t, [
      ['王教授', 'expert'],
      ['李高工', 'expert2'],
      ['陈研究员', 'expert3'],
    ]);
  });
  afterAll(() => t?.close());

  it('a new plan version that gives a submitted expert more items reopens their sheet: the new items are scored, not counted as 0', async () => {
    const { office, app, fw, experts, clients: e } = f;
    const all = fw.sections.flatMap((s) => s.items.map((i) => i.code));
    const body = (members: [string, string[], boolean?][], extra: Record<string, unknown> = {}) => ({
      version: null,
      notApplicable: [{ key: '3.5.b', reason: '岳麓区无口岸，按规范为合理缺项' }],
      method: 'mean',
      // no item is ever flagged: only the panel's completeness stands between the scores and the total
      threshold: '1',
      schedule: { documentReviewStart: china(-5), documentReviewEnd: china(0), siteReviewStart: china(0), siteReviewEnd: china(5) },
      members: members.map(([name, items, leader]) => ({ expertId: experts[name], leader: !!leader, items })),
      peers: { '5.2.a': [{ code: '430102', name: '芙蓉区', value: 3 }, { code: '430103', name: '天心区', value: 5 }] },
      ...extra,
    });
    const approve = async (b: ReturnType<typeof body>) => {
      const p = (await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, b)).json.plan;
      expect(p.problems).toEqual([]);
      expect((await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: p.version })).status).toBe(200);
      return p;
    };
    // 陈研究员 scores 1.1 with 王教授; 李高工 everything else
    const p1 = await approve(body([['王教授', all, true], ['李高工', all.filter((c) => c !== '1.1')], ['陈研究员', ['1.1']]]));
    const clear = (who: string, conflict: boolean) =>
      e[who].request('POST', `/api/plan-members/${p1.members.find((m: any) => m.expert.name === who).id}/recusal`, { version: 1, conflict, relations: conflict ? ['advised'] : [], statement: conflict ? '2023年曾为该区编写质量工作材料' : '本人与申请单位无利害关系' });
    for (const who of ['王教授', '李高工']) expect((await clear(who, false)).status).toBe(200);
    expect((await clear('陈研究员', true)).status).toBe(200);
    const v1 = await scoreInFull(e['王教授'], app.id, fw, all, ['3.5.b']);
    const v2 = await scoreInFull(e['李高工'], app.id, fw, all.filter((c) => c !== '1.1'), ['3.5.b']);
    for (const [who, v] of [['王教授', v1], ['李高工', v2]] as const) expect((await e[who].request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: v })).status).toBe(200);
    // 陈研究员's 1.1 goes to 李高工, who has submitted without it
    await approve(body([['王教授', all, true], ['李高工', all]], { reason: '陈研究员声明回避，第 1.1 项改由李高工评分' }));
    const sheet = (await e['李高工'].request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json;
    expect([sheet.status, sheet.missing]).toEqual(['open', ['1.1.a']]);
    const shown = async () => (await e['王教授'].request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json;
    expect((await shown()).pending).toEqual(['李高工']);
    const early = await e['王教授'].request('POST', `/api/evaluation-applications/${app.id}/consolidate`, { version: (await shown()).version });
    expect([early.status, early.json.message]).toEqual([409, '李高工尚未提交评分，不能确认综合评价']);
    // scored and submitted again, 1.1 counts both experts' full marks
    const done = (await e['李高工'].request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: sheet.version, answer: { level: 20 } })).json;
    expect((await e['李高工'].request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: done.version })).status).toBe(200);
    const now = await shown();
    expect(now.consolidation.items.find((i: any) => i.code === '1.1')).toMatchObject({ scores: [{ score: '20' }, { score: '20' }], combined: '20' });
    expect((await e['王教授'].request('POST', `/api/evaluation-applications/${app.id}/consolidate`, { version: now.version })).status).toBe(200);
  });
});
