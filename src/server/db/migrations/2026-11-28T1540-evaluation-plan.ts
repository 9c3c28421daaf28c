// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 11: the creation evaluation's plan, panel and review.
// - expert: the organiser's expert pool (name, organisation, the region the organisation sits in, field); user_id
//   links the pool entry to an account with the role expert.
// - evaluation_plan: the 评价工作方案 of one application, versioned (draft → approved → superseded by a new version
//   with a reason). not_applicable_json [{key:"3.5.b", reason}], method (mean|trimmed|leader), threshold (a
//   fraction of an item's points, as text), the schedule, peers_json (the peer table used for rank items:
//   [{code, name, value}] per criterion key).
// - plan_member: one expert on a plan version: team leader or not, the item codes they score (items_json), and
//   their recusal declaration (status pending|cleared|conflicted, recusal_json {relations, statement}).
// - expert_sheet: an expert's scores of one application (answers_json {item: {criterion: answer}}, reasons_json
//   {"item.criterion": reason}, comment); status open|submitted; stage document|site.
// - score_revision: every change an expert makes to a submitted score on site: before, after, reason.
// - site_finding: the panel's on-site problem list.
// - self_assessment: the applicant's own scores of sheet A.1 (answers_json, notes_json {"item.criterion": note}),
//   open until submitted.
// - evaluation_application.consolidation_json / agreed_json: the 综合评价 as stored when the team leader confirms;
//   reported_at, acknowledged_at (反馈 and the applicant's receipt), publicity_start/_end (公示), named_at and
//   naming_doc_no (命名, the 公文's number).
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('expert')
    .addColumn('id', 'integer', id)
    .addColumn('organiser_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('region_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('expert_user_idx').on('expert').column('user_id').execute();

  await db.schema
    .createTable('evaluation_plan')
    .addColumn('id', 'integer', id)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('evaluation_application.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('not_applicable_json', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('threshold', 'text', (c) => c.notNull())
    .addColumn('peers_json', 'text', (c) => c.notNull())
    .addColumn('document_review_start', 'text')
    .addColumn('document_review_end', 'text')
    .addColumn('site_review_start', 'text')
    .addColumn('site_review_end', 'text')
    .addColumn('reason', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'integer')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('evaluation_plan_application_version', ['application_id', 'version_no'])
    .execute();

  await db.schema
    .createTable('plan_member')
    .addColumn('id', 'integer', id)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('evaluation_plan.id'))
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('expert.id'))
    .addColumn('leader', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recusal_json', 'text')
    .addColumn('declared_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('plan_member_plan_expert', ['plan_id', 'expert_id'])
    .execute();

  await db.schema
    .createTable('expert_sheet')
    .addColumn('id', 'integer', id)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('evaluation_application.id'))
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('expert.id'))
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('expert_sheet_application_expert', ['application_id', 'expert_id'])
    .execute();

  await db.schema
    .createTable('score_revision')
    .addColumn('id', 'integer', id)
    .addColumn('sheet_id', 'integer', (c) => c.notNull().references('expert_sheet.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('revised_by', 'integer', (c) => c.notNull())
    .addColumn('revised_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('score_revision_sheet_idx').on('score_revision').column('sheet_id').execute();

  await db.schema
    .createTable('site_finding')
    .addColumn('id', 'integer', id)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('evaluation_application.id'))
    .addColumn('item_code', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('site_finding_application_idx').on('site_finding').column('application_id').execute();

  await db.schema
    .createTable('self_assessment')
    .addColumn('id', 'integer', id)
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('evaluation_application.id'))
    .addColumn('answers_json', 'text', (c) => c.notNull())
    .addColumn('notes_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('updated_by', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema.alterTable('evaluation_application').addColumn('agreed_json', 'text').execute();
  await db.schema.alterTable('evaluation_application').addColumn('consolidation_json', 'text').execute();
  for (const col of ['reported_at', 'acknowledged_at', 'publicity_start', 'publicity_end', 'named_at', 'naming_doc_no']) {
    await db.schema.alterTable('evaluation_application').addColumn(col, 'text').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const col of ['naming_doc_no', 'named_at', 'publicity_end', 'publicity_start', 'acknowledged_at', 'reported_at']) {
    await db.schema.alterTable('evaluation_application').dropColumn(col).execute();
  }
  await db.schema.alterTable('evaluation_application').dropColumn('consolidation_json').execute();
  await db.schema.alterTable('evaluation_application').dropColumn('agreed_json').execute();
  for (const t of ['self_assessment', 'site_finding', 'score_revision', 'expert_sheet', 'plan_member', 'evaluation_plan', 'expert']) await db.schema.dropTable(t).execute();
}
