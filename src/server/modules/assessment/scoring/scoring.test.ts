/**
 * Scoring (issue 4 §4) on SQLite and PostgreSQL. The scheme publication belongs to another module, so the
 * cycle is brought into the scoring phase directly in the database by startScoring() below: collection is
 * closed through the API, then the draft scheme is marked published (with criterion 3.a turned into a
 * levels rule so every answer kind is exercised), the cycle is set to 'scoring', and openScoring() creates
 * the 'open' submissions and the departments' 待办.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, named, openTestCycle, orgId, orgIds, raceAgainstHeld, TEST_PASSWORD, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { cycleAccess } from '../assessment.queries';
import { openScoring } from './scoring.commands';
import { ensureSubmission } from './scoring.queries';
import { blobPath } from '../../evidence/evidence.storage';
import { deflatedZeros, rawZip } from '../../../test/zip.fixture';
import { sessionOrg } from '../../../core/session';
import { multipart, PDF, PNG, sha } from '../../../test/multipart';
import { chinaDate } from '../../../../shared/deadline';
import { attachmentDisposition } from '../../../core/download';

async function startScoring(t: TestApp, office: Client, cycle: any): Promise<any> {
  const closed = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'closeCollection', version: cycle.version });
  if (closed.status !== 200) throw new Error(`closeCollection: ${closed.status} ${JSON.stringify(closed.json)}`);
  const scheme = await t.db.db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycle.id).executeTakeFirstOrThrow();
  const fw = JSON.parse(scheme.framework_json);
  const c3a = fw.sections.flatMap((s: any) => s.items).find((i: any) => i.code === '3').criteria[0];
  c3a.rule = { type: 'levels', levels: [0.5, 0.3, 0], labels: ['好', '中', '差'] };
  const now = new Date().toISOString();
  await t.db.db
    .updateTable('scheme')
    .set({ status: 'published', framework_json: JSON.stringify(fw), published_at: now, version: scheme.version + 1 })
    .where('id', '=', scheme.id)
    .execute();
  await t.db.db.updateTable('assessment_cycle').set({ status: 'scoring', updated_at: now }).where('id', '=', cycle.id).execute();
  const officeUser = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
  const me = { id: officeUser.id, username: 'office', displayName: officeUser.display_name, role: 'office' as const, orgUnitId: officeUser.org_unit_id, org: await sessionOrg(t.db.db, officeUser.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
  await openScoring(t.db.db, await cycleAccess(t.db.db, me, cycle.id, chinaDate(new Date())), fw, new Date().toISOString());
  return fw;
}

async function addUser(t: TestApp, username: string, orgCode: string, role = 'department'): Promise<Client> {
  const admin = await login(t.app, 'admin');
  const r = await admin.request('POST', '/api/users', { username, displayName: `${username} 测试员`, role, orgUnitId: await orgId(t.db, orgCode) });
  if (r.status !== 201 && r.status !== 200) throw new Error(`create user ${username}: ${r.status} ${JSON.stringify(r.json)}`);
  // 三员分立: the security admin confirms the account and is given its one-time password, which may only be changed.
  const sec = await login(t.app, 'secadmin');
  const approved = await sec.request('POST', `/api/users/${r.json.id}/approve`, { version: r.json.version });
  if (approved.status !== 200) throw new Error(`approve user ${username}: ${approved.status} ${JSON.stringify(approved.json)}`);
  const user = await login(t.app, username, approved.json.oneTimePassword);
  const changed = await user.request('POST', '/api/auth/password', { oldPassword: approved.json.oneTimePassword, newPassword: `${TEST_PASSWORD}!` });
  if (changed.status !== 200) throw new Error(`first password of ${username}: ${changed.status} ${JSON.stringify(changed.json)}`);
  return user;
}

describe.each(testDialects())('scoring with evidence, self-reports, submission and completeness, on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  let office: Client, samr: Client, samr2: Client, ndrc: Client, ecology: Client, changsha: Client, yueyang: Client, leader: Client;
  let cycle: any;
  let cs: number, yy: number, samrId: number, ndrcId: number;
  const url = (unit: number, key: string) => `/api/cycles/${cycle.id}/scores/${unit}/${key.replace('.', '/')}`;
  /** a new score gets a 扣分理由 unless one is given (a lost point needs one); a change keeps the stored one */
  const put = (c: Client, unit: number, key: string, answer: unknown, version: number | null, comment?: string) =>
    c.request('PUT', url(unit, key), { answer, version, ...(comment !== undefined ? { comment } : version === null ? { comment: '抽查发现问题' } : {}) });
  const raw = (c: Client, unit: number, key: string, body: Record<string, unknown>) => c.request('PUT', url(unit, key), body);
  const upload = (c: Client, fields: Record<string, string | number>, file?: { name: string; data: Buffer; type?: string }) => {
    const m = multipart(fields, file);
    return c.request('POST', '/api/evidence', m.body, m.headers);
  };
  const todos = async (c: Client) => (await c.request('GET', '/api/todos')).json.items as any[];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-evidence-'));
    t = await makeTestApp(dialect, { dataDir });
    ({ office, cycle } = await openTestCycle(t));
    await startScoring(t, office, cycle);
    [samr, ndrc, changsha, yueyang, leader] = await Promise.all(['samr', 'ndrc', 'changsha', 'yueyang', 'leader'].map((u) => login(t.app, u)));
    samr2 = await addUser(t, 'samr2', 'samr');
    ecology = await addUser(t, 'eco', 'ecology');
    [cs, yy, samrId, ndrcId] = await orgIds(t.db, ['430100', '430600', 'samr', 'ndrc']);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a save with the cell exactly as the grid shows it afterwards (built from what was written, not re-read)', async () => {
    const cellOf = async () => (await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json.cells.find((c: any) => c.unitId === yy && c.itemCode === '5' && c.criterionCode === 'a');
    const created = await put(samr, yy, '5.a', { score: 3.5 }, null, ' 现场核查 ');
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ version: 1, comment: '现场核查', score: '3.5', evidence: [] });
    expect(created.json).toEqual(await cellOf());
    const changed = await put(samr, yy, '5.a', { score: 4 }, 1);
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ version: 2, comment: '现场核查', score: '4' });
    expect(changed.json).toEqual(await cellOf());
    expect((await samr.request('DELETE', `${url(yy, '5.a')}?version=2`)).status).toBe(200);
  });

  it('shows a department only its own criteria, with the rule of each, over the 14 cities; the office its own or all', async () => {
    const g = await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(g.status).toBe(200);
    expect(g.json.criteria.map((c: any) => c.key)).toEqual(['3.a', '5.a', '7.a', '21.a', '21.b', '21.c']);
    expect(g.json.units).toHaveLength(14);
    expect(g.json.units[0]).toMatchObject({ id: cs, name: '长沙市' });
    expect(g.json).toMatchObject({ view: 'score', editable: true, submission: { status: 'open', statusLabel: '评分中' } });
    const c7a = g.json.criteria.find((c: any) => c.key === '7.a');
    expect(c7a).toMatchObject({ points: 14.5, rule: { type: 'direct' }, role: 'base', editable: true, evaluators: [{ code: 'samr', name: '省市场监督管理局' }] });
    expect(g.json.criteria.find((c: any) => c.key === '3.a').rule).toMatchObject({ type: 'levels', levels: [0.5, 0.3, 0] });
    expect(g.json.criteria.find((c: any) => c.key === '21.b')).toMatchObject({ role: 'bonus', points: 0.5, rule: { type: 'boolean' } });
    // the framework sent for live totals holds only samr's criteria
    expect(g.json.framework.sections.flatMap((s: any) => s.items.flatMap((i: any) => i.criteria.map((c: any) => `${i.code}.${c.code}`)))).toEqual(['3.a', '5.a', '7.a', '21.a', '21.b', '21.c']);

    const n = await ndrc.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(n.json.criteria.map((c: any) => c.key)).toEqual(['2.a', '15.a']);
    // a department without a submission row yet is still scoring; reading the grid creates nothing
    const ecoId = await orgId(t.db, 'ecology');
    await t.db.db.deleteFrom('score_submission').where('cycle_id', '=', cycle.id).where('department_id', '=', ecoId).execute();
    const eco = await ecology.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(eco.json.submission).toMatchObject({ status: 'open', departmentId: ecoId });
    expect(await t.db.db.selectFrom('score_submission').select('status').where('department_id', '=', ecoId).execute()).toEqual([]);
    await ensureSubmission(t.db.db, cycle.id, ecoId, new Date().toISOString());
    expect(eco.json.criteria.map((c: any) => [c.key, c.rule.type, c.rule.unit, c.rule.valueRange])).toEqual([
      ['20.a', 'linear', '%', [0, 100]],
      ['20.b', 'linear', '%', [0, 100]],
    ]);
    const o = await office.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(o.json.criteria.map((c: any) => c.key)).toEqual(['1.a', '2.b', '4.a', '22.a', '23.a']);
    const all = await office.request('GET', `/api/cycles/${cycle.id}/scoring/grid?view=all`);
    expect(all.json).toMatchObject({ view: 'all', editable: false });
    expect(all.json.criteria).toHaveLength(30);
    expect(all.json.criteria.every((c: any) => c.editable === false)).toBe(true);

    expect((await changsha.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).status).toBe(403);
    const l = await leader.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(l.status).toBe(403);
    expect(l.json.message).toBe('您的角色没有「评分」权限');
  });

  it('saves each kind of answer and lets the engine score it: direct, level, boolean bonus, measured value (item 20)', async () => {
    const d = await put(samr, cs, '7.a', { score: 13.5 }, null, '抽查合格率略低');
    expect(d.status).toBe(200);
    expect(d.json).toMatchObject({ unitId: cs, itemCode: '7', criterionCode: 'a', answer: { score: 13.5 }, comment: '抽查合格率略低', version: 1, score: '13.5', updatedBy: { name: '省市场监管局联络员' } });
    const keep = await put(samr, cs, '7.a', { score: 13 }, 1); // no comment sent: the stored one stays
    expect(keep.json).toMatchObject({ version: 2, score: '13', comment: '抽查合格率略低' });
    const lv = await put(samr, cs, '3.a', { level: 0.3 }, null);
    expect(lv.json).toMatchObject({ score: '0.3', explanation: '评定为0.3分档（中），得0.3分' });
    const b = await put(samr, cs, '21.a', true, null);
    expect(b.json).toMatchObject({ answer: true, score: '1' });
    const v = await put(ecology, cs, '20.a', { value: 95.2 }, null);
    expect(v.status).toBe(200);
    expect(v.json.score).toBe('3'); // 97.3 − 95.2 = 2.1 points short → 2 whole steps → −2
    const v2 = await put(ecology, cs, '20.b', { value: 90 }, null);
    expect(v2.json.score).toBe('5');

    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'score.create').where('entity_id', '=', String(d.json.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ unit: '长沙市', criterion: '7.a', answer: { score: 13.5 }, version: 1 });
    const stored = await t.db.db.selectFrom('score').selectAll().where('id', '=', d.json.id).executeTakeFirstOrThrow();
    expect(stored.department_id).toBe(samrId);

    const g = await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(g.json.cells.filter((c: any) => c.unitId === cs).map((c: any) => [`${c.itemCode}.${c.criterionCode}`, c.score])).toEqual([
      ['7.a', '13'],
      ['3.a', '0.3'],
      ['21.a', '1'],
    ]);
  });

  it('requires a written reason (扣分理由) for every point deducted, and keeps it with the score', async () => {
    const hy = await orgId(t.db, '430400');
    // below full points, no reason: 400 naming 扣分理由, nothing stored
    const none = await raw(samr, hy, '7.a', { answer: { score: 12 }, version: null });
    expect(none.status).toBe(400);
    expect(none.json.message).toBe('衡阳市「7.a 产品质量安全保障」失分2.5分，请填写扣分理由');
    expect(none.json.fields).toEqual([{ field: 'comment', message: '衡阳市「7.a 产品质量安全保障」失分2.5分，请填写扣分理由' }]);
    const blank = await raw(samr, hy, '7.a', { answer: { score: 12 }, version: null, comment: '   ' });
    expect(blank.status).toBe(400);
    // figures alone are no reason (the next cell's score typed into the reason prompt)
    const digits = await raw(samr, hy, '7.a', { answer: { score: 12 }, version: null, comment: '14.5' });
    expect([digits.status, digits.json.message]).toEqual([400, '衡阳市「7.a 产品质量安全保障」的扣分理由「14.5」只有数字或符号，请用文字写明失分原因']);
    expect(await t.db.db.selectFrom('score').select('id').where('cycle_id', '=', cycle.id).where('unit_id', '=', hy).execute()).toEqual([]);
    // full points (and a bonus not earned) need none
    const full = await raw(samr, hy, '7.a', { answer: { score: 14.5 }, version: null });
    expect(full.json).toMatchObject({ score: '14.5', comment: null, version: 1 });
    expect((await raw(samr, hy, '21.a', { answer: false, version: null })).status).toBe(200);
    // lowering it later without a reason is refused too; with one it is stored and shown in the grid
    expect((await raw(samr, hy, '7.a', { answer: { score: 13 }, version: 1 })).json.fields[0].field).toBe('comment');
    const why = await raw(samr, hy, '7.a', { answer: { score: 13 }, version: 1, comment: '抽查合格率 97.1%，未达 98% 目标' });
    expect(why.json).toMatchObject({ score: '13', comment: '抽查合格率 97.1%，未达 98% 目标', version: 2 });
    const g = await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(g.json.cells.find((c: any) => c.unitId === hy && c.itemCode === '7').comment).toBe('抽查合格率 97.1%，未达 98% 目标');
    // a level below the top one loses points too; clearing the reason of a lost point is refused
    expect((await raw(samr, hy, '3.a', { answer: { level: 0.3 }, version: null })).json.message).toBe('衡阳市「3.a 加强人才队伍建设」失分0.2分，请填写扣分理由');
    expect((await raw(samr, hy, '7.a', { answer: { score: 13 }, version: 2, comment: null })).status).toBe(400);
    for (const [k, v] of [['7.a', 2], ['21.a', 1]] as const) {
      expect((await samr.request('DELETE', `${url(hy, k)}?version=${v}`)).status).toBe(200);
    }
  });

  it("refuses out-of-range and wrong-kind answers with the engine's Chinese message, naming the field", async () => {
    const over = await put(samr, yy, '7.a', { score: 15 }, null);
    expect(over.status).toBe(400);
    expect(over.json.message).toBe('岳阳市「7.a 产品质量安全保障」的评分有误：分数15超出范围；允许：0～14.5分');
    expect(over.json.fields).toEqual([{ field: 'answer', message: '分数15超出范围；允许：0～14.5分' }]);
    const kind = await put(samr, yy, '21.a', { score: 1 }, null);
    expect(kind.status).toBe(400);
    expect(kind.json.fields[0].message).toBe('答案类型与评分方法不符（填的是得分1）；允许：是或否');
    const level = await put(samr, yy, '3.a', { level: 0.4 }, null);
    expect(level.status).toBe(400);
    expect(level.json.fields[0].message).toBe('档次0.4不在评分方法列出的档次中；允许：0.5、0.3、0分中的一档');
    const range = await put(ecology, yy, '20.a', { value: 101 }, null);
    expect(range.json.fields[0].message).toBe('数值101%超出允许范围0～100%');
    const na = await put(samr, yy, '7.a', 'na', null);
    expect(na.json.fields[0].message).toContain('本项不允许合理缺项');
    // a score finer than two decimals is a slip, refused with what to fix (the rule the grid's preview uses too)
    const fine = await put(samr, yy, '7.a', { score: 3.14159265 }, null);
    expect([fine.status, fine.json.message, fine.json.fields]).toEqual([
      400,
      '岳阳市「7.a 产品质量安全保障」的评分有误：得分最多保留两位小数（填的是3.14159265），如3.14',
      [{ field: 'answer', message: '得分最多保留两位小数（填的是3.14159265），如3.14' }],
    ]);
    // an over-long reason is named as the grid names it (the shared key `comment` is 说明 elsewhere)
    const long = await put(samr, yy, '7.a', { score: 13 }, null, '抽查不合格'.repeat(201));
    expect([long.status, long.json.message, long.json.fields]).toEqual([400, '填写的内容有误 — 扣分理由：扣分理由不超过1000字', [{ field: 'comment', message: '扣分理由不超过1000字' }]]);
    const missing = await samr.request('PUT', url(yy, '7.a'), { version: null });
    expect(missing.status).toBe(400);
    expect(missing.json.fields.map((f: any) => f.field)).toEqual(['answer']);
    const noVersion = await samr.request('PUT', url(yy, '7.a'), { answer: { score: 1 } });
    expect(noVersion.status).toBe(400);
    expect(noVersion.json.fields[0].field).toBe('version');
    expect(await t.db.db.selectFrom('score').select('id').where('unit_id', '=', yy).execute()).toEqual([]);
  });

  it("gives the second of two editors a 409 with the first one's value, never a silent overwrite", async () => {
    const first = await put(samr, yy, '5.a', { score: 5 }, null, '甲');
    expect(first.status).toBe(200);
    const second = await put(samr2, yy, '5.a', { score: 4 }, null, '乙');
    expect(second.status).toBe(409);
    expect(second.json.message).toMatch(named('岳阳市「5.a 加强质量技术基础」已由省市场监管局联络员（省市场监督管理局）于<T>评分，请查看当前评分后再修改'));
    expect(second.json.current).toMatchObject({ answer: { score: 5 }, comment: '甲', version: 1, updatedBy: { name: '省市场监管局联络员' } });
    const ok = await put(samr2, yy, '5.a', { score: 4 }, 1, '乙');
    expect(ok.json).toMatchObject({ version: 2, score: '4' });
    const stale = await put(samr, yy, '5.a', { score: 5.5 }, 1, '甲改');
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(named('岳阳市「5.a 加强质量技术基础」已由samr2 测试员（省市场监督管理局）于<T>修改，请查看对方的评分后决定保留哪一个'));
    expect(stale.json.current).toMatchObject({ answer: { score: 4 }, comment: '乙', version: 2, score: '4', updatedBy: { name: 'samr2 测试员' } });
    const row = await t.db.db.selectFrom('score').selectAll().where('unit_id', '=', yy).where('item_code', '=', '5').executeTakeFirstOrThrow();
    expect(JSON.parse(row.answer_json)).toEqual({ score: 4 });
    // clearing needs the current version too
    const delStale = await samr.request('DELETE', `${url(yy, '5.a')}?version=1`);
    expect(delStale.status).toBe(409);
    expect(delStale.json.message).toMatch(named('岳阳市「5.a 加强质量技术基础」已由samr2 测试员（省市场监督管理局）于<T>修改，请查看对方的评分后再决定是否清除'));
    const del = await samr.request('DELETE', `${url(yy, '5.a')}?version=2`);
    expect(del.status).toBe(200);
    expect(await t.db.db.selectFrom('score').select('id').where('unit_id', '=', yy).where('item_code', '=', '5').execute()).toEqual([]);
    const a = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'score.delete').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(a.before_json!)).toMatchObject({ answer: { score: 4 }, version: 2 });
    // the other window still shows the score: clearing it again, or changing it, is told who cleared it (not 尚未评分)
    const again = await samr.request('DELETE', `${url(yy, '5.a')}?version=2`);
    expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(named('岳阳市「5.a 加强质量技术基础」的评分已由您在其他窗口于<T>清除，无需再清除'))]);
    const gone = await put(samr2, yy, '5.a', { score: 5 }, 2, '乙再改');
    expect([gone.status, gone.json.message]).toEqual([409, expect.stringMatching(named('岳阳市「5.a 加强质量技术基础」的评分已由省市场监管局联络员（省市场监督管理局）于<T>清除，请刷新后重新评分'))]);
    // a cell never scored is still a 404
    expect((await samr.request('DELETE', `${url(await orgId(t.db, '431300'), '5.a')}?version=1`)).status).toBe(404);
    // the audit log names the cleared score by its unit and key point (its row is gone), not by its number
    const log = await office.request('GET', `/api/cycles/${cycle.id}/audit?entityType=score&action=score.delete`);
    expect(log.json.items[0]).toMatchObject({ entityId: String(a.entity_id), object: expect.stringContaining('岳阳市 5.a') });
  });

  it("refuses another department's criterion (403), a unit outside the cycle and an unknown criterion (404)", async () => {
    const other = await put(samr, cs, '2.a', { score: 0.5 }, null);
    expect(other.status).toBe(403);
    expect(other.json.message).toBe('考核要点「2.a 加强品牌建设」由省发展改革委评分，您无权评分');
    const county = await put(samr, await orgId(t.db, '430104'), '7.a', { score: 1 }, null);
    expect(county.status).toBe(404);
    expect(county.json.message).toContain('不在本次考核范围内');
    const unknown = await put(samr, cs, '7.z', { score: 1 }, null);
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toBe('考核方案中没有考核要点「7.z」');
    const city = await put(changsha, cs, '7.a', { score: 14.5 }, null);
    expect(city.status).toBe(403);
  });

  it('submits only when every city is scored (listing what is missing), then locks; the office reopens with a reason', async () => {
    expect((await todos(ndrc)).filter((x) => x.kind === 'score.enter').map((x) => [x.title, x.link])).toEqual([[`对各市州评分：${cycle.title}`, `/assessment/${cycle.id}?tab=scoring`]]);
    const early = await ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {});
    expect(early.status).toBe(400);
    expect(early.json.message).toMatch(/^还有28项未评分，不能提交：长沙市「2\.a 加强品牌建设」未评分；长沙市「15\.a 服务业质量提升」未评分；/);
    expect(early.json.fields).toHaveLength(28);
    const units = (await ndrc.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json.units;
    for (const u of units) {
      expect((await put(ndrc, u.id, '2.a', { score: 0.5 }, null)).status).toBe(200);
      if (u.id !== yy) expect((await put(ndrc, u.id, '15.a', { score: 1 }, null)).status).toBe(200);
    }
    const one = await ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {});
    expect(one.json.message).toBe('还有1项未评分，不能提交：岳阳市「15.a 服务业质量提升」未评分');
    await put(ndrc, yy, '15.a', { score: 0.8 }, null);
    const ok = await ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {});
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: 'submitted', statusLabel: '已提交（锁定）', departmentId: ndrcId });
    expect((await todos(ndrc)).map((x) => x.kind)).not.toContain('score.enter');

    const locked = await put(ndrc, cs, '2.a', { score: 0.4 }, 1);
    expect(locked.status).toBe(409);
    expect(locked.json.message).toBe('本部门的评分已提交锁定，不能再修改；如需修改，请联系组织本次考核的质强办重新开放评分');
    expect((await ndrc.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json.editable).toBe(false);
    const twice = await ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {});
    // the same account again (another window): told the submission was its own
    expect([twice.status, twice.json.message]).toMatchObject([409, expect.stringMatching(named('本部门的评分已由您在其他窗口于<T>提交，无需重复提交'))]);

    const noReason = await office.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.fields).toEqual([{ field: 'reason', message: '重新开放的原因至少2个字' }]);
    expect((await samr.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '复核' })).status).toBe(403);
    const re = await office.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '长沙市 2.a 需按复核意见调整' });
    expect(re.status).toBe(200);
    expect(re.json).toMatchObject({ status: 'open', reopenReason: '长沙市 2.a 需按复核意见调整', submittedAt: null });
    const td = (await todos(ndrc)).find((x) => x.kind === 'scoring.reopened');
    expect(td).toMatchObject({ title: '2023年度质量工作考核评分已重新开放，请修改后重新提交', detail: '重新开放原因：长沙市 2.a 需按复核意见调整' });
    // a colleague of the office asking again is told who reopened it; the same person, that it was their other window
    expect((await (await login(t.app, 'office2')).request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '再次' })).json.message).toMatch(
      named('省发展改革委的评分已由唐碧辉（省质强办）于<T>重新开放，无需重复操作'),
    );
    expect((await office.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '再次' })).json.message).toMatch(
      named('省发展改革委的评分已由您在其他窗口于<T>重新开放，无需重复操作'),
    );
    expect((await put(ndrc, cs, '2.a', { score: 0.4 }, 1)).json).toMatchObject({ version: 2, score: '0.4' });
    const audits = await t.db.db.selectFrom('audit_log').select('action').where('action', 'like', 'scoreSubmission.%').execute();
    expect(audits.map((x) => x.action).sort()).toEqual(['scoreSubmission.reopen', 'scoreSubmission.submit']);
  });

  it('shows the office the completeness matrix and sends reminders (replacing the previous one)', async () => {
    const p = await office.request('GET', `/api/cycles/${cycle.id}/scoring/progress`);
    expect(p.status).toBe(200);
    expect(p.json.units).toHaveLength(14);
    const byCode = Object.fromEntries(p.json.departments.map((d: any) => [d.code, d]));
    expect(byCode.ndrc).toMatchObject({ scored: 28, total: 28, status: 'open', criteria: ['2.a', '15.a'], reopenReason: '长沙市 2.a 需按复核意见调整' });
    expect(byCode.samr).toMatchObject({ scored: 3, total: 84, status: 'open' });
    expect(byCode.samr.cells.find((c: any) => c.unitId === cs)).toEqual({ unitId: cs, scored: 3, total: 6 });
    expect(byCode.samr.cells.find((c: any) => c.unitId === yy)).toEqual({ unitId: yy, scored: 0, total: 6 });
    expect(byCode.ecology).toMatchObject({ scored: 2, total: 28 });
    expect(byCode.office).toMatchObject({ name: '湖南省质量强省领导小组办公室', scored: 0, total: 70, own: true });
    expect(p.json.departments.filter((d: any) => d.own).map((d: any) => d.code)).toEqual(['office']);
    expect(p.json.departments).toHaveLength(18);
    expect(p.json.total).toBe(30 * 14);
    expect(p.json.scored).toBe(28 + 3 + 2);
    expect(byCode.samr.lastActivity).not.toBeNull();
    expect((await samr.request('GET', `/api/cycles/${cycle.id}/scoring/progress`)).status).toBe(403);

    const r = await office.request('POST', `/api/cycles/${cycle.id}/scoring/remind`, { departmentIds: [samrId] });
    expect(r.status).toBe(200);
    expect(r.json.reminded).toHaveLength(1);
    expect(r.json.reminded[0].missingUnits).toHaveLength(14);
    const first = (await todos(samr)).filter((x) => x.kind === 'scoring.remind');
    expect(first).toHaveLength(1);
    expect(first[0].title).toBe('催办：请完成2023年度质量工作考核评分');
    expect(first[0].detail).toMatch(/^尚未评完：长沙市（缺3项）、株洲市（缺6项）/);
    // 催办全部: every evaluating department that has not submitted, never the office itself (it scores under 本单位评分)
    const all = await office.request('POST', `/api/cycles/${cycle.id}/scoring/remind`, {});
    expect(all.json.reminded.map((x: any) => x.name)).not.toContain('湖南省质量强省领导小组办公室');
    // 省市场监管局, reminded a moment ago, is not reminded again (a double click, two windows): held, and said so
    expect(all.json.reminded).toHaveLength(16);
    // sent by this very session (one window): 您于 …, not 您在其他窗口
    expect(all.json.held).toEqual([{ departmentId: samrId, name: '省市场监督管理局', by: expect.stringMatching(/^您于\d{4}-\d\d-\d\d \d\d:\d\d$/) }]);
    const again = await office.request('POST', `/api/cycles/${cycle.id}/scoring/remind`, { departmentIds: [samrId] });
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/^省市场监督管理局已由您于\d{4}-\d\d-\d\d \d\d:\d\d催办，10分钟内不再重复催办$/);
    expect((await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'scoring.remind').where('cycle_id', '=', cycle.id).execute()).length).toBe(2);
    expect((await todos(office)).filter((x) => x.kind === 'scoring.remind')).toEqual([]);
    const self = await office.request('POST', `/api/cycles/${cycle.id}/scoring/remind`, { departmentIds: [byCode.office.id] });
    expect(self.status).toBe(400);
    expect(self.json.message).toBe('本办不向自己催办：本办负责的考核要点请在「本单位评分」中评分并提交');
    expect((await todos(samr)).filter((x) => x.kind === 'scoring.remind')).toHaveLength(1);
    expect((await todos(ndrc)).find((x) => x.kind === 'scoring.remind')?.detail).toBe('已全部评分，请尽快提交评分（提交后锁定）。');
    const bad = await office.request('POST', `/api/cycles/${cycle.id}/scoring/remind`, { departmentIds: [cs] });
    expect(bad.status).toBe(400);
    expect(bad.json.fields[0].field).toBe('departmentIds');
  });

  it('a 重新开放 starts the 催办 hold afresh: a department reminded, then submitted and reopened, is reminded at once; the 催办 since the reopen holds the next', async () => {
    const remind = () => office.request('POST', `/api/cycles/${cycle.id}/scoring/remind`, { departmentIds: [ndrcId] });
    // 省发展改革委 was reminded a moment ago (催办全部 above): held
    expect((await remind()).status).toBe(409);
    expect((await ndrc.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {})).status).toBe(200);
    expect((await office.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '岳阳市 15.a 需按复核意见调整' })).status).toBe(200);
    // reopened since that 催办: the department has new work, and is told of it now, not in 10 minutes
    const afresh = await remind();
    expect([afresh.status, afresh.json.reminded?.map((x: any) => x.name)]).toEqual([200, ['省发展改革委']]);
    expect((await todos(ndrc)).filter((x) => x.kind === 'scoring.remind')).toHaveLength(1);
    // the 催办 since the reopen holds the next one, as ever
    const again = await remind();
    expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(/^省发展改革委已由您于.+催办，10分钟内不再重复催办$/)]);
  });

  it('stores evidence with its SHA-256 and size under the data directory, refuses wrong types, and follows the owner visibility', async () => {
    const cell = (await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json.cells.find((c: any) => c.unitId === cs && c.itemCode === '7');
    const up = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '抽检报告（长沙）.pdf', data: PDF, type: 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ fileName: '抽检报告（长沙）.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length, sha256: sha(PDF), ownerType: 'score', ownerId: cell.id, unitId: cs });
    expect(fs.readFileSync(blobPath(dataDir, sha(PDF)))).toEqual(PDF);
    expect(blobPath(dataDir, sha(PDF))).toBe(path.join(dataDir, 'evidence', sha(PDF).slice(0, 2), sha(PDF)));
    const png = await upload(samr2, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: 'C:\\fakepath\\现场照片.png', data: PNG });
    expect(png.json).toMatchObject({ fileName: '现场照片.png', mimeType: 'image/png', sizeBytes: PNG.length, sha256: sha(PNG) });
    // the same content again on the same score (a double click, a copy under another name): refused, stored once
    const dup = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '副本.pdf', data: PDF });
    expect([dup.status, dup.json.message]).toEqual([409, '「副本.pdf」已经上传过（与「抽检报告（长沙）.pdf」内容相同），无需重复上传']);
    expect(fs.readdirSync(path.dirname(blobPath(dataDir, sha(PDF))))).toEqual([sha(PDF)]);
    expect(fs.existsSync(blobPath(dataDir, sha(PDF)))).toBe(true);
    // the same file on another unit's score is its own evidence, sharing the stored blob
    const other = (await samr.request('PUT', url(await orgId(t.db, '430300'), '7.a'), { answer: { score: 14.5 }, version: null })).json;
    const shared = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: other.id }, { name: '副本.pdf', data: PDF });
    expect([shared.status, shared.json.sha256]).toEqual([201, sha(PDF)]);
    expect(fs.readdirSync(path.dirname(blobPath(dataDir, sha(PDF))))).toEqual([sha(PDF)]);

    const exe = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: 'setup.exe', data: Buffer.from('MZ\x90\x00') });
    expect(exe.status).toBe(400);
    expect(exe.json.message).toBe('不支持的文件类型 .exe；只接受.pdf、.ofd、.jpg、.jpeg、.png、.doc、.docx、.xls、.xlsx、.zip');
    const fake = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '报告.pdf', data: PNG });
    expect(fake.status).toBe(400);
    expect(fake.json.message).toBe('文件「报告.pdf」的内容不是PDF，与扩展名 .pdf不符；请上传原始文件，不要修改扩展名');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('表1').addRow(['a']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const renamed = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '说明.docx', data: xlsx });
    expect(renamed.status).toBe(400);
    expect(renamed.json.message).toContain('的内容不是Word 文档');
    // Polyglots: the right first bytes, something else behind them.
    const polyPdf = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '通知.pdf', data: Buffer.from('%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n') });
    expect(polyPdf.status).toBe(400);
    expect(polyPdf.json.message).toBe('文件「通知.pdf」的内容与PDF格式不符（文件开头含有网页代码“<html”），请上传真实的PDF 文件');
    const polyPng = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '图.png', data: Buffer.concat([PNG, Buffer.alloc(2048), Buffer.from('PK\x03\x04')]) });
    expect(polyPng.json.message).toBe('文件「图.png」的内容与PNG格式不符（PNG 的结束标记之后还有2052字节的其他数据），请上传真实的PNG 图片');
    const noEnd = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '照片.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]) });
    expect(noEnd.json.message).toBe('文件「照片.jpg」的内容与JPEG格式不符（文件末尾不是 JPEG 的结束标记，图片不完整或附加了其他数据），请上传真实的JPEG 图片');
    const bomb = await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '材料.zip', data: rawZip([{ name: 'a.pdf', data: deflatedZeros(1024), method: 8, declaredSize: 100 }]) });
    expect(bomb.status).toBe(400);
    expect(bomb.json.message).toBe('文件「材料.zip」中的「a.pdf」解压后超过上限200 MB（按实际解压出的内容计算）；请只保留需要的内容，重新压缩或保存后上传');
    expect(await t.db.db.selectFrom('evidence').select('id').where('file_name', 'in', ['通知.pdf', '图.png', '照片.jpg', '材料.zip']).execute()).toEqual([]);
    expect((await upload(samr, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: '表.xlsx', data: xlsx })).status).toBe(201);
    const noFields = await upload(samr, {}, { name: 'a.pdf', data: PDF });
    expect(noFields.status).toBe(400);
    expect(noFields.json.fields.map((f: any) => f.field).sort()).toEqual(['cycleId', 'ownerId', 'ownerType']);
    // another department's score, which it may not read: the 404 of a missing score (evidence/evidence.test.ts)
    const notMine = await upload(ndrc, { cycleId: cycle.id, ownerType: 'score', ownerId: cell.id }, { name: 'a.pdf', data: PDF });
    expect(notMine.status).toBe(404);
    expect(fs.readdirSync(path.join(dataDir, 'evidence', 'tmp'))).toEqual([]);

    const get = (c: Client, id: number) => t.app.inject({ method: 'GET', url: `/api/evidence/${id}`, headers: { cookie: c.cookie } });
    const dl = await get(samr, up.json.id);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(PDF);
    expect(dl.headers['content-disposition']).toBe(attachmentDisposition('抽检报告（长沙）.pdf'));
    expect(dl.headers['content-type']).toBe('application/pdf');
    const audited = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'download').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ username: 'samr', entity_type: 'evidence', entity_id: String(up.json.id), cycle_id: cycle.id, outcome: 'ok' });
    expect(JSON.parse(audited.after_json!)).toEqual({ fileName: '抽检报告（长沙）.pdf', sizeBytes: PDF.length });
    expect((await get(office, up.json.id)).statusCode).toBe(200);
    // who may not read it is answered as for a missing id (evidence/evidence.test.ts)
    expect((await get(ndrc, up.json.id)).statusCode).toBe(404);
    expect((await get(changsha, up.json.id)).statusCode).toBe(404); // a city sees its scores' evidence from the preliminary results on
    expect((await get(leader, up.json.id)).statusCode).toBe(404);
    expect((await get(samr, 999999)).statusCode).toBe(404);

    const g = await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(g.json.cells.find((c: any) => c.id === cell.id).evidence.map((e: any) => e.fileName)).toEqual(['抽检报告（长沙）.pdf', '现场照片.png', '表.xlsx']);

    // deleting: only the uploader; the shared blob stays until its last reference goes
    expect((await samr.request('DELETE', `/api/evidence/${png.json.id}`)).status).toBe(403);
    expect((await samr.request('DELETE', `/api/evidence/${up.json.id}`)).status).toBe(200);
    expect(fs.existsSync(blobPath(dataDir, sha(PDF)))).toBe(true);
    expect((await samr.request('DELETE', `/api/evidence/${shared.json.id}`)).status).toBe(200);
    expect(fs.existsSync(blobPath(dataDir, sha(PDF)))).toBe(false);
    const clear = await samr.request('DELETE', `${url(cs, '7.a')}?version=2`);
    expect(clear.status).toBe(409);
    expect(clear.json.message).toBe('长沙市「7.a 产品质量安全保障」的评分附有佐证材料，请先删除佐证材料再清除评分');
    expect(await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'evidence.upload').execute()).toHaveLength(4);
  });

  it('lets a city write its own self-report with evidence, seen by the evaluating department but not by another city', async () => {
    const w = await changsha.request('PUT', `/api/cycles/${cycle.id}/self-reports/7`, { text: '全年抽检 1200 批次，合格率 98.6%。', version: null });
    expect(w.status).toBe(200);
    expect(w.json).toMatchObject({ unitId: cs, unitName: '长沙市', itemCode: '7', version: 1, updatedBy: { name: '长沙市质量工作联络员' } });
    const again = await changsha.request('PUT', `/api/cycles/${cycle.id}/self-reports/7`, { text: '另一版本', version: null });
    expect(again.status).toBe(409);
    expect(again.json.current.text).toBe('全年抽检 1200 批次，合格率 98.6%。');
    expect(again.json.message).toMatch(named('第7项的自评材料已由您在其他窗口于<T>填写，请查看后再修改'));
    const upd = await changsha.request('PUT', `/api/cycles/${cycle.id}/self-reports/7`, { text: '更新后的自评', version: 1 });
    expect(upd.json.version).toBe(2);
    const staleSelf = await changsha.request('PUT', `/api/cycles/${cycle.id}/self-reports/7`, { text: '旧窗口的自评', version: 1 });
    expect([staleSelf.status, staleSelf.json.message]).toMatchObject([409, expect.stringMatching(named('第7项的自评材料已由您在其他窗口于<T>修改，请查看后再保存'))]);
    expect(staleSelf.json.current).toMatchObject({ text: '更新后的自评', version: 2 });
    expect((await changsha.request('PUT', `/api/cycles/${cycle.id}/self-reports/7`, { text: '', version: 2 })).json.fields[0]).toEqual({ field: 'text', message: '自评说明不能为空' });
    expect((await changsha.request('PUT', `/api/cycles/${cycle.id}/self-reports/99`, { text: 'x', version: null })).status).toBe(404);
    expect((await samr.request('PUT', `/api/cycles/${cycle.id}/self-reports/7`, { text: 'x', version: null })).status).toBe(403);
    await yueyang.request('PUT', `/api/cycles/${cycle.id}/self-reports/2`, { text: '岳阳品牌建设', version: null });

    const ev = await upload(changsha, { cycleId: cycle.id, ownerType: 'self_report', ownerId: w.json.id }, { name: '自评报告.pdf', data: PDF });
    expect(ev.status).toBe(201);
    expect((await upload(yueyang, { cycleId: cycle.id, ownerType: 'self_report', ownerId: w.json.id }, { name: 'x.pdf', data: PDF })).status).toBe(404); // another city's: as if missing

    const mine = await changsha.request('GET', `/api/cycles/${cycle.id}/self-reports`);
    expect(mine.json.editable).toBe(true);
    expect(mine.json.reports.map((r: any) => [r.unitName, r.itemCode, r.text, r.evidence.length])).toEqual([['长沙市', '7', '更新后的自评', 1]]);
    expect(mine.json.items.map((i: any) => i.code)).toContain('21');
    expect((await changsha.request('GET', `/api/cycles/${cycle.id}/self-reports?unitId=${yy}`)).status).toBe(404);
    const other = await yueyang.request('GET', `/api/cycles/${cycle.id}/self-reports`);
    expect(other.json.reports.map((r: any) => r.unitName)).toEqual(['岳阳市']);
    const dept = await samr.request('GET', `/api/cycles/${cycle.id}/self-reports`);
    expect(dept.json.reports.map((r: any) => [r.unitName, r.itemCode])).toEqual([['长沙市', '7']]);
    expect(dept.json.items.map((i: any) => i.code)).toEqual(['3', '5', '7', '21']);
    expect((await ndrc.request('GET', `/api/cycles/${cycle.id}/self-reports`)).json.reports.map((r: any) => [r.unitName, r.itemCode])).toEqual([['岳阳市', '2']]);
    expect((await office.request('GET', `/api/cycles/${cycle.id}/self-reports`)).json.reports).toHaveLength(2);
    const grid = await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`);
    expect(grid.json.selfReports.map((r: any) => [r.unitName, r.itemCode, r.evidence[0]?.fileName])).toEqual([['长沙市', '7', '自评报告.pdf']]);

    const get = (c: Client, id: number) => t.app.inject({ method: 'GET', url: `/api/evidence/${id}`, headers: { cookie: c.cookie } });
    expect((await get(samr, ev.json.id)).statusCode).toBe(200);
    expect((await get(changsha, ev.json.id)).statusCode).toBe(200);
    expect((await get(yueyang, ev.json.id)).statusCode).toBe(404);
    expect((await get(ndrc, ev.json.id)).statusCode).toBe(404);
  });

  it.runIf(dialect === 'postgres')('a first self-report written while the same item’s, from another window, commits (the unique key catches it): 409 naming who and when, with theirs', async () => {
    const hengyang = await login(t.app, 'hengyang');
    const [hy] = await orgIds(t.db, ['430400']);
    const me = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'hengyang').executeTakeFirstOrThrow();
    const r = await raceAgainstHeld(
      t.db,
      (trx) => trx.insertInto('self_report').values({ cycle_id: cycle.id, unit_id: hy, item_code: '2', text: '另一窗口的自评', version: 1, updated_by: me.id, updated_at: new Date().toISOString() }).execute(),
      () => hengyang.request('PUT', `/api/cycles/${cycle.id}/self-reports/2`, { text: '这一窗口的自评', version: null }),
    );
    expect([r.status, r.json.message]).toEqual([409, expect.stringMatching(named('第2项的自评材料已由您在其他窗口于<T>填写，请查看后再修改'))]);
    expect(r.json.current).toMatchObject({ text: '另一窗口的自评', version: 1 });
    expect(await t.db.db.selectFrom('self_report').select('text').where('cycle_id', '=', cycle.id).where('unit_id', '=', hy).execute()).toEqual([{ text: '另一窗口的自评' }]);
  });

  it('tells the office when every department has submitted', async () => {
    // everyone but samr has submitted (set directly); samr scores all its cells and submits
    await t.db.db.updateTable('score_submission').set({ status: 'submitted' }).where('cycle_id', '=', cycle.id).where('department_id', '!=', samrId).execute();
    const units = (await samr.request('GET', `/api/cycles/${cycle.id}/scoring/grid`)).json;
    const have = new Set(units.cells.map((c: any) => `${c.unitId}/${c.itemCode}.${c.criterionCode}`));
    const answers: Record<string, unknown> = { '3.a': { level: 0.5 }, '5.a': { score: 5 }, '7.a': { score: 14 }, '21.a': false, '21.b': true, '21.c': false };
    for (const u of units.units) for (const [k, v] of Object.entries(answers)) if (!have.has(`${u.id}/${k}`)) expect((await put(samr, u.id, k, v, null)).status).toBe(200);
    expect((await todos(office)).filter((x) => x.kind === 'scoring.allSubmitted')).toEqual([]);
    const s = await samr.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {});
    expect(s.status).toBe(200);
    const o = (await todos(office)).filter((x) => x.kind === 'scoring.allSubmitted');
    expect(o).toHaveLength(1);
    expect(o[0].title).toBe('2023年度质量工作考核：各评价部门已全部提交评分');
    expect((await todos(samr)).filter((x) => x.kind.startsWith('scor'))).toEqual([]);
  });

  it('freezes scores and self-reports outside their phase', async () => {
    await t.db.db.updateTable('assessment_cycle').set({ status: 'review' }).where('id', '=', cycle.id).execute();
    const p = await ecology.request('PUT', url(cs, '20.a'), { answer: { value: 96 }, version: 1 });
    expect(p.status).toBe(409);
    expect(p.json.message).toBe('当前考核状态为「结果公示（异议期）」，不在评分阶段，评分不能修改');
    // a department that scores nothing in this cycle (省教育厅 only declares) is refused plainly, told nothing of the phase
    const education = await addUser(t, 'edu', 'education');
    const notMine = [
      await education.request('PUT', url(cs, '20.a'), { answer: { value: 96 }, version: 1 }),
      await education.request('POST', `/api/cycles/${cycle.id}/scoring/submit`, {}),
      await education.request('GET', `/api/cycles/${cycle.id}/scoring/sheet.xlsx`),
    ];
    for (const r of notMine) {
      expect(r.status).toBe(403);
      expect(r.json.message).not.toMatch(/状态|阶段|公示/);
    }
    const sr = await changsha.request('PUT', `/api/cycles/${cycle.id}/self-reports/7`, { text: '晚了', version: 2 });
    expect(sr.status).toBe(403);
    expect(sr.json.message).toBe('结果公示或发布后，自评材料不能再修改');
    // from the preliminary results on, a city sees the evidence of its own scores
    const cell = (await office.request('GET', `/api/cycles/${cycle.id}/scoring/grid?view=all`)).json.cells.find((c: any) => c.unitId === cs && c.itemCode === '7');
    const evId = cell.evidence[0].id;
    expect((await t.app.inject({ method: 'GET', url: `/api/evidence/${evId}`, headers: { cookie: changsha.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/evidence/${evId}`, headers: { cookie: yueyang.cookie } })).statusCode).toBe(404);
  });

  it('tells the office that scoring is over once the results are out, not that only the office may reopen or remind', async () => {
    for (const [status, label] of [
      ['review', '结果公示（异议期）'],
      ['published', '结果已发布'],
    ] as const) {
      await t.db.db.updateTable('assessment_cycle').set({ status }).where('id', '=', cycle.id).execute();
      const denied = async () => (await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'access.denied').where('username', '=', 'office').execute()).length;
      const before = await denied();
      const reopen = await office.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '复核后调整' });
      expect([reopen.status, reopen.json.message]).toEqual([409, `当前考核状态为「${label}」，不在评分阶段，不能重新开放评分`]);
      const remind = await office.request('POST', `/api/cycles/${cycle.id}/scoring/remind`, {});
      expect([remind.status, remind.json.message]).toEqual([409, `当前考核状态为「${label}」，不在评分阶段，不能催办`]);
      // the organising office asking at the wrong time is no attempt beyond its rights
      expect(await denied()).toBe(before);
      // a department is still refused as one that does not run the cycle
      const notOffice = await samr.request('POST', `/api/cycles/${cycle.id}/scoring/reopen`, { departmentId: ndrcId, reason: '复核后调整' });
      expect([notOffice.status, notOffice.json.message]).toEqual([403, '您的角色没有「查看评分进度、催办、重新开放评分」权限']);
    }
  });
});

describe.each(testDialects())('evidence size limit, on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-evidence-'));
    t = await makeTestApp(dialect, { dataDir, evidenceMaxBytes: 1024 });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a file above the configured limit and keeps nothing', async () => {
    const { office, cycle } = await openTestCycle(t);
    await startScoring(t, office, cycle);
    const samr = await login(t.app, 'samr');
    const cs = await orgId(t.db, '430100');
    const s = await samr.request('PUT', `/api/cycles/${cycle.id}/scores/${cs}/7/a`, { answer: { score: 10 }, version: null, comment: '抽查合格率未达目标' });
    const big = Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]);
    const m = multipart({ cycleId: cycle.id, ownerType: 'score', ownerId: s.json.id }, { name: '大文件.pdf', data: big });
    const r = await samr.request('POST', '/api/evidence', m.body, m.headers);
    expect(r.status).toBe(413);
    expect(r.json.message).toBe('文件过大：每个文件不超过1.0 KB');
    expect(await t.db.db.selectFrom('evidence').select('id').execute()).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'evidence', 'tmp'))).toEqual([]);
    // two files in one request: refused (the second used to be dropped without a word), nothing kept
    const two = multipart({ cycleId: cycle.id, ownerType: 'score', ownerId: s.json.id }, [
      { name: '一.pdf', data: PDF },
      { name: '二.png', data: PNG },
    ]);
    const r2 = await samr.request('POST', '/api/evidence', two.body, two.headers);
    expect([r2.status, r2.json.message]).toEqual([400, '一次只能上传一个文件：请只选择一个文件后重新上传']);
    expect(await t.db.db.selectFrom('evidence').select('id').execute()).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'evidence', 'tmp'))).toEqual([]);
    const small = multipart({ cycleId: cycle.id, ownerType: 'score', ownerId: s.json.id }, { name: '小.pdf', data: PDF });
    expect((await samr.request('POST', '/api/evidence', small.body, small.headers)).status).toBe(201);
  });
});
