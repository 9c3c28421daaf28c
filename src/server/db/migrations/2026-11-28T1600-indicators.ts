// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 12: plan indicators (规划指标) monitored by province and city. A plan (the province's 14th five-year
// plan, a city's own plan) is loaded from frameworks/plan-indicators/*.json and owned by an office; its
// indicators are rows; yearly targets are interpolated at read time and only the overrides are stored (the
// 工作要点's figures, an office's edit with its reason); values are reported per period and unit and move
// through INDICATOR_VALUE_WORKFLOW (src/shared/workflow/indicators.ts).
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('indicator_plan')
    .addColumn('id', 'integer', id)
    // the plan file's id (frameworks/plan-indicators/<file>.json → plan.id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    // the office that keeps it (省质强办, or a city's 质强办)
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    // the region it measures (the province, or the city)
    .addColumn('region_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('baseline_year', 'integer', (c) => c.notNull())
    .addColumn('target_year', 'integer', (c) => c.notNull())
    // the plan file as loaded (source, warnings)
    .addColumn('plan_json', 'text', (c) => c.notNull())
    // status thresholds (Open SDG style) as JSON: {ahead, onTrack} shares of the required progress
    .addColumn('thresholds_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('indicator')
    .addColumn('id', 'integer', id)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('indicator_plan.id'))
    .addColumn('code', 'integer', (c) => c.notNull())
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    // null where the seed gives none (a city's own plan)
    .addColumn('baseline', 'double precision')
    // Target (src/shared/indicators/schema.ts) as JSON
    .addColumn('target_json', 'text', (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    // department codes (departments.json) as a JSON array
    .addColumn('departments_json', 'text', (c) => c.notNull())
    .addColumn('assumed', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicator_plan_code', ['plan_id', 'code'])
    .execute();
  await db.schema
    .createTable('indicator_target')
    .addColumn('id', 'integer', id)
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('target_json', 'text', (c) => c.notNull())
    // 'work-plan' (cut from a 工作要点) | 'office' (edited by the office)
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('set_by', 'integer')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('indicator_target_year', ['indicator_id', 'year'])
    .execute();
  await db.schema
    .createTable('indicator_period')
    .addColumn('id', 'integer', id)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('indicator_plan.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // null for the year; 1–4 for a quarter
    .addColumn('quarter', 'integer')
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    // values lock this many days after closes_on; a reopened value is open again for its unit
    .addColumn('lock_days', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('indicator_value')
    .addColumn('id', 'integer', id)
    .addColumn('period_id', 'integer', (c) => c.notNull().references('indicator_period.id'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id'))
    // the unit the value is for: the province or a city
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('value', 'double precision')
    .addColumn('source_doc', 'text')
    // the reporter's written explanation of the checks' warnings
    .addColumn('explanation', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    // the last return's comment (退回意见), kept until the next submission
    .addColumn('return_comment', 'text')
    .addColumn('reopen_reason', 'text')
    // 1 for the generated demo figures (演示数据)
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_by', 'integer')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'integer')
    .addColumn('reviewed_at', 'text')
    .addColumn('accepted_by', 'integer')
    .addColumn('accepted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('indicator_value_unit', ['period_id', 'indicator_id', 'org_id'])
    .execute();
  await db.schema.createIndex('indicator_value_indicator_idx').on('indicator_value').columns(['indicator_id', 'org_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_value').execute();
  await db.schema.dropTable('indicator_period').execute();
  await db.schema.dropTable('indicator_target').execute();
  await db.schema.dropTable('indicator').execute();
  await db.schema.dropTable('indicator_plan').execute();
}
