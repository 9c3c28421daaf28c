/**
 * The migration that takes the recording expert's name out of the 整改事项 raised from on-site findings before
 * 2026-12-06 (2026-12-07T0900-site-finding-recorder): the 说明's last line 「记录：<name>，<day>」 becomes today's
 * 「记录日期：<the finding's China day>」, nothing else of the item changes, an item of another source or already in
 * today's form is left alone, and each rewrite is an audit row (before and after) on a chain that still verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../core/audit-chain';
import { login, makeTestApp, testDialects, type TestApp } from '../test/helpers';
import * as recorder from './migrations/2026-12-07T0900-site-finding-recorder';

describe.each(testDialects())('the on-site finding recorder migration on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  it('rewrites the old 说明 of an item raised from a finding to name only the day, audited, and leaves the rest', async () => {
    const db = t.db.db;
    // the demo's item raised from 常德市's finding, stored the old way (the name, and the UTC day of the first form)
    const site = await db.selectFrom('rectification').selectAll().where('source_type', '=', 'evaluation_site').executeTakeFirstOrThrow();
    const finding = await db.selectFrom('site_finding as f').innerJoin('app_user as u', 'u.id', 'f.recorded_by').select(['f.text', 'f.recorded_at', 'u.display_name']).where('f.id', '=', Number(site.source_ref)).executeTakeFirstOrThrow();
    const day = site.detail.split('记录日期：')[1];
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const old = `现场评审发现：${finding.text}\n记录：${finding.display_name}，${finding.recorded_at.slice(0, 10)}`;
    await db.updateTable('rectification').set({ detail: old }).where('id', '=', site.id).execute();
    // an item of another source whose 说明 happens to hold such a line is not a finding's: left alone
    const other = await db.selectFrom('rectification').selectAll().where('source_type', '!=', 'evaluation_site').orderBy('id').executeTakeFirstOrThrow();
    const otherDetail = `${other.detail}\n记录：某某，2026-01-01`;
    await db.updateTable('rectification').set({ detail: otherDetail }).where('id', '=', other.id).execute();

    await db.transaction().execute((trx) => recorder.up(trx));

    const after = await db.selectFrom('rectification').selectAll().where('id', '=', site.id).executeTakeFirstOrThrow();
    expect(after.detail).toBe(`现场评审发现：${finding.text}\n记录日期：${day}`);
    expect(after.detail).not.toContain(finding.display_name);
    expect({ ...after, detail: site.detail }).toEqual(site);
    expect((await db.selectFrom('rectification').select('detail').where('id', '=', other.id).executeTakeFirstOrThrow()).detail).toBe(otherDetail);
    // the applicant reads the item without the name
    const changde = await login(t.app, 'changde');
    const read = await changde.request('GET', `/api/rectifications/${site.id}`);
    expect(read.status).toBe(200);
    expect(read.json.detail).toBe(after.detail);

    // one audit row for the rewrite, before and after, and the chain whole
    const rows = await db.selectFrom('audit_log').selectAll().where('action', '=', 'rectification.redactRecorder').execute();
    expect(rows).toMatchObject([{ entity_type: 'rectification', entity_id: String(site.id), user_id: null, method: 'MIGRATION', path: '2026-12-07T0900-site-finding-recorder', outcome: 'ok' }]);
    expect(JSON.parse(rows[0].before_json!)).toEqual({ detail: old });
    expect(JSON.parse(rows[0].after_json!)).toEqual({ detail: after.detail });
    expect(await verifyChain(db)).toMatchObject({ ok: true });

    // a second run finds nothing to do
    await db.transaction().execute((trx) => recorder.up(trx));
    expect((await db.selectFrom('audit_log').select('id').where('action', '=', 'rectification.redactRecorder').execute()).length).toBe(1);
  });
});
