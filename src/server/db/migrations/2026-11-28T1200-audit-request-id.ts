// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// audit_log.request_id: the id of the HTTP request that wrote the row (the same id its log lines carry and the
// answer's X-Request-Id header shows), so a log line and its audit row can be matched. Null for older rows and
// for rows not written by a request (CLI, seed). It is part of the row's hash when present (core/audit-chain.ts);
// rows without it hash exactly as before, so the existing chain stays valid.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('request_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('request_id').execute();
}
