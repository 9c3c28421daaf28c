/** 附件: every SQL statement of the attachments module. Only Kysely here. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AttachmentTable, Database } from '../../db/schema';
import type { AttachmentOwnerType } from '../../../shared/contracts/attachments';

export type AttachmentRow = Selectable<AttachmentTable>;

export const findAttachment = (db: Kysely<Database>, id: number) => db.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirst();

export const attachmentsOf = (db: Kysely<Database>, type: AttachmentOwnerType, ownerId: number) =>
  db.selectFrom('attachment').selectAll().where('owner_type', '=', type).where('owner_id', '=', ownerId).orderBy('id').execute();

/** the owner's attachment with this content, if it already has one (a double click, or the same file twice) */
export const sameAttachment = (db: Kysely<Database>, ownerType: AttachmentTable['owner_type'], ownerId: number, sha256: string) =>
  db.selectFrom('attachment').select(['id', 'file_name']).where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).where('sha256', '=', sha256).executeTakeFirst();

export const insertAttachment = (trx: Transaction<Database>, v: Omit<AttachmentTable, 'id'>) =>
  trx.insertInto('attachment').values(v).returningAll().executeTakeFirstOrThrow();

/** false when the row was gone already (removed by a request that committed first) */
export async function deleteAttachmentRow(trx: Transaction<Database>, id: number): Promise<boolean> {
  const r = await trx.deleteFrom('attachment').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

