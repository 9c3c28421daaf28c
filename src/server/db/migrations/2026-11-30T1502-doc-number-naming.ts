// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// A creation evaluation's 命名 is a 公文 of the round's organiser (湘质强发〔2023〕12号), so its 文号 joins the office's
// 文号 register (kind evaluation_naming): the cities one decision names share it, so the 公文 is the round's decision
// under that number (subject "roundId:docNo"). Backfill: the named applications' naming_doc_no, registered for the
// organiser at the naming day. A number the office's register already holds for another 公文 is not rewritten (an
// issued 公文's number is a record) and stays out of the register, as 2026-11-30T1200 did; a fresh database (and the
// demo, which registers its naming when seeded) has none.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const named = await db
    .selectFrom('evaluation_application as a')
    .innerJoin('evaluation_round as r', 'r.id', 'a.round_id')
    .select(['r.id as round_id', 'r.organiser_org_id', 'r.title', 'a.naming_doc_no', 'a.named_at', 'a.updated_at'])
    .where('a.naming_doc_no', 'is not', null)
    .orderBy('a.named_at')
    .orderBy('a.id')
    .execute();
  for (const n of named) {
    const docNo = String(n.naming_doc_no).trim();
    if (!docNo) continue;
    const held = await db
      .selectFrom('doc_number')
      .select('id')
      .where('office_org_id', '=', n.organiser_org_id)
      .where('doc_no', '=', docNo)
      .where('voided_at', 'is', null)
      .executeTakeFirst();
    if (held) continue; // the round's decision already registered (another city it names), or a number another 公文 holds
    await db
      .insertInto('doc_number')
      .values({
        office_org_id: n.organiser_org_id,
        doc_no: docNo,
        kind: 'evaluation_naming',
        subject: `${n.round_id}:${docNo}`,
        title: `${n.title}命名文件`,
        registered_by: null,
        registered_at: String(n.named_at ?? n.updated_at),
        version: 1,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('doc_number').where('kind', '=', 'evaluation_naming').execute();
}
