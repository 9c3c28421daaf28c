// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 11: the organiser's yearly peer tables for the rank items of the creation evaluation (DB43 5.2
// "获奖企业数量居省内同级城市前列/中游").
// - peer_table: one organiser's table of one year, for the units of one level (city | county), of one metric
//   (e.g. 获奖企业数量), serving the rank criteria listed in items_json (["5.2.a"]), with its source text.
// - peer_value: one unit's value in a table (decimal text; null: not entered yet) with a note; one row per unit.
// - evaluation_plan.peer_table_id: the table a plan ranks against; peer_table_title: the table as named when the
//   plan was approved. The plan's peers_json keeps the copy of the table's values taken at approval (frozen), so a
//   later edit of the table does not change an approved plan.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('peer_table')
    .addColumn('id', 'integer', id)
    .addColumn('organiser_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('items_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('peer_table_organiser_year_level_metric', ['organiser_org_id', 'year', 'level', 'metric'])
    .execute();

  await db.schema
    .createTable('peer_value')
    .addColumn('id', 'integer', id)
    .addColumn('table_id', 'integer', (c) => c.notNull().references('peer_table.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('value', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('peer_value_table_org', ['table_id', 'org_id'])
    .execute();

  await db.schema.alterTable('evaluation_plan').addColumn('peer_table_id', 'integer', (c) => c.references('peer_table.id')).execute();
  await db.schema.alterTable('evaluation_plan').addColumn('peer_table_title', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluation_plan').dropColumn('peer_table_title').execute();
  await db.schema.alterTable('evaluation_plan').dropColumn('peer_table_id').execute();
  await db.schema.dropTable('peer_value').execute();
  await db.schema.dropTable('peer_table').execute();
}
