// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// The quality analysis report (质量分析报告, DB43 4.8): one per quality office and half-year ("2023-H1"). The
// sections' generated data (from the platform's indicators, assessment results, evaluations, honours and work
// plan) is kept as JSON and refreshed on demand; the office's own text per section is kept apart so a refresh
// never overwrites it. Issued (文号, date) → frozen.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('analysis_report')
    .addColumn('id', 'integer', id)
    .addColumn('office_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    // the province or the city the report analyses (the office's parent)
    .addColumn('region_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    // YYYY-H1 | YYYY-H2
    .addColumn('period', 'text', (c) => c.notNull())
    // draft | issued
    .addColumn('status', 'text', (c) => c.notNull())
    // {sectionKey: {summary, tables, charts}} as JSON
    .addColumn('data_json', 'text', (c) => c.notNull())
    // {sectionKey: text} as JSON: what the office wrote
    .addColumn('texts_json', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('issued_by', 'integer')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('analysis_report_office_period', ['office_org_id', 'period'])
    .execute();
}
