/**
 * Test helpers: a fresh, migrated and seeded database per test file, on SQLite always and on PostgreSQL
 * when TEST_DATABASE_URL is set (one new schema per file, dropped afterwards).
 */
import crypto from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../app';
import { DEMO_PASSWORD, loadConfig, type Config } from '../config';
import { connect, type Db, type DialectName } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { REPO_ROOT, seedIfEmpty } from '../seed/seed';
import { importFrameworks, loadFrameworkDir } from '../modules/frameworks';
import path from 'node:path';

export const TEST_PASSWORD = DEMO_PASSWORD;

const FRAMEWORKS = loadFrameworkDir(path.join(REPO_ROOT, 'frameworks'));

/** The databases every database test runs on. With KAOPING_REQUIRE_ALL=1 a missing PostgreSQL is an error. */
export function testDialects(): DialectName[] {
  if (process.env.TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (process.env.KAOPING_REQUIRE_ALL === '1') {
    throw new Error('KAOPING_REQUIRE_ALL=1 但未设置 TEST_DATABASE_URL：PostgreSQL 测试不能跳过');
  }
  return ['sqlite'];
}

export async function freshDb(dialect: DialectName): Promise<Db> {
  if (dialect === 'sqlite') {
    const db = connect({ url: ':memory:' });
    await migrateToLatest(db);
    return db;
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = connect({ url, poolSize: 1 });
  await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin.db);
  await admin.close();
  const db = connect({ url, schema, poolSize: 5 });
  await migrateToLatest(db, schema);
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
  const db = await freshDb(dialect);
  await seedIfEmpty(db.db, { demo: true, demoPassword: TEST_PASSWORD, assessment: opts.demoAssessment ?? false });
  await importFrameworks(db.db, FRAMEWORKS);
  // Tests sign in far more often than a person; the login rate limit has its own test (auth.test.ts).
  const config: Config = { ...loadConfig({}), webDir: '/nonexistent', loginRateLimitPerMinute: 10_000, ...overrides };
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

export interface Client {
  csrf: string;
  cookie: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<{
    status: number;
    json: any;
    headers: Record<string, unknown>;
  }>;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = [res.headers['set-cookie']].flat().join(';');
  const cookie = /kp_sid=([^;]+)/.exec(setCookie)![0];
  const csrf = res.json().csrfToken as string;
  return {
    csrf,
    cookie,
    request: async (method, url, body, headers = {}) => {
      const r = await app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as never }),
      });
      let json: unknown = null;
      try {
        json = r.json();
      } catch {
        json = r.body;
      }
      return { status: r.statusCode, json, headers: r.headers };
    },
  };
}

export async function orgId(db: Db, code: string): Promise<number> {
  const r = await db.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return r.id;
}

/** The org unit ids of the departments named by code (e.g. 'samr', 'ndrc'). */
export async function orgIds(db: Db, codes: string[]): Promise<number[]> {
  return Promise.all(codes.map((c) => orgId(db, c)));
}

/**
 * Factory: the provincial office opens a cycle on the 2022 scheme (hunan-assessment-2022), inviting the
 * given departments (default: every department that evaluates a 2022 key point, plus 省教育厅).
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
    deadline: opts.deadline ?? '2099-07-10',
    contactName: '唐碧辉',
    contactPhone: '0731-85693710',
    departmentIds: await orgIds(t.db, departments),
  });
  if (res.status !== 201) throw new Error(`openTestCycle failed: ${res.status} ${JSON.stringify(res.json)}`);
  return { office, cycle: res.json };
}
