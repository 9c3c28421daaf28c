import { Kysely, sql } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './schema';
import { classifyDbFault, DB_FAULT_MESSAGES } from './errors';
import { ImmediateSqliteDialect } from './sqlite-immediate';
import { OwnSchemaPostgresDialect } from './own-schema';
import { WriteWatch } from './write-watch'; // installed on every connection: see watchOf()

export type DialectName = 'sqlite' | 'postgres';

/** What /api/health reports about the database: reachable, writable, and if not, why (in Chinese). */
export interface DbHealth {
  ok: boolean;
  writable: boolean;
  /** ok; busy (SQLite write-locked by another process); readonly (read-only file or standby); down (unreachable) */
  state: 'ok' | 'busy' | 'readonly' | 'down';
  latencyMs: number;
  message?: string;
}

export interface Db {
  db: Kysely<Database>;
  dialect: DialectName;
  /** human-readable location, without credentials */
  describe: string;
  /** PostgreSQL: the application_name of this pool's connections (finds them in pg_stat_activity) */
  applicationName?: string;
  /** PostgreSQL: the schema worked in, when not the default (tests; backup and restore) */
  schema?: string;
  /** Reachable and writable? Never throws. */
  probe(): Promise<DbHealth>;
  close(): Promise<void>;
}

// PostgreSQL: return BIGINT (count(*)) as JS numbers; our ids and counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * SQLite: how long a statement waits for another process's write lock. better-sqlite3 is synchronous, so this
 * wait blocks the whole event loop; keep it short and answer 503 "系统繁忙" instead (see db/errors.ts).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 25;

export interface ConnectOptions {
  /** postgres://… for PostgreSQL; a file path (or ':memory:') for SQLite */
  url: string;
  /** PostgreSQL only: a schema to work in (tests use one fresh schema per file) */
  schema?: string;
  poolSize?: number;
  /** PostgreSQL: how long to wait for a new connection before giving up (503), ms */
  connectTimeoutMs?: number;
  /** SQLite: open the file read-only (a read-only data directory, or a standby copy) */
  readonly?: boolean;
  /** SQLite: an in-memory database that starts as a copy of this serialized one (tests start from a migrated template) */
  image?: Buffer;
  /** told about connection faults the pool survived (a backend terminated, the server restarted) */
  onPoolError?: (err: Error) => void;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function faultHealth(err: unknown, t0: number): DbHealth {
  const kind = classifyDbFault(err);
  const latencyMs = round(performance.now() - t0);
  if (kind === 'busy') return { ok: true, writable: false, state: 'busy', latencyMs, message: DB_FAULT_MESSAGES.busy };
  if (kind === 'storage') return { ok: true, writable: false, state: 'readonly', latencyMs, message: DB_FAULT_MESSAGES.storage };
  return { ok: false, writable: false, state: 'down', latencyMs, message: DB_FAULT_MESSAGES.unavailable };
}

/** how many distinct SQL texts keep their prepared statement (the platform has a few hundred) */
export const SQLITE_STATEMENT_CACHE = 500;

/**
 * The SQLite handle Kysely is given: the same database, but each SQL text is prepared once and its statement
 * reused (Kysely's driver would prepare — parse and plan — every statement on every execution). Safe because
 * better-sqlite3 runs a statement to completion synchronously (Kysely never streams here) and SQLite re-prepares
 * a statement by itself when the schema changes. Least recently used texts are dropped beyond the bound (lists
 * of varying length in `IN (…)` make new texts).
 */
export function preparedOnce(sqlite: SQLite.Database, max = SQLITE_STATEMENT_CACHE): Pick<SQLite.Database, 'prepare' | 'close'> {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let stmt = statements.get(text);
      if (stmt) {
        statements.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, stmt);
      return stmt;
    },
    close() {
      statements.clear();
      return sqlite.close();
    },
  } as Pick<SQLite.Database, 'prepare' | 'close'>;
}

export function connect(opts: ConnectOptions): Db {
  if (/^postgres(ql)?:\/\//.test(opts.url)) {
    const applicationName = `kaoping-${crypto.randomBytes(4).toString('hex')}`;
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      application_name: applicationName,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    // A dropped connection (restart, failover, pg_terminate_backend) is reported as an 'error' event: on the pool
    // for idle clients, on the client itself for checked-out ones. Unheard, either would end the process; the
    // pool discards the broken client and opens a new one on the next query.
    const onError = (err: Error) => (opts.onPoolError ?? (() => {}))(err);
    pool.on('error', onError);
    pool.on('connect', (client) => client.on('error', onError));
    const watch = new WriteWatch();
    // its introspection (the migrator's look-up of its tables) reads this connection's schemas only: see own-schema.ts
    const db = new Kysely<Database>({ dialect: new OwnSchemaPostgresDialect({ pool }), plugins: [watch.plugin] });
    const u = new URL(opts.url);
    return {
      db,
      dialect: 'postgres',
      applicationName,
      ...(opts.schema ? { schema: opts.schema } : {}),
      describe: `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}${opts.schema ? ` (schema ${opts.schema})` : ''}`,
      probe: async () => {
        const t0 = performance.now();
        try {
          const r = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(db);
          const standby = r.rows[0]?.standby === true;
          const latencyMs = round(performance.now() - t0);
          return standby
            ? { ok: true, writable: false, state: 'readonly', latencyMs, message: '数据库为只读备库（可能正在主备切换），暂时无法保存' }
            : { ok: true, writable: true, state: 'ok', latencyMs };
        } catch (e) {
          return faultHealth(e, t0);
        }
      },
      close: () => db.destroy(),
    };
  }
  const file = opts.url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:' && !opts.image && !opts.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = opts.image ? new SQLite(opts.image) : new SQLite(file, { readonly: opts.readonly ?? false });
  if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
  // WAL with synchronous = NORMAL, said here rather than left to the build: a commit survives the process's crash
  // (the WAL is written before the answer), and the database stays whole after a power loss, which may take back the
  // last commits not yet synced (README, 故障与恢复). This is what the platform always ran at: better-sqlite3 is built
  // with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, although PRAGMA synchronous reported FULL on a file made in this process.
  // FULL syncs the disk at every commit: measured here about 2 ms a commit against 0.05 ms.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const watch = new WriteWatch();
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: preparedOnce(sqlite) }) /* BEGIN IMMEDIATE: see sqlite-immediate.ts */, plugins: [watch.plugin] });
  return {
    db,
    dialect: 'sqlite',
    describe: `SQLite ${file}`,
    probe: async () => {
      const t0 = performance.now();
      // Synchronous, so no request's transaction can interleave; inside one of ours the lock is already held.
      if (!sqlite.open) return { ok: false, writable: false, state: 'down', latencyMs: 0, message: '数据库已关闭' };
      if (sqlite.inTransaction) return { ok: true, writable: true, state: 'ok', latencyMs: 0 };
      try {
        sqlite.prepare('select 1').get();
        // Take the write lock and write page 1 (unchanged), then roll back: fails when another process holds
        // the lock (busy) or the file cannot be written (read-only, full).
        sqlite.exec('BEGIN IMMEDIATE');
        const v = sqlite.pragma('user_version', { simple: true }) as number;
        sqlite.pragma(`user_version = ${v}`);
        return { ok: true, writable: true, state: 'ok', latencyMs: round(performance.now() - t0) };
      } catch (e) {
        return faultHealth(e, t0);
      } finally {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      }
    },
    close: () => db.destroy(),
  };
}
