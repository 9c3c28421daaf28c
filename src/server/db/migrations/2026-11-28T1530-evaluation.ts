// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 11: the creation evaluation of quality-strong cities and counties (seed 004, DB43) — rounds, applications
// and the eligibility review.
// - evaluation_round: one organiser's (the provincial office, or a city office for its counties) round of a year;
//   framework_json is the score sheet as it stood when the round opened (frozen: later imports do not change it).
// - evaluation_application: one applicant's application in a round (unique per round and applicant); its four
//   不予受理 declarations as conditions_json [{code, applies, statement}]; the refusal's condition and reason.
// - eligibility_consultation: the organiser asks a member department whether conditions apply to an applicant;
//   the department answers with findings_json [{code, applies}] and a text.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('evaluation_round')
    .addColumn('id', 'integer', id)
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('organiser_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('framework_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('evaluation_round_organiser_year', ['organiser_org_id', 'year'])
    .execute();

  await db.schema
    .createTable('evaluation_application')
    .addColumn('id', 'integer', id)
    .addColumn('round_id', 'integer', (c) => c.notNull().references('evaluation_round.id'))
    .addColumn('applicant_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('conditions_json', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('refusal_condition', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('evaluation_application_round_applicant', ['round_id', 'applicant_org_id'])
    .execute();
  await db.schema.createIndex('evaluation_application_applicant_idx').on('evaluation_application').column('applicant_org_id').execute();

  await db.schema
    .createTable('eligibility_consultation')
    .addColumn('id', 'integer', id)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('evaluation_application.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('conditions_json', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('findings_json', 'text')
    .addColumn('answer', 'text')
    .addColumn('asked_by', 'integer', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('eligibility_consultation_application_idx').on('eligibility_consultation').column('application_id').execute();
  await db.schema.createIndex('eligibility_consultation_department_idx').on('eligibility_consultation').column('department_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('eligibility_consultation').execute();
  await db.schema.dropTable('evaluation_application').execute();
  await db.schema.dropTable('evaluation_round').execute();
}
