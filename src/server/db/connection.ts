import { Kysely, PostgresDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './schema';
import { ImmediateSqliteDialect } from './sqlite-immediate';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: DialectName;
  /** human-readable location, without credentials */
  describe: string;
  close(): Promise<void>;
}

// PostgreSQL: return BIGINT (count(*)) as JS numbers; our ids and counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface ConnectOptions {
  /** postgres://… for PostgreSQL; a file path (or ':memory:') for SQLite */
  url: string;
  /** PostgreSQL only: a schema to work in (tests use one fresh schema per file) */
  schema?: string;
  poolSize?: number;
}

export function connect(opts: ConnectOptions): Db {
  if (/^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(opts.url);
    return {
      db,
      dialect: 'postgres',
      describe: `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}${opts.schema ? ` (schema ${opts.schema})` : ''}`,
      close: () => db.destroy(),
    };
  }
  const file = opts.url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) }) // BEGIN IMMEDIATE: see sqlite-immediate.ts;
  return { db, dialect: 'sqlite', describe: `SQLite ${file}`, close: () => db.destroy() };
}
