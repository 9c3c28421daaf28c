/**
 * The demo attachments (附件) on top of the demo data: 长沙市's reviewed 2024 value carries a generated PDF the
 * office downloads before 确认; 岳阳市's returned sub-report of task 5 carries one it may add to; so does 常德市's
 * 整改 report the office sent back (the office reads it, only 常德市 may add). The PDFs are
 * valid (the upload's own structure check passes them) and sit in the blob store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';
import { pdfStructure } from '../io/file-structure';
import { blobPath } from '../modules/evidence/evidence.storage';
import { seedDemoAttachments } from './demo-attachments';
import { demoPdf } from './demo-pdf';

describe.each(testDialects())('the demo attachments on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-demo-attach-'));
    t = await makeTestApp(dialect, { dataDir, now: () => new Date('2023-07-25T02:00:00Z') }, { demoAssessment: true });
    await t.db.db.transaction().execute((trx) => seedDemoAttachments(trx, dataDir));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds a valid PDF with a correct cross-reference table', () => {
    const pdf = demoPdf(['Hello (demo)', 'line two']).toString('latin1');
    expect(pdfStructure(Buffer.from(pdf, 'latin1'))).toBeNull();
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.map((o) => pdf.slice(o, o + 8))).toEqual(['1 0 obj\n', '2 0 obj\n', '3 0 obj\n', '4 0 obj\n', '5 0 obj\n']);
  });

  it('one file on a value, one on a task report, one on a 整改 report, one on a 自评, all downloadable and in the blob store', async () => {
    const rows = await t.db.db.selectFrom('attachment').selectAll().orderBy('id').execute();
    expect(rows.map((r) => r.owner_type)).toEqual(['indicator_value', 'work_report', 'rectification_report', 'self_assessment']);
    for (const r of rows) expect(pdfStructure(fs.readFileSync(blobPath(dataDir, r.sha256)))).toBeNull();
    const office = await login(t.app, 'office');
    const onValue = await office.request('GET', `/api/attachments?ownerType=indicator_value&ownerId=${rows[0].owner_id}`);
    expect(onValue.json.items.map((i: any) => [i.fileName, i.uploadedByName !== null])).toEqual([['长沙市2024年产品质量监督抽查结果通报（演示数据）.pdf', true]]);
    const dl = await t.app.inject({ method: 'GET', url: `/api/attachments/${rows[0].id}`, headers: { cookie: office.cookie } });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const yueyang = await login(t.app, 'yueyang');
    const onReport = await yueyang.request('GET', `/api/attachments?ownerType=work_report&ownerId=${rows[1].owner_id}`);
    expect(onReport.json).toMatchObject({ canWrite: true, items: [{ fileName: '岳阳市2023年上半年湖南名品参评企业情况表（演示数据）.pdf' }] });
    const rect = `/api/attachments?ownerType=rectification_report&ownerId=${rows[2].owner_id}`;
    expect((await (await login(t.app, 'changde')).request('GET', rect)).json).toMatchObject({ canWrite: true, items: [{ fileName: expect.stringContaining('常德市') }] });
    expect((await office.request('GET', rect)).json).toMatchObject({ canWrite: false, items: [{ orgId: rows[2].org_id }] });
    // 岳阳市's submitted 2024 自评: an expert of its panel downloads the file beside item 1.1; 岳阳市 can no longer change it
    const self = `/api/attachments?ownerType=self_assessment&ownerId=${rows[3].owner_id}`;
    const expert = await login(t.app, 'expert2');
    expect((await expert.request('GET', self)).json).toMatchObject({ canWrite: false, items: [{ part: '1.1', fileName: expect.stringContaining('质量发展规划') }] });
    expect((await t.app.inject({ method: 'GET', url: `/api/attachments/${rows[3].id}`, headers: { cookie: expert.cookie } })).statusCode).toBe(200);
    expect((await yueyang.request('GET', self)).json.canWrite).toBe(false);
    expect((await (await login(t.app, 'changsha')).request('GET', self)).status).toBe(404); // another applicant's: as if there were none
  });
});
