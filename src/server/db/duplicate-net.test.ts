/**
 * A unique key hit by a race that no command foresaw is a conflict for the person, never a 500: the error handler
 * answers 409 with UNFORESEEN_DUPLICATE, and the transaction that hit it is rolled back whole. (Each known race has its
 * own 409 naming what and who won; this is the net under the ones not yet known.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, testDialects, type TestApp } from '../test/helpers';
import { UNFORESEEN_DUPLICATE } from './errors';

describe.each(testDialects())('unforeseen unique violation (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    // a handler written without onDuplicate: it changes one row, then inserts an org unit under a code already taken
    t.app.post('/api/test/unforeseen-duplicate', async () => {
      await t.db.db.transaction().execute(async (trx) => {
        await trx.updateTable('org_unit').set({ name: '改名未保存' }).where('code', '=', '430000').execute();
        const taken = await trx.selectFrom('org_unit').select(['kind', 'sort_order', 'version', 'created_at', 'updated_at']).where('code', '=', '430000').executeTakeFirstOrThrow();
        await trx.insertInto('org_unit').values({ ...taken, code: '430000', name: '重复', short_name: null, parent_id: null }).execute();
      });
      return { ok: true };
    });
  });
  afterAll(() => t.close());

  it('answers 409 in Chinese, and nothing of the transaction is saved', async () => {
    const before = await t.db.db.selectFrom('org_unit').select(['name']).where('code', '=', '430000').execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/test/unforeseen-duplicate' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'conflict', message: UNFORESEEN_DUPLICATE });
    expect(await t.db.db.selectFrom('org_unit').select(['name']).where('code', '=', '430000').execute()).toEqual(before);
    expect(before).toHaveLength(1);
  });
});
