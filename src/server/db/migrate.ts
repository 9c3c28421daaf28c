import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { Db } from './connection';
import { MIGRATIONS } from './migrations/index';

/**
 * PostgreSQL: Kysely looks for its migration tables in every schema unless told which one; with other schemas on
 * the server (one per test file, another application) it could find theirs and skip creating its own. `schema`
 * names it; by default the connection's current schema.
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  schema ??=
    db.dialect === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db.db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db: db.db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let result: MigrationResultSet = await migrator.migrateToLatest();
  // Kysely looks its tables up by introspecting every schema on the server; one dropped meanwhile by someone else
  // (another application's, another test file's) fails that look-up with "schema … does not exist". Not ours:
  // look again once.
  const missing = /schema "([^"]+)" does not exist/.exec(String(result.error ?? ''))?.[1];
  if (missing && missing !== schema) result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
