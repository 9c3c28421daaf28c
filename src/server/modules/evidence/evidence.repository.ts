/** Evidence rows. Only Kysely here. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

// The evidence list of many owners is read by the scoring grid too; it lives in the assessment module
// (which the evidence module depends on) so that the two modules do not import each other.
export { listEvidence, presentEvidence, type EvidenceRow } from '../assessment';

export const findEvidence = (db: Kysely<Database>, id: number) => db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();

/** Whether any other evidence row still points at a stored file. */
export async function blobInUse(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const r = await db.selectFrom('evidence').select('id').where('sha256', '=', sha256).executeTakeFirst();
  return !!r;
}
