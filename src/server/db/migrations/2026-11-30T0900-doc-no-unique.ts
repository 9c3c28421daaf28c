// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// A 文号 names one 公文. The quality analysis report's 文号 was kept unique by a check in code only
// (docNoRefusal), so two offices issuing at the same moment could both pass it; an incentive policy's 文号 was not
// checked at all. Unique indexes now decide:
//  - analysis_report: one 文号 across every office (the rule docNoRefusal already applies); drafts carry none
//    (null) and stay out of the index.
//  - incentive_policy: one 文号 per region (the office that keeps the region's policies); two regions may
//    register the same provincial document.
// Rows that already share a 文号 (possible before this migration) are left as they are, since an issued 公文's
// number is a record, not something to rewrite: the earliest row (lowest id) holds the number in the index,
// the later ones are named in the index's condition and so left out of it. Every new row is checked against the
// holder. A fresh database (and the demo) has no such rows, so the condition is only `doc_no is not null`.
import { type Kysely, sql } from 'kysely';

async function laterDuplicates(db: Kysely<any>, table: string, scope: string | null): Promise<number[]> {
  const rows = await db.selectFrom(table).select(['id', 'doc_no', ...(scope ? [scope] : [])]).where('doc_no', 'is not', null).orderBy('id').execute();
  const seen = new Set<string>();
  const later: number[] = [];
  for (const r of rows) {
    const key = JSON.stringify([scope ? r[scope] : null, r.doc_no]);
    if (seen.has(key)) later.push(Number(r.id));
    else seen.add(key);
  }
  return later;
}

async function uniqueDocNo(db: Kysely<any>, name: string, table: string, scope: string | null): Promise<void> {
  const later = await laterDuplicates(db, table, scope);
  let index = db.schema
    .createIndex(name)
    .on(table)
    .columns(scope ? [scope, 'doc_no'] : ['doc_no'])
    .unique()
    .where(sql.ref('doc_no'), 'is not', null);
  if (later.length) index = index.where(sql.ref('id'), 'not in', later.map((id) => sql.lit(id)));
  await index.execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await uniqueDocNo(db, 'analysis_report_doc_no', 'analysis_report', null);
  await uniqueDocNo(db, 'incentive_policy_region_doc_no', 'incentive_policy', 'region_org_id');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('incentive_policy_region_doc_no').execute();
  await db.schema.dropIndex('analysis_report_doc_no').execute();
}
