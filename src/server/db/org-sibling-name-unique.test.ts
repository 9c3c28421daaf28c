/**
 * The migration that makes a unit's name unique among its siblings (2026-12-03T0900-org-sibling-name-unique): a
 * database that already holds two units of one name under one parent stops with a message naming them and is left as
 * it was; otherwise the index refuses every new twin, at the top of the tree (parent_id NULL) too, while another
 * parent may hold the name (长沙市's own 质强办 is not the province's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUniqueViolation, freshDb, testDialects } from '../test/helpers';
import type { Db } from './connection';
import * as siblingName from './migrations/2026-12-03T0900-org-sibling-name-unique';

describe.each(testDialects())('the sibling unit name unique index on %s', (dialect) => {
  let db: Db;
  const at = '2024-01-01T00:00:00.000Z';
  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(() => db.close());

  const org = async (code: string, name: string, kind: 'province' | 'city' | 'office', parent: number | null) =>
    (await db.db.insertInto('org_unit').values({ code, name, short_name: null, kind, parent_id: parent, sort_order: 0, version: 1, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;

  it('stops on two units of one name under one parent, naming the parent, the name and both codes, and makes no index', async () => {
    await siblingName.down(db.db);
    const province = await org('p', '湖南省', 'province', null);
    await org('c1', '长沙市', 'city', province);
    await org('c2', '长沙市', 'city', province);
    await org('top2', '湖南省', 'province', null);
    const e = await siblingName.up(db.db).then(() => null, (err: unknown) => err as Error);
    expect(e, 'the migration ran over the twins').toBeInstanceOf(Error);
    expect(e!.message).toBe('组织机构有重名（同一上级下的机构名称相同）：「顶层」下的「湖南省」（代码 p、代码 top2）；「湖南省」下的「长沙市」（代码 c1、代码 c2）。请先改正重名的机构名称后再启动');
    await org('c3', '长沙市', 'city', province); // no index was made
    await db.db.deleteFrom('org_unit').execute();
  });

  it('once the twins are renamed: one name per parent, the top included; another parent may hold it', async () => {
    const province = await org('p', '湖南省', 'province', null);
    const changsha = await org('c1', '长沙市', 'city', province);
    const zhuzhou = await org('c2', '株洲市', 'city', province);
    await siblingName.up(db.db);
    await expectUniqueViolation(org('c3', '长沙市', 'city', province));
    await expectUniqueViolation(org('top2', '湖南省', 'province', null));
    await expectUniqueViolation(db.db.updateTable('org_unit').set({ name: '长沙市' }).where('id', '=', zhuzhou).execute());
    await org('o1', '质强办', 'office', changsha);
    await org('o2', '质强办', 'office', zhuzhou);
    await org('o3', '质强办', 'office', province);
  });
});
