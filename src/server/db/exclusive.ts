import { sql } from 'kysely';
import type { Db } from './connection';

/**
 * Runs `work` while no other process runs work of the same `name` on the same PostgreSQL schema: a session advisory
 * lock, taken and released on one connection of the pool while `work` uses the others (so the pool needs two or
 * more), waits for the other process to finish first. What it is for: a start's checks-then-writes (is the database
 * empty? is this framework file imported?) that two server processes starting at once on one database would both
 * pass. On SQLite `work` simply runs: one server process owns its data directory. The lock lives in a database
 * session, so it needs a direct connection (or a pooler in session mode), not PgBouncer's transaction mode.
 */
export async function exclusively<T>(db: Db, name: string, work: () => Promise<T>): Promise<T> {
  if (db.dialect !== 'postgres') return work();
  return db.db.connection().execute(async (conn) => {
    const key = sql`hashtext(current_schema() || ':' || ${name})`;
    const unlock = () => sql`SELECT pg_advisory_unlock(${key})`.execute(conn);
    await sql`SELECT pg_advisory_lock(${key})`.execute(conn);
    let result: T;
    try {
      result = await work();
    } catch (e) {
      // the work's error is the one to hear; a lock whose connection failed is released by the server with it
      await unlock().catch(() => undefined);
      throw e;
    }
    await unlock();
    return result;
  });
}
