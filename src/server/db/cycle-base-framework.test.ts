/**
 * The migration that records the framework a cycle was opened on (2026-12-02T1200-cycle-base-framework): a cycle
 * opened before it, not copied from an earlier cycle, gets the framework of an earlier year whose title, put to the
 * cycle's year, is its first scheme version's title (the copy openCycle made); a cycle copied from another, one on
 * the framework's own year, and one whose first draft matches nothing stay empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, testDialects } from '../test/helpers';
import type { Db } from './connection';
import * as baseFramework from './migrations/2026-12-02T1200-cycle-base-framework';

describe.each(testDialects())('the cycle base framework migration on %s', (dialect) => {
  let db: Db;
  const at = '2024-01-01T00:00:00.000Z';
  let office = 0;
  beforeAll(async () => {
    db = await freshDb(dialect);
    const province = (await db.db.insertInto('org_unit').values({ code: 'p', name: '湖南省', short_name: null, kind: 'province', parent_id: null, sort_order: 0, version: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    office = (await db.db.insertInto('org_unit').values({ code: 'o', name: '省质强办', short_name: null, kind: 'office', parent_id: province, sort_order: 0, version: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => db.close());

  const cycle = async (year: number, baseCycleId: number | null, v1Title: string) => {
    const { id } = await db.db
      .insertInto('assessment_cycle')
      .values({ year, office_org_id: office, title: `${year}年度质量工作考核`, base_cycle_id: baseCycleId, status: 'collecting', notice_no: null, issued_on: null, deadline: `${year}-07-10`, contact_name: null, contact_phone: null, contact_email: null, grade_bands_json: '[]', objection_start: null, objection_end: null, published_at: null, demo: 0, version: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.db
      .insertInto('scheme')
      .values({ cycle_id: id, version_no: 1, status: 'draft', framework_json: JSON.stringify({ title: v1Title }), reason: null, published_at: null, published_by: null, applied_declarations_json: null, version: 1, created_at: at, updated_at: at })
      .execute();
    return id;
  };

  it('fills in the framework an old cycle was opened on, and nothing where it cannot tell', async () => {
    await baseFramework.down(db.db);
    await db.db
      .insertInto('framework')
      .values({ id: 'hunan-assessment-2022', version: '2022', title: '2022 年度湖南省政府质量工作考核要点', kind: 'assessment', total_points: '100', content_json: '{}', content_sha256: 'x', imported_at: at })
      .execute();
    const own = await cycle(2022, null, '2022 年度湖南省政府质量工作考核要点');
    const opened = await cycle(2023, null, '2023 年度湖南省政府质量工作考核要点');
    const copied = await cycle(2024, opened, '2024 年度湖南省政府质量工作考核要点');
    const renamed = await cycle(2025, null, '2025 年度岳阳市质量工作考核要点');
    await baseFramework.up(db.db);
    const rows = await db.db.selectFrom('assessment_cycle').select(['id', 'base_framework_id']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: own, base_framework_id: null },
      { id: opened, base_framework_id: 'hunan-assessment-2022' },
      { id: copied, base_framework_id: null },
      { id: renamed, base_framework_id: null },
    ]);
  });
});
