/**
 * Two downloads registering the same 文号 for the same 公文 at once. Each reads the 公文's entry, then the number's
 * holder: when the other registration commits between the two reads, the holder is this very 公文 under this very
 * number — printed, not a 409 "已用于《…》" naming the document itself.
 * - numberToPrint, the download's read before its transaction, on both databases (another request's whole
 *   transaction can run between two awaited reads). It once answered such a download with that 409.
 * - registerDocNumber, inside the transaction, on PostgreSQL only (READ COMMITTED: each statement sees what has
 *   committed before it). SQLite runs one writer at a time: no other registration can come between its reads.
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, orgId, testDialects, type TestApp } from '../../test/helpers';
import { clockAt } from '../../core/clock';
import { numberToPrint, registerDocNumber } from './docnumbers.commands';

describe.each(testDialects())('文号 registered by another request between the two reads, on %s', (dialect) => {
  let t: TestApp;
  let office = 0;
  let user: { id: number };
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await orgId(t.db, 'office');
    user = await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'office').executeTakeFirstOrThrow();
  });
  afterAll(() => t.close());

  /**
   * The other request's registration of `no` for `doc`, committed right after the first read made through the
   * handle the plugin is put on, before the second. PostgreSQL: on another connection, awaited. SQLite's one
   * connection is held until the read's result is transformed, so the insert is queued for it there and runs as soon
   * as the read lets it go, ahead of the second read. `reads()` counts the reads; `registered` the insert.
   */
  const registeredAfterFirstRead = (no: string, doc: { officeId: number; kind: 'rectification_notice'; subject: string; title: string }) => {
    let reads = 0;
    const plugin: KyselyPlugin = {
      transformQuery: (a) => a.node,
      transformResult: async (a) => {
        if (reads++ === 0) {
          registered = t.db.db
            .insertInto('doc_number')
            .values({ office_org_id: office, doc_no: no, kind: doc.kind, subject: doc.subject, title: doc.title, registered_by: user.id, registered_at: new Date().toISOString(), voided_at: null, voided_by: null, void_reason: null, version: 1 })
            .execute();
          if (dialect === 'postgres') await registered;
        }
        return a.result;
      },
    };
    let registered: Promise<unknown> = Promise.resolve();
    return { plugin, reads: () => reads, registered: () => registered };
  };

  // registerDocNumber runs inside a transaction: on SQLite the other registration cannot come between its reads
  if (dialect === 'postgres')
    it('the holder found is this 公文 under this number: nothing registered twice, no 409', async () => {
    const no = '湘质强办〔2023〕77号';
    const doc = { officeId: office, kind: 'rectification_notice' as const, subject: '2023-07-21', title: '整改事项落实情况通报（2023-07-21）' };
    const other = registeredAfterFirstRead(no, doc);
    await t.db.db
      .withPlugin(other.plugin)
      .transaction()
      .execute((trx) => registerDocNumber({ trx, user: { id: user.id } as never, clock: clockAt(new Date()) }, doc, no));
    expect(other.reads()).toBeGreaterThanOrEqual(2);
    const rows = await t.db.db.selectFrom('doc_number').select(['doc_no', 'subject']).where('doc_no', '=', no).execute();
    expect(rows).toEqual([{ doc_no: no, subject: doc.subject }]);
  });

  it('numberToPrint (the download’s read before its transaction), the other registration committing between its two reads: prints this 公文’s number, no 409', async () => {
    const no = '湘质强办〔2023〕78号';
    const doc = { officeId: office, officeName: '湖南省质量强省领导小组办公室', kind: 'rectification_notice' as const, subject: '2023-07-22', title: '整改事项落实情况通报（2023-07-22）' };
    const other = registeredAfterFirstRead(no, doc);
    const me = { id: user.id, role: 'office', orgUnitId: office } as never;
    const printed = await numberToPrint(t.db.db.withPlugin(other.plugin), me, doc, no);
    await other.registered();
    expect(other.reads()).toBeGreaterThanOrEqual(2);
    expect(printed).toEqual({ docNo: no, fresh: false });
  });
});
