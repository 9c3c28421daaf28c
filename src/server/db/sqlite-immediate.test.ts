/** The SQLite side of the locking rule (sqlite-immediate.ts): BEGIN IMMEDIATE, and row-lock clauses dropped. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Db } from './connection';
import type { Database } from './schema';

describe('SQLite transactions take the write lock at BEGIN', () => {
  let dir: string | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps another process from writing between a transaction’s first read and its writes', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-immediate-'));
    const file = path.join(dir, 'db.sqlite');
    db = connect({ url: file });
    await sql`create table t (x integer)`.execute(db.db);
    const other = new SQLite(file); // another process, as far as SQLite is concerned
    other.pragma('busy_timeout = 0');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inside = new Promise<void>((r) => (started = r));
    const tx = db.db.transaction().execute(async (trx) => {
      await sql`select count(*) from t`.execute(trx); // only a read so far
      started();
      await held;
      await sql`insert into t (x) values (1)`.execute(trx);
    });
    await inside;
    expect(() => other.prepare('insert into t (x) values (2)').run()).toThrow(/database is locked/);
    release();
    await tx;
    other.prepare('insert into t (x) values (2)').run();
    expect(other.prepare('select x from t order by rowid').all()).toEqual([{ x: 1 }, { x: 2 }]);
    other.close();
  });

  it('compiles FOR UPDATE / FOR SHARE away on SQLite and keeps them on PostgreSQL', () => {
    db = connect({ url: ':memory:' });
    const q = (k: Kysely<Database>) => k.selectFrom('assessment_cycle').select('id').where('id', '=', 1);
    expect(q(db.db).forUpdate().compile().sql).toBe('select "id" from "assessment_cycle" where "id" = ?');
    expect(q(db.db).forShare().compile().sql).toBe('select "id" from "assessment_cycle" where "id" = ?');
    const pgDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) }); // never connects
    expect(q(pgDb).forUpdate().compile().sql).toBe('select "id" from "assessment_cycle" where "id" = $1 for update');
    expect(q(pgDb).forShare().compile().sql).toBe('select "id" from "assessment_cycle" where "id" = $1 for share');
  });
});
