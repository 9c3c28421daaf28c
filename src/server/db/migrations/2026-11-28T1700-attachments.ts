// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issues 12 and 13: files attached to things outside an assessment cycle (附件) — a reported plan-indicator value,
// a work-plan task report. The owner is (owner_type, owner_id); each owning module resolves its own kind and
// decides who may read and write (src/server/modules/attachments). The files themselves are the evidence blob
// store (<dataDir>/evidence/<sha256>), shared with the evidence table: a blob goes only when neither table uses it.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('attachment')
    .addColumn('id', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    // indicator_value | work_report
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    // the uploading unit
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_owner_idx').on('attachment').columns(['owner_type', 'owner_id']).execute();
  await db.schema.createIndex('attachment_sha256_idx').on('attachment').column('sha256').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachment').execute();
}
