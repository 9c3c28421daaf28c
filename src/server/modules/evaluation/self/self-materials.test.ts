/**
 * 自评资料 (DB43 资料评审 reviews the 自评报告 and the materials submitted with it): the applicant attaches files to the
 * items of its 自评 while it may still change it; once the 自评 is submitted the organiser, and the experts of the
 * approved plan once they declared no conflict, read them beside the item (a draft's are the applicant's own); another applicant, an undeclared or conflicted expert do not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { acceptedApplication, approvedPlan } from '../../../test/evaluation';
import { login, makeTestApp, testDialects, type Client, type TestApp } from '../../../test/helpers';
import { multipart, PDF, PNG } from '../../../test/multipart';

describe.each(testDialects())('creation evaluation: materials attached to the 自评, per item, on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  let office: Client, yuelu: Client, yueyang: Client;
  let e: Record<string, Client>;
  let experts: Record<string, number>;
  let app: any;
  let fw: Framework;
  let plan: any;

  const upload = (c: Client, fields: Record<string, string | number>, file: { name: string; data: Buffer }) => {
    const m = multipart(fields, file);
    return c.request('POST', '/api/attachments', m.body, m.headers);
  };
  const list = (c: Client) => c.request('GET', `/api/attachments?ownerType=self_assessment&ownerId=${app.id}`);
  const get = (c: Client, id: number) => t.app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: { cookie: c.cookie } });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-self-materials-'));
    t = await makeTestApp(dialect, { dataDir });
    ({ office, yuelu, app, experts, clients: e, fw } = await acceptedApplication(t, [
      ['王教授', 'expert'],
      ['李高工', 'expert2'],
    ], { selfSubmitted: false }));
    yueyang = await login(t.app, 'yueyang');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let first: any;
  it('the applicant attaches a file to an item of its 自评; the part must be an item of sheet A.1; audited', async () => {
    const up = await upload(yuelu, { ownerType: 'self_assessment', ownerId: app.id, part: '1.1' }, { name: '质量发展规划.pdf', data: PDF });
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ ownerType: 'self_assessment', ownerId: app.id, part: '1.1', fileName: '质量发展规划.pdf' });
    first = up.json;
    const noPart = await upload(yuelu, { ownerType: 'self_assessment', ownerId: app.id }, { name: 'a.png', data: PNG });
    expect([noPart.status, noPart.json.message]).toEqual([400, '请指明附件属于岳麓区2025年度创建评价的自评的哪一项']);
    const wrong = await upload(yuelu, { ownerType: 'self_assessment', ownerId: app.id, part: '99.9' }, { name: 'a.png', data: PNG });
    expect([wrong.status, wrong.json.message]).toEqual([400, '岳麓区2025年度创建评价的自评中没有第99.9项，请从评分表的评分项中选择']);
    const mine = await list(yuelu);
    expect(mine.json).toMatchObject({ canWrite: true, items: [{ part: '1.1', fileName: '质量发展规划.pdf' }] });
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity_type', '=', 'attachment').execute();
    expect(audit.map((r) => r.action)).toEqual(['attachment.upload']);
    expect(JSON.parse(audit[0].after_json!).owner).toBe('自评资料：岳麓区2025年度创建评价的自评第1.1项');
    // its own second file, removed again
    const second = await upload(yuelu, { ownerType: 'self_assessment', ownerId: app.id, part: '2.1' }, { name: '照片.png', data: PNG });
    expect((await yuelu.request('DELETE', `/api/attachments/${second.json.id}`)).status).toBe(200);
  });

  it('the organiser reads them once the 自评 is submitted; another applicant does not; nobody but the applicant writes', async () => {
    // a draft's materials are the applicant's working copy (selfDraftRefusal)
    expect((await list(office)).status).toBe(404);
    expect((await get(office, first.id)).statusCode).toBe(404);
    const put = await yuelu.request('PUT', `/api/evaluation-applications/${app.id}/self-assessment/1.1/a`, { version: null, answer: { level: 10 } });
    expect([put.status, put.json.message]).toEqual([200, undefined]);
    await t.db.db.updateTable('self_assessment').set({ status: 'submitted' }).where('application_id', '=', app.id).execute();
    expect((await list(office)).json).toMatchObject({ canWrite: false, items: [{ part: '1.1' }] });
    expect((await get(office, first.id)).statusCode).toBe(200);
    expect((await list(yueyang)).status).toBe(404);
    expect((await get(yueyang, first.id)).statusCode).toBe(404);
    expect((await upload(yueyang, { ownerType: 'self_assessment', ownerId: app.id, part: '1.1' }, { name: 'x.png', data: PNG })).status).toBe(404);
    expect((await upload(office, { ownerType: 'self_assessment', ownerId: app.id, part: '1.1' }, { name: 'x.png', data: PNG })).status).toBe(403);
  });

  it('an expert of the approved plan reads them after declaring no conflict; a conflicted one never', async () => {
    plan = await approvedPlan(office, app.id, fw, experts, ['王教授', '李高工']);
    expect((await list(e['王教授'])).status).toBe(404);
    expect((await get(e['王教授'], first.id)).statusCode).toBe(404);
    const member = (name: string) => plan.members.find((m: any) => m.expert.name === name).id;
    await e['王教授'].request('POST', `/api/plan-members/${member('王教授')}/recusal`, { version: 1, conflict: false, relations: [], statement: '本人与申请单位无利害关系' });
    await e['李高工'].request('POST', `/api/plan-members/${member('李高工')}/recusal`, { version: 1, conflict: true, relations: ['advised'], statement: '2023年曾为该区编写质量工作材料' });
    expect((await list(e['王教授'])).json).toMatchObject({ canWrite: false, items: [{ part: '1.1', fileName: '质量发展规划.pdf' }] });
    const file = await get(e['王教授'], first.id);
    expect([file.statusCode, file.rawPayload.equals(PDF)]).toEqual([200, true]);
    expect((await upload(e['王教授'], { ownerType: 'self_assessment', ownerId: app.id, part: '1.1' }, { name: 'x.png', data: PNG })).status).toBe(403);
    expect((await list(e['李高工'])).status).toBe(404);
    expect((await get(e['李高工'], first.id)).statusCode).toBe(404);
  });

  it('once the 自评 is submitted its materials are locked: no upload, no delete (409)', async () => {
    expect((await list(yuelu)).json.canWrite).toBe(false);
    const late = await upload(yuelu, { ownerType: 'self_assessment', ownerId: app.id, part: '1.2' }, { name: '补充.png', data: PNG });
    expect([late.status, late.json.message]).toEqual([409, '岳麓区2025年度创建评价的自评已提交，附件不能再增删']);
    const del = await yuelu.request('DELETE', `/api/attachments/${first.id}`);
    expect([del.status, del.json.message]).toEqual([409, '岳麓区2025年度创建评价的自评已提交，附件不能再增删']);
  });
});
