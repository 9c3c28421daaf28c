// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// The yearly assessment of cities (seed 000): cycles, declarations, schemes, scores, evidence, objections, results.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('assessment_cycle')
    .addColumn('id', 'integer', id)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('office_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('base_cycle_id', 'integer', (c) => c.references('assessment_cycle.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notice_no', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('grade_bands_json', 'text', (c) => c.notNull())
    .addColumn('objection_start', 'text')
    .addColumn('objection_end', 'text')
    .addColumn('published_at', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_cycle_office_year_uq', ['office_org_id', 'year'])
    .execute();

  await db.schema
    .createTable('cycle_unit')
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addPrimaryKeyConstraint('cycle_unit_pk', ['cycle_id', 'org_unit_id'])
    .execute();

  await db.schema
    .createTable('declaration')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopened_until', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addUniqueConstraint('declaration_cycle_dept_uq', ['cycle_id', 'department_id'])
    .execute();

  await db.schema
    .createTable('scheme')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('framework_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scheme_cycle_version_uq', ['cycle_id', 'version_no'])
    .execute();

  await db.schema
    .createTable('score')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('answer_json', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('score_cell_uq', ['cycle_id', 'unit_id', 'item_code', 'criterion_code'])
    .execute();

  await db.schema
    .createTable('score_submission')
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('reopen_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('score_submission_pk', ['cycle_id', 'department_id'])
    .execute();

  await db.schema
    .createTable('self_report')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('self_report_uq', ['cycle_id', 'unit_id', 'item_code'])
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_owner_idx').on('evidence').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('objection')
    .addColumn('id', 'integer', id)
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('before_answer_json', 'text')
    .addColumn('after_answer_json', 'text')
    .addColumn('raised_by', 'integer', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('objection_cycle_idx').on('objection').columns(['cycle_id', 'unit_id']).execute();

  await db.schema
    .createTable('cycle_result')
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('assessment_cycle.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('total', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('vetoed', 'integer', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cycle_result_pk', ['cycle_id', 'unit_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('assessment migration cannot be reverted');
}
