/**
 * 附件 through the API on SQLite and PostgreSQL, for both owner kinds: a reported plan-indicator value (the city
 * reports its own value; the province's value of 地理标志商标产品产值 (indicator 1) is 省市场监管局's) and a work-plan task
 * report (岳阳市's sub-report on task 3 of the 2023 plan). Upload, list, download, delete own files; refused once
 * the owner is locked (submitted, accepted, task closed) and for another unit; wrong type and empty file refused
 * with nothing kept; the shared blob store keeps a file while the evidence table still uses it; every change audited.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { login, makeTestApp, openTestCycle, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';
import { multipart, PDF, PNG, sha } from '../../test/multipart';
import { rawZip } from '../../test/zip.fixture';
import { blobPath } from '../evidence/evidence.storage';
import { attachmentDisposition } from '../../core/download';

const DOCX = rawZip([
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: 'word/document.xml', data: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>') },
]);

describe.each(testDialects())('attachments (附件) on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  let now = new Date('2023-05-17T02:00:00Z');
  let office: Client, samr: Client, yueyang: Client, changsha: Client, leader: Client;
  let cityValue: number, provinceValue: number, acceptedValue: number, report: any, task3: any;

  const upload = (c: Client, fields: Record<string, string | number>, file?: { name: string; data: Buffer }) => {
    const m = multipart(fields, file);
    return c.request('POST', '/api/attachments', m.body, m.headers);
  };
  const list = (c: Client, ownerType: string, ownerId: number) => c.request('GET', `/api/attachments?ownerType=${ownerType}&ownerId=${ownerId}`);
  const get = (c: Client, id: number) => t.app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: { cookie: c.cookie } });
  /** the refusals (越权访问) recorded for a route, newest last: their reasons */
  const denials = async (route: string) =>
    (await t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'access.denied').where('entity_id', '=', route).orderBy('id').execute()).map((r) => JSON.parse(r.after_json ?? '{}').reason);
  const rows = () => t.db.db.selectFrom('attachment').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-attach-'));
    t = await makeTestApp(dialect, { dataDir, now: () => now });
    [office, samr, yueyang, changsha, leader] = await Promise.all(['office', 'samr', 'yueyang', 'changsha', 'leader'].map((u) => login(t.app, u)));
    // a 2024 period of the province's plan, open, with three values: 岳阳市's draft, the province's draft, 长沙市's accepted one
    const db = t.db.db;
    const plan = await db.selectFrom('indicator_plan').select('id').where('code', '=', 'hunan-14th').executeTakeFirstOrThrow();
    const ind = await db.selectFrom('indicator').select('id').where('plan_id', '=', plan.id).where('code', '=', 1).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const period = await db.insertInto('indicator_period').values({ plan_id: plan.id, year: 2024, quarter: null, opens_on: '2020-01-01', closes_on: '2099-12-31', lock_days: 15, created_by: null, created_at: at, version: 1 }).returning('id').executeTakeFirstOrThrow();
    const value = async (org: string, status: 'draft' | 'accepted') =>
      (
        await db
          .insertInto('indicator_value')
          .values({ period_id: period.id, indicator_id: ind.id, org_id: await orgId(t.db, org), value: 95, source_doc: null, explanation: null, status, return_comment: null, reopen_reason: null, demo: 0, submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, updated_at: at, version: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    cityValue = await value('430600', 'draft');
    provinceValue = await value('430000', 'draft');
    acceptedValue = await value('430100', 'accepted');
    // the 2023 work plan, published; 岳阳市 (a cooperating city of task 3) saves its first-half report
    const imported = (await office.request('POST', '/api/work-plans/import', { source: 'hunan-2023' })).json;
    const published = (await office.request('POST', `/api/work-plans/${imported.id}/publish`, { version: imported.version })).json;
    task3 = published.taskRows.find((r: any) => r.number === 3);
    now = new Date('2023-07-03T02:00:00Z');
    const saved = await yueyang.request('PUT', `/api/work-tasks/${task3.id}/reports/2023-H1`, { version: 0, progress: 40, text: '岳阳市开展自查。' });
    expect([saved.status, saved.json.message]).toEqual([200, undefined]);
    report = saved.json.reports[0];
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a city attaches files to its own value; it and the office see and download them; another city does not', async () => {
    const up = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: '岳阳市抽检报告.pdf', data: PDF });
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ ownerType: 'indicator_value', ownerId: cityValue, orgId: await orgId(t.db, '430600'), fileName: '岳阳市抽检报告.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length, sha256: sha(PDF), uploadedByName: expect.any(String) });
    expect(fs.readFileSync(blobPath(dataDir, sha(PDF)))).toEqual(PDF);
    // the same file again (a double click): refused, listed once
    const again = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: '抽检报告副本.pdf', data: PDF });
    expect([again.status, again.json.message]).toEqual([409, '「抽检报告副本.pdf」已经上传过（与「岳阳市抽检报告.pdf」内容相同），无需重复上传']);
    const mine = await list(yueyang, 'indicator_value', cityValue);
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((i: any) => i.fileName)).toEqual(['岳阳市抽检报告.pdf']);
    expect(mine.json.canWrite).toBe(true);
    const seen = await list(office, 'indicator_value', cityValue);
    expect([seen.json.items.length, seen.json.canWrite]).toEqual([1, false]);
    const dl = await get(office, up.json.id);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(PDF);
    expect(dl.headers['content-disposition']).toBe(attachmentDisposition('岳阳市抽检报告.pdf'));
    // a HEAD (a link checker, a download manager sizing the file) reads no file: no 下载 in the append-only audit log
    const downloads = () => t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'download').where('entity_id', '=', String(up.json.id)).execute();
    const before = (await downloads()).length;
    const head = await t.app.inject({ method: 'HEAD', url: `/api/attachments/${up.json.id}`, headers: { cookie: office.cookie } });
    expect([head.statusCode, head.headers['content-length'], head.rawPayload.length]).toEqual([200, String(PDF.length), 0]);
    expect((await downloads()).length).toBe(before);
    // another city: the value, its list and its file do not exist for it — the very 404 of a missing id (ids are not
    // probed across units) — yet each refusal is recorded as a denied attempt (越权访问) with the rule's words
    const other = await list(changsha, 'indicator_value', cityValue);
    const none = await list(changsha, 'indicator_value', 999_999);
    expect([other.status, other.json]).toEqual([404, { error: 'not_found', message: `规划指标数据${cityValue}不存在` }]);
    expect([none.status, none.json]).toEqual([404, { error: 'not_found', message: '规划指标数据999999不存在' }]);
    const theirFile = await get(changsha, up.json.id);
    const noFile = await get(changsha, 999_999);
    expect([theirFile.statusCode, theirFile.json()]).toEqual([404, { error: 'not_found', message: `附件${up.json.id}不存在` }]);
    expect([noFile.statusCode, noFile.json()]).toEqual([404, { error: 'not_found', message: '附件999999不存在' }]);
    const theirUpload = await upload(changsha, { ownerType: 'indicator_value', ownerId: cityValue }, { name: 'x.pdf', data: PDF });
    expect([theirUpload.status, theirUpload.json.message]).toEqual([404, `规划指标数据${cityValue}不存在`]);
    expect(await denials('GET /api/attachments')).toEqual(['您无权查看该规划指标数据的附件']);
    expect(await denials('GET /api/attachments/:id')).toEqual(['您无权查看该规划指标数据的附件']);
    expect(await denials('POST /api/attachments')).toEqual(['您无权查看该规划指标数据的附件']);
    // the office sees it but may not attach to a city's value
    const byOffice = await upload(office, { ownerType: 'indicator_value', ownerId: cityValue }, { name: 'x.pdf', data: PNG });
    expect(byOffice.status).toBe(403);
    expect(byOffice.json.message).toBe('只有2024年度岳阳市「地理标志商标产品产值」的填报单位可以上传或删除附件');
    // the department reports the province's value and attaches to it; the leader reads, never writes
    expect((await upload(samr, { ownerType: 'indicator_value', ownerId: provinceValue }, { name: '全省汇总.png', data: PNG })).status).toBe(201);
    // a draft and its files are the reporter's and the plan office's; once submitted, the leader and the cities read them
    expect((await list(leader, 'indicator_value', provinceValue)).status).toBe(404);
    expect((await list(changsha, 'indicator_value', provinceValue)).status).toBe(404);
    await t.db.db.updateTable('indicator_value').set({ status: 'submitted' }).where('id', '=', provinceValue).execute();
    expect((await list(leader, 'indicator_value', provinceValue)).json.items.map((i: any) => i.fileName)).toEqual(['全省汇总.png']);
    expect((await upload(leader, { ownerType: 'indicator_value', ownerId: provinceValue }, { name: 'y.png', data: PNG })).status).toBe(403);
    expect((await list(changsha, 'indicator_value', provinceValue)).status).toBe(200); // a city sees the province's value
    // …but does not own it: a plain 403 naming who reports it, not the 409 of a submitted value
    const cityOnProvince = await upload(changsha, { ownerType: 'indicator_value', ownerId: provinceValue }, { name: 'z.png', data: PNG });
    expect(cityOnProvince.status).toBe(403);
    expect(cityOnProvince.json.message).toBe('只有2024年度湖南省「地理标志商标产品产值」的填报单位可以上传或删除附件');
    await t.db.db.updateTable('indicator_value').set({ status: 'draft' }).where('id', '=', provinceValue).execute(); // a draft again for the next steps
    expect((await rows()).map((r) => r.file_name)).toEqual(['岳阳市抽检报告.pdf', '全省汇总.png']);
  });

  it('refuses bad input in Chinese and keeps nothing: a .docx renamed .pdf, an empty file, an unknown owner or kind', async () => {
    const before = (await rows()).length;
    const renamed = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: '说明.pdf', data: DOCX });
    expect(renamed.status).toBe(400);
    expect(renamed.json.message).toBe('文件「说明.pdf」的内容不是PDF，与扩展名 .pdf不符；请上传原始文件，不要修改扩展名');
    const empty = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: '空.pdf', data: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toBe('文件「空.pdf」是空文件');
    const missing = await upload(yueyang, { ownerType: 'indicator_value', ownerId: 999999 }, { name: 'a.pdf', data: PDF });
    expect(missing.status).toBe(404);
    expect(missing.json.message).toBe('规划指标数据999999不存在');
    const kind = await upload(yueyang, { ownerType: 'score', ownerId: cityValue }, { name: 'a.pdf', data: PDF });
    expect(kind.status).toBe(400);
    expect(kind.json.message).toContain('附件归属应为规划指标数据（indicator_value）');
    const noFile = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue });
    expect(noFile.status).toBe(400);
    // a part on an owner that has none: told in words, not by the form field's key
    const parted = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue, part: '1' }, { name: 'a.pdf', data: PDF });
    expect([parted.status, parted.json.message]).toEqual([400, '2024年度岳阳市「地理标志商标产品产值」的附件不分部分，无需指明所属部分']);
    expect((await list(yueyang, 'indicator_value', 0)).status).toBe(400);
    expect((await rows()).length).toBe(before);
    expect(fs.readdirSync(path.join(dataDir, 'evidence', 'tmp'))).toEqual([]);
  });

  it('an upload cut off inside its file (the body ends before the file part closes) is answered at once: a 400 in Chinese, nothing kept', async () => {
    const before = (await rows()).length;
    const m = multipart({ ownerType: 'indicator_value', ownerId: cityValue }, { name: '中断.pdf', data: Buffer.concat([PDF, Buffer.from('中断的上传')]) });
    // the closing boundary and the file's last bytes never arrive
    const cut = m.body.subarray(0, m.body.length - 40);
    const answer = await Promise.race([
      yueyang.request('POST', '/api/attachments', cut, m.headers),
      new Promise<{ status: string; json: null }>((resolve) => setTimeout(() => resolve({ status: 'no answer within 5 s', json: null }), 5000)),
    ]);
    expect([answer.status, answer.json?.message]).toEqual([400, '上传内容不是完整的 multipart/form-data，请重新选择文件上传']);
    expect((await rows()).length).toBe(before);
    expect(fs.readdirSync(path.join(dataDir, 'evidence', 'tmp'))).toEqual([]);
  });

  it('a submitted or accepted value keeps its files: no upload, no delete (409), and canWrite is false', async () => {
    const accepted = await upload(changsha, { ownerType: 'indicator_value', ownerId: acceptedValue }, { name: 'a.pdf', data: PDF });
    expect(accepted.status).toBe(409);
    expect(accepted.json.message).toBe('2024年度长沙市「地理标志商标产品产值」当前为「已确认」，附件不能再增删（退回后可修改）');
    const [first] = await rows();
    await t.db.db.updateTable('indicator_value').set({ status: 'submitted' }).where('id', '=', cityValue).execute();
    expect((await list(yueyang, 'indicator_value', cityValue)).json.canWrite).toBe(false);
    const del = await yueyang.request('DELETE', `/api/attachments/${first.id}`);
    expect(del.status).toBe(409);
    expect(del.json.message).toContain('当前为「待部门审核」');
    await t.db.db.updateTable('indicator_value').set({ status: 'returned' }).where('id', '=', cityValue).execute();
    expect((await list(yueyang, 'indicator_value', cityValue)).json.canWrite).toBe(true);
  });

  it('a task report: its unit attaches and deletes own files while a draft (its own: the lead and the office see them once reported); locked once submitted or the task is closed', async () => {
    const up = await upload(yueyang, { ownerType: 'work_report', ownerId: report.id }, { name: '自查照片.png', data: PNG });
    expect(up.status).toBe(201);
    // a draft is its unit's own until it is 报送 (mayReadReport)
    expect((await list(samr, 'work_report', report.id)).status).toBe(404); // the lead
    expect((await get(office, up.json.id)).statusCode).toBe(404);
    expect((await list(changsha, 'work_report', report.id)).status).toBe(404); // another cooperating city
    expect((await upload(samr, { ownerType: 'work_report', ownerId: report.id }, { name: 'x.pdf', data: PDF })).status).toBe(404); // not its report, nor one it reads yet
    // someone else's upload is not deleted
    const second = await upload(yueyang, { ownerType: 'work_report', ownerId: report.id }, { name: '方案.pdf', data: PDF });
    expect(second.status).toBe(201);
    const del = await yueyang.request('DELETE', `/api/attachments/${second.json.id}`);
    expect(del.status).toBe(200);
    // PDF is still used by the indicator value's attachment, so its blob stays
    expect(fs.existsSync(blobPath(dataDir, sha(PDF)))).toBe(true);
    expect((await list(yueyang, 'work_report', report.id)).json.items.map((i: any) => i.fileName)).toEqual(['自查照片.png']);
    const sub = await yueyang.request('POST', `/api/work-task-reports/${report.id}/submit`, { version: report.version });
    expect(sub.status).toBe(200);
    expect((await list(samr, 'work_report', report.id)).json.items.map((i: any) => i.fileName)).toEqual(['自查照片.png']); // the lead
    expect((await get(office, up.json.id)).statusCode).toBe(200);
    expect((await list(changsha, 'work_report', report.id)).status).toBe(404);
    const locked = await upload(yueyang, { ownerType: 'work_report', ownerId: report.id }, { name: 'late.pdf', data: PDF });
    expect(locked.status).toBe(409);
    expect(locked.json.message).toBe('第3项任务岳阳市进展报告（2023-H1）已报送，附件不能再增删（退回后可修改）');
    expect((await yueyang.request('DELETE', `/api/attachments/${up.json.id}`)).status).toBe(409);
    await t.db.db.updateTable('work_task_report').set({ status: 'returned' }).where('id', '=', report.id).execute();
    await t.db.db.updateTable('work_task').set({ status: 'closed' }).where('id', '=', task3.id).execute();
    const closed = await upload(yueyang, { ownerType: 'work_report', ownerId: report.id }, { name: 'late.pdf', data: PDF });
    expect(closed.status).toBe(409);
    expect(closed.json.message).toContain('所属任务已销号');
    await t.db.db.updateTable('work_task').set({ status: 'open' }).where('id', '=', task3.id).execute();
  });

  it('only the uploader deletes; the blob goes once neither attachment nor evidence uses it, and stays while evidence does', async () => {
    const [first] = await rows();
    // the office cannot delete 岳阳市's file (not its upload)
    expect((await office.request('DELETE', `/api/attachments/${first.id}`)).status).toBe(403);
    // an evidence row (another table) pointing at the same blob keeps it after the attachment is gone
    const { cycle } = await openTestCycle(t);
    const user = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'yueyang').executeTakeFirstOrThrow();
    const ev = { cycle_id: cycle.id, unit_id: null, owner_type: 'self_report' as const, owner_id: 1, file_name: 'x.pdf', mime_type: 'application/pdf', size_bytes: PDF.length, sha256: sha(PDF), uploaded_by: user.id, uploaded_at: new Date().toISOString() };
    const evRow = await t.db.db.insertInto('evidence').values(ev).returning('id').executeTakeFirstOrThrow();
    expect((await yueyang.request('DELETE', `/api/attachments/${first.id}`)).status).toBe(200);
    expect(fs.existsSync(blobPath(dataDir, sha(PDF)))).toBe(true);
    // with the evidence row gone too, the next removal of a PDF attachment takes the blob with it
    await t.db.db.deleteFrom('evidence').where('id', '=', evRow.id).execute();
    const again = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: '再传.pdf', data: PDF });
    expect(again.status).toBe(201);
    expect((await yueyang.request('DELETE', `/api/attachments/${again.json.id}`)).status).toBe(200);
    expect(fs.existsSync(blobPath(dataDir, sha(PDF)))).toBe(false);
    expect((await get(yueyang, first.id)).statusCode).toBe(404);
    // the PNG is used by two attachments (the province value and the report): deleting one keeps the file
    const png = (await rows()).find((r) => r.file_name === '全省汇总.png')!;
    expect((await samr.request('DELETE', `/api/attachments/${png.id}`)).status).toBe(200);
    expect(fs.existsSync(blobPath(dataDir, sha(PNG)))).toBe(true);
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_type', '=', 'attachment').orderBy('id').execute();
    expect(audit.filter((a) => a.action === 'attachment.upload')).toHaveLength(5);
    expect(audit.filter((a) => a.action === 'attachment.delete')).toHaveLength(4);
    expect(audit.some((a) => a.action === 'download')).toBe(true);
  });

  it('six deletes of one file at once (a double click, two tabs): one deletes it with one audit row, the others get a 409 saying it is gone', async () => {
    const up = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: '六次删除.pdf', data: Buffer.from(PDF.toString().replace('%PDF-1.4\n', '%PDF-1.4\n%six\n')) });
    expect(up.status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 6 }, () => yueyang.request('DELETE', `/api/attachments/${up.json.id}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.json.message).toBe('附件「六次删除.pdf」已经删除，无需再删；请刷新页面查看现有附件');
    const audited = await t.db.db.selectFrom('audit_log').select('id').where('action', '=', 'attachment.delete').where('entity_id', '=', String(up.json.id)).execute();
    expect(audited).toHaveLength(1);
  });

  it('a delete that arrives after the first has finished gets the same 409; another unit asking for the gone file gets a 404 that does not name it', async () => {
    const up = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: '迟到的删除.pdf', data: Buffer.from(PDF.toString().replace('%PDF-1.4\n', '%PDF-1.4\n%late\n')) });
    expect(up.status).toBe(201);
    expect((await yueyang.request('DELETE', `/api/attachments/${up.json.id}`)).status).toBe(200);
    const again = await yueyang.request('DELETE', `/api/attachments/${up.json.id}`);
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('附件「迟到的删除.pdf」已经删除，无需再删；请刷新页面查看现有附件');
    const theirs = await samr.request('DELETE', `/api/attachments/${up.json.id}`);
    expect(theirs.status).toBe(404);
    expect(theirs.json.message).toBe(`附件${up.json.id}不存在`);
    // a read of the gone file is a 404 for its deleter too
    expect((await yueyang.request('GET', `/api/attachments/${up.json.id}`)).status).toBe(404);
  });

  it('the same file sent six times at once (six clicks on 上传): one is kept, the others get the 409 of a double upload', async () => {
    const data = Buffer.from(PDF.toString().replace('%PDF-1.4\n', '%PDF-1.4\n%upload six\n'));
    const answers = await Promise.all(Array.from({ length: 6 }, (_, n) => upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: `六次上传${n + 1}.pdf`, data })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect((await rows()).filter((r) => r.sha256 === sha(data))).toHaveLength(1);
  });

  // PostgreSQL: another connection's delete runs while the upload's row is written and not yet committed (SQLite
  // holds one writer at a time: the delete would wait for the upload, which waits for it)
  if (dialect === 'postgres') it('a file deleted from one owner while the same content is being attached to another keeps its bytes for the new one', async () => {
    const data = Buffer.from(PDF.toString().replace('%PDF-1.4\n', '%PDF-1.4\n%shared bytes\n'));
    const first = await upload(yueyang, { ownerType: 'indicator_value', ownerId: cityValue }, { name: '先传.pdf', data });
    expect(first.status).toBe(201);
    let armed = true;
    let hit = false;
    let deleted: number | undefined;
    const interleave: KyselyPlugin = {
      transformQuery: (a) => {
        const node = a.node as RootOperationNode & { into?: { table: { identifier: { name: string } } } };
        if (armed && node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'attachment') hit = true;
        return a.node;
      },
      transformResult: async (a) => {
        if (hit && armed) {
          armed = false;
          deleted = (await yueyang.request('DELETE', `/api/attachments/${first.json.id}`)).status;
        }
        return a.result;
      },
    };
    const app = await buildApp({ config: t.config, db: { ...t.db, db: t.db.db.withPlugin(interleave) } });
    try {
      const me = await login(app, 'yueyang');
      const m = multipart({ ownerType: 'work_report', ownerId: report.id }, { name: '后传.pdf', data });
      const second = await me.request('POST', '/api/attachments', m.body, m.headers);
      expect([second.status, deleted]).toEqual([201, 200]);
      const dl = await get(yueyang, second.json.id);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload).toEqual(data);
    } finally {
      await app.close();
    }
  });

  it('a confirmed figure reopened for correction keeps the files it was confirmed with (a 409 on their delete) while it stays in force; files of the correction come and go', async () => {
    const db = t.db.db;
    const changde = await login(t.app, 'changde');
    const period = (await db.selectFrom('indicator_value').select('period_id').where('id', '=', cityValue).executeTakeFirstOrThrow()).period_id;
    const ind = (await db.selectFrom('indicator_value').select('indicator_id').where('id', '=', cityValue).executeTakeFirstOrThrow()).indicator_id;
    const org = await orgId(t.db, '430700');
    const at = now.toISOString();
    const { id } = await db.insertInto('indicator_value').values({ period_id: period, indicator_id: ind, org_id: org, value: 12, source_doc: null, explanation: null, status: 'draft', return_comment: null, reopen_reason: null, demo: 0, submitted_by: null, submitted_at: null, reviewed_by: null, reviewed_at: null, accepted_by: null, accepted_at: null, updated_at: at, version: 1 }).returning('id').executeTakeFirstOrThrow();
    const basis = await upload(changde, { ownerType: 'indicator_value', ownerId: id }, { name: '常德统计公报.pdf', data: Buffer.concat([PDF, Buffer.from('常德')]) });
    expect(basis.status).toBe(201);
    // confirmed by the office, then reopened for correction: the confirmed 12 stays in force beside the draft
    now = new Date(now.getTime() + 60_000);
    await db.updateTable('indicator_value').set({ status: 'accepted', accepted_at: now.toISOString(), version: 2 }).where('id', '=', id).execute();
    now = new Date(now.getTime() + 60_000);
    const reopened = await office.request('POST', `/api/indicator-reporting/periods/${period}/reopen`, { indicatorId: ind, orgId: org, reason: '统计口径调整，请更正' });
    expect(reopened.status).toBe(200);
    const del = await changde.request('DELETE', `/api/attachments/${basis.json.id}`);
    expect([del.status, del.json.message]).toEqual([409, '「常德统计公报.pdf」是2024年度常德市「地理标志商标产品产值」已确认数值（在用）的附件，更正稿确认之前不能删除；更正的依据请另行上传']);
    const correction = await upload(changde, { ownerType: 'indicator_value', ownerId: id }, { name: '更正说明.pdf', data: Buffer.concat([PDF, Buffer.from('更正')]) });
    expect(correction.status).toBe(201);
    expect((await changde.request('DELETE', `/api/attachments/${correction.json.id}`)).status).toBe(200);
    expect((await list(changde, 'indicator_value', id)).json.items.map((i: any) => i.fileName)).toEqual(['常德统计公报.pdf']);
    // the list says why it stays (the page shows 保留 and no delete button), and a file of the correction is not kept
    const again = await upload(changde, { ownerType: 'indicator_value', ownerId: id }, { name: '更正说明.pdf', data: Buffer.concat([PDF, Buffer.from('更正2')]) });
    expect(again.json.kept).toBeUndefined();
    expect((await list(changde, 'indicator_value', id)).json.items.map((i: any) => [i.fileName, i.kept])).toEqual([
      ['常德统计公报.pdf', '是2024年度常德市「地理标志商标产品产值」已确认数值（在用）的附件，更正稿确认之前不能删除；更正的依据请另行上传'],
      ['更正说明.pdf', null],
    ]);
  });
});
