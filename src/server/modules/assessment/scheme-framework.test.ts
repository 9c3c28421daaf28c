/**
 * schemeFramework (assessment.queries.ts): a published scheme's framework is read and validated once per database
 * handle and (id, version, publication); a draft's is read from its row every time, so an edit is seen at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, testDialects, type TestApp } from '../../test/helpers';
import { currentScheme, publishedScheme, schemeFramework } from './assessment.queries';

describe.each(testDialects())('a scheme framework from its row, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect, {}, { demoAssessment: true });
  });
  afterAll(() => t.close());

  const cycleOf = async (year: number) => (await t.db.db.selectFrom('assessment_cycle').select('id').where('year', '=', year).orderBy('id').executeTakeFirstOrThrow()).id;

  it('keeps one validated framework per published scheme, and another database handle reads its own', async () => {
    const id = await cycleOf(2022);
    const a = await publishedScheme(t.db.db, id);
    const b = await publishedScheme(t.db.db, id);
    expect(a).not.toBeNull();
    expect(b!.framework).toBe(a!.framework);
    expect(Object.isFrozen(a!.framework)).toBe(true);
    expect('framework_json' in a!.row).toBe(false);
    // inside a transaction (another handle) the text is read again, and frameworkOf still shares the parsed object
    const inTx = await t.db.db.transaction().execute((trx) => schemeFramework(trx, a!.row));
    expect(inTx).toBe(a!.framework);
  });

  it('reads a draft afresh: an edit of its text is seen by the next read', async () => {
    const id = await cycleOf(2023);
    const before = await currentScheme(t.db.db, id);
    expect(before?.row.status).toBe('draft');
    const row = await t.db.db.selectFrom('scheme').select('framework_json').where('id', '=', before!.row.id).executeTakeFirstOrThrow();
    const edited = JSON.parse(row.framework_json);
    edited.title = `${edited.title}（修改）`;
    await t.db.db.updateTable('scheme').set({ framework_json: JSON.stringify(edited) }).where('id', '=', before!.row.id).execute();
    const after = await currentScheme(t.db.db, id);
    expect(after!.framework.title).toBe(edited.title);
    expect(after!.framework).not.toBe(before!.framework);
  });
});
