import { sql } from 'kysely';
import type { Db } from './connection';

/**
 * Runs `work` while no other process runs work of the same `name` on the same PostgreSQL schema: a session advisory
 * lock, taken and released on one connection of the pool while `work` uses the others (so the pool needs two or
 * more), waits for the other process to finish first. What it is for: a start's checks-then-writes (is the database
 * empty? is this framework file imported?) that two server processes starting at once on one database would both
 * pass. On SQLite `work` simply runs: one server process owns its data directory.
 */
export async function exclusively<T>(db: Db, name: string, work: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'postgres') return work();
  return db.db.connection().execute(async (conn) => {
    const key = sql`hashtext(current_schema() || ':' || ${name})`;
    await sql`SELECT pg_advisory_lock(${key})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}
