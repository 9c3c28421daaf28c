/** Every SQL statement of the applicant's 自评 and the panel's on-site findings. Kysely only. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SelfAssessmentTable } from '../../../db/schema';

export type SelfRow = Selectable<SelfAssessmentTable>;

export const selfOf = (db: Kysely<Database>, applicationId: number) => db.selectFrom('self_assessment').selectAll().where('application_id', '=', applicationId).executeTakeFirst();

export const lockSelf = (trx: Transaction<Database>, applicationId: number) => trx.selectFrom('self_assessment').selectAll().where('application_id', '=', applicationId).forUpdate().executeTakeFirst();

export async function insertSelf(db: Kysely<Database>, applicationId: number, by: number, at: string): Promise<SelfRow> {
  await db.insertInto('self_assessment').values({ application_id: applicationId, answers_json: '{}', notes_json: '{}', status: 'open', submitted_at: null, return_reason: null, updated_by: by, updated_at: at, version: 1 }).execute();
  return (await selfOf(db, applicationId))!;
}

export async function updateSelf(db: Kysely<Database>, id: number, version: number, set: { answers_json: string; notes_json: string; updated_by: number; updated_at: string }): Promise<boolean> {
  const r = await db.updateTable('self_assessment').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** who checked the 自评 (审查无误), by name; null when nobody has */
export async function checkerName(db: Kysely<Database>, row: Pick<SelfRow, 'checked_by'> | undefined): Promise<string | null> {
  if (!row?.checked_by) return null;
  const u = await db.selectFrom('app_user').select('display_name').where('id', '=', row.checked_by).executeTakeFirst();
  return u?.display_name ?? null;
}

/** 审查无误: the mark, at the version read (false: changed meanwhile) */
export async function markSelfChecked(db: Kysely<Database>, id: number, version: number, by: number, at: string): Promise<boolean> {
  const r = await db.updateTable('self_assessment').set({ checked_at: at, checked_by: by, version: version + 1 }).where('id', '=', id).where('version', '=', version).where('status', '=', 'submitted').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const findingsOf = (db: Kysely<Database>, applicationId: number) =>
  db
    .selectFrom('site_finding as f')
    .innerJoin('app_user as u', 'u.id', 'f.recorded_by')
    .select(['f.id', 'f.item_code', 'f.text', 'u.display_name', 'f.recorded_at'])
    .where('f.application_id', '=', applicationId)
    .orderBy('f.id')
    .execute();

export const insertFinding = (db: Kysely<Database>, v: { applicationId: number; itemCode: string | null; text: string; by: number; at: string }) =>
  db.insertInto('site_finding').values({ application_id: v.applicationId, item_code: v.itemCode, text: v.text, recorded_by: v.by, recorded_at: v.at }).returning('id').executeTakeFirstOrThrow();
