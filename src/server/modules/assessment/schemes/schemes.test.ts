import { clockAt } from '../../../core/clock';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeTotals } from '../../../../shared/contracts/schemes';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { login, makeTestApp, named, openTestCycle, orgId, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { AppError } from '../../../core/errors';
import { sessionOrg } from '../../../core/session';
import { cycleAccess } from '../assessment.queries';
import { checkPublish, publishScheme } from './schemes.commands';
import { findScheme } from './schemes.queries';
import { chinaDate } from '../../../../shared/deadline';
import { attachmentDisposition } from '../../../core/download';

const crit = (fw: Framework, code: string) => {
  const [i, c] = code.split('.');
  return fw.sections.flatMap((s) => s.items).find((x) => x.code === i)!.criteria.find((x) => x.code === c)!;
};
/** a copy of the framework with one key point changed, items and domains re-added */
const edit = (fw: Framework, code: string, change: (c: Framework['sections'][number]['items'][number]['criteria'][number]) => void) => {
  const out = structuredClone(fw);
  change(crit(out, code));
  return recomputeTotals(out);
};

async function closeCollection(office: Client, cycle: any) {
  const r = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'closeCollection', version: cycle.version });
  expect(r.status).toBe(200);
  return r.json;
}

describe.each(testDialects())('the assessment scheme (考核方案), on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let samr: Client;
  let cycle: any;
  let draft: any;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t));
    samr = await login(t.app, 'samr');
    const list = await office.request('GET', `/api/cycles/${cycle.id}/schemes`);
    draft = (await office.request('GET', `/api/schemes/${list.json.items[0].id}`)).json;
  });
  afterAll(() => t.close());

  it('lists the versions and shows the draft with its check report to the office only', async () => {
    const list = await office.request('GET', `/api/cycles/${cycle.id}/schemes`);
    expect(list.json.items).toEqual([
      expect.objectContaining({ versionNo: 1, status: 'draft', statusLabel: '草稿', reason: null, publishedAt: null, publishedBy: null }),
    ]);
    expect(draft.framework.title).toBe('2023 年度湖南省政府质量工作考核要点');
    // the three key points whose 评价部门 附件4 gives as 相关成员单位 (the office enters their score) are warned, nothing else
    expect(draft.check).toMatchObject({ errors: [], basePoints: '100' });
    expect(draft.check.warnings.map((w: any) => w.code)).toEqual(['2.b', '22.a', '23.a']);
    expect(draft.editable).toBe(true);
    expect(draft.evaluatorOptions.map((o: any) => o.code)).toContain('samr');
    expect(draft.evaluatorOptions.map((o: any) => o.code)).toContain('office');
    expect(draft.evaluatorOptions.map((o: any) => o.code)).not.toContain('office-430600');
    // departments and cities see no draft; another office does not see the cycle at all
    expect((await samr.request('GET', `/api/cycles/${cycle.id}/schemes`)).json.items).toEqual([]);
    expect((await samr.request('GET', `/api/schemes/${draft.id}`)).status).toBe(404);
    const yy = await login(t.app, 'yueyang.office');
    expect((await yy.request('GET', `/api/schemes/${draft.id}`)).status).toBe(404);
    const leader = await login(t.app, 'leader');
    const seen = await leader.request('GET', `/api/schemes/${draft.id}`);
    expect(seen.status).toBe(200);
    expect(seen.json.editable).toBe(false);
  });

  it('saves the draft with a compact audit row, and a stale save gets 409 with the other person\'s value', async () => {
    const fw = edit(draft.framework, '1.a', (c) => (c.points = 2.5));
    const ok = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: fw, version: draft.version });
    expect(ok.status).toBe(200);
    expect(ok.json.version).toBe(draft.version + 1);
    expect(crit(ok.json.framework, '1.a').points).toBe(2.5);
    expect(ok.json.framework.sections[0].points).toBe(19);
    expect(ok.json.check.basePoints).toBe('99.5');
    expect(ok.json.check.errors.map((e: any) => e.message)).toContain('各考核要点（基本分）分值之和为99.5分，须恰好为100分，请调整分值');
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'scheme.update').executeTakeFirstOrThrow();
    const before = JSON.parse(audit.before_json!);
    const after = JSON.parse(audit.after_json!);
    expect(Object.keys(after.nodes).sort()).toEqual(['criterion 1.a', 'item 1', 'section D1']);
    expect(before.nodes['criterion 1.a'].points).toBe(3);
    expect(after.nodes['criterion 1.a'].points).toBe(2.5);
    expect(audit.after_json!.length).toBeLessThan(2000);

    const stale = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: draft.framework, version: draft.version });
    expect(stale.status).toBe(409);
    // the same person from a page opened before its own save: said as theirs (another window)
    expect(stale.json.message).toMatch(named('该方案草稿已由您在其他窗口于<T>保存，请查看最新内容后重试'));
    expect(stale.json.current.version).toBe(draft.version + 1);
    expect(crit(stale.json.current.framework, '1.a').points).toBe(2.5);
    draft = ok.json;
  });

  it('refuses bad drafts with Chinese messages naming the field, and other roles', async () => {
    const badCode = structuredClone(draft.framework);
    badCode.sections[0].items[0].criteria[0].code = 'A';
    const r1 = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: badCode, version: draft.version });
    expect(r1.status).toBe(400);
    expect(r1.json.fields).toContainEqual({ field: 'framework.sections.0.items.0.criteria.0.code', message: '评分细则编号须为单个小写字母' });
    // 40,000 评价部门 on a key point, or one code of 5,000 characters, are refused, not saved (an Annex 4 cell past Excel's 32,767)
    const many = structuredClone(draft.framework);
    many.sections[0].items[0].criteria[0].evaluators = Array.from({ length: 40_000 }, (_, i) => `d${i}`);
    many.sections[0].items[1].criteria[0].evaluators = ['x'.repeat(5000)];
    const manyEv = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: many, version: draft.version });
    expect([manyEv.status, manyEv.json.fields]).toEqual([
      400,
      [
        { field: 'framework.sections.0.items.0.criteria.0.evaluators', message: '评价部门不超过200个' },
        { field: 'framework.sections.0.items.1.criteria.0.evaluators.0', message: '评价部门代码不超过40个字符' },
      ],
    ]);
    // a title of 100,000 characters and points of 1e308 are refused, not saved as a draft
    const huge = structuredClone(draft.framework);
    huge.sections[0].items[0].title = '长'.repeat(100_000);
    huge.sections[0].items[0].criteria[0].points = 1e308;
    const r3 = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: huge, version: draft.version });
    expect(r3.status).toBe(400);
    expect(r3.json.fields).toEqual(
      expect.arrayContaining([
        { field: 'framework.sections.0.items.0.title', message: '不超过1000个字' },
        { field: 'framework.sections.0.items.0.criteria.0.points', message: '分值不超过10000分' },
      ]),
    );
    // lists and short texts of a draft are bounded (FRAMEWORK_LIMITS): 30,000 grade bands (saved before, 4 MB to every
    // reader), 5,000 sections, 20,000 threshold steps, a version of 50,000 characters — each one problem, quickly, nothing saved
    const sized = (f: (fw: any) => void) => {
      const fw = structuredClone(draft.framework);
      f(fw);
      return fw;
    };
    const tiny = { code: 'X', title: '测试', role: 'bonus', points: 0, items: [{ code: 'X1', title: '测试', points: 0, criteria: [{ code: 'a', title: '测试', points: 0, rule: { type: 'boolean' } }] }] };
    for (const [fw, field, message] of [
      [sized((fw) => (fw.gradeBands = Array.from({ length: 30_000 }, () => ({ grade: 'A', min: 9 })))), 'framework.gradeBands', '等级不超过10个（填写了30000个）'],
      [sized((fw) => fw.sections.push(...Array.from({ length: 5_000 }, () => tiny))), 'framework.sections', `考核领域不超过50个（填写了${5_000 + draft.framework.sections.length}个）`],
      [sized((fw) => (fw.sections[0].items[0].criteria[0].rule = { type: 'threshold', unit: '%', direction: 'higher', steps: Array.from({ length: 20_000 }, () => ({ bound: 1, points: 0 })) })), 'framework.sections.0.items.0.criteria.0.rule.steps', '阈值档不超过50个（填写了20000个）'],
      [sized((fw) => (fw.version = 'v'.repeat(50_000))), 'framework.version', '版本不超过50个字'],
      [sized((fw) => (fw.vetoGrade = 'D'.repeat(50_000))), 'framework.vetoGrade', '否决等级不超过10个字'],
    ] as const) {
      const started = Date.now();
      const r = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: fw, version: draft.version });
      expect([r.status, r.json.fields], field).toEqual([400, [{ field, message }]]);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(JSON.stringify(r.json).length).toBeLessThan(5000);
    }
    expect((await office.request('GET', `/api/schemes/${draft.id}`)).json.version).toBe(draft.version);
    // points finer than two decimals (the seeds' finest is 0.5): refused with the field and what to fix, nothing saved
    const fine = edit(draft.framework, '1.a', (c) => (c.points = 2.3333));
    const r4 = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: fine, version: draft.version });
    expect([r4.status, r4.json.fields]).toEqual([400, [{ field: 'framework.sections.0.items.0.criteria.0.points', message: '分值最多保留两位小数（填的是2.3333），如2.33' }]]);
    expect(r4.json.message).toContain('分值最多保留两位小数');
    const total = { ...draft.framework, totalPoints: 99.5 };
    const r2 = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: total, version: draft.version });
    expect(r2.status).toBe(400);
    expect(r2.json.fields).toEqual([{ field: 'framework.totalPoints', message: '总分不能修改（应为100分）' }]);
    const noVersion = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: draft.framework });
    expect(noVersion.status).toBe(400);
    expect(noVersion.json.fields[0]).toMatchObject({ field: 'version', message: '缺少版本号（用于检测并发修改）' });
    const dept = await samr.request('PUT', `/api/schemes/${draft.id}`, { framework: draft.framework, version: draft.version });
    expect(dept.status).toBe(403);
    expect(dept.json.message).toBe('您的角色没有「制定和发布考核方案」权限');
    // grade bands live in the scheme, not on the cycle
    const bands = await office.request('PATCH', `/api/cycles/${cycle.id}`, { gradeBands: [{ grade: 'A', min: 95 }, { grade: 'B', min: 0 }], version: cycle.version });
    expect(bands.status).toBe(400);
    expect(bands.json.fields).toEqual([{ field: 'gradeBands', message: '请在「考核方案」中修改等级划分' }]);
  });

  it('will not publish while collecting, nor with 99.5 points, a key point without evaluator, an unknown evaluator or bad bands', async () => {
    const collecting = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version });
    expect(collecting.status).toBe(400); // 99.5 points is checked first
    expect(collecting.json.message).toBe('方案有1处问题，不能发布：各考核要点（基本分）分值之和为99.5分，须恰好为100分，请调整分值');
    expect(collecting.json.fields).toEqual([{ field: 'framework', message: '各考核要点（基本分）分值之和为99.5分，须恰好为100分，请调整分值' }]);

    let fw = edit(draft.framework, '1.a', (c) => (c.points = 3));
    fw = edit(fw, '7.b', (c) => (c.evaluators = []));
    fw = edit(fw, '9.a', (c) => (c.evaluators = ['nobody']));
    fw.gradeBands = [{ grade: 'A', min: 90 }, { grade: 'B', min: 95 }];
    const saved = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: fw, version: draft.version });
    expect(saved.status).toBe(200);
    const r = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: saved.json.version });
    expect(r.status).toBe(400);
    expect(r.json.fields).toEqual(
      expect.arrayContaining([
        { field: 'framework.7.b', message: '考核要点7.b（深入开展药品监管能力建设，全面提…）没有评价部门，请至少选择一个' },
        { field: 'framework.9.a', message: '考核要点9.a的评价部门「nobody」不是本系统的成员单位，请重新选择' },
        { field: 'framework', message: '等级须从高到低排列，下限严格递减' },
      ]),
    );
    expect(r.json.fields).toHaveLength(3);
    expect(saved.json.check.errors).toHaveLength(3);

    const fixed = structuredClone(saved.json.framework);
    crit(fixed, '7.b').evaluators = ['drugs'];
    crit(fixed, '9.a').evaluators = ['grain'];
    fixed.gradeBands = [{ grade: 'A', min: 90 }, { grade: 'B', min: 80 }, { grade: 'C', min: 60 }, { grade: 'D', min: 0 }];
    const ok = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: fixed, version: saved.json.version });
    expect(ok.json.check.errors).toEqual([]);
    draft = ok.json;
    const early = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version });
    expect(early.status).toBe(409);
    expect(early.json.message).toBe('请先结束指标征集（进入「方案制定中」），再发布方案');
    expect((await samr.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version })).status).toBe(403);
  });

  it('first publication freezes v1, moves the cycle to scoring, opens score submissions and 待办', async () => {
    cycle = await closeCollection(office, cycle);
    const stale = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version - 1 });
    expect(stale.status).toBe(409);
    const r = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version });
    expect(r.status).toBe(200);
    expect(r.json.cycleStatus).toBe('scoring');
    expect(r.json.scheme).toMatchObject({ status: 'published', statusLabel: '已发布', versionNo: 1, publishedByName: '唐碧辉', editable: false });
    expect(r.json.submissionsOpened).toEqual(
      ['agriculture', 'changsha-customs', 'civil-affairs', 'commerce', 'culture-tourism', 'drugs', 'ecology', 'forestry', 'grain', 'health', 'housing', 'miit', 'ndrc', 'office', 'public-security', 'samr', 'transport', 'water'],
    );
    const subs = await t.db.db.selectFrom('score_submission').selectAll().where('cycle_id', '=', cycle.id).execute();
    expect(subs).toHaveLength(18);
    expect(new Set(subs.map((s) => s.status))).toEqual(new Set(['open']));
    const todos = (await samr.request('GET', '/api/todos')).json.items;
    expect(todos).toContainEqual(expect.objectContaining({ title: '对各市州评分：2023年度省政府对市州政府质量工作考核', link: `/assessment/${cycle.id}?tab=scoring` }));
    const officeTodos = (await office.request('GET', '/api/todos')).json.items;
    expect(officeTodos.filter((x: any) => x.title.startsWith('对各市州评分'))).toHaveLength(1);
    const c = (await office.request('GET', `/api/cycles/${cycle.id}`)).json;
    expect(c.status).toBe('scoring');
    expect(c.gradeBands).toEqual([{ grade: 'A', min: 90 }, { grade: 'B', min: 80 }, { grade: 'C', min: 60 }, { grade: 'D', min: 0 }]);
    const actions = (await t.db.db.selectFrom('audit_log').select('action').where('entity_type', 'in', ['scheme', 'assessment_cycle']).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['cycle.startScoring', 'scheme.publish']));
    // departments now see the published scheme
    expect((await samr.request('GET', `/api/cycles/${cycle.id}/schemes`)).json.items.map((s: any) => s.status)).toEqual(['published']);
    draft = r.json.scheme;
  });

  it('a published version is frozen', async () => {
    const put = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: draft.framework, version: draft.version });
    expect(put.status).toBe(409);
    expect(put.json.message).toBe('已发布的方案不能修改，请新建版本并说明原因');
    const again = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version });
    expect(again.status).toBe(409);
    // the same person, from a page opened before: said as theirs (another window), not as someone else's change
    expect(again.json.message).toMatch(/^方案第1版已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}发布，请刷新后查看$/);
  });

  it('a second version needs a reason, supersedes the first and keeps the scores that still fit', async () => {
    const none = await office.request('POST', `/api/cycles/${cycle.id}/schemes`, {});
    expect(none.status).toBe(400);
    expect(none.json.fields).toEqual([{ field: 'reason', message: '请填写新建版本的原因' }]);
    const short = await office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '调整' });
    expect(short.json.fields).toEqual([{ field: 'reason', message: '请写明新建版本的原因，至少5个字' }]);
    const v2 = await office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '省政府常务会议要求调整产品质量分值' });
    expect(v2.status).toBe(201);
    expect(v2.json).toMatchObject({ versionNo: 2, status: 'draft', reason: '省政府常务会议要求调整产品质量分值', editable: true });
    const twice = await office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '再建一个版本试试看' });
    expect(twice.status).toBe(409);
    expect(twice.json.message).toBe('已有未发布的草稿（第2版），请先修改并发布它');

    // three stored scores: 7.a = 10 (will exceed the new 9 points), 6.a = 1 (its key point is 6.z in the new
    // version) and 3.a = 0.5 (still fits)
    const [changsha, samrId] = [await orgId(t.db, '430100'), await orgId(t.db, 'samr')];
    const now = new Date().toISOString();
    for (const [item, c, score] of [['7', 'a', 10], ['6', 'a', 1], ['3', 'a', 0.5]] as const)
      await t.db.db
        .insertInto('score')
        .values({ cycle_id: cycle.id, unit_id: changsha, item_code: item, criterion_code: c, department_id: samrId, answer_json: JSON.stringify({ score }), comment: null, version: 1, updated_by: null, updated_at: now })
        .execute();

    let fw = edit(v2.json.framework, '7.a', (c) => (c.points = 9));
    fw = edit(fw, '5.a', (c) => (c.points = 11));
    fw = edit(fw, '6.a', (c) => (c.code = 'z'));
    const saved = await office.request('PUT', `/api/schemes/${v2.json.id}`, { framework: fw, version: v2.json.version });
    expect(saved.json.check.errors).toEqual([]);
    const pub = await office.request('POST', `/api/schemes/${v2.json.id}/publish`, { version: saved.json.version });
    expect(pub.status).toBe(200);
    expect(pub.json.cycleStatus).toBe('scoring');
    expect(pub.json.submissionsOpened).toEqual([]);
    // each named by the version it was given under: the new one holds no 6.a, so 「6.a」 alone would be all it knows
    expect(pub.json.removedScores.toSorted((a: any, b: any) => a.itemCode.localeCompare(b.itemCode))).toEqual([
      { unitId: changsha, itemCode: '6', criterionCode: 'a', itemTitle: '开展制造业质量提升行动', reason: '新版本中没有考核要点「6.a 开展制造业质量提升行动」' },
      { unitId: changsha, itemCode: '7', criterionCode: 'a', itemTitle: '产品质量安全保障', reason: expect.stringContaining('原评分不符合新版本的评分规则') },
    ]);
    const left = await t.db.db.selectFrom('score').select(['item_code', 'criterion_code']).where('cycle_id', '=', cycle.id).execute();
    expect(left).toEqual([{ item_code: '3', criterion_code: 'a' }]);
    const list = (await office.request('GET', `/api/cycles/${cycle.id}/schemes`)).json.items;
    expect(list.map((s: any) => [s.versionNo, s.status, s.reason])).toEqual([
      [2, 'published', '省政府常务会议要求调整产品质量分值'],
      [1, 'superseded', null],
    ]);
    const old = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: draft.framework, version: draft.version + 1 });
    expect(old.json.message).toBe('该版本已被新版本取代，不能修改');
    const sup = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'scheme.supersede').executeTakeFirstOrThrow();
    expect(JSON.parse(sup.after_json!)).toMatchObject({ status: 'superseded', versionNo: 1, supersededBy: 2 });
  });

  it('exports Annex 4 as .xlsx and .docx that re-open with the seed layout', async () => {
    const list = (await samr.request('GET', `/api/cycles/${cycle.id}/schemes`)).json.items;
    const x = await t.app.inject({ method: 'GET', url: `/api/schemes/${list[0].id}/annex4.xlsx`, headers: { cookie: samr.cookie } });
    expect(x.statusCode).toBe(200);
    const audited = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'download').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ username: 'samr', entity_type: 'scheme', entity_id: String(list[0].id), cycle_id: cycle.id, outcome: 'ok' });
    expect(JSON.parse(audited.after_json!)).toEqual({ fileName: '2023 年度湖南省政府质量工作考核要点（第2版）.xlsx' });
    expect(x.headers['content-disposition']).toBe(
      attachmentDisposition('2023 年度湖南省政府质量工作考核要点（第2版）.xlsx'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    const ws = wb.getWorksheet('考核要点')!;
    expect(ws.getCell('A1').value).toBe('2023 年度湖南省政府质量工作考核要点');
    expect(String(ws.getCell('A2').value)).toMatch(/^第2版（\d{4}年\d{1,2}月\d{1,2}日发布）$/);
    expect([1, 2, 3, 4].map((c) => ws.getCell(3, c).value)).toEqual(['考核领域', '考核内容', '考核要点', '评价部门']);
    expect(ws.getCell('A4').value).toBe('宏观质量 (25分)');
    expect(ws.getCell('B4').value).toBe('1. 实施质量强省战略');
    // 评价部门 as seed 000 附件4 writes them: the office without its region (not 湖南省…, beside 省X), 省发改委
    expect(ws.getCell('D4').value).toBe('质量强省领导小组办公室');
    expect(ws.getCell('C5').value).toBe('落实全省“十四五”品牌发展规划，实施品牌提升工程。(0.5分)');
    expect(ws.getCell('D5').value).toBe('省发改委');
    const merges = (ws.model as any).merges as string[];
    expect(merges).toEqual(expect.arrayContaining(['A1:D1', 'B5:B7']));
    // the domain is repeated on each row, so every printed page names it
    expect(merges).not.toContain('A4:A11');
    expect(ws.getCell('A11').value).toBe('宏观质量 (25分)');
    // 5.a became 11 points, 7.a 9 points in version 2
    expect(ws.getCell('C10').value).toMatch(/\(11分\)$/);
    expect(ws.getCell('C8').value).toBe('建立“首席质量官”制度，开展质量管理培训与咨询服务。(0.5分)');
    expect(ws.getCell('D8').value).toBe('省市场监督管理局');
    expect(ws.getCell('A12').value).toBe('产品质量 (30分)');
    const last = ws.rowCount;
    expect([ws.getCell(last - 2, 1).value, ws.getCell(last - 1, 1).value, ws.getCell(last, 1).value]).toEqual(['加分项', '减分项', '否决项']);
    expect(ws.getCell(last, 2).value).toBe('23. 发生重大质量安全事故');

    const d = await t.app.inject({ method: 'GET', url: `/api/schemes/${list[0].id}/annex4.docx`, headers: { cookie: samr.cookie } });
    expect(d.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(d.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['附件4', '2023 年度湖南省政府质量工作考核要点', '宏观质量 (25分)', '1. 实施质量强省战略', '省市场监督管理局', '省发改委', '省工信厅', '否决项', '23. 发生重大质量安全事故'])
      expect(text).toContain(s);
    for (const s of ['湖南省质量强省领导小组办公室', '省发展改革委', '省工业和信息化厅']) expect(text).not.toContain(s);
    expect(xml).toContain('w:vMerge');
    // a city's copy of the scheme: its 'office' key points are scored by the city's 质强办, named without its region
    const { evaluatorNames } = await import('./schemes.queries');
    expect((await evaluatorNames(t.db.db, await orgId(t.db, 'office-430600'))).get('office')).toBe('质量强市领导小组办公室');
    // a city may not read another office's drafts, nor unknown ids
    expect((await t.app.inject({ method: 'GET', url: '/api/schemes/99999/annex4.xlsx', headers: { cookie: samr.cookie } })).statusCode).toBe(404);
    // another office probing scheme ids gets the answer a missing id gets: nothing tells it the scheme exists, nor its cycle
    const cityOffice = await login(t.app, 'yueyang.office');
    for (const suffix of ['', '/annex4.xlsx', '/annex4.docx']) {
      const theirs = await cityOffice.request('GET', `/api/schemes/${list[0].id}${suffix}`);
      const none = await cityOffice.request('GET', `/api/schemes/99999${suffix}`);
      expect([theirs.status, theirs.json.message]).toEqual([404, `考核方案${list[0].id}不存在或您无权查看`]);
      expect([none.status, none.json.message]).toEqual([404, '考核方案99999不存在或您无权查看']);
    }
  });

  it('in the objection window a new version may reword the scheme but not change what was scored (scores could not be entered again)', async () => {
    await t.db.db.updateTable('assessment_cycle').set({ status: 'review' }).where('id', '=', cycle.id).execute();
    const v3 = (await office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '异议期调整第3项分值' })).json;
    const kept = await t.db.db.selectFrom('score').select(['item_code', 'criterion_code', 'answer_json']).where('cycle_id', '=', cycle.id).execute();
    let fw = edit(v3.framework, '3.a', (c) => (c.points = 0.25));
    fw = edit(fw, '5.a', (c) => (c.points = 11.25));
    const saved = (await office.request('PUT', `/api/schemes/${v3.id}`, { framework: fw, version: v3.version })).json;
    const refused = await office.request('POST', `/api/schemes/${v3.id}/publish`, { version: saved.version });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toBe('异议期内评分已结束，新版本只能修改文字，不能改变考核要点、分值、评分规则或评价部门：考核要点「3.a 加强人才队伍建设」的分值或评分规则有变化；考核要点「5.a 加强质量技术基础」的分值或评分规则有变化。异议涉及的评分由评价部门在答复异议时调整');
    expect(await t.db.db.selectFrom('score').select(['item_code', 'criterion_code', 'answer_json']).where('cycle_id', '=', cycle.id).execute()).toEqual(kept);
    // wording only: published, every score kept, the cycle still in its window
    const reworded = edit(v3.framework, '3.a', (c) => (c.title = `${c.title}（表述调整）`));
    const again = (await office.request('PUT', `/api/schemes/${v3.id}`, { framework: reworded, version: saved.version })).json;
    const ok = await office.request('POST', `/api/schemes/${v3.id}/publish`, { version: again.version });
    expect([ok.status, ok.json.cycleStatus, ok.json.removedScores]).toEqual([200, 'review', []]);
    expect(await t.db.db.selectFrom('score').select(['item_code', 'criterion_code', 'answer_json']).where('cycle_id', '=', cycle.id).execute()).toEqual(kept);
    // nor who scored a key point: its evaluators answer its objections (an open objection's to-do is theirs)
    const v4 = (await office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '异议期调整第3项评价部门' })).json;
    const moved = edit(v4.framework, '3.a', (c) => (c.evaluators = ['ndrc']));
    const movedSaved = (await office.request('PUT', `/api/schemes/${v4.id}`, { framework: moved, version: v4.version })).json;
    const notMoved = await office.request('POST', `/api/schemes/${v4.id}/publish`, { version: movedSaved.version });
    expect([notMoved.status, notMoved.json.message]).toEqual([409, '异议期内评分已结束，新版本只能修改文字，不能改变考核要点、分值、评分规则或评价部门：考核要点「3.a 加强人才队伍建设」的评价部门有变化。异议涉及的评分由评价部门在答复异议时调整']);
    await t.db.db.updateTable('assessment_cycle').set({ status: 'scoring' }).where('id', '=', cycle.id).execute();
  });

  it('once the results are published the organising office is told the scheme is closed (409), not that only the office may edit it', async () => {
    // the draft left by the objection window above (its evaluators changed, never published)
    const listed = (await office.request('GET', `/api/cycles/${cycle.id}/schemes`)).json.items.find((x: any) => x.status === 'draft');
    const draft = (await office.request('GET', `/api/schemes/${listed.id}`)).json;
    await t.db.db.updateTable('assessment_cycle').set({ status: 'published' }).where('id', '=', cycle.id).execute();
    const denied = async () => (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'access.denied').where('username', '=', 'office').execute()).length;
    const before = await denied();
    const closed = '当前考核状态为「结果已发布」，考核方案不能再修改';
    const tries = [
      await office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '结果发布后再改方案' }),
      await office.request('PUT', `/api/schemes/${draft.id}`, { framework: draft.framework, version: draft.version }),
      await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version }),
      await office.request('POST', `/api/schemes/${draft.id}/apply-declarations`, { version: draft.version }),
    ];
    expect(tries.map((r) => [r.status, r.json.message])).toEqual(tries.map(() => [409, closed]));
    // asking at the wrong time is not an attempt beyond the office's rights
    expect(await denied()).toBe(before);
    // a department is refused as before, and told nothing of the phase
    const dept = await samr.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '结果发布后再改方案' });
    expect([dept.status, dept.json.message]).toEqual([403, '您的角色没有「制定和发布考核方案」权限']);
  });
});

describe.each(testDialects())('comparing declarations and writing them into the draft, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let cycle: any;
  let draft: any;
  let samrId: number;
  let ndrcId: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t, { year: 2024 }));
    draft = (await office.request('GET', `/api/cycles/${cycle.id}/schemes`)).json.items[0];
    samrId = await orgId(t.db, 'samr');
    ndrcId = await orgId(t.db, 'ndrc');
    const decl = await t.db.db.selectFrom('declaration').selectAll().where('cycle_id', '=', cycle.id).where('department_id', '=', samrId).executeTakeFirstOrThrow();
    const content = JSON.parse(decl.content_json);
    content.indicators[2] = { ...content.indicators[2], points: 15, overReason: '新增特种设备安全监管内容', criteria: [{ text: '产品质量监督抽查完成率', points: 15 }] };
    content.indicators.push({
      domain: '宏观质量',
      item: '推进质量基础设施建设',
      keyPoint: '建设质量基础设施“一站式”服务平台',
      criteria: [{ text: '平台建成并运行', points: 1 }],
      points: 1,
      basis: '《质量强国建设纲要》',
      lastYearPoints: null,
      sourceCode: null,
    });
    content.bonuses.push({ project: '质量荣誉', standard: '获得中国质量奖的市（州）加 1 分', basis: '《中国质量奖管理办法》' });
    await t.db.db.updateTable('declaration').set({ content_json: JSON.stringify(content), status: 'accepted' }).where('id', '=', decl.id).execute();
    // 2023 did not continue 15.a (ndrc) in its declaration
    const nd = await t.db.db.selectFrom('declaration').selectAll().where('cycle_id', '=', cycle.id).where('department_id', '=', ndrcId).executeTakeFirstOrThrow();
    const nc = JSON.parse(nd.content_json);
    nc.indicators = nc.indicators.filter((r: any) => r.sourceCode !== '15.a');
    await t.db.db.updateTable('declaration').set({ content_json: JSON.stringify(nc), status: 'submitted' }).where('id', '=', nd.id).execute();
  });
  afterAll(() => t.close());

  it('shows declared points beside last year\'s, flags the over-points with their reason and lists new key points', async () => {
    const r = await office.request('GET', `/api/cycles/${cycle.id}/scheme/compare`);
    expect(r.status).toBe(200);
    expect(r.json.draft).toMatchObject({ id: draft.id, versionNo: 1, status: 'draft' });
    const row7 = r.json.rows.find((x: any) => x.sourceCode === '7.a');
    expect(row7).toMatchObject({ departmentCode: 'samr', departmentName: '省市场监督管理局', declarationStatus: 'accepted', lastYearPoints: 14.5, declaredPoints: 15, over: true, overReason: '新增特种设备安全监管内容', draftCode: '7.a', draftPoints: 14.5 });
    const row3 = r.json.rows.find((x: any) => x.sourceCode === '3.a');
    expect(row3).toMatchObject({ over: false, overReason: null, declaredPoints: 0.5 });
    const fresh = r.json.rows.find((x: any) => x.sourceCode === null);
    expect(fresh).toMatchObject({ item: '推进质量基础设施建设', lastYearPoints: null, declaredPoints: 1, over: false, draftCode: null, draftPoints: null });
    expect(r.json.bonuses).toContainEqual(expect.objectContaining({ departmentCode: 'samr', project: '质量荣誉' }));
    const samr = await login(t.app, 'samr');
    expect((await samr.request('GET', `/api/cycles/${cycle.id}/scheme/compare`)).status).toBe(403);
  });

  it('writes only accepted declarations into the draft, idempotently, then the office adjusts final points', async () => {
    const notAccepted = await office.request('POST', `/api/schemes/${draft.id}/apply-declarations`, { departmentIds: [ndrcId], version: draft.version });
    expect(notAccepted.status).toBe(400);
    expect(notAccepted.json.message).toBe('省发展改革委的申报尚未接收，不能写入方案');
    expect(notAccepted.json.fields).toEqual([{ field: 'departmentIds.0', message: '只能写入已接收的申报' }]);
    const stale = await office.request('POST', `/api/schemes/${draft.id}/apply-declarations`, { version: draft.version - 1 });
    expect(stale.status).toBe(409);

    const r = await office.request('POST', `/api/schemes/${draft.id}/apply-declarations`, { version: draft.version });
    expect(r.status).toBe(200);
    expect(r.json.applied).toEqual([{ departmentCode: 'samr', departmentName: '省市场监督管理局', indicators: 4, bonuses: 4 }]);
    const fw = r.json.scheme.framework as Framework;
    expect(crit(fw, '7.a')).toMatchObject({ points: 15, details: [{ text: '产品质量监督抽查完成率', points: 15 }], evaluators: ['samr'] });
    const d1 = fw.sections.find((s) => s.code === 'D1')!;
    expect(d1.points).toBe(20.5);
    expect(d1.items.at(-1)).toMatchObject({ code: '24', title: '推进质量基础设施建设', points: 1, criteria: [{ code: 'a', points: 1, evaluators: ['samr'], basis: '《质量强国建设纲要》' }] });
    const bonus = fw.sections.find((s) => s.role === 'bonus')!;
    expect(bonus.items.at(-1)).toMatchObject({ code: '25', title: '质量荣誉', points: 1, criteria: [{ code: 'a', title: '获得中国质量奖的市（州）加 1 分', points: 1, rule: { type: 'boolean' }, evaluators: ['samr'] }] });
    expect(r.json.notes).toEqual(['省市场监督管理局：新增考核内容「推进质量基础设施建设」（第24项）', '省市场监督管理局：新增加分项「质量荣誉」（第25项），请核定加分上限']);
    expect(r.json.scheme.check.basePoints).toBe('101.5');
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'scheme.applyDeclarations').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!).departments).toEqual(['samr']);

    const again = await office.request('POST', `/api/schemes/${draft.id}/apply-declarations`, { version: r.json.scheme.version });
    expect(again.json.scheme.framework).toEqual(fw);

    const cmp = await office.request('GET', `/api/cycles/${cycle.id}/scheme/compare`);
    expect(cmp.json.rows.find((x: any) => x.sourceCode === null)).toMatchObject({ draftCode: '24.a', draftPoints: 1 });
    expect(cmp.json.rows.find((x: any) => x.sourceCode === '7.a')).toMatchObject({ draftPoints: 15 });

    // 最终分值由省质强办统筹确定: back to 14.5 and 0.5 for the new key point → 100
    let adj = edit(fw, '7.a', (c) => (c.points = 14.5));
    adj = edit(adj, '2.a', (c) => (c.points = 0));
    const saved = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: adj, version: again.json.scheme.version });
    expect(saved.json.check.basePoints).toBe('100.5');
    expect(saved.json.check.errors.map((e: any) => e.message)).toEqual(['各考核要点（基本分）分值之和为100.5分，须恰好为100分，请调整分值']);
    draft = saved.json;
  });

  it('will not publish while an accepted declaration is not written into the draft; the draft lists it; a new version keeps the record', async () => {
    // ndrc's declaration is accepted after samr's was written into the draft
    const nd = await t.db.db.selectFrom('declaration').selectAll().where('cycle_id', '=', cycle.id).where('department_id', '=', ndrcId).executeTakeFirstOrThrow();
    await t.db.db.updateTable('declaration').set({ status: 'accepted', version: nd.version + 1 }).where('id', '=', nd.id).execute();
    const listed = await office.request('GET', `/api/schemes/${draft.id}`);
    expect(listed.json.unappliedDeclarations).toEqual([{ declarationId: nd.id, departmentId: ndrcId, name: '省发展改革委' }]);
    const samr = await login(t.app, 'samr');
    expect((await samr.request('GET', `/api/schemes/${draft.id}`)).status).toBe(404);

    cycle = await closeCollection(office, (await office.request('GET', `/api/cycles/${cycle.id}`)).json);
    const to100 = edit(draft.framework, '3.a', (c) => (c.points = 0));
    const valid = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: to100, version: draft.version });
    expect(valid.json.check.errors).toEqual([]);
    const refused = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: valid.json.version });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toBe('以下成员单位已接收的申报尚未写入方案草稿，不能发布：省发展改革委。请先「将已接收的申报写入草稿」并核定分值');
    expect(refused.json.current).toEqual([{ declarationId: nd.id, departmentId: ndrcId, name: '省发展改革委' }]);
    expect((await t.db.db.selectFrom('scheme').select('status').where('id', '=', draft.id).executeTakeFirstOrThrow()).status).toBe('draft');

    const applied = await office.request('POST', `/api/schemes/${draft.id}/apply-declarations`, { departmentIds: [ndrcId], version: valid.json.version });
    expect(applied.status).toBe(200);
    expect(applied.json.scheme.unappliedDeclarations).toEqual([]);
    // the office settles the final points again (ndrc's declared points are written in), then publishes
    const fw = applied.json.scheme.framework as Framework;
    const over = Number(applied.json.scheme.check.basePoints) - 100;
    const settled = over === 0 ? fw : edit(fw, '7.a', (c) => (c.points = Math.round((c.points - over) * 10) / 10));
    const saved = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: settled, version: applied.json.scheme.version });
    expect(saved.json.check.errors).toEqual([]);
    const ok = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: saved.json.version });
    expect(ok.status).toBe(200);
    const v2 = await office.request('POST', `/api/cycles/${cycle.id}/schemes`, { reason: '补充修订评分细则' });
    expect(v2.status).toBe(201);
    expect(v2.json.unappliedDeclarations).toEqual([]);
  });
});

describe.each(testDialects())('two publications of one draft at once, on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let cycle: any;
  let draft: any;
  // winner and loser are one account (office): the loser is told it published it in another window
  const PUBLISHED = /^方案第1版已由您在其他窗口于\d{4}-\d{2}-\d{2} \d{2}:\d{2}发布，请刷新后查看$/;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    ({ office, cycle } = await openTestCycle(t));
    const list = await office.request('GET', `/api/cycles/${cycle.id}/schemes`);
    draft = (await office.request('GET', `/api/schemes/${list.json.items[0].id}`)).json;
    // the base adds up to 99.5: one key point more makes it publishable
    const saved = await office.request('PUT', `/api/schemes/${draft.id}`, { framework: edit(draft.framework, '1.a', (c) => (c.points = 3)), version: draft.version });
    expect(saved.json.check.errors).toEqual([]);
    draft = saved.json;
    cycle = await closeCollection(office, cycle);
  });
  afterAll(() => t.close());

  it('the loser that read the draft before the winner committed is told who published it and when, not 状态已被他人更改', async () => {
    const db = t.db.db;
    const u = await db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
    const me = { id: u.id, username: 'office', displayName: u.display_name, role: 'office' as const, orgUnitId: u.org_unit_id, org: await sessionOrg(db, u.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
    const a = await cycleAccess(db, me, cycle.id, chinaDate(new Date()));
    // the loser has read and checked the draft (outside its transaction) ...
    const row = await findScheme(db, draft.id);
    const checked = await checkPublish(db, a, row, { version: draft.version });
    // ... when the winner publishes it
    const won = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version });
    expect(won.status).toBe(200);
    const lost = await db
      .transaction()
      .execute((trx) => publishScheme({ trx, audit: async () => {}, user: me, clock: clockAt(new Date()) }, a, row, checked))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(lost).toBeInstanceOf(AppError);
    expect([(lost as AppError).status, (lost as AppError).message]).toMatchObject([409, expect.stringMatching(PUBLISHED)]);
    // nothing of the loser's is kept: one publication, v1 published
    expect((await db.selectFrom('audit_log').select('id').where('action', '=', 'scheme.publish').execute()).length).toBe(1);
    expect((await findScheme(db, draft.id)).status).toBe('published');
    // one that reads the draft only after the winner's commit is told the same
    const late = await office.request('POST', `/api/schemes/${draft.id}/publish`, { version: draft.version });
    expect([late.status, late.json.message]).toMatchObject([409, expect.stringMatching(PUBLISHED)]);
  });
});
