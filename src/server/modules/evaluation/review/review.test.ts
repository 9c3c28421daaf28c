/**
 * The evaluation plan and the review through the API (seed 004 §10–§11): a plan that cannot be approved says why;
 * experts declare 回避 before seeing anything; a conflicted expert is replaced in a new plan version; experts score
 * independently (no one sees the others' scores before submitting their own), with a reason for every point lost;
 * on site a revision keeps before, after and the reason; the team leader settles the flagged item and confirms the
 * 综合评价, whose total is worked out by hand below; the applicant sees the result without the experts' names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { fullAnswer } from '../../../test/evaluation';
import { login, makeTestApp, named, orgIds, testDialects, type Client, type TestApp } from '../../../test/helpers';

const declarations = ['I1', 'I2', 'I3', 'I4'].map((code) => ({ code, applies: false, statement: '近三年本区未发生该情形，已经有关部门核实。' }));
const china = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

describe.each(testDialects())('creation evaluation: plan, 回避, independent scores and the 综合评价, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let yuelu: Client;
  let e1: Client;
  let e2: Client;
  let e3: Client;
  let app: any;
  let fw: Framework;
  const experts: Record<string, number> = {};
  const allItems: string[] = [];

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await login(t.app, 'office');
    yuelu = await login(t.app, 'yuelu');
    [e1, e2, e3] = await Promise.all(['expert', 'expert2', 'expert3'].map((u) => login(t.app, u)));
    const round = (await office.request('POST', '/api/evaluation-rounds', { year: 2025, title: '2025年度质量强市（县）创建评价' })).json;
    let a = (await yuelu.request('POST', `/api/evaluation-rounds/${round.id}/applications`, { contactName: '赵六', contactPhone: '0731-1234567', conditions: declarations })).json;
    a = (await yuelu.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'submit', version: a.version })).json;
    app = (await office.request('POST', `/api/evaluation-applications/${a.id}/transition`, { event: 'accept', version: a.version })).json;
    // the office's expert pool: three with accounts, one without whose organisation is in 长沙 (岳麓区's city)
    const [officeId, changshaId] = await orgIds(t.db, ['office', '430100']);
    const now = new Date().toISOString();
    for (const [name, username, region] of [
      ['王教授', 'expert', null],
      ['李高工', 'expert2', null],
      ['陈研究员', 'expert3', null],
      ['刘主任', null, changshaId],
    ] as const) {
      const user = username ? await t.db.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow() : null;
      const row = await t.db.db
        .insertInto('expert')
        .values({ organiser_org_id: officeId, name, organisation: '湖南大学', region_org_id: region, field: '质量管理', title: '教授', user_id: user?.id ?? null, active: 1, created_at: now, updated_at: now, version: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      experts[name] = row.id;
    }
    fw = JSON.parse((await t.db.db.selectFrom('evaluation_round').select('framework_json').where('id', '=', round.id).executeTakeFirstOrThrow()).framework_json);
    allItems.push(...fw.sections.flatMap((s) => s.items.map((i) => i.code)));
  });
  afterAll(() => t.close());

  const schedule = () => ({ documentReviewStart: china(-5), documentReviewEnd: china(0), siteReviewStart: china(0), siteReviewEnd: china(5) });
  const peers = { '5.2.a': [{ code: '430102', name: '芙蓉区', value: 3 }, { code: '430103', name: '天心区', value: 5 }, { code: '430105', name: '开福区', value: 8 }] };
  const plan = (members: { name: string; leader?: boolean; items: string[] }[], version: number | null, extra: Record<string, unknown> = {}) => ({
    version,
    notApplicable: [{ key: '3.5.b', reason: '岳麓区无口岸，按规范为合理缺项' }],
    method: 'mean',
    threshold: '0.3',
    schedule: schedule(),
    members: members.map((m) => ({ expertId: experts[m.name], leader: !!m.leader, items: m.items })),
    peers,
    ...extra,
  });

  it('the pool lists the office’s experts; a plan that cannot be approved says why; the region is flagged', async () => {
    expect((await office.request('GET', '/api/evaluation-experts')).json.items.map((e: any) => [e.name, e.hasAccount])).toEqual([
      ['王教授', true],
      ['李高工', true],
      ['陈研究员', true],
      ['刘主任', false],
    ]);
    const r = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', items: allItems }, { name: '刘主任', items: ['1.1'] }], null, { schedule: { documentReviewStart: null, documentReviewEnd: null, siteReviewStart: null, siteReviewEnd: null } }));
    expect(r.status).toBe(200);
    const p = r.json.plan;
    expect(p).toMatchObject({ versionNo: 1, status: 'draft', methodLabel: '算术平均', notApplicable: [{ key: '3.5.b', points: '5' }] });
    expect(p.problems).toContain('请指定评价组组长');
    // the items short of experts in one line, not 49 lines of the same words
    const short = allItems.filter((code: string) => code !== '1.1');
    expect(p.problems.filter((x: string) => x.includes('名专家评分'))).toEqual([`第${short.join('、')}项（共${short.length}项）各只有1名专家评分，每项须至少2名专家`]);
    expect(p.problems).toContain('请填写资料评审的起止日期');
    expect(p.members.map((m: any) => [m.expert.name, m.regionFlag, m.recusalLabel])).toEqual([
      ['王教授', false, '待声明'],
      ['刘主任', true, '待声明'],
    ]);
    const approve = await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: p.version });
    expect(approve.status).toBe(409);
    expect(approve.json.message).toMatch(/^评价工作方案还不能批准：/);
    // 资料评审和现场评审结合 (seed 004): the 综合评价 concludes the on-site review, so a plan names its dates
    expect(p.problems).toContain('请填写现场评审的起止日期：评价结合资料评审和现场评审进行，现场评审开始后方可确认综合评价');
    const halfDated = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '刘主任', items: allItems }], p.version, { schedule: { ...schedule(), siteReviewEnd: null } }));
    expect(halfDated.json.plan.problems).toEqual(['请填写现场评审的起止日期：评价结合资料评审和现场评审进行，现场评审开始后方可确认综合评价']);
    const refused = await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: halfDated.json.plan.version });
    expect([refused.status, refused.json.message]).toEqual([409, '评价工作方案还不能批准：请填写现场评审的起止日期：评价结合资料评审和现场评审进行，现场评审开始后方可确认综合评价']);
    // 资料评审和现场评审结合: the on-site review may begin while the document review is open, not before it begins nor end before it closes
    const dated = async (documentReviewStart: string, documentReviewEnd: string, siteReviewStart: string, siteReviewEnd: string) => {
      const current = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
      const r = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '刘主任', items: allItems }], current.version, { schedule: { documentReviewStart, documentReviewEnd, siteReviewStart, siteReviewEnd } }));
      return r.json.plan.problems;
    };
    expect(await dated(china(-5), china(10), china(0), china(10))).toEqual([]);
    expect(await dated(china(-5), china(0), china(1), china(3))).toEqual([]);
    expect(await dated(china(-5), china(10), china(-6), china(10))).toEqual(['现场评审不能早于资料评审开始（现场评审可在资料评审期间开始）']);
    expect(await dated(china(-5), china(10), china(0), china(5))).toEqual(['现场评审的结束日期不能早于资料评审的截止日期']);
    expect(await dated(china(5), china(0), china(6), china(8))).toEqual(['资料评审的开始日期晚于截止日期']);
    expect(await dated(china(-5), china(0), china(8), china(6))).toEqual(['现场评审的开始日期晚于结束日期']);
    // a mistyped year: the review of a 2025 round is not held in 2001 nor ends in 2024 — refused at save, as the upper
    // bound is (the same rule greys those days in the pickers), naming the date and the bound; nothing is saved
    const before = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
    const misdated = async (s: Record<string, string>) => {
      const current = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
      return office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '刘主任', items: allItems }], current.version, { schedule: { ...schedule(), ...s } }));
    };
    const early = await misdated({ documentReviewStart: '2001-01-01' });
    const earlyMessage = '资料评审开始日期2001-01-01早于评价年度（2025年）开始：评价工作方案的时间安排不能早于2025-01-01，请核对年份';
    expect([early.status, early.json.message, early.json.fields]).toEqual([400, earlyMessage, [{ field: 'schedule.documentReviewStart', message: earlyMessage }]]);
    const lastYear = await misdated({ siteReviewEnd: '2024-12-31' });
    expect([lastYear.status, lastYear.json.fields?.[0]?.field]).toEqual([400, 'schedule.siteReviewEnd']);
    const after = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
    expect([after.version, after.schedule]).toEqual([before.version, before.schedule]);
    // the round's first day is in it
    expect(await dated('2025-01-01', china(10), china(0), china(10))).toEqual([]);
    // a draft stored with such a date before the save refused it is not approved, with the same words
    await t.db.db.updateTable('evaluation_plan').set({ document_review_start: '2001-01-01' }).where('id', '=', after.id).execute();
    const stored = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
    expect(stored.problems).toEqual([earlyMessage]);
    const held = await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: stored.version });
    expect([held.status, held.json.message]).toEqual([409, `评价工作方案还不能批准：${earlyMessage}`]);
    // a date years ahead (2062 for 2026) is refused at save, naming the field and the limit; a year out is kept
    const far = async (siteReviewEnd: string) => {
      const current = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
      return office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '刘主任', items: allItems }], current.version, { schedule: { ...schedule(), siteReviewEnd } }));
    };
    const tooFar = await far(china(367));
    const farMessage = `现场评审结束日期不能晚于${china(366)}（今天起一年内），${china(367)}已超出，请核对年份`;
    expect([tooFar.status, tooFar.json.message, tooFar.json.fields]).toEqual([400, farMessage, [{ field: 'schedule.siteReviewEnd', message: farMessage }]]);
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan.schedule.siteReviewEnd).toBe(china(10));
    expect((await far(china(366))).json.plan.schedule.siteReviewEnd).toBe(china(366));
    expect((await far(china(5))).status).toBe(200);
    // an item chosen twice for one expert (a direct API call; the page offers each once) is refused, not kept twice
    const current = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
    const twice = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: [...allItems, '1.1'] }, { name: '刘主任', items: allItems }], current.version));
    expect([twice.status, twice.json.fields?.[0]?.message]).toEqual([400, '同一评分项目选了不止一次，请每项只选一次']);
    // the applicant does not see the panel
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}/plan`)).status).toBe(403);
  });

  it('approves a plan of three (every item by at least two) and the application goes to review', async () => {
    const current = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
    const groups16 = allItems.filter((c) => Number(c.split('.')[0]) <= 6);
    const three = [{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }, { name: '陈研究员', items: groups16 }];
    // what would raise or fake the total is refused: a 合理缺项 the standard does not allow, a ranking without peers,
    // a trimmed mean that three experts would quietly turn into a plain mean
    const wrong = await office.request(
      'PUT',
      `/api/evaluation-applications/${app.id}/plan`,
      plan(three, current.version, { notApplicable: [{ key: '3.5.b', reason: '岳麓区无口岸' }, { key: '1.1.a', reason: '测试一下缺项' }], peers: { '5.2.a': [peers['5.2.a'][0]] }, method: 'trimmed' }),
    );
    expect(wrong.json.plan.problems).toEqual([
      '1.1.a不能作为合理缺项：评分表只允许3.5.b（无口岸的城市，此项为合理缺项）作合理缺项，请从合理缺项中删去1.1.a',
      '第5.2.a项按同级单位排名评分（前列、中游、其余），须有至少2个同级单位的数值才能排名（现有1个）：请选择同级比较表，或录入同级单位数据',
      expect.stringMatching(/^综合方法“去掉一个最高分和一个最低分后平均”要求每项至少5名专家评分，第1\.2（3名）、1\.3（3名）.*等49项不足：请增加专家，或改用“算术平均”$/),
    ]);
    expect((await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: wrong.json.plan.version })).status).toBe(409);
    const r = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan(three, wrong.json.plan.version));
    expect(r.json.plan.problems).toEqual([]);
    const ok = await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: r.json.plan.version });
    expect(ok.status).toBe(200);
    expect(ok.json.plan).toMatchObject({ status: 'approved', statusLabel: '已批准' });
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}`)).json).toMatchObject({ status: 'reviewing', statusLabel: '评审中' });
    // frozen: a change needs a new version with a reason
    const noReason = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }], null));
    expect(noReason.status).toBe(400);
    expect(noReason.json.message).toBe('修订已批准的评价工作方案须写明理由');
    // editing the approved plan in place (its own version) is told how to revise, not that someone else changed it
    const inPlace = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan(three, ok.json.plan.version));
    expect([inPlace.status, inPlace.json.message]).toEqual([409, '第1版评价工作方案已批准，不能直接修改：修订须新建一个版本（不带版本号提交）并写明修订理由']);
  });

  it('no expert sees the sheet before declaring; a conflict is declared and the expert replaced in a new version', async () => {
    const todoTitles = async (c: Client) => (await c.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind.startsWith('evaluation.')).map((x: any) => x.title);
    expect(await todoTitles(e1)).toEqual(['作出回避声明：岳麓区创建评价']);
    expect((await e1.request('GET', `/api/evaluation-applications/${app.id}/sheet`)).status).toBe(403);
    const p = (await e1.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan;
    const member = (name: string) => p.members.find((m: any) => m.expert.name === name);
    expect((await e1.request('POST', `/api/plan-members/${member('李高工').id}/recusal`, { version: 1, conflict: false, relations: [], statement: '本人与申请单位无利害关系' })).status).toBe(404);
    expect((await e1.request('POST', `/api/plan-members/${member('王教授').id}/recusal`, { version: 1, conflict: false, relations: [], statement: '本人与申请单位无利害关系' })).status).toBe(200);
    expect((await e2.request('POST', `/api/plan-members/${member('李高工').id}/recusal`, { version: 1, conflict: false, relations: [], statement: '本人与申请单位无利害关系' })).status).toBe(200);
    const mixed = await e3.request('POST', `/api/plan-members/${member('陈研究员').id}/recusal`, { version: 1, conflict: false, relations: ['advised'], statement: '曾为其编写材料' });
    expect(mixed.status).toBe(400);
    const conflicted = await e3.request('POST', `/api/plan-members/${member('陈研究员').id}/recusal`, { version: 1, conflict: true, relations: ['advised'], statement: '2023年曾为该区编写质量工作材料' });
    expect(conflicted.json.plan.members.find((m: any) => m.expert.name === '陈研究员')).toMatchObject({ recusalStatus: 'conflicted', recusal: { relations: ['advised'] } });
    expect((await e3.request('GET', `/api/evaluation-applications/${app.id}/sheet`)).status).toBe(403);
    // a new version without 陈研究员: the declarations of the others carry over; 陈's stays on record
    const v2 = await office.request('PUT', `/api/evaluation-applications/${app.id}/plan`, plan([{ name: '王教授', leader: true, items: allItems }, { name: '李高工', items: allItems }], null, { reason: '陈研究员声明回避，调整评价组' }));
    expect(v2.json.plan).toMatchObject({ versionNo: 2, status: 'draft', reason: '陈研究员声明回避，调整评价组' });
    expect(v2.json.plan.members.map((m: any) => m.recusalStatus)).toEqual(['cleared', 'cleared']);
    // 陈研究员 is on the plan in force until the new one is approved; then the application is closed to him. Having
    // declared a conflict he reads no more of what the applicant is evaluated on: neither the 自评 nor the findings
    const reads = async () => Promise.all(['', '/plan', '/findings', '/self-assessment'].map(async (x) => (await e3.request('GET', `/api/evaluation-applications/${app.id}${x}`)).status));
    expect(await reads()).toEqual([200, 200, 403, 403]);
    expect((await e3.request('GET', `/api/evaluation-applications/${app.id}`)).json.links).toMatchObject({ selfAssessment: false, findings: false });
    expect((await office.request('POST', `/api/evaluation-applications/${app.id}/plan/approve`, { version: v2.json.plan.version })).status).toBe(200);
    expect(await reads()).toEqual([404, 404, 404, 404]);
    expect(await todoTitles(e1)).toEqual(['评分：岳麓区创建评价（资料评审）']);
    expect(await todoTitles(e3)).toEqual([]);
    const versions = await t.db.db.selectFrom('evaluation_plan').select(['version_no', 'status']).where('application_id', '=', app.id).orderBy('version_no').execute();
    expect(versions).toEqual([
      { version_no: 1, status: 'superseded' },
      { version_no: 2, status: 'approved' },
    ]);
  });

  /** the answer that earns a criterion's full points (5.2: the top value among the plan's peers) */
  const full = (item: string, criterion: string): unknown => fullAnswer(fw, item, criterion);


  async function scoreAll(who: Client, changes: Record<string, { answer: unknown; reason: string }>, start: number | null = null) {
    let version: number | null = start;
    for (const s of fw.sections)
      for (const i of s.items)
        for (const c of i.criteria) {
          const key = `${i.code}.${c.code}`;
          if (key === '3.5.b') continue;
          const change = changes[key];
          const r = await who.request('PUT', `/api/evaluation-applications/${app.id}/sheet/${i.code}/${c.code}`, { version, answer: change ? change.answer : full(i.code, c.code), ...(change ? { reason: change.reason } : {}) });
          if (r.status !== 200) throw new Error(`${key}: ${r.status} ${r.json.message}`);
          version = r.json.version;
        }
    return version!;
  }

  it('the applicant self-assesses with notes and the engine totals it; experts read it after declaring, the conflicted one cannot', async () => {
    // accepted and under review: the 自评 waits on the applicant, due when the document review begins
    const selfTodos = async () => (await yuelu.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'evaluation.applicant').map((x: any) => [x.title, x.link]);
    expect(await selfTodos()).toEqual([['填写并提交2025年度创建评价自评', `/evaluation/applications/${app.id}/self-assessment`]]);
    const bad = await yuelu.request('PUT', `/api/evaluation-applications/${app.id}/self-assessment/1.1/a`, { version: null, answer: { level: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^1\.1\.a的自评有误：/);
    let version: number | null = null;
    for (const sec of fw.sections)
      for (const i of sec.items)
        for (const c of i.criteria) {
          if (`${i.code}.${c.code}` === '3.5.b' || `${i.code}.${c.code}` === '11.3.b') continue;
          const answer = i.code === '1.1' ? { level: 10 } : full(i.code, c.code);
          const r = await yuelu.request('PUT', `/api/evaluation-applications/${app.id}/self-assessment/${i.code}/${c.code}`, { version, answer, ...(i.code === '1.1' ? { note: '规划已报区政府审议' } : {}) });
          expect(r.status, `${i.code}.${c.code}`).toBe(200);
          version = r.json.version;
        }
    // a draft 自评 is the applicant's own working copy: the panel, the office and leaders read it once submitted
    const draftRead = async (c: Client) => {
      const r = await c.request('GET', `/api/evaluation-applications/${app.id}/self-assessment`);
      return [r.status, r.json.message, (await c.request('GET', `/api/evaluation-applications/${app.id}`)).json.links.selfAssessment];
    };
    for (const c of [e1, office, await login(t.app, 'leader')]) expect(await draftRead(c)).toEqual([403, '自评尚未提交：提交前只有申请单位可以查看', false]);
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}/self-assessment`)).json).toMatchObject({ status: 'open', editable: true });
    // its materials likewise: answered as none there (the 404 of a missing owner, attachments.policy hiddenRefusal)
    expect((await e1.request('GET', `/api/attachments?ownerType=self_assessment&ownerId=${app.id}`)).status).toBe(404);
    const early = await yuelu.request('POST', `/api/evaluation-applications/${app.id}/self-assessment/submit`, { version });
    expect(early.status).toBe(409);
    expect(early.json.message).toBe('还有1项未自评：11.3');
    const last = (await yuelu.request('PUT', `/api/evaluation-applications/${app.id}/self-assessment/11.3/b`, { version, answer: true })).json;
    // 1055 (3.5.b 合理缺项) − 10 (1.1 at the middle level) = 1045; prorated × 1060/1055 = 1049.95
    expect([last.score, last.total, last.missing]).toEqual(['1045', '1049.95', []]);
    expect(last.items.find((i: any) => i.code === '1.1').criteria[0]).toMatchObject({ note: '规划已报区政府审议', score: '10' });
    expect((await yuelu.request('POST', `/api/evaluation-applications/${app.id}/self-assessment/submit`, { version: last.version })).json).toMatchObject({ status: 'submitted', editable: false });
    expect(await selfTodos()).toEqual([]);
    expect((await yuelu.request('PUT', `/api/evaluation-applications/${app.id}/self-assessment/1.1/a`, { version: last.version + 1, answer: { level: 20 } })).status).toBe(409);
    expect((await e1.request('GET', `/api/evaluation-applications/${app.id}/self-assessment`)).json.total).toBe('1049.95');
    // 陈研究员 declared a conflict and is off the panel: the application does not exist for him
    expect((await e3.request('GET', `/api/evaluation-applications/${app.id}/self-assessment`)).status).toBe(404);
    // on site the panel records what it found
    const found = await e1.request('POST', `/api/evaluation-applications/${app.id}/findings`, { itemCode: '1.2', text: '质量工作考核制度未见正式文件' });
    expect(found.status).toBe(201);
    // the application's links say who may read them, by the findings route's own rule (the expert's score sheet follows it)
    for (const c of [e1, office, yuelu]) expect((await c.request('GET', `/api/evaluation-applications/${app.id}`)).json.links.findings).toBe(true);
    // the applicant reads what was found, not which expert found it; the office and the panel do (and the audit log)
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}/findings`)).json.items).toEqual([{ id: expect.any(Number), itemCode: '1.2', text: '质量工作考核制度未见正式文件', recordedBy: null, recordedAt: expect.any(String), rectification: null }]);
    for (const c of [e1, office]) expect((await c.request('GET', `/api/evaluation-applications/${app.id}/findings`)).json.items.map((f: any) => f.recordedBy)).toEqual(['王建国']);
    expect(JSON.stringify((await yuelu.request('GET', `/api/evaluation-applications/${app.id}`)).json)).not.toContain('王建国');
    // the on-site review is not concluded (综合评价 not confirmed): no 整改事项 from its findings yet, nothing saved
    const early2 = await office.request('POST', `/api/evaluation-applications/${app.id}/rectifications`, { findingIds: [found.json.items[0].id], dueOn: null });
    expect(early2.status).toBe(409);
    expect(early2.json.message).toContain('现场评审结束');
    expect(await t.db.db.selectFrom('rectification').select('id').where('source_type', '=', 'evaluation_site').execute()).toEqual([]);
    expect((await e3.request('POST', `/api/evaluation-applications/${app.id}/findings`, { itemCode: null, text: '回避的专家不能记录' })).status).toBe(404);
  });

  let v1: number;
  let v2: number;
  it('each expert scores with a reason for every point lost; nobody sees the others before submitting', async () => {
    const noReason = await e1.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: null, answer: { level: 0 } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.message).toBe('1.1.a失分20分，请填写扣分理由');
    // the assessment's rule, shared: figures alone are no reason
    const digits = await e1.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: null, answer: { level: 0 }, reason: '15' });
    expect([digits.status, digits.json.message, digits.json.fields]).toEqual([
      400,
      '1.1.a的扣分理由「15」只有数字或符号，请用文字写明失分原因',
      [{ field: 'reason', message: '1.1.a的扣分理由「15」只有数字或符号，请用文字写明失分原因' }],
    ]);
    // an empty answer is no score (it would have left the cell off the missing list and counted 0)
    for (const empty of [{ answer: null }, {}]) {
      const r = await e1.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: null, reason: '无答案', ...empty });
      expect([r.status, r.json.message], JSON.stringify(empty)).toEqual([400, '填写的内容有误 — 评分：请填写评分']);
    }
    const offGrid = await e1.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: null, answer: { level: 7 } });
    expect(offGrid.status).toBe(400);
    expect(offGrid.json.message).toMatch(/^1\.1\.a的评分有误：/);
    expect((await e1.request('PUT', `/api/evaluation-applications/${app.id}/sheet/99.9/a`, { version: null, answer: true })).status).toBe(403);
    expect((await e1.request('PUT', `/api/evaluation-applications/${app.id}/sheet/3.5/b`, { version: null, answer: true })).json.message).toBe('3.5.b为本申请的合理缺项，无需评分');
    // submitted half done: what is left is counted in the standard's 项 (the lines of table A.1, 1.1 … 11.3), as the
    // sheet counts what was assigned — not in 条 of 评分细则 beside them
    const first = await e1.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.1/a`, { version: null, answer: { level: 0 }, reason: '未印发质量发展规划' });
    const half = (await e1.request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json;
    const left = [...new Set((half.missing as string[]).map((k) => k.slice(0, k.lastIndexOf('.'))))];
    expect(left.length).toBeGreaterThan(8);
    const early = await e1.request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: first.json.version });
    expect([early.status, early.json.message]).toEqual([409, `还有${left.length}项未评分：${left.slice(0, 8).join('、')}等`]);
    v1 = await scoreAll(e1, { '1.1.a': { answer: { level: 0 }, reason: '未印发质量发展规划' } }, first.json.version);
    v2 = await scoreAll(e2, {});
    expect((await e2.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).status).toBe(403);
    const sheet = (await e2.request('GET', `/api/evaluation-applications/${app.id}/sheet`)).json;
    expect(sheet).toMatchObject({ status: 'open', missing: [], expert: { name: '李高工' } });
    expect(sheet.items.find((i: any) => i.code === '3.5')).toMatchObject({ score: '20' });
    expect((await e2.request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: v2 })).json.status).toBe('submitted');
    const seen = (await e2.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json;
    expect(seen.pending).toEqual(['王教授']);
    expect((await e1.request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: v1 })).status).toBe(200);
  });

  it('the leader settles the flagged item; on site a revision keeps before, after and the reason; the total is confirmed', async () => {
    const c = (await office.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json;
    const i11 = c.consolidation.items.find((i: any) => i.code === '1.1');
    // 0 and 20: mean 10, spread 20; both 10 from the mean > 30% of 20 = 6 → flagged, open
    expect(i11).toMatchObject({ mean: '10', spread: '20', flagged: true, open: true });
    expect(c.experts).toEqual({ [experts['王教授']]: '王教授', [experts['李高工']]: '李高工' });
    const current = (await office.request('GET', `/api/evaluation-applications/${app.id}`)).json;
    const early = await e1.request('POST', `/api/evaluation-applications/${app.id}/consolidate`, { version: current.version });
    expect(early.status).toBe(409);
    expect(early.json.message).toBe('第1.1项专家评分分歧较大，请组长讨论确定得分后再确认');
    const seen = c.version;
    expect(seen).toBe(current.version);
    expect((await e2.request('PUT', `/api/evaluation-applications/${app.id}/agreed/1.1`, { score: '15', reason: '讨论确定', version: seen })).status).toBe(403);
    expect((await e1.request('PUT', `/api/evaluation-applications/${app.id}/agreed/1.1`, { score: '25', reason: '讨论确定', version: seen })).status).toBe(400);
    const noVersion = await e1.request('PUT', `/api/evaluation-applications/${app.id}/agreed/1.1`, { score: '15', reason: '讨论确定' });
    expect([noVersion.status, noVersion.json.message]).toEqual([400, '填写的内容有误 — 版本号：请带上版本号']);
    expect((await e1.request('PUT', `/api/evaluation-applications/${app.id}/agreed/1.1`, { score: '10', reason: '甲窗口：讨论后按中间档确定', version: seen })).status).toBe(200);
    // the same leader in a second window, still showing the table before that: a 409, the first decision kept
    const stale = await e1.request('PUT', `/api/evaluation-applications/${app.id}/agreed/1.1`, { score: '20', reason: '乙窗口：讨论后按满分确定', version: seen });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(/^该申请已由.+于\d{4}-\d{2}-\d{2} \d{2}:\d{2}确定第1\.1项的得分，请刷新后查看$/);
    const kept = (await office.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json;
    expect(kept.consolidation.items.find((i: any) => i.code === '1.1').agreed).toMatchObject({ score: '10', reason: '甲窗口：讨论后按中间档确定' });
    expect(kept.version).toBe(seen + 1);
    expect((await e1.request('PUT', `/api/evaluation-applications/${app.id}/agreed/1.1`, { score: '15', reason: '规划已印发但未分解年度目标，组长与专家讨论后按15分确定', version: kept.version })).status).toBe(200);
    // an item the experts agree on is not the leader's to change: it counts at the plan's method
    const calm = kept.consolidation.items.find((i: any) => !i.flagged && i.byMethod !== null);
    const override = await e1.request('PUT', `/api/evaluation-applications/${app.id}/agreed/${calm.code}`, { score: '0', reason: '组长讨论确定', version: kept.version + 1 });
    expect([override.status, override.json.message]).toEqual([409, `第${calm.code}项各专家评分没有较大分歧，按“算术平均”计${calm.byMethod}分，组长不能另定得分`]);
    // an agreed score can be withdrawn, with a reason: the item is open again until settled anew
    const withdraw = (version: number) => e1.request('POST', `/api/evaluation-applications/${app.id}/agreed/1.1/withdraw`, { reason: '误将讨论前的意见录入', version });
    expect((await withdraw(kept.version + 1)).status).toBe(200);
    const reopenedItem = (await office.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json.consolidation.items.find((i: any) => i.code === '1.1');
    expect(reopenedItem).toMatchObject({ agreed: null, open: true, combined: '10' });
    expect((await withdraw(kept.version + 2)).json.message).toBe('第1.1项没有组长确定的得分，无需撤销');
    expect((await e1.request('PUT', `/api/evaluation-applications/${app.id}/agreed/1.1`, { score: '15', reason: '规划已印发但未分解年度目标，组长与专家讨论后按15分确定', version: kept.version + 2 })).status).toBe(200);
    // on site 李高工 finds 1.2.a not met: reopens, revises with a reason
    const reopened = (await e2.request('POST', `/api/evaluation-applications/${app.id}/sheet/reopen`, { version: v2 + 1 })).json;
    expect(reopened).toMatchObject({ status: 'open', stage: 'site' });
    // the reopened sheet waits on 李高工 again, as on-site work due by the on-site review's end
    const siteTodos = async () => (await e2.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'evaluation.expert').map((x: any) => [x.title, x.dueAt?.slice(0, 10) ?? null]);
    const siteEnd = (await office.request('GET', `/api/evaluation-applications/${app.id}/plan`)).json.plan.schedule.siteReviewEnd;
    expect(await siteTodos()).toEqual([['评分：岳麓区创建评价（现场评审）', siteEnd]]);
    const bare = await e2.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.2/a`, { version: reopened.version, answer: false });
    expect(bare.status).toBe(400);
    const revised = (await e2.request('PUT', `/api/evaluation-applications/${app.id}/sheet/1.2/a`, { version: reopened.version, answer: false, reason: '现场核查：未建立质量工作考核制度' })).json;
    expect(revised.revisions).toEqual([{ key: '1.2.a', before: true, after: false, reason: '现场核查：未建立质量工作考核制度', at: expect.any(String) }]);
    expect((await e2.request('POST', `/api/evaluation-applications/${app.id}/sheet/submit`, { version: revised.version })).status).toBe(200);
    expect(await siteTodos()).toEqual([]);
    // confirmed at the version the leader's page shows (the two agreed scores moved it on)
    expect((await e1.request('POST', `/api/evaluation-applications/${app.id}/consolidate`, { version: current.version })).status).toBe(409);
    const shown = (await e1.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json.version;
    const confirmed = await e1.request('POST', `/api/evaluation-applications/${app.id}/consolidate`, { version: shown });
    expect(confirmed.status).toBe(200);
    const result = (await office.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json;
    // full 1060 − 3.5.b (5) = 1055; 1.1 agreed 15 (−5); 1.2: 30 and 20 → 25 (−5): 1045; × 1060/1055 = 221540/211 = 1049.95
    expect(result.consolidation).toMatchObject({ total: '1049.95', totalExact: '221540/211', passed: true, openItems: [] });
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}`)).json).toMatchObject({ status: 'consolidated', statusLabel: '综合评价完成', result: { total: '1049.95' } });
    // seed 004: 评价后，由评价组织单位将评价结果反馈给被评价单位 — the applicant learns its result when the office feeds
    // it back with the report (反馈评价报告), not when the team leader confirms it
    const notYet = await yuelu.request('GET', `/api/evaluation-applications/${app.id}/consolidation`);
    expect([notYet.status, notYet.json.message]).toEqual([403, '评价组织单位反馈评价报告后，申请单位可查看评价结果']);
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}`)).json).toMatchObject({ status: 'consolidated', result: null, links: { consolidation: false, reportDoc: false } });
    const doc = await yuelu.request('GET', `/api/evaluation-applications/${app.id}/report.docx`);
    expect([doc.status, doc.json.message]).toEqual([403, '评价组织单位反馈评价报告后，申请单位可查看评价结果']);
  });

  it('the report goes to the applicant, who acknowledges it; a passing applicant is publicised, then named and registered', async () => {
    const move = async (who: Client, body: Record<string, unknown>) => {
      const cur = (await who.request('GET', `/api/evaluation-applications/${app.id}`)).json;
      return who.request('POST', `/api/evaluation-applications/${app.id}/transition`, { version: cur.version, ...body });
    };
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}`)).json).toMatchObject({ result: { total: '1049.95', passed: true }, abilities: { events: ['sendReport'] } });
    expect((await move(yuelu, { event: 'acknowledge' })).status).toBe(409);
    expect((await move(office, { event: 'sendReport' })).json).toMatchObject({ status: 'reported', statusLabel: '已反馈评价报告' });
    // fed back: the applicant reads its result and the report, without the experts' scores or names
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}`)).json).toMatchObject({ result: { total: '1049.95', passed: true }, links: { consolidation: true, reportDoc: true } });
    const result = (await yuelu.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).json;
    expect(result.consolidation).toMatchObject({ total: '1049.95', passed: true });
    expect(result.consolidation.items.every((i: any) => i.scores.length === 0)).toBe(true);
    expect(result.experts).toEqual({});
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}/report.docx`)).status).toBe(200);
    expect((await move(office, { event: 'acknowledge' })).status).toBe(403);
    expect((await move(yuelu, { event: 'acknowledge' })).json).toMatchObject({ status: 'acknowledged' });
    const backwards = await move(office, { event: 'publicise', publicityStart: china(0), publicityEnd: china(-1) });
    expect(backwards.status).toBe(400);
    expect(backwards.json.message).toBe('公示截止日期不能早于开始日期');
    // a window already over is no 公示: naming could follow at once, with no public notice given
    const past = await move(office, { event: 'publicise', publicityStart: china(-8), publicityEnd: china(-1) });
    expect([past.status, past.json.message, past.json.fields]).toEqual([400, `公示开始日期不能早于今天（${china(0)}）：公示须在公示期内向社会公开，期满后方可命名`, [{ field: 'publicityStart', message: '不能早于今天' }]]);
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}`)).json).toMatchObject({ status: 'acknowledged', publicity: null });
    // "today" is the platform's clock (config.now), not the machine's: a month on, a window opening in ten days is past
    t.config.now = () => new Date(Date.now() + 30 * 86_400_000);
    try {
      const late = await move(office, { event: 'publicise', publicityStart: china(10), publicityEnd: china(20) });
      expect([late.status, late.json.message]).toEqual([400, `公示开始日期不能早于今天（${china(30)}）：公示须在公示期内向社会公开，期满后方可命名`]);
    } finally {
      delete t.config.now;
    }
    // the window cannot be changed once begun and naming waits for its end: a slip of the year (2062 for 2026) would hold
    // the naming for decades, so the window is at most 30 days and begins within 30 days of today
    const long = await move(office, { event: 'publicise', publicityStart: china(0), publicityEnd: china(30) });
    expect([long.status, long.json.message, long.json.fields]).toEqual([400, `公示期最长30天，${china(0)}至${china(30)}共31天，请检查公示截止日期`, [{ field: 'publicityEnd', message: '公示期不能超过30天' }]]);
    const far = await move(office, { event: 'publicise', publicityStart: china(31), publicityEnd: china(37) });
    expect([far.status, far.json.message, far.json.fields]).toEqual([400, `公示开始日期不能晚于${china(30)}（今天起30天内），请检查公示开始日期`, [{ field: 'publicityStart', message: '须在今天起30天内' }]]);
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}`)).json).toMatchObject({ status: 'acknowledged', publicity: null });
    expect((await move(office, { event: 'publicise', publicityStart: china(0), publicityEnd: china(6) })).json).toMatchObject({ status: 'publicised', publicity: { start: china(0), end: china(6) } });
    const early = await move(office, { event: 'name', docNo: '湘质强发〔2025〕3号' });
    expect(early.status).toBe(409);
    expect(early.json.message).toBe(`公示期至${china(6)}，期满后方可命名`);
    // the page offers 命名 by the same clock: a week on, the window is over
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}`)).json.abilities.events).toEqual([]);
    t.config.now = () => new Date(Date.now() + 7 * 86_400_000);
    try {
      expect((await office.request('GET', `/api/evaluation-applications/${app.id}`)).json.abilities.events).toEqual(['name']);
    } finally {
      delete t.config.now;
    }
    // the window has passed (set back as if a week went by)
    await t.db.db.updateTable('evaluation_application').set({ publicity_start: china(-8), publicity_end: china(-1) }).where('id', '=', app.id).execute();
    // the naming's 文号 is the organiser's: one another 公文 of the office carries is refused, naming that 公文
    const notice = await office.request('POST', `/api/rectifications/notice.docx?date=${china(-2)}`, { docNumber: '湘质强发〔2025〕2号' });
    expect(notice.status).toBe(200);
    const taken = await move(office, { event: 'name', docNo: '湘质强发〔2025〕2号' });
    expect([taken.status, taken.json.message, taken.json.fields]).toEqual([409, `文号湘质强发〔2025〕2号已用于《整改事项落实情况通报（${china(-2)}）》（${china(0)}登记），请换一个文号`, [{ field: 'docNo', message: '文号已被使用' }]]);
    expect((await move(office, { event: 'name', docNo: '湘质强发〔2025〕3号' })).json).toMatchObject({ status: 'named', statusLabel: '已命名', namingDocNo: '湘质强发〔2025〕3号' });
    const entry = (await office.request('GET', '/api/doc-numbers')).json.items.find((e: any) => e.docNo === '湘质强发〔2025〕3号');
    expect(entry).toMatchObject({ kind: 'evaluation_naming', kindLabel: '命名文件', link: '/evaluation/register', mayVoid: false });
    expect(entry.title).toMatch(/命名文件$/);
    const register = (await yuelu.request('GET', '/api/evaluation-register')).json.items;
    expect(register.map((r: any) => [r.applicant.name, r.year, r.total, r.docNo])).toEqual([['岳麓区', 2025, '1049.95', '湘质强发〔2025〕3号']]);
  });

  it('once named, the evaluation is over for the panel: an expert keeps its own sheet, not the materials, the others’ scores or the report', async () => {
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}`)).json.status).toBe('named');
    for (const expert of [e1, e2]) {
      // the application page offers the sheet only
      expect((await expert.request('GET', `/api/evaluation-applications/${app.id}`)).json.links).toMatchObject({ sheet: true, selfAssessment: false, findings: false, consolidation: false, reportDoc: false });
      const own = await expert.request('GET', `/api/evaluation-applications/${app.id}/sheet`);
      expect(own.status).toBe(200);
      expect(own.json).toMatchObject({ status: 'submitted', evidence: [] });
      for (const url of ['consolidation', 'self-assessment', 'findings', 'report.docx']) {
        const r = await expert.request('GET', `/api/evaluation-applications/${app.id}/${url}`);
        expect([r.status, r.json.message], url).toEqual([403, '评价已结束（已命名）：评价组专家只能查看本人的评分表，申请材料、其他专家的评分和评价报告不再开放']);
      }
    }
    // the organiser and the applicant read on as before
    for (const c of [office, yuelu]) expect((await c.request('GET', `/api/evaluation-applications/${app.id}`)).json.links.findings).toBe(true);
    expect((await office.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).status).toBe(200);
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}/consolidation`)).status).toBe(200);
  });

  it('the office keeps its expert pool: adds with checks, edits at the version it saw, takes an expert out of the pool', async () => {
    const [changshaId, samrId] = await orgIds(t.db, ['430100', 'samr']);
    const base = { name: '周教授', organisation: '长沙理工大学', regionId: changshaId, field: '工程质量', title: '教授', username: null };
    expect((await office.request('POST', '/api/evaluation-experts', { ...base, regionId: samrId })).json.message).toBe('所在地区须为市州或县市区');
    expect((await office.request('POST', '/api/evaluation-experts', { ...base, username: 'samr' })).json.message).toBe('账户samr不存在或不是评价专家');
    expect((await office.request('POST', '/api/evaluation-experts', { ...base, username: 'expert' })).json.message).toBe('账户expert已关联专家库中的王教授');
    // a stopped (停用) expert account signs in no more: linked to a pool entry, its expert could never declare 回避 nor score
    const { id: _id, ...expertRow } = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'expert3').executeTakeFirstOrThrow();
    await t.db.db.insertInto('app_user').values({ ...expertRow, username: 'expert.gone', display_name: '赵已停用', status: 'disabled' }).execute();
    const stopped = await office.request('POST', '/api/evaluation-experts', { ...base, username: 'expert.gone' });
    expect([stopped.status, stopped.json.message, stopped.json.fields]).toEqual([400, '账户expert.gone已停用，不能关联专家库：请联系系统管理员启用，或填写其他评价专家账户', [{ field: 'username', message: '该账户已停用' }]]);
    // nor can one still 待审核 (registered, never approved): it cannot sign in either
    await t.db.db.insertInto('app_user').values({ ...expertRow, username: 'expert.new', display_name: '钱待审核', status: 'pending' }).execute();
    const pending = await office.request('POST', '/api/evaluation-experts', { ...base, username: 'expert.new' });
    expect([pending.status, pending.json.message, pending.json.fields]).toEqual([400, '账户expert.new待审核，不能关联专家库：请系统管理员先审核通过该账户，或填写其他评价专家账户', [{ field: 'username', message: '该账户待审核' }]]);
    const added = await office.request('POST', '/api/evaluation-experts', base);
    expect(added.status).toBe(201);
    const zhou = added.json.items.find((e: any) => e.name === '周教授');
    expect(zhou).toMatchObject({ region: { name: '长沙市' }, field: '工程质量', active: true, username: null, version: 1 });
    expect((await office.request('PUT', `/api/evaluation-experts/${zhou.id}`, { ...base, username: 'expert.gone', version: 1, active: true })).json.message).toBe('账户expert.gone已停用，不能关联专家库：请联系系统管理员启用，或填写其他评价专家账户');
    const edited = await office.request('PUT', `/api/evaluation-experts/${zhou.id}`, { ...base, field: '建设工程质量', version: 1, active: false });
    expect(edited.json.items.find((e: any) => e.id === zhou.id)).toMatchObject({ field: '建设工程质量', active: false, version: 2 });
    expect((await office.request('PUT', `/api/evaluation-experts/${zhou.id}`, { ...base, version: 1, active: true })).status).toBe(409);
    expect((await office.request('GET', '/api/evaluation-experts')).json.items.map((e: any) => e.name)).not.toContain('周教授');
    expect((await office.request('GET', '/api/evaluation-experts?all=true')).json.items.map((e: any) => e.name)).toContain('周教授');
    // another organiser's pool is not this one's
    const cityOffice = await login(t.app, 'yueyang.office');
    expect((await cityOffice.request('PUT', `/api/evaluation-experts/${zhou.id}`, { ...base, version: 2, active: true })).status).toBe(404);
    // an entry whose account is stopped after it was linked can still be edited (taken out of the pool) as it stands
    await t.db.db.insertInto('app_user').values({ ...expertRow, username: 'expert.later', display_name: '钱研究员' }).execute();
    const qian = (await office.request('POST', '/api/evaluation-experts', { ...base, name: '钱研究员', username: 'expert.later' })).json.items.find((e: any) => e.name === '钱研究员');
    await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('username', '=', 'expert.later').execute();
    expect((await office.request('PUT', `/api/evaluation-experts/${qian.id}`, { ...base, name: '钱研究员', username: 'expert.later', version: qian.version, active: false })).status).toBe(200);
  });

  it('the office turns deductions into 整改事项 with the experts’ reasons; the applicant answers each from its 待办', async () => {
    const url = `/api/evaluation-applications/${app.id}/rectifications`;
    const none = await office.request('POST', url, { itemCodes: ['2.1'], dueOn: '2026-12-31' });
    expect(none.status).toBe(400);
    expect(none.json.message).toBe('第2.1项没有失分，无需整改');
    // a deadline already past (or today) is refused as every other source refuses it: the item would be born overdue
    for (const dueOn of [china(-1), china(0)]) {
      const past = await office.request('POST', url, { itemCodes: ['1.1'], dueOn });
      expect([past.status, past.json.fields]).toEqual([400, [{ field: 'dueOn', message: `整改期限须晚于今天（${china(0)}）` }]]);
    }
    // "today" is China's day on the platform's clock (config.now), as for every other source: at 23:30 UTC on 1 March
    // it is 07:30 on 2 March in Beijing, so a deadline of 2 March is already today
    t.config.now = () => new Date('2027-03-01T23:30:00Z');
    try {
      const sameDay = await office.request('POST', url, { itemCodes: ['1.1'], dueOn: '2027-03-02' });
      expect([sameDay.status, sameDay.json.fields]).toEqual([400, [{ field: 'dueOn', message: '整改期限须晚于今天（2027-03-02）' }]]);
    } finally {
      delete t.config.now;
    }
    const raised = await office.request('POST', url, { itemCodes: ['1.1', '1.2'], dueOn: '2026-12-31' });
    expect(raised.status).toBe(201);
    const [r11, r12] = raised.json.items;
    expect(r11).toMatchObject({ sourceRef: '1.1', owner: { name: '岳麓区' }, status: 'open', statusLabel: '待整改', dueOn: '2026-12-31' });
    // 1.1: the leader's agreed 15 of 20, 王教授's reason; 1.2: 李高工's on-site revision, named by its criterion (1.2 has three)
    expect(r11.detail).toBe('失分5分（20分中得15分）\n专家意见：未印发质量发展规划\n评价组确定：规划已印发但未分解年度目标，组长与专家讨论后按15分确定');
    expect(r12.detail).toBe('失分5分（30分中得25分）\n专家意见：1.2.a 建立质量工作部门联席会议制度或质量强市工作领导小组或类似工作机制：现场核查：未建立质量工作考核制度');
    expect((await office.request('POST', url, { itemCodes: ['1.1'], dueOn: null })).status).toBe(409);
    expect((await yuelu.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'rectification.answer').map((x: any) => [x.title, x.dueAt])).toEqual([
      ['答复整改情况：第1.1项：制定并出台城市质量发展规划', '2026-12-31'],
      ['答复整改情况：第1.2项：为实施质量发展规划提供组织保障', '2026-12-31'],
    ]);
    expect((await yuelu.request('POST', `${url}/${r12.id}/answer`, { version: 1, answer: '已整改' })).status).toBe(400);
    const answered = await yuelu.request('POST', `${url}/${r12.id}/answer`, { version: 1, answer: '区政府已印发《岳麓区质量工作考核办法》，纳入年度绩效考核。' });
    expect(answered.json.items.find((x: any) => x.id === r12.id)).toMatchObject({ status: 'answered', statusLabel: '已答复整改情况' });
    expect((await yuelu.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'rectification.answer')).toHaveLength(1);
    // the answered item's closure is asked and sent back: the applicant is told to go on (销号申请被退回), never
    // to answer again — the application page offers no second answer, so that to-do could not be done
    const cur = (await yuelu.request('GET', `/api/rectifications/${r12.id}`)).json;
    const asked = await yuelu.request('POST', `/api/rectifications/${r12.id}/closure`, { version: cur.version, summary: '考核办法已印发并纳入年度绩效考核，申请销号。' });
    expect(asked.status).toBe(201);
    const closure = asked.json.closures[0];
    const back = await office.request('POST', `/api/rectifications/${r12.id}/closure-decision`, { closureId: closure.id, version: closure.version, accept: false, reason: '请补充考核办法的印发文件。' });
    expect(back.json).toMatchObject({ status: 'open', answer: '区政府已印发《岳麓区质量工作考核办法》，纳入年度绩效考核。' });
    const afterReturn = (await yuelu.request('GET', '/api/todos')).json.items.filter((x: any) => x.link === `/rectifications/${r12.id}` || x.title.includes('第1.2项'));
    expect(afterReturn.map((x: any) => x.kind)).toEqual(['rectification.returned']);
    // nor may the answer be overwritten through the API: it is given once, progress follows as reports
    const again = await yuelu.request('POST', `${url}/${r12.id}/answer`, { version: back.json.version, answer: '另行答复的整改情况，覆盖原答复内容。' });
    expect([again.status, again.json.message]).toEqual([409, '该整改事项已答复过整改情况，后续进展请在整改事项页报送']);
    expect((await yuelu.request('GET', `/api/rectifications/${r12.id}`)).json.answer).toBe('区政府已印发《岳麓区质量工作考核办法》，纳入年度绩效考核。');
    expect((await e1.request('GET', url)).status).toBe(403);
    expect((await office.request('POST', `${url}/${r11.id}/answer`, { version: 1, answer: '组织单位不能代答整改情况的内容' })).status).toBe(403);
  });

  it('the office turns on-site findings into 整改事项 (one per finding, linked back); the applicant answers; another city sees none', async () => {
    const url = `/api/evaluation-applications/${app.id}/rectifications`;
    const [finding] = (await office.request('GET', `/api/evaluation-applications/${app.id}/findings`)).json.items;
    const raisesBefore = (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'rectification.raise').execute()).length;
    // nothing chosen, or a finding of no such id: a Chinese 400, nothing saved
    const empty = await office.request('POST', url, { itemCodes: [], findingIds: [], dueOn: null });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toContain('请至少选择一个失分项目或现场评审问题');
    const bad = await office.request('POST', url, { findingIds: [finding.id, 999_999], dueOn: '2026-12-31' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('本申请没有编号为999999的现场评审问题');
    expect(await t.db.db.selectFrom('rectification').select('id').where('source_type', '=', 'evaluation_site').execute()).toEqual([]);
    // the applicant cannot raise
    expect((await yuelu.request('POST', url, { findingIds: [finding.id], dueOn: null })).status).toBe(403);
    const raised = await office.request('POST', url, { findingIds: [finding.id], dueOn: '2026-12-31' });
    expect(raised.status).toBe(201);
    const item = raised.json.items.find((x: any) => x.sourceType === 'evaluation_site');
    expect(item).toMatchObject({ sourceRef: String(finding.id), owner: { name: '岳麓区' }, status: 'open', dueOn: '2026-12-31', title: '现场评审问题（第1.2项）：质量工作考核制度未见正式文件' });
    expect(item.detail).toContain('现场评审发现：质量工作考核制度未见正式文件');
    // the 整改单位 is the applicant: the item it reads does not name the expert who recorded the finding
    expect((await yuelu.request('GET', `/api/rectifications/${item.id}`)).json.detail).not.toContain('王建国');
    expect((await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'rectification.raise').execute()).length).toBe(raisesBefore + 1);
    // one item per finding: a second request is a 409 naming the field
    const twice = await office.request('POST', url, { findingIds: [finding.id], dueOn: null });
    expect(twice.status).toBe(409);
    expect(twice.json.fields).toEqual([{ field: 'findingIds.0', message: '已提出' }]);
    expect(twice.json.message).toMatch(named('「现场评审问题（第1.2项）：质量工作考核制度未见正式文件」已由您于<T>提出整改要求（待整改），请到整改事项中查看'));
    // the finding shows its item and state; the 整改事项 page links back to the application
    expect((await yuelu.request('GET', `/api/evaluation-applications/${app.id}/findings`)).json.items[0].rectification).toEqual({ id: item.id, status: 'open', statusLabel: '待整改' });
    const detail = (await office.request('GET', `/api/rectifications/${item.id}`)).json;
    expect(detail.source).toMatchObject({ type: 'evaluation_site', typeLabel: '创建评价现场评审问题', id: app.id, ref: String(finding.id), path: `/evaluation/applications/${app.id}` });
    expect(detail.source.label).toContain('现场评审问题（第1.2项）');
    expect((await office.request('GET', '/api/rectifications?source=evaluation_site')).json.items.map((x: any) => x.id)).toEqual([item.id]);
    // the applicant's 待办 and answer
    expect((await yuelu.request('GET', '/api/todos')).json.items.filter((x: any) => x.kind === 'rectification.answer').map((x: any) => x.title)).toContain('答复整改情况：现场评审问题（第1.2项）：质量工作考核制度未见正式文件');
    const answered = await yuelu.request('POST', `${url}/${item.id}/answer`, { version: item.version, answer: '区政府已印发《岳麓区质量工作考核办法》并在官网公开。' });
    expect(answered.status).toBe(200);
    expect(answered.json.items.find((x: any) => x.id === item.id)).toMatchObject({ status: 'answered' });
    expect((await yuelu.request('GET', '/api/rectifications')).json.items.map((x: any) => x.id)).toContain(item.id);
    // another city sees neither the item nor the application's list
    const yueyang = await login(t.app, 'yueyang');
    expect((await yueyang.request('GET', `/api/rectifications/${item.id}`)).status).toBe(404);
    expect((await yueyang.request('GET', '/api/rectifications')).json.items.map((x: any) => x.id)).not.toContain(item.id);
    expect([403, 404]).toContain((await yueyang.request('GET', url)).status);
  });
});
