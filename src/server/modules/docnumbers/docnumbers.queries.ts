/** Every SQL statement of the 文号 register (doc_number). */
import type { Insertable, Kysely } from 'kysely';
import type { DocKind } from '../../../shared/contracts/docnumbers';
import type { SessionUser } from '../../core/session';
import type { Database, DocNumberRow, DocNumberTable } from '../../db/schema';

/** The entry (not voided) of this office that holds the 文号. */
export const holderOf = (db: Kysely<Database>, officeId: number, docNo: string): Promise<DocNumberRow | undefined> =>
  db.selectFrom('doc_number').selectAll().where('office_org_id', '=', officeId).where('doc_no', '=', docNo).where('voided_at', 'is', null).executeTakeFirst();

/** The entry registered for this 公文 by any of these offices. */
export const currentEntry = async (db: Kysely<Database>, officeIds: number[], kind: DocKind, subject: string): Promise<DocNumberRow | undefined> =>
  officeIds.length
    ? db
        .selectFrom('doc_number')
        .selectAll()
        .where('office_org_id', 'in', officeIds)
        .where('kind', '=', kind)
        .where('subject', '=', subject)
        .where('voided_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirst()
    : undefined;

/** The entry (not voided) registered for this 公文 of the office. */
export const entryFor = (db: Kysely<Database>, officeId: number, kind: DocKind, subject: string) => currentEntry(db, [officeId], kind, subject);

export const insertEntry = (db: Kysely<Database>, row: Insertable<DocNumberTable>) => db.insertInto('doc_number').values(row).returning('id').executeTakeFirstOrThrow();

export const findEntry = (db: Kysely<Database>, id: number): Promise<DocNumberRow | undefined> => db.selectFrom('doc_number').selectAll().where('id', '=', id).executeTakeFirst();

/** Void the entry at the version the caller saw (still in force); false when it changed first. */
export async function voidEntryAt(db: Kysely<Database>, id: number, version: number, by: number, at: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('doc_number')
    .set({ voided_at: at, voided_by: by, void_reason: reason, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * The offices whose register the user reads: an office its own; a leader of the province every office, a city's
 * leader the city's office (as the analysis reports' register is read).
 */
export async function readableOffices(db: Kysely<Database>, user: SessionUser): Promise<number[]> {
  if (user.role === 'office') return [user.orgUnitId];
  if (user.role !== 'leader') return [];
  let q = db.selectFrom('org_unit').select('id').where('kind', '=', 'office');
  if (user.org.kind !== 'province') q = q.where('parent_id', '=', user.orgUnitId);
  return (await q.orderBy('sort_order').execute()).map((o) => o.id);
}

export type EntryRow = DocNumberRow & { office_name: string; registered_name: string | null; voided_name: string | null };

/** the register's rows with the office's and the people's names */
const entryRows = (db: Kysely<Database>) =>
  db
    .selectFrom('doc_number as d')
    .innerJoin('org_unit as o', 'o.id', 'd.office_org_id')
    .leftJoin('app_user as r', 'r.id', 'd.registered_by')
    .leftJoin('app_user as v', 'v.id', 'd.voided_by')
    .selectAll('d')
    .select(['o.name as office_name', 'r.display_name as registered_name', 'v.display_name as voided_name']);

/** The register of these offices, newest first. */
export const listEntries = async (db: Kysely<Database>, officeIds: number[]): Promise<EntryRow[]> =>
  officeIds.length ? entryRows(db).where('d.office_org_id', 'in', officeIds).orderBy('d.registered_at', 'desc').orderBy('d.id', 'desc').execute() : [];

/** One entry of the register (a 作废's answer). */
export const entryById = (db: Kysely<Database>, id: number): Promise<EntryRow | undefined> => entryRows(db).where('d.id', '=', id).executeTakeFirst();
