/** Every SQL statement of the organisers' yearly peer tables (同级比较表) for the rank criteria. Kysely only. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, PeerLevel, PeerTableTable, PeerValueTable } from '../../../db/schema';
import type { Org } from '../evaluation.queries';

export type PeerTableRow = Selectable<PeerTableTable>;
export type PeerValueRow = Selectable<PeerValueTable>;

/** An organiser's tables, newest year first. */
export const peerTablesOf = (db: Kysely<Database>, organiserId: number) =>
  db.selectFrom('peer_table').selectAll().where('organiser_org_id', '=', organiserId).orderBy('year', 'desc').orderBy('level').orderBy('id').execute();

export const findPeerTable = (db: Kysely<Database>, id: number) => db.selectFrom('peer_table').selectAll().where('id', '=', id).executeTakeFirst();

export const lockPeerTable = (trx: Transaction<Database>, id: number) => trx.selectFrom('peer_table').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const sameNamedTable = (db: Kysely<Database>, v: { organiserId: number; year: number; level: PeerLevel; metric: string }) =>
  db
    .selectFrom('peer_table')
    .select(['id', 'created_by', 'created_at'])
    .where('organiser_org_id', '=', v.organiserId)
    .where('year', '=', v.year)
    .where('level', '=', v.level)
    .where('metric', '=', v.metric)
    .executeTakeFirst();

/** The organiser's table of a year and level that a new plan ranks against by default (the first made, when several). */
export const defaultPeerTable = (db: Kysely<Database>, organiserId: number, year: number, level: PeerLevel) =>
  db.selectFrom('peer_table').selectAll().where('organiser_org_id', '=', organiserId).where('year', '=', year).where('level', '=', level).orderBy('id').executeTakeFirst();

export async function insertPeerTable(db: Kysely<Database>, v: Omit<PeerTableTable, 'id' | 'version' | 'updated_at'>): Promise<number> {
  return (await db.insertInto('peer_table').values({ ...v, updated_at: v.created_at, version: 1 }).returning('id').executeTakeFirstOrThrow()).id;
}

/** Change the table at the version the caller saw (the version moves on): false when someone else changed it first. */
export async function updatePeerTableRow(db: Kysely<Database>, id: number, version: number, set: Partial<Pick<PeerTableTable, 'metric' | 'items_json' | 'source' | 'updated_at'>>): Promise<boolean> {
  const r = await db.updateTable('peer_table').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const peerValuesOf = (db: Kysely<Database>, tableId: number) => db.selectFrom('peer_value').selectAll().where('table_id', '=', tableId).orderBy('id').execute();

/** Values of several tables at once (the list's fill counts). */
export const peerValuesOfTables = (db: Kysely<Database>, tableIds: number[]) =>
  tableIds.length ? db.selectFrom('peer_value').selectAll().where('table_id', 'in', tableIds).execute() : Promise.resolve([] as PeerValueRow[]);

/** Write one unit's value and note (a row per unit: updated when there, inserted otherwise). */
export async function putPeerValue(db: Kysely<Database>, tableId: number, orgId: number, value: string | null, note: string | null): Promise<void> {
  const r = await db.updateTable('peer_value').set({ value, note }).where('table_id', '=', tableId).where('org_id', '=', orgId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('peer_value').values({ table_id: tableId, org_id: orgId, value, note }).execute();
}

/**
 * The units a table of this level lists for an organiser office: the cities of its province (a provincial office),
 * or the counties below its region (the province's counties, or a city office's own), in the order of the org tree.
 */
export async function unitsOfLevel(db: Kysely<Database>, region: Org, level: PeerLevel): Promise<Org[]> {
  const cols = ['id', 'code', 'name', 'kind', 'parent_id'] as const;
  if (level === 'city') return region.kind === 'province' ? db.selectFrom('org_unit').select(cols).where('kind', '=', 'city').where('parent_id', '=', region.id).orderBy('sort_order').orderBy('code').execute() : [];
  return db
    .selectFrom('org_unit')
    .select(cols)
    .where('kind', '=', 'county')
    .where((eb) => eb.or([eb('parent_id', '=', region.id), eb('parent_id', 'in', eb.selectFrom('org_unit as p').select('p.id').where('p.parent_id', '=', region.id))]))
    .orderBy('code')
    .execute();
}

/** The plans (any version) that rank against a table, with their applicants. */
export const plansUsingTable = (db: Kysely<Database>, tableId: number) =>
  db
    .selectFrom('evaluation_plan as p')
    .innerJoin('evaluation_application as a', 'a.id', 'p.application_id')
    .innerJoin('org_unit as o', 'o.id', 'a.applicant_org_id')
    .select(['p.id', 'p.application_id', 'p.version_no', 'p.status', 'o.name as applicant'])
    .where('p.peer_table_id', '=', tableId)
    .orderBy('p.application_id')
    .orderBy('p.version_no')
    .execute();

/** Is the signed-in expert (by account) on a plan in force or in draft (not superseded) that ranks against the table? */
export async function expertOnTablePlan(db: Kysely<Database>, tableId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('plan_member as m')
    .innerJoin('expert as e', 'e.id', 'm.expert_id')
    .innerJoin('evaluation_plan as p', 'p.id', 'm.plan_id')
    .select('m.id')
    .where('p.peer_table_id', '=', tableId)
    .where('e.user_id', '=', userId)
    .where('p.status', '!=', 'superseded')
    .executeTakeFirst();
  return !!row;
}
