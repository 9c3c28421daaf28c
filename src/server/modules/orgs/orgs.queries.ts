/** Every SQL statement of the orgs module. Kysely only. */
import type { Kysely } from 'kysely';
import type { Database, OrgUnitRow, OrgUnitTable } from '../../db/schema';
import type { Insertable, Updateable } from 'kysely';

export const listOrgs = (db: Kysely<Database>) => db.selectFrom('org_unit').selectAll().orderBy('sort_order').orderBy('code').execute();

export const findOrg = (db: Kysely<Database>, id: number) => db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();

export const insertOrg = (db: Kysely<Database>, row: Insertable<OrgUnitTable>) =>
  db.insertInto('org_unit').values(row).returningAll().executeTakeFirstOrThrow();

/** Update at the version the caller saw; undefined when someone else changed it first. */
export const updateOrgAt = (db: Kysely<Database>, id: number, version: number, set: Updateable<OrgUnitTable>): Promise<OrgUnitRow | undefined> =>
  db.updateTable('org_unit').set(set).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
