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
  // Kysely looks its tables up by introspecting every schema on the server; one dropped or replaced meanwhile by
  // someone else (another application's, another test file's) fails that look-up. Not ours: look again.
  for (let again = 0; again < 3 && lookUpRace(result, schema); again++) result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * The migration tables' look-up (Kysely's catalogue-wide introspection, before any migration runs) lost a race with
 * another schema dropped or replaced at that moment: "schema … does not exist" naming another schema, or — from the
 * introspection's pg_get_serial_sequence() on a table gone since the catalogue was read — "column … of relation …
 * does not exist" / "relation … does not exist". Only when no migration ran and failed: a migration's own error stands.
 */
export function lookUpRace(result: MigrationResultSet, schema: string | undefined): boolean {
  if (!result.error || result.results?.some((r) => r.status === 'Error')) return false;
  const message = String(result.error);
  const missing = /schema "([^"]+)" does not exist/.exec(message)?.[1];
  if (missing) return missing !== schema;
  return /column "[^"]+" of relation "[^"]+" does not exist|relation "[^"]+" does not exist/.test(message);
}
