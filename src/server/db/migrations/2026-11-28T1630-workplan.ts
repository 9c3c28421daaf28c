// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 13: supervision of the yearly work plan (工作要点督办). A plan (per year and issuing office) is imported
// from frameworks/work-plans/*.json as a draft, published, then frozen: a change to a published plan is a new
// revision with a reason (work_plan_revision keeps the text before it). Tasks have units (lead / cooperating /
// responsible) who sign for them (签收) and report per period; the lead (or, with no lead, the issuing office)
// consolidates. Extensions, closure (销号 / 退回) and 催办 / 督办单 are rows of their own. States move through the
// workflows of src/shared/workflow/workplan.ts.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: any) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('work_plan')
    .addColumn('id', 'integer', id)
    // the file's id (frameworks/work-plans/<code>.json), null for a plan written by hand
    .addColumn('code', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('issuer_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // draft | published
    .addColumn('status', 'text', (c) => c.notNull())
    // monthly | quarterly | half-yearly: the default of its tasks
    .addColumn('schedule', 'text', (c) => c.notNull())
    // SupervisionPolicy (src/shared/workplan/rules.ts) as JSON: warn days, grace days, …
    .addColumn('policy_json', 'text', (c) => c.notNull())
    // the file's source, parts, warnings and the id of the year's targets, as JSON
    .addColumn('source_json', 'text', (c) => c.notNull())
    // 1 when published; +1 for each change made to the published plan (with its reason)
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('work_plan_issuer_year', ['issuer_org_id', 'year'])
    .execute();
  await db.schema
    .createTable('work_plan_revision')
    .addColumn('id', 'integer', id)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('work_plan.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // what changed: {taskId, before, after} as JSON
    .addColumn('change_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('work_plan_revision_no', ['plan_id', 'revision'])
    .execute();
  await db.schema
    .createTable('work_task')
    .addColumn('id', 'integer', id)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('work_plan.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('part_title', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // the seed's parenthesis ("省质强办牵头，各市州、成员单位配合")
    .addColumn('units_text', 'text', (c) => c.notNull())
    // null: no lead (按职责分工负责); the issuing office consolidates
    .addColumn('lead_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('schedule', 'text', (c) => c.notNull())
    // the original deadline; an approved extension's date is in work_task_extension
    .addColumn('due_on', 'text', (c) => c.notNull())
    // open | closing | closed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('work_task_plan_number', ['plan_id', 'number'])
    .execute();
  await db.schema
    .createTable('work_task_unit')
    .addColumn('id', 'integer', id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('work_task.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    // lead | cooperating | responsible
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('work_task_unit_org', ['task_id', 'org_id'])
    .execute();
  await db.schema
    .createTable('work_milestone')
    .addColumn('id', 'integer', id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('work_task.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('work_task_report')
    .addColumn('id', 'integer', id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('work_task.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    // the reporting period's code: 2023-H1, 2023-Q3, 2023-05
    .addColumn('period', 'text', (c) => c.notNull())
    // 1: the lead's (or the issuing office's) consolidated report of the task
    .addColumn('consolidated', 'integer', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    // why progress fell below the last report's
    .addColumn('progress_reason', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('problems', 'text')
    .addColumn('next_steps', 'text')
    // draft | submitted | returned
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer')
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('work_task_report_period', ['task_id', 'org_id', 'period'])
    .execute();
  await db.schema
    .createTable('work_task_extension')
    .addColumn('id', 'integer', id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('work_task.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    // the deadline in force when asked (the original stays on work_task.due_on)
    .addColumn('from_due_on', 'text', (c) => c.notNull())
    .addColumn('new_due_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // pending | approved | refused
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    // 1: the office judges lateness against the original deadline even so
    .addColumn('judge_against_original', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('work_task_closure')
    .addColumn('id', 'integer', id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('work_task.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    // pending | accepted (销号) | returned (退回)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('supervision_notice')
    .addColumn('id', 'integer', id)
    .addColumn('task_id', 'integer', (c) => c.notNull().references('work_task.id'))
    // the unit it is addressed to
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    // reminder (催办) | order (督办单)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // answer by this date (a 督办单)
    .addColumn('reply_by', 'text')
    .addColumn('issued_by', 'integer')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_notice_once', ['task_id', 'org_id', 'period', 'kind'])
    .execute();
  await db.schema.createIndex('work_task_report_task_idx').on('work_task_report').columns(['task_id', 'period']).execute();
  await db.schema.createIndex('work_task_unit_org_idx').on('work_task_unit').columns(['org_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['supervision_notice', 'work_task_closure', 'work_task_extension', 'work_task_report', 'work_milestone', 'work_task_unit', 'work_task', 'work_plan_revision', 'work_plan']) {
    await db.schema.dropTable(t).execute();
  }
}
