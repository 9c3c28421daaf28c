/**
 * The migration that makes a 文号 unique (2026-11-30T0900-doc-no-unique) on a database that already holds two
 * reports, or two policies of one region, under one 文号 (possible before it): it runs, keeps every row as it is,
 * and refuses any new row under a number already held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUniqueViolation, freshDb, testDialects } from '../test/helpers';
import type { Db } from './connection';
import * as docNoUnique from './migrations/2026-11-30T0900-doc-no-unique';

describe.each(testDialects())('the 文号 unique indexes on %s', (dialect) => {
  let db: Db;
  const at = '2024-01-01T00:00:00.000Z';
  let office: number, province: number, city: number;
  beforeAll(async () => {
    db = await freshDb(dialect);
    const org = async (code: string, kind: 'province' | 'city' | 'office', parent: number | null) =>
      (await db.db.insertInto('org_unit').values({ code, name: code, short_name: null, kind, parent_id: parent, sort_order: 0, version: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    province = await org('p', 'province', null);
    city = await org('c', 'city', province);
    office = await org('o', 'office', province);
  });
  afterAll(() => db.close());

  const report = (period: string, docNo: string | null) =>
    db.db
      .insertInto('analysis_report')
      .values({ office_org_id: office, region_org_id: province, period, status: docNo ? 'issued' : 'draft', data_json: '{}', texts_json: '{}', refreshed_at: at, doc_no: docNo, demo: 0, created_at: at, updated_at: at, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
  const policy = (region: number, docNo: string) =>
    db.db
      .insertInto('incentive_policy')
      .values({ code: null, title: docNo, issuer: 'x', doc_no: docNo, level: 'city', region_org_id: region, issued_on: '2024-01-01', effective_from: '2024-01-01', expires_on: null, status: 'current', superseded_by_id: null, source: null, rules_json: '[]', notes_json: '[]', demo: 0, created_at: at, updated_at: at, version: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();

  it('duplicates written before the migration stay; every new row under a held 文号 is refused; drafts (no 文号) are not counted', async () => {
    await docNoUnique.down(db.db);
    await report('2023-H1', 'A〔2024〕1号');
    await report('2023-H2', 'A〔2024〕1号');
    await report('2024-H1', null);
    await policy(city, 'B〔2024〕1号');
    await policy(city, 'B〔2024〕1号');
    await docNoUnique.up(db.db);
    expect(await db.db.selectFrom('analysis_report').select('doc_no').orderBy('id').execute()).toEqual([{ doc_no: 'A〔2024〕1号' }, { doc_no: 'A〔2024〕1号' }, { doc_no: null }]);
    expect(await db.db.selectFrom('incentive_policy').select('doc_no').execute()).toHaveLength(2);
    await expectUniqueViolation(report('2024-H2', 'A〔2024〕1号'));
    await expectUniqueViolation(policy(city, 'B〔2024〕1号'));
    await report('2024-H2', null);
    await report('2025-H1', 'A〔2024〕2号');
    await expectUniqueViolation(report('2025-H2', 'A〔2024〕2号'));
    // one number per region: another region may hold the same one
    await policy(province, 'B〔2024〕1号');
    await expectUniqueViolation(policy(province, 'B〔2024〕1号'));
  });
});
