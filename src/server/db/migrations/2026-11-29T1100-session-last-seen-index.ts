// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Every sign-in removes the sessions past their idle timeout (last_seen_at) or their lifetime (created_at;
// indexed since account-security). Without an index on last_seen_at that DELETE read the whole session table,
// so each sign-in cost more the more sessions there were (95 µs at 3,200 sessions on SQLite; 5 µs indexed).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('session_last_seen_idx').on('session').column('last_seen_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('session_last_seen_idx').execute();
}
