/**
 * A lost race made deterministic on PostgreSQL (SQLite serialises writers with BEGIN IMMEDIATE, so these races are
 * PostgreSQL's): another window's change, written and not yet committed, while the request under test runs.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * `hold` writes in a transaction left open while `request` runs (the request reads none of it: READ COMMITTED); as soon
 * as a statement of this database waits on a lock (the key or the row that transaction holds), it commits. Returns the
 * request's answer, which comes once the request has met what the other committed.
 */
export async function whileHeld<T>(db: Kysely<Database>, hold: (trx: Transaction<Database>) => Promise<unknown>, request: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let written!: () => void;
  const ready = new Promise<void>((r) => (written = r));
  const other = db.transaction().execute(async (trx) => {
    await hold(trx);
    written();
    await held;
  });
  // a hold that fails rejects here rather than leaving the test waiting
  await Promise.race([ready, other]);
  const answer = request();
  for (let i = 0; i < 200; i++) {
    const waiting = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
    if (Number(waiting.rows[0].n) > 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  release();
  await other;
  return answer;
}
