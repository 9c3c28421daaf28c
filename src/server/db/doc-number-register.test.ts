/**
 * The 文号 register's migration (2026-11-30T1200-doc-number-register): the numbers already stored — the cycles'
 * calls for indicators and the issued analysis reports — are registered for their office; a number one office
 * used twice (a call for indicators and a report) does not stop it: the earliest keeps it, the later document is
 * left out. Then the partial unique indexes: one 文号 per office and one 文号 per 公文 among entries not voided, on
 * both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUniqueViolation, freshDb, testDialects } from '../test/helpers';
import type { Db } from './connection';
import * as register from './migrations/2026-11-30T1200-doc-number-register';

describe.each(testDialects())('the 文号 register migration on %s', (dialect) => {
  let db: Db;
  const at = '2024-01-01T00:00:00.000Z';
  let province: number, city: number, office: number, cityOffice: number;
  beforeAll(async () => {
    db = await freshDb(dialect);
    const org = async (code: string, name: string, kind: 'province' | 'city' | 'office', parent: number | null) =>
      (await db.db.insertInto('org_unit').values({ code, name, short_name: null, kind, parent_id: parent, sort_order: 0, version: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    province = await org('p', '湖南省', 'province', null);
    city = await org('c', '岳阳市', 'city', province);
    office = await org('o', '省质强办', 'office', province);
    cityOffice = await org('co', '岳阳市质强办', 'office', city);
  });
  afterAll(() => db.close());

  const cycle = (officeId: number, year: number, noticeNo: string | null, createdAt: string) =>
    db.db
      .insertInto('assessment_cycle')
      .values({ year, office_org_id: officeId, title: `${year}年度质量工作考核`, base_cycle_id: null, status: 'collecting', notice_no: noticeNo, issued_on: null, deadline: `${year}-07-10`, contact_name: null, contact_phone: null, contact_email: null, grade_bands_json: '[]', objection_start: null, objection_end: null, published_at: null, demo: 0, version: 1, created_at: createdAt, updated_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
  const report = (officeId: number, regionId: number, period: string, docNo: string | null, issuedAt: string) =>
    db.db
      .insertInto('analysis_report')
      .values({ office_org_id: officeId, region_org_id: regionId, period, status: docNo ? 'issued' : 'draft', data_json: '{}', texts_json: '{}', refreshed_at: at, doc_no: docNo, issued_on: docNo ? issuedAt.slice(0, 10) : null, issued_at: docNo ? issuedAt : null, issued_by: null, demo: 0, created_by: null, created_at: at, updated_at: at, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
  const entries = () => db.db.selectFrom('doc_number').select(['office_org_id', 'doc_no', 'kind', 'subject', 'title', 'registered_at']).orderBy('id').execute();

  it('registers the stored numbers; a number used twice in one office keeps the earliest and does not stop the migration', async () => {
    await register.down(db.db);
    const c1 = await cycle(office, 2022, ' 湘质强办发〔2022〕8号 ', '2022-06-01T00:00:00.000Z');
    await cycle(office, 2023, null, '2023-06-01T00:00:00.000Z');
    const c3 = await cycle(cityOffice, 2023, '岳质强办〔2023〕2号', '2023-06-01T00:00:00.000Z');
    // the city's report was issued before its call for indicators under the same number: the report keeps it
    const r1 = await report(cityOffice, city, '2023-H1', '岳质强办〔2023〕2号', '2023-05-01T00:00:00.000Z');
    // the province's report under its own call's number, issued later: left out
    await report(office, province, '2022-H2', '湘质强办发〔2022〕8号', '2023-01-20T00:00:00.000Z');
    const r3 = await report(office, province, '2023-H1', '湘质强办发〔2023〕3号', '2023-07-20T00:00:00.000Z');
    await report(office, province, '2023-H2', null, at);
    await register.up(db.db);
    expect(await entries()).toEqual([
      { office_org_id: cityOffice, doc_no: '岳质强办〔2023〕2号', kind: 'analysis_report', subject: String(r1.id), title: '岳阳市2023年上半年质量分析报告', registered_at: '2023-05-01T00:00:00.000Z' },
      { office_org_id: office, doc_no: '湘质强办发〔2022〕8号', kind: 'cycle_notice', subject: String(c1.id), title: '2022年度质量工作考核指标征集通知', registered_at: '2022-06-01T00:00:00.000Z' },
      { office_org_id: office, doc_no: '湘质强办发〔2023〕3号', kind: 'analysis_report', subject: String(r3.id), title: '湖南省2023年上半年质量分析报告', registered_at: '2023-07-20T00:00:00.000Z' },
    ].sort((a, b) => a.registered_at.localeCompare(b.registered_at)));
    expect((await entries()).some((e) => e.subject === String(c3.id) && e.kind === 'cycle_notice')).toBe(false);
  });

  const entry = (officeId: number, docNo: string, kind: 'results_bulletin' | 'workplan_notice', subject: string, voidedAt: string | null = null) =>
    db.db
      .insertInto('doc_number')
      .values({ office_org_id: officeId, doc_no: docNo, kind, subject, title: '测试公文', registered_by: null, registered_at: at, voided_at: voidedAt, voided_by: null, void_reason: voidedAt ? '录错' : null, version: 1 })
      .execute();

  it('one 文号 per office and one per 公文 among the entries not voided; another office, or a voided entry, does not count', async () => {
    await entry(office, '湘质强办〔2024〕1号', 'results_bulletin', '1');
    await expectUniqueViolation(entry(office, '湘质强办〔2024〕1号', 'workplan_notice', '1:2024-H1'));
    await expectUniqueViolation(entry(office, '湘质强办〔2024〕2号', 'results_bulletin', '1'));
    await entry(cityOffice, '湘质强办〔2024〕1号', 'results_bulletin', '1');
    await entry(office, '湘质强办〔2024〕1号', 'workplan_notice', '1:2024-H1', at);
    await entry(office, '湘质强办〔2024〕3号', 'results_bulletin', '1', at);
    await db.db.updateTable('doc_number').set({ voided_at: at }).where('office_org_id', '=', office).where('doc_no', '=', '湘质强办〔2024〕1号').where('voided_at', 'is', null).execute();
    await entry(office, '湘质强办〔2024〕1号', 'workplan_notice', '1:2024-H1');
    await entry(office, '湘质强办〔2024〕2号', 'results_bulletin', '1');
  });
});
