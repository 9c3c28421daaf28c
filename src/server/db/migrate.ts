import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { Db } from './connection';
import { MIGRATIONS } from './migrations/index';

export async function migrateToLatest(db: Db): Promise<string[]> {
  // PostgreSQL: name the schema the migration tables live in (the connection's own). Without it Kysely's
  // migrator counts a kysely_migration table in ANY schema as ours, so a fresh schema beside another
  // (parallel test files, each in its own schema) would skip creating its tables and fail.
  const schema = db.dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db: db.db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
