import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './connection';
import { MIGRATIONS } from './migrations/index';

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.db,
    provider: { getMigrations: async () => MIGRATIONS },
    // Kysely looks for its migration tables in every schema unless told which: with another schema in the same
    // database (parallel test files, another application) it would skip creating its own and then fail.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
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
