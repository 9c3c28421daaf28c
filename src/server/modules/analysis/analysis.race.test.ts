/**
 * One 文号 per 公文, decided by the database: two offices issuing their reports under the same 文号 at the same
 * moment each pass the check in code (neither sees the other's uncommitted row); the unique index refuses the
 * second with a 409 that names the 文号, and the first report stays issued as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityOfficeCode } from '../../seed/seed';
import { login, makeTestApp, orgId, testDialects, type Client, type TestApp } from '../../test/helpers';

describe.each(testDialects())('analysis report 文号 race on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2024-08-01T02:00:00Z');
  let office: Client;
  let yueyang: Client;
  const yueyangOffice = cityOfficeCode('430600');
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    [office, yueyang] = await Promise.all(['office', 'yueyang.office'].map((u) => login(t.app, u)));
  });
  afterAll(() => t.close());

  /** the caller's draft for the half-year (created when missing), with its 形势与展望 written so it may be issued */
  async function writtenDraft(c: Client, officeCode: string, period: string): Promise<{ id: number; version: number }> {
    const own = await orgId(t.db, officeCode);
    let draft = (await c.request('GET', '/api/analysis-reports')).json.items.find((x: any) => x.period === period && x.office.id === own);
    if (!draft) draft = (await c.request('POST', '/api/analysis-reports', { period })).json;
    const w = await c.request('PUT', `/api/analysis-reports/${draft.id}/sections/outlook`, { version: draft.version, text: '下一步：督促滞后指标整改。' });
    expect(w.status).toBe(200);
    return { id: draft.id, version: w.json.version };
  }
  const reportRow = (id: number) => t.db.db.selectFrom('analysis_report').select(['status', 'doc_no']).where('id', '=', id).executeTakeFirstOrThrow();

  it('two offices issue under one 文号 at once: one is issued, the other gets a 409 naming the 文号 and stays a draft', async () => {
    const [a, b] = [await writtenDraft(office, 'office', '2024-H1'), await writtenDraft(yueyang, yueyangOffice, '2024-H1')];
    const docNo = '湘质强办发〔2024〕20号';
    const answers = await Promise.all([
      office.request('POST', `/api/analysis-reports/${a.id}/issue`, { version: a.version, docNo, issuedOn: '2024-07-25' }),
      yueyang.request('POST', `/api/analysis-reports/${b.id}/issue`, { version: b.version, docNo, issuedOn: '2024-07-25' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.status === 409)!;
    expect(lost.json.message).toContain(`文号“${docNo}”已`);
    expect(lost.json.fields).toEqual([{ field: 'docNo', message: '文号已被使用' }]);
    const rows = [await reportRow(a.id), await reportRow(b.id)];
    expect(rows.map((r) => r.status).sort()).toEqual(['draft', 'issued']);
    expect(rows.find((r) => r.status === 'issued')!.doc_no).toBe(docNo);
    expect(rows.find((r) => r.status === 'draft')!.doc_no).toBeNull();
  });

  it('an issue whose check ran before the other issue committed is refused by the unique index (409), and the other stays issued', async () => {
    // a half-year's report is issued once the half-year has ended: 2024 下半年's in January 2025
    now = new Date('2025-01-10T02:00:00Z');
    const [a, b] = [await writtenDraft(office, 'office', '2024-H2'), await writtenDraft(yueyang, yueyangOffice, '2024-H2')];
    const docNo = '湘质强办发〔2025〕21号';
    let second: ReturnType<Client['request']> | undefined;
    // the province's issue has written its row but not yet committed when 岳阳市's request arrives
    await t.db.db.transaction().execute(async (trx) => {
      await trx.updateTable('analysis_report').set({ status: 'issued', doc_no: docNo, issued_on: '2025-01-10', version: a.version + 1 }).where('id', '=', a.id).execute();
      second = yueyang.request('POST', `/api/analysis-reports/${b.id}/issue`, { version: b.version, docNo, issuedOn: '2025-01-10' });
      await new Promise((r) => setTimeout(r, 300));
    });
    const r = await second!;
    expect(r.status).toBe(409);
    expect(r.json.message).toContain(`文号“${docNo}”已`);
    expect(r.json.fields).toEqual([{ field: 'docNo', message: '文号已被使用' }]);
    expect(await reportRow(a.id)).toEqual({ status: 'issued', doc_no: docNo });
    expect(await reportRow(b.id)).toEqual({ status: 'draft', doc_no: null });
  });
});
