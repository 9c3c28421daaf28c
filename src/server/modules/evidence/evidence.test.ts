/**
 * 佐证材料 through the API on SQLite and PostgreSQL: the races and file names of the evidence routes, and that a file the
 * caller may not read is answered as a missing one (the rules of who may read and write are tested with scoring,
 * assessment/scoring/scoring.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, openTestCycle, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';
import { sessionOrg } from '../../core/session';
import { multipart, PDF } from '../../test/multipart';
import { cycleAccess } from '../assessment';
import { openScoring } from '../assessment/scoring/scoring.commands';
import { chinaDate } from '../../../shared/deadline';

/** the cycle in its scoring phase, its scheme published (as scoring.test.ts does, in the database) */
async function startScoring(t: TestApp, office: Client, cycle: any): Promise<void> {
  const closed = await office.request('POST', `/api/cycles/${cycle.id}/transition`, { event: 'closeCollection', version: cycle.version });
  if (closed.status !== 200) throw new Error(`closeCollection: ${closed.status} ${JSON.stringify(closed.json)}`);
  const scheme = await t.db.db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycle.id).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  await t.db.db.updateTable('scheme').set({ status: 'published', published_at: now, version: scheme.version + 1 }).where('id', '=', scheme.id).execute();
  await t.db.db.updateTable('assessment_cycle').set({ status: 'scoring', updated_at: now }).where('id', '=', cycle.id).execute();
  const u = await t.db.db.selectFrom('app_user').selectAll().where('username', '=', 'office').executeTakeFirstOrThrow();
  const me = { id: u.id, username: 'office', displayName: u.display_name, role: 'office' as const, orgUnitId: u.org_unit_id, org: await sessionOrg(t.db.db, u.org_unit_id), mustChangePassword: false, sessionId: '', csrfToken: '' };
  await openScoring(t.db.db, await cycleAccess(t.db.db, me, cycle.id, chinaDate(new Date())), JSON.parse(scheme.framework_json), new Date().toISOString());
}

/** a distinct valid PDF for each label (the same content twice on one owner is refused as a double upload) */
const pdfOf = (label: string) => Buffer.from(PDF.toString().replace('%PDF-1.4\n', `%PDF-1.4\n%${Buffer.from(label).toString('hex')}\n`));

describe.each(testDialects())('佐证材料 races and names, on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  let samr: Client;
  let cycleId: number, scoreId: number;
  const upload = (c: Client, name: string, data: Buffer) => {
    const m = multipart({ cycleId, ownerType: 'score', ownerId: scoreId }, { name, data });
    return c.request('POST', '/api/evidence', m.body, m.headers);
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-evidence-'));
    t = await makeTestApp(dialect, { dataDir });
    const { office, cycle } = await openTestCycle(t);
    await startScoring(t, office, cycle);
    cycleId = cycle.id;
    samr = await login(t.app, 'samr');
    const cs = await orgId(t.db, '430100');
    const s = await samr.request('PUT', `/api/cycles/${cycle.id}/scores/${cs}/7/a`, { answer: { score: 10 }, version: null, comment: '抽查合格率未达目标' });
    expect(s.status).toBe(200);
    scoreId = s.json.id;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a changed score answers with its own evidence, oldest first; a score without evidence with none', async () => {
    const first = await upload(samr, '检验报告.pdf', pdfOf('kept 1'));
    const second = await upload(samr, '整改记录.pdf', pdfOf('kept 2'));
    expect([first.status, second.status]).toEqual([201, 201]);
    const cs = await orgId(t.db, '430100');
    const { version } = await t.db.db.selectFrom('score').select('version').where('id', '=', scoreId).executeTakeFirstOrThrow();
    const changed = await samr.request('PUT', `/api/cycles/${cycleId}/scores/${cs}/7/a`, { answer: { score: 9 }, version, comment: '抽查合格率未达目标' });
    expect(changed.status).toBe(200);
    expect(changed.json.evidence.map((e: { id: number; fileName: string }) => [e.id, e.fileName])).toEqual([
      [first.json.id, '检验报告.pdf'],
      [second.json.id, '整改记录.pdf'],
    ]);
    const zz = await orgId(t.db, '430200');
    const bare = await samr.request('PUT', `/api/cycles/${cycleId}/scores/${zz}/7/a`, { answer: { score: 10 }, version: null, comment: '抽查合格率未达目标' });
    expect(bare.status).toBe(200);
    const again = await samr.request('PUT', `/api/cycles/${cycleId}/scores/${zz}/7/a`, { answer: { score: 9 }, version: bare.json.version, comment: '抽查合格率未达目标' });
    expect([again.status, again.json.evidence]).toEqual([200, []]);
    for (const up of [first, second]) expect((await samr.request('DELETE', `/api/evidence/${up.json.id}`)).status).toBe(200);
  });

  it('six deletes of one file at once: one deletes it with one audit row, the others get a 409 saying it is gone', async () => {
    const up = await upload(samr, '抽检报告.pdf', pdfOf('six'));
    expect(up.status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 6 }, () => samr.request('DELETE', `/api/evidence/${up.json.id}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.message).toBe('佐证材料「抽检报告.pdf」已经删除，无需再删；请刷新页面查看现有材料');
    const audited = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'evidence.delete').where('entity_id', '=', String(up.json.id)).execute();
    expect(audited).toHaveLength(1);
  });

  it('a delete that arrives after the first has finished gets the same 409; another user asking for the gone file gets a 404 that does not name it', async () => {
    const up = await upload(samr, '复核记录.pdf', pdfOf('after'));
    expect(up.status).toBe(201);
    expect((await samr.request('DELETE', `/api/evidence/${up.json.id}`)).status).toBe(200);
    const again = await samr.request('DELETE', `/api/evidence/${up.json.id}`);
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('佐证材料「复核记录.pdf」已经删除，无需再删；请刷新页面查看现有材料');
    const other = await login(t.app, 'ecology');
    const theirs = await other.request('DELETE', `/api/evidence/${up.json.id}`);
    expect(theirs.status).toBe(404);
    expect(theirs.json.message).toBe(`佐证材料${up.json.id}不存在`);
  });

  it('a long file name is cut at 120 characters, never inside a character outside the BMP (an emoji, a rare 汉字 of Extension B)', async () => {
    const name = `${'报'.repeat(119)}😀𠀀尾.pdf`;
    const up = await upload(samr, name, pdfOf('long'));
    expect(up.status).toBe(201);
    expect(up.json.fileName).toBe(`${'报'.repeat(119)}😀.pdf`);
    const dl = await t.app.inject({ method: 'GET', url: `/api/evidence/${up.json.id}`, headers: { cookie: samr.cookie } });
    expect(dl.statusCode).toBe(200);
    expect(decodeURIComponent(String(dl.headers['content-disposition']).replace(/^.*filename\*=UTF-8''/, ''))).toBe(`${'报'.repeat(119)}😀.pdf`);
  });

  it('the same file sent six times at once to a self-report: one is kept, the others get the 409 of a double upload', async () => {
    const changsha = await login(t.app, 'changsha');
    const w = await changsha.request('PUT', `/api/cycles/${cycleId}/self-reports/7`, { text: '全年抽检 1200 批次。', version: null });
    expect(w.status).toBe(200);
    const data = pdfOf('self six');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, n) => {
        const m = multipart({ cycleId, ownerType: 'self_report', ownerId: w.json.id }, { name: `自评报告${n + 1}.pdf`, data });
        return changsha.request('POST', '/api/evidence', m.body, m.headers);
      }),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.message).toMatch(/^「自评报告\d\.pdf」已经上传过（与「自评报告\d\.pdf」内容相同），无需重复上传$/);
    expect(await t.db.db.selectFrom('evidence').select('id').where('owner_type', '=', 'self_report').where('owner_id', '=', w.json.id).execute()).toHaveLength(1);
  });

  it('the same file sent six times at once to a score: one is kept, the others get the 409 of a double upload', async () => {
    const data = pdfOf('score six');
    const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => upload(samr, `评分依据${n + 1}.pdf`, data)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('a file or self-report another unit may not read is the very 404 of a missing one (ids are not probed across units), recorded as 越权访问', async () => {
    const changsha = await login(t.app, 'changsha');
    const w = await changsha.request('PUT', `/api/cycles/${cycleId}/self-reports/8`, { text: '全年开展质量提升行动。', version: null });
    expect(w.status).toBe(200);
    const m = multipart({ cycleId, ownerType: 'self_report', ownerId: w.json.id }, { name: '长沙市自评依据.pdf', data: pdfOf('hidden') });
    const up = await changsha.request('POST', '/api/evidence', m.body, m.headers);
    expect(up.status).toBe(201);
    const denials = async (route: string) =>
      (await t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'access.denied').where('entity_id', '=', route).orderBy('id').execute()).map((r) => JSON.parse(r.after_json ?? '{}').reason);
    const get = (c: Client, id: number) => t.app.inject({ method: 'GET', url: `/api/evidence/${id}`, headers: { cookie: c.cookie } });
    // 岳阳市 (a city of the same cycle) and 岳麓区 (in no provincial cycle): the file, the list and an upload
    const yueyang = await login(t.app, 'yueyang');
    const yuelu = await login(t.app, 'yuelu');
    for (const c of [yueyang, yuelu]) {
      const theirs = await get(c, up.json.id);
      const missing = await get(c, 999_999);
      expect([theirs.statusCode, theirs.json()]).toEqual([404, { error: 'not_found', message: `佐证材料${up.json.id}不存在` }]);
      expect([missing.statusCode, missing.json()]).toEqual([404, { error: 'not_found', message: '佐证材料999999不存在' }]);
      const del = await c.request('DELETE', `/api/evidence/${up.json.id}`);
      expect([del.status, del.json.message]).toEqual([404, `佐证材料${up.json.id}不存在`]);
    }
    const list = await yueyang.request('GET', `/api/evidence?cycleId=${cycleId}&ownerType=self_report&ownerId=${w.json.id}`);
    const none = await yueyang.request('GET', `/api/evidence?cycleId=${cycleId}&ownerType=self_report&ownerId=999999`);
    expect([list.status, list.json.message]).toEqual([404, `自评材料${w.json.id}不存在（请先保存自评说明，再上传佐证材料）`]);
    expect([none.status, none.json.message]).toEqual([404, '自评材料999999不存在（请先保存自评说明，再上传佐证材料）']);
    const m2 = multipart({ cycleId, ownerType: 'self_report', ownerId: w.json.id }, { name: '冒名.pdf', data: pdfOf('theirs') });
    const theirUpload = await yueyang.request('POST', '/api/evidence', m2.body, m2.headers);
    expect([theirUpload.status, theirUpload.json.message]).toEqual([404, `自评材料${w.json.id}不存在（请先保存自评说明，再上传佐证材料）`]);
    // each refusal of an existing file is still a denied attempt in the audit log, with the rule's words; a missing id is not
    expect(await denials('GET /api/evidence/:id')).toEqual(['您无权查看该自评材料的佐证材料', `您未参与佐证材料${up.json.id}所属的考核工作`]);
    expect(await denials('DELETE /api/evidence/:id')).toEqual(['您无权查看该自评材料的佐证材料', `您未参与佐证材料${up.json.id}所属的考核工作`]);
    expect(await denials('GET /api/evidence')).toEqual(['您无权查看第8项自评材料的佐证材料']);
    expect(await denials('POST /api/evidence')).toEqual(['您无权查看第8项自评材料的佐证材料']);
    // the owner still reads its file
    expect((await get(changsha, up.json.id)).statusCode).toBe(200);
  });
});
