/** Every SQL statement of the incentive policies (激励政策). Kysely only. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, IncentivePolicyTable } from '../../../db/schema';

export type PolicyRow = Selectable<IncentivePolicyTable>;

export const listPolicies = (db: Kysely<Database>) => db.selectFrom('incentive_policy').selectAll().orderBy('issued_on', 'desc').orderBy('id', 'desc').execute();
export const findPolicy = (db: Kysely<Database>, id: number) => db.selectFrom('incentive_policy').selectAll().where('id', '=', id).executeTakeFirst();
export const findPolicyByCode = (db: Kysely<Database>, code: string) => db.selectFrom('incentive_policy').selectAll().where('code', '=', code).executeTakeFirst();
/**
 * The policies locked FOR UPDATE inside a transaction, in the order of their ids (two requests locking the same two
 * wait for each other in turn, never crosswise): a 替代 reads both its policies under it.
 */
export const lockPolicies = (db: Kysely<Database>, ids: number[]) => db.selectFrom('incentive_policy').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
/** the earliest policy of the region registered under this 文号, other than `except` (the holder the unique index keeps) */
export const policyHoldingDocNo = (db: Kysely<Database>, regionId: number, docNo: string, except: number | null) => {
  let q = db.selectFrom('incentive_policy').select(['id', 'title']).where('region_org_id', '=', regionId).where('doc_no', '=', docNo);
  if (except !== null) q = q.where('id', '!=', except);
  return q.orderBy('id').limit(1).executeTakeFirst();
};
/** the current policies with an expiry date (for the expiry to-do) */
export const currentPolicies = (db: Kysely<Database>) =>
  db
    .selectFrom('incentive_policy')
    .select(['id', 'title', 'doc_no', 'expires_on', 'status', 'region_org_id'])
    .where('status', '=', 'current')
    .where('expires_on', 'is not', null)
    .orderBy('id')
    .execute();

export const insertPolicy = (db: Kysely<Database>, v: Omit<IncentivePolicyTable, 'id' | 'version'>) =>
  db.insertInto('incentive_policy').values({ ...v, version: 1 }).returning('id').executeTakeFirstOrThrow();

export async function updatePolicy(db: Kysely<Database>, id: number, version: number, set: Partial<Omit<IncentivePolicyTable, 'id' | 'version'>>): Promise<boolean> {
  const r = await db
    .updateTable('incentive_policy')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
