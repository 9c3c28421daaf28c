/**
 * Test helpers: a fresh, migrated and seeded database per test file, on SQLite always and on PostgreSQL
 * when TEST_DATABASE_URL is set (one new schema per file, dropped afterwards). Each is a copy of a template
 * database built once per run (see templates.ts), not a new migration and seed.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type KyselyPlugin, type Transaction } from 'kysely';
import { expect, inject } from 'vitest';
import { buildApp } from '../app';
import { DEMO_PASSWORD, loadConfig, type Config } from '../config';
import { connect, type Db, type DialectName } from '../db/connection';
import { isUniqueViolation } from '../db/errors';
import type { Database } from '../db/schema';
import { migrateAndFill, pgFromTemplate, sqliteFromTemplate, type TemplateName, type TemplateRun } from './templates';
import { addDays, chinaDate } from '../../shared/deadline';

export const TEST_PASSWORD = DEMO_PASSWORD;

/** The databases every database test runs on. With KAOPING_REQUIRE_ALL=1 a missing PostgreSQL is an error. */
export function testDialects(): DialectName[] {
  if (process.env.TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (process.env.KAOPING_REQUIRE_ALL === '1') {
    throw new Error('KAOPING_REQUIRE_ALL=1 但未设置 TEST_DATABASE_URL：PostgreSQL 测试不能跳过');
  }
  return ['sqlite'];
}

/** The run's templates, from the vitest global setup; undefined under another runner (then every file migrates). */
function templateRun(): TemplateRun | undefined {
  try {
    return inject('kaopingTemplates');
  } catch {
    return undefined;
  }
}

/** A fresh database of its own for a test file: a copy of the named template. */
async function databaseFrom(dialect: DialectName, name: TemplateName): Promise<Db> {
  const run = templateRun();
  if (dialect === 'sqlite') {
    if (run) return sqliteFromTemplate(run, name);
    const db = connect({ url: ':memory:' });
    await migrateAndFill(db, name);
    return db;
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = connect({ url, poolSize: 1 });
  await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin.db);
  await admin.close();
  if (run) await pgFromTemplate(run, url, schema, name);
  const db = connect({ url, schema, poolSize: 5 });
  if (!run) await migrateAndFill(db, name, schema);
  return {
    ...db,
    close: async () => {
      await db.close();
      const a = connect({ url, poolSize: 1 });
      await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(a.db);
      await a.close();
    },
  };
}

/** A fresh, migrated, empty database (no org tree, no accounts). */
export async function freshDb(dialect: DialectName): Promise<Db> {
  return databaseFrom(dialect, 'migrated');
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  close(): Promise<void>;
}

/** A fresh app; `demoAssessment: true` also seeds the demo 2022/2023 cycles (off by default, so tests open their own). */
export async function makeTestApp(
  dialect: DialectName,
  overrides: Partial<Config> = {},
  opts: { demoAssessment?: boolean } = {},
): Promise<TestApp> {
  // the org tree, the demo accounts (password TEST_PASSWORD) and the frameworks; with demoAssessment the demo cycles
  const db = await databaseFrom(dialect, opts.demoAssessment ? 'demo' : 'seeded');
  // Tests sign in, and are refused, far more often than a person; both limits have their own tests (auth.test.ts,
  // core/denials.test.ts).
  const config: Config = { ...loadConfig({}), webDir: '/nonexistent', loginRateLimitPerMinute: 10_000, deniedPerMinute: 10_000, ...overrides };
  const app = await buildApp({ config, db });
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

import { login, type Client } from './client';

export { login, type Client };

export async function orgId(db: Db, code: string): Promise<number> {
  const r = await db.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return r.id;
}

/** The org unit ids of the departments named by code (e.g. 'samr', 'ndrc'). */
export async function orgIds(db: Db, codes: string[]): Promise<number[]> {
  return Promise.all(codes.map((c) => orgId(db, c)));
}

/**
 * The China day `n` days from today (`now`: by default the machine's clock, the app's clock while config.now is not set): a date ahead
 * that a cycle accepts (its deadline, a reopening, the 异议期's end lie within a year of today, CYCLE_DATE_MAX_DAYS) —
 * in place of a fixed far-off year such as 2099, which the server refuses.
 */
export const daysFromToday = (n: number, now: Date = new Date()): string => addDays(chinaDate(now), n);

/**
 * Factory: the provincial office opens a cycle on the 2022 scheme (hunan-assessment-2022), inviting the
 * given departments (default: every department that evaluates a 2022 key point, plus 省教育厅), with its deadline
 * (default: 200 days from the app's today, config.now when set).
 */
export async function openTestCycle(
  t: TestApp,
  opts: { year?: number; departments?: string[]; deadline?: string } = {},
): Promise<{ office: Client; cycle: any }> {
  const office = await login(t.app, 'office');
  const departments =
    opts.departments ??
    ['ndrc', 'miit', 'samr', 'drugs', 'agriculture', 'changsha-customs', 'grain', 'forestry', 'public-security', 'housing', 'transport', 'water', 'culture-tourism', 'health', 'commerce', 'civil-affairs', 'ecology', 'education'];
  const res = await office.request('POST', '/api/cycles', {
    year: opts.year ?? 2023,
    baseFrameworkId: 'hunan-assessment-2022',
    deadline: opts.deadline ?? daysFromToday(200, t.config.now?.()),
    contactName: '唐碧辉',
    contactPhone: '0731-85693710',
    departmentIds: await orgIds(t.db, departments),
  });
  if (res.status !== 201) throw new Error(`openTestCycle failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { office, cycle: res.json };
}

/**
 * For tests that count the statements a request runs: whether a statement is the session lookup, which a burst
 * of requests makes once (core/session.ts keeps a copy for a few seconds), so it is left out of such counts.
 */
export function isSessionRead(node: { kind: string; from?: { froms: readonly unknown[] } }): boolean {
  return node.kind === 'SelectQueryNode' && JSON.stringify(node.from?.froms ?? []).includes('"name":"session"');
}

/**
 * The statements the app runs while `fn` runs, the session lookup left out (isSessionRead): the app reads
 * `deps.db.db` per request, so a counting plugin is put on it for that time.
 */
export async function countStatements<T>(t: TestApp, fn: () => Promise<T>): Promise<{ n: number; value: T }> {
  let n = 0;
  const counter: KyselyPlugin = {
    transformQuery: (a) => {
      if (!isSessionRead(a.node as never)) n++;
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  const plain = t.db.db;
  t.db.db = plain.withPlugin(counter);
  try {
    const value = await fn();
    return { n, value };
  } finally {
    t.db.db = plain;
  }
}

/** that a write is refused by a unique index (on either database), the error shown when it is not */
export async function expectUniqueViolation(write: Promise<unknown>): Promise<void> {
  const e = await write.then(() => null, (err: unknown) => err);
  expect(isUniqueViolation(e), String(e)).toBe(true);
}

/**
 * PostgreSQL, a race lost deterministically: `hold` writes in a transaction left open (another window's row, not yet
 * committed), then `request` starts; once one of this app's connections waits on a lock (the request blocked by what
 * `hold` wrote: READ COMMITTED let it read past the row, its insert or update waits), the transaction commits and the
 * request's answer is returned. Fails if the request never waits.
 */
export async function raceAgainstHeld<R>(db: Db, hold: (trx: Transaction<Database>) => Promise<unknown>, request: () => Promise<R>): Promise<R> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let written!: () => void;
  const writtenP = new Promise<void>((r) => (written = r));
  const other = db.db.transaction().execute(async (trx) => {
    await hold(trx);
    written();
    await held;
  });
  // a hold that fails rejects here rather than leaving the test waiting
  await Promise.race([writtenP, other]);
  const answer = request();
  let waited = false;
  for (let i = 0; i < 400 && !waited; i++) {
    waited = (await lockWaiters(db)) > 0;
    if (!waited) await new Promise((r) => setTimeout(r, 10));
  }
  release();
  await other;
  expect(waited, 'the request never waited on the held row').toBe(true);
  return answer;
}

/**
 * How many of this app's connections wait on a lock now (by its application_name: not another test file's waits on
 * the same server). Read outside any transaction: inside one, pg_stat_activity is a snapshot taken at its first read.
 */
export async function lockWaiters(db: Db): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${db.applicationName} AND wait_event_type = 'Lock'`.execute(db.db);
  return Number(r.rows[0].n);
}

/** A lost race's 409 words as a pattern, `<T>` standing for the moment (China time, 2026-12-01 10:00). */
export const named = (words: string) => new RegExp(`^${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('<T>', '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}')}$`);

/**
 * The database's own tables (on PostgreSQL: of the connection's schema only, as connect()'s introspection reads them:
 * db/own-schema.ts), Kysely's bookkeeping included, each with its columns' lower-case data types.
 */
export async function ownTables(db: Db): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const tb of await db.db.introspection.getTables({ withInternalKyselyTables: true })) {
    if (!tb.isView) out.set(tb.name, new Map(tb.columns.map((c) => [c.name, c.dataType.toLowerCase()])));
  }
  return out;
}
