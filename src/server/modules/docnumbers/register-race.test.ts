/**
 * Two downloads registering the same 文号 for the same 公文 at once (PostgreSQL, READ COMMITTED: each statement sees
 * what has committed before it). registerDocNumber reads the 公文's entry, then the number's holder: when the other
 * registration commits between the two reads, the holder is this very 公文 under this very number — printed, not a
 * 409 "已用于《…》" naming the document itself. (SQLite runs one writer at a time: no statement of another
 * registration can come between, so the interleaving exists only on PostgreSQL.)
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, orgId, testDialects, type TestApp } from '../../test/helpers';
import { registerDocNumber } from './docnumbers.commands';

describe.each(testDialects().filter((d) => d === 'postgres'))('文号 registered by another request between the two reads, on %s', (dialect) => {
  let t: TestApp;
  let office = 0;
  let user: { id: number };
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await orgId(t.db, 'office');
    user = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'office').executeTakeFirstOrThrow();
  });
  afterAll(() => t.close());

  it('the holder found is this 公文 under this number: nothing registered twice, no 409', async () => {
    const no = '湘质强办〔2023〕77号';
    const doc = { officeId: office, kind: 'rectification_notice' as const, subject: '2023-07-21', title: '整改事项落实情况通报（2023-07-21）' };
    // the other request's registration, committed on another connection right after this one's first read
    let reads = 0;
    const interleave: KyselyPlugin = {
      transformQuery: (a) => a.node,
      transformResult: async (a) => {
        if (reads++ === 0) {
          await t.db.db
            .insertInto('doc_number')
            .values({ office_org_id: office, doc_no: no, kind: doc.kind, subject: doc.subject, title: doc.title, registered_by: user.id, registered_at: new Date().toISOString(), voided_at: null, voided_by: null, void_reason: null, version: 1 })
            .execute();
        }
        return a.result;
      },
    };
    await t.db.db
      .withPlugin(interleave)
      .transaction()
      .execute((trx) => registerDocNumber({ trx, user: { id: user.id } as never }, doc, no));
    expect(reads).toBeGreaterThanOrEqual(2);
    const rows = await t.db.db.selectFrom('doc_number').select(['doc_no', 'subject']).where('doc_no', '=', no).execute();
    expect(rows).toEqual([{ doc_no: no, subject: doc.subject }]);
  });
});
