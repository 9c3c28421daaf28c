// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 12: the honours roll (荣誉名录: awards, recognitions and 督查激励 won by enterprises, projects and places, by
// year, city and county, with the source document) and the incentive policies (激励政策: issuer, 文号, level, dates,
// status and the rules as JSON, see src/shared/incentives/schema.ts). The kind of an honour is a code of the kind
// list (src/shared/honours/kinds.ts), which carries its level and the plan indicator it counts toward.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('honour')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    // the enterprise, project, product or place that won it
    .addColumn('awardee', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('city_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('county_org_id', 'integer', (c) => c.references('org_unit.id'))
    // 文号 and/or title of the document that confers it
    .addColumn('source_doc', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('honour_year_kind_idx').on('honour').columns(['year', 'kind']).execute();
  await db.schema.createIndex('honour_city_idx').on('honour').column('city_org_id').execute();
  await db.schema
    .createTable('incentive_policy')
    .addColumn('id', 'integer', id)
    // the data file's id (frameworks/policies/<file>.json) for a policy loaded from the seeds; null for one entered by hand
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('region_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('superseded_by_id', 'integer', (c) => c.references('incentive_policy.id'))
    .addColumn('source', 'text')
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('notes_json', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('incentive_policy').execute();
  await db.schema.dropTable('honour').execute();
}
