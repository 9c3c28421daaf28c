/**
 * The migration that puts the creation evaluation's 命名 into the 文号 register (2026-11-30T1502-doc-number-naming):
 * on a database whose namings were stored before it (the demo's, with the register's entry taken away), the named
 * application's 文号 is registered for the round's organiser at the naming day; a second run adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, testDialects, type TestApp } from '../test/helpers';
import type { Db } from './connection';
import * as naming from './migrations/2026-11-30T1502-doc-number-naming';

describe.each(testDialects())('the 命名 文号 migration on %s', (dialect) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
    db = t.db;
  });
  afterAll(() => t.close());
  const namings = () => db.db.selectFrom('doc_number').select(['office_org_id', 'doc_no', 'subject', 'title', 'registered_at', 'voided_at']).where('kind', '=', 'evaluation_naming').execute();

  it('registers a stored naming for its organiser, once', async () => {
    const round = await db.db.selectFrom('evaluation_round').select(['id', 'organiser_org_id', 'title']).where('year', '=', 2023).executeTakeFirstOrThrow();
    await naming.down(db.db);
    expect(await namings()).toEqual([]);
    await naming.up(db.db);
    const expected = [{ office_org_id: round.organiser_org_id, doc_no: '湘质强发〔2023〕12号', subject: `${round.id}:湘质强发〔2023〕12号`, title: `${round.title}命名文件`, registered_at: '2023-12-20T02:00:00.000Z', voided_at: null }];
    expect(await namings()).toEqual(expected);
    await naming.up(db.db);
    expect(await namings()).toEqual(expected);
  });
});
