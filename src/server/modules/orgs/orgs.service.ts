import type { Kysely } from 'kysely';
import type { Database, OrgUnitRow } from '../../db/schema';
import type { OrgUnit } from '../../../shared/contracts/orgs';

export const presentOrg = (r: OrgUnitRow): OrgUnit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind,
  parentId: r.parent_id,
  sortOrder: r.sort_order,
  version: r.version,
});

export const findOrg = (db: Kysely<Database>, id: number) =>
  db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();

/** Which kinds may sit under which: the province holds cities, departments and its office; a city its counties and office. */
export const CHILD_KINDS: Record<string, readonly string[]> = {
  root: ['province'],
  province: ['city', 'department', 'office'],
  city: ['county', 'office', 'department'],
  county: ['office', 'department'],
  department: [],
  office: [],
};
