import { Migrator, sql } from 'kysely';
import type { Db } from './connection';
import { MIGRATIONS } from './migrations/index';

/**
 * PostgreSQL: Kysely looks for its migration tables in every schema it introspects unless told which one; `schema`
 * names it, by default the connection's current schema. The introspection reads only the connection's own schemas
 * (own-schema.ts): Kysely's read every schema on the server and failed when another was dropped meanwhile.
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
  schema ??=
    db.dialect === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db.db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db: db.db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

