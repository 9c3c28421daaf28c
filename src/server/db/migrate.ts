import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './connection';
import { MIGRATIONS } from './migrations/index';

/**
 * `schema`: PostgreSQL only, the schema to keep the migration tables in. Kysely looks for them in every
 * schema unless told, so tests that migrate one fresh schema each while others exist must say which.
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
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
