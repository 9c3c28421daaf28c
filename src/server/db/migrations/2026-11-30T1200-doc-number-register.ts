// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// The 文号 register (doc_number): every 文号 a quality office prints on a 公文 the platform issues, with the kind of
// 公文 and the subject it was printed for (a cycle's call for indicators, a quality analysis report, a cycle's results
// bulletin or preliminary publicity, a work plan's notice of one reporting period, a rectification notice of one
// date). In a government office a 文号 names exactly one document of the issuing office, so among the entries not
// voided (作废) an office holds each 文号 once (doc_number_office_no) and a subject carries one 文号 of each kind
// (doc_number_subject); a voided entry stays, with who voided it, when and why.
// Backfill: the numbers already stored — the cycles' notice_no and the issued reports' doc_no — are registered
// for their office. Where a database already holds one 文号 twice in one office (a call for indicators and an
// analysis report, or two reports issued before 2026-11-30T0900 made the number unique), nothing is rewritten (an
// issued 公文's number is a record): the earliest keeps the number in the register, the later documents are
// left out of it and keep their own stored number. A fresh database (and the demo) has no such pairs.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

interface Entry {
  office_org_id: number;
  doc_no: string;
  kind: string;
  subject: string;
  title: string;
  registered_by: number | null;
  registered_at: string;
}

const halfLabel = (period: string) => `${period.slice(0, 4)}年${period.endsWith('H1') ? '上半年' : '下半年'}`;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('doc_number')
    .addColumn('id', 'integer', id)
    // the issuing office (省质强办 or a city's 质强办)
    .addColumn('office_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    // trimmed, as the docNumber contract reads it (湘质强办〔2023〕15号)
    .addColumn('doc_no', 'text', (c) => c.notNull())
    // cycle_notice | analysis_report | results_bulletin | results_publicity | workplan_notice | rectification_notice
    .addColumn('kind', 'text', (c) => c.notNull())
    // what it was printed for: a cycle id, a report id, "planId:period", a rectification notice's date
    .addColumn('subject', 'text', (c) => c.notNull())
    // the 公文's title as registered (《2023年度考核结果通报》)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'integer')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'integer')
    .addColumn('void_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`CREATE UNIQUE INDEX doc_number_office_no ON doc_number (office_org_id, doc_no) WHERE voided_at IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX doc_number_subject ON doc_number (office_org_id, kind, subject) WHERE voided_at IS NULL`.execute(db);
  await db.schema.createIndex('doc_number_office_at').on('doc_number').columns(['office_org_id', 'registered_at']).execute();

  const cycles = await db
    .selectFrom('assessment_cycle')
    .select(['id', 'office_org_id', 'notice_no', 'title', 'created_at'])
    .where('notice_no', 'is not', null)
    .execute();
  const reports = await db
    .selectFrom('analysis_report as r')
    .innerJoin('org_unit as g', 'g.id', 'r.region_org_id')
    .select(['r.id', 'r.office_org_id', 'r.doc_no', 'r.period', 'r.issued_by', 'r.issued_at', 'r.updated_at', 'g.name as region_name'])
    .where('r.doc_no', 'is not', null)
    .execute();
  const entries: Entry[] = [
    ...cycles
      .filter((c) => String(c.notice_no).trim())
      .map((c) => ({ office_org_id: Number(c.office_org_id), doc_no: String(c.notice_no).trim(), kind: 'cycle_notice', subject: String(c.id), title: `${c.title}指标征集通知`, registered_by: null, registered_at: String(c.created_at) })),
    ...reports
      .filter((r) => String(r.doc_no).trim())
      .map((r) => ({
        office_org_id: Number(r.office_org_id),
        doc_no: String(r.doc_no).trim(),
        kind: 'analysis_report',
        subject: String(r.id),
        title: `${r.region_name}${halfLabel(String(r.period))}质量分析报告`,
        registered_by: r.issued_by === null ? null : Number(r.issued_by),
        registered_at: String(r.issued_at ?? r.updated_at),
      })),
  ].sort((a, b) => (a.registered_at < b.registered_at ? -1 : a.registered_at > b.registered_at ? 1 : 0));
  const held = new Set<string>();
  for (const e of entries) {
    const key = JSON.stringify([e.office_org_id, e.doc_no]);
    if (held.has(key)) continue; // a later document under a number its office already used: left out (see above)
    held.add(key);
    await db.insertInto('doc_number').values({ ...e, version: 1 }).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('doc_number').execute();
}
