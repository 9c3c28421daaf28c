/**
 * Two windows (or two staff) of one office on one half-year's 质量分析报告 at the same moment (PostgreSQL: each reads
 * before the other commits): the second creation is told the report exists, who created it and when; the second
 * issue of one report — under another 文号 — is told who issued it, with which number and when, and registers
 * nothing (never 文号 … 刚被本单位的另一份公文登记: its number is free, the report is what was taken).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../core/audit';
import { login, makeTestApp, orgId, raceAgainstHeld, testDialects, type Client, type TestApp } from '../../test/helpers';

const MOMENT = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`;

describe.each(testDialects())('one analysis report, two windows at once, on %s', (dialect) => {
  let t: TestApp;
  const now = new Date('2025-08-01T02:00:00Z');
  let office: Client;
  let officeId: number;
  let colleague: { id: number; username: string };
  beforeAll(async () => {
    t = await makeTestApp(dialect, { now: () => now }, { demoAssessment: true });
    office = await login(t.app, 'office');
    officeId = await orgId(t.db, 'office');
    colleague = await t.db.db.selectFrom('app_user').select(['id', 'username']).where('username', '=', 'office2').executeTakeFirstOrThrow();
  });
  afterAll(() => t.close());

  const reports = (period: string) => t.db.db.selectFrom('analysis_report').select(['id', 'status', 'doc_no', 'created_by']).where('office_org_id', '=', officeId).where('period', '=', period).execute();
  const actor = () => ({ userId: colleague.id, username: colleague.username, role: 'office', ip: null, userAgent: null, method: 'POST', path: '/api/analysis-reports' });

  it('a second creation from a page read before the first: 409 naming who created it and when', async () => {
    const first = await office.request('POST', '/api/analysis-reports', { period: '2024-H1' });
    expect(first.status).toBe(201);
    const again = await office.request('POST', '/api/analysis-reports', { period: '2024-H1' });
    expect([again.status, again.json.message]).toEqual([409, expect.stringMatching(new RegExp(`^本单位2024年上半年的质量分析报告已由您在其他窗口于${MOMENT}新建，请刷新后查看$`))]);
  });

  it.runIf(dialect === 'postgres')('a creation while a colleague’s creation of the half-year commits: 409 naming the colleague, one report kept', async () => {
    const at = new Date().toISOString();
    const region = (await t.db.db.selectFrom('org_unit').select('parent_id').where('id', '=', officeId).executeTakeFirstOrThrow()).parent_id!;
    const r = await raceAgainstHeld(
      t.db,
      (trx) =>
        trx
          .insertInto('analysis_report')
          .values({ office_org_id: officeId, region_org_id: region, period: '2024-H2', status: 'draft', data_json: '{}', texts_json: '{}', refreshed_at: at, demo: 0, created_by: colleague.id, created_at: at, updated_at: at, version: 1 })
          .execute(),
      () => office.request('POST', '/api/analysis-reports', { period: '2024-H2' }),
    );
    expect([r.status, r.json.message]).toEqual([409, expect.stringMatching(new RegExp(`^本单位2024年下半年的质量分析报告已由刘思远（省质强办）于${MOMENT}新建，请刷新后查看$`))]);
    expect((await reports('2024-H2')).map((x) => x.created_by)).toEqual([colleague.id]);
  });

  it.runIf(dialect === 'postgres')('an issue while a colleague’s issue of the same report under another 文号 commits: 409 naming who issued it, nothing registered', async () => {
    const draft = (await office.request('POST', '/api/analysis-reports', { period: '2025-H1' })).json;
    const w = await office.request('PUT', `/api/analysis-reports/${draft.id}/sections/outlook`, { version: draft.version, text: '下一步：督促滞后指标整改。' });
    expect(w.status).toBe(200);
    const theirs = '湘质强办发〔2025〕31号';
    const mine = '湘质强办发〔2025〕32号';
    const at = new Date().toISOString();
    const r = await raceAgainstHeld(
      t.db,
      async (trx) => {
        await trx.insertInto('doc_number').values({ office_org_id: officeId, doc_no: theirs, kind: 'analysis_report', subject: String(draft.id), title: '湖南省2025年上半年质量分析报告', registered_by: colleague.id, registered_at: at, voided_at: null, voided_by: null, void_reason: null, version: 1 }).execute();
        await trx.updateTable('analysis_report').set({ status: 'issued', doc_no: theirs, issued_on: '2025-07-25', issued_at: at, issued_by: colleague.id, version: w.json.version + 1 }).where('id', '=', draft.id).execute();
        await writeAudit(trx, actor(), { action: 'analysisReport.issue', entityType: 'analysis_report', entityId: draft.id, before: { status: 'draft' }, after: { status: 'issued' } });
      },
      () => office.request('POST', `/api/analysis-reports/${draft.id}/issue`, { version: w.json.version, docNo: mine, issuedOn: '2025-07-26' }),
    );
    expect([r.status, r.json.message]).toEqual([409, expect.stringMatching(new RegExp(`^质量分析报告已由刘思远（省质强办）于${MOMENT}印发（${theirs}），不能再修改$`))]);
    expect(await reports('2025-H1')).toEqual([{ id: draft.id, status: 'issued', doc_no: theirs, created_by: expect.any(Number) }]);
    expect(await t.db.db.selectFrom('doc_number').select('doc_no').where('subject', '=', String(draft.id)).where('kind', '=', 'analysis_report').execute()).toEqual([{ doc_no: theirs }]);
  });
});
