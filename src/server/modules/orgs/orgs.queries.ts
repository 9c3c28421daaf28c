/** Every SQL statement of the orgs module. Kysely only. */
import type { Kysely } from 'kysely';
import type { Database, OrgUnitRow, OrgUnitTable } from '../../db/schema';
import type { Insertable, Updateable } from 'kysely';
import type { NoticeIssuer } from '../../../shared/contracts/orgs';

export const listOrgs = (db: Kysely<Database>) => db.selectFrom('org_unit').selectAll().orderBy('sort_order').orderBy('code').execute();

/**
 * An office as the issuer of a 公文, with its region (the office's parent: 湖南省 for 省质强办, 岳阳市 for 岳阳市质强办);
 * a unit that is itself a region stands for its own.
 */
export async function noticeIssuer(db: Kysely<Database>, id: number): Promise<NoticeIssuer | undefined> {
  const o = await db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select(['o.name', 'o.short_name', 'o.kind', 'p.name as parent_name', 'p.kind as parent_kind'])
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!o) return undefined;
  const region = o.kind === 'province' || o.kind === 'city' || o.kind === 'county' || !o.parent_name ? { name: o.name, kind: o.kind } : { name: o.parent_name, kind: o.parent_kind };
  return { name: o.name, shortName: o.short_name ?? o.name, region: { name: region.name, province: region.kind === 'province' } };
}

export const findOrg = (db: Kysely<Database>, id: number) => db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();

/** the unit that holds a code, if any (a new unit's code is unique) */
export const findOrgByCode = (db: Kysely<Database>, code: string) => db.selectFrom('org_unit').selectAll().where('code', '=', code).executeTakeFirst();

/** a unit of this name under this parent (the top when null), other than `except`, if any */
export const findSiblingByName = (db: Kysely<Database>, parentId: number | null, name: string, except?: number) => {
  let q = db.selectFrom('org_unit').selectAll().where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (except !== undefined) q = q.where('id', '!=', except);
  return q.executeTakeFirst();
};

export const insertOrg = (db: Kysely<Database>, row: Insertable<OrgUnitTable>) =>
  db.insertInto('org_unit').values(row).returningAll().executeTakeFirstOrThrow();

/** Update at the version the caller saw; undefined when someone else changed it first. */
export const updateOrgAt = (db: Kysely<Database>, id: number, version: number, set: Updateable<OrgUnitTable>): Promise<OrgUnitRow | undefined> =>
  db.updateTable('org_unit').set(set).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
