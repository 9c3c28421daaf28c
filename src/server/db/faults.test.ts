/**
 * Faults must not take the server down: a busy or read-only SQLite file, an unwritable data directory, and
 * PostgreSQL connections that are terminated or cannot be opened all answer 503 in Chinese, /api/health says
 * so, and the server works again once the fault has passed.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { seedIfEmpty } from '../seed/seed';
import { lockWaiters, login, makeTestApp, TEST_PASSWORD, testDialects, type TestApp } from '../test/helpers';
import { connect, type Db } from './connection';
import { Readable } from 'node:stream';
import { stageUpload } from '../modules/evidence/evidence.storage';
import { classifyDbFault, DB_FAULT_MESSAGES, dbFaultError } from './errors';
import { migrateToLatest } from './migrate';

const BUSY = '系统繁忙，请稍后重试';
const UNAVAILABLE = '数据库暂时不可用，请稍后重试';

function testConfig(dataDir: string): Config {
  return { ...loadConfig({}), webDir: '/nonexistent', dataDir };
}

async function userVersion(db: Db, username: string) {
  return db.db.selectFrom('app_user').select(['id', 'version']).where('username', '=', username).executeTakeFirstOrThrow();
}

describe('classifyDbFault', () => {
  it('sorts real driver and file-system errors into busy, storage and unavailable, and leaves others alone', () => {
    let enospc: unknown;
    try {
      fs.writeFileSync('/dev/full', 'x'); // a real "no space left on device"
    } catch (e) {
      enospc = e;
    }
    expect((enospc as { code: string }).code).toBe('ENOSPC');
    expect(classifyDbFault(enospc)).toBe('storage');
    expect(classifyDbFault(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe('busy');
    expect(classifyDbFault(Object.assign(new Error('x'), { code: 'SQLITE_READONLY' }))).toBe('storage');
    expect(classifyDbFault(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }))).toBe('storage');
    expect(classifyDbFault(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('unavailable');
    expect(classifyDbFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(classifyDbFault(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe('busy');
    expect(classifyDbFault(new Error('migration failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }))).toBe('unavailable');
    // a person's mistake or a bug is not a fault of the database
    expect(classifyDbFault(Object.assign(new Error('dup'), { code: '23505' }))).toBeNull();
    expect(classifyDbFault(Object.assign(new Error('unique'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBeNull();
    expect(classifyDbFault(new TypeError('x is undefined'))).toBeNull();
  });
});

describe('SQLite fault', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-faults-'));
  const file = path.join(dir, 'kaoping.sqlite');
  let db: Db;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    db = connect({ url: file });
    await migrateToLatest(db);
    await seedIfEmpty(db.db, { demo: true, demoPassword: TEST_PASSWORD, assessment: false });
    app = await buildApp({ config: testConfig(dir), db });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('busy: while another process holds the write lock a write answers 503 quickly, reads work, health is degraded; then writes work again', async () => {
    const admin = await login(app, 'admin');
    const office = await userVersion(db, 'office');
    const other = new SQLite(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const t0 = performance.now();
      const res = await admin.request('PATCH', `/api/users/${office.id}`, { displayName: '忙时改名', version: office.version });
      const elapsed = performance.now() - t0;
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ error: 'busy', message: BUSY });
      expect(res.headers['retry-after']).toBe('5');
      expect(elapsed).toBeLessThan(1000);

      expect((await admin.request('GET', '/api/users')).status).toBe(200);
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({
        status: 'degraded',
        database: { dialect: 'sqlite', ok: true, writable: false, state: 'busy', message: BUSY },
        dataDir: { writable: true },
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const res = await admin.request('PATCH', `/api/users/${office.id}`, { displayName: '闲时改名', version: office.version });
    expect(res.status).toBe(200);
    expect((await userVersion(db, 'office')).version).toBe(office.version + 1);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok', database: { writable: true, state: 'ok' } });
  });

  it('read-only database file: a write answers 503 in Chinese, reads work, health names it', async () => {
    // Tests run as root, whom chmod does not stop: open the same file read-only, as SQLite does by itself
    // when the file or its folder cannot be written.
    const ro = connect({ url: file, readonly: true });
    const roApp = await buildApp({ config: testConfig(dir), db: ro });
    try {
      // log in on the writable app (a session is a write), then use the session on the read-only one
      const admin = await login(app, 'admin');
      const office = await userVersion(ro, 'office');
      const res = await roApp.inject({
        method: 'PATCH',
        url: `/api/users/${office.id}`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
        payload: { displayName: '只读时改名', version: office.version },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: 'storage_unavailable', message: DB_FAULT_MESSAGES.storage });
      expect(res.json().message).toMatch(/数据目录不可写或磁盘空间已满/);
      const list = await roApp.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin.cookie } });
      expect(list.statusCode).toBe(200);
      expect((await roApp.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
        status: 'degraded',
        database: { ok: true, writable: false, state: 'readonly' },
      });
    } finally {
      await roApp.close();
      await ro.close();
    }
  });

  it('unwritable data directory: an evidence upload cannot be staged and becomes a 503 in Chinese', async () => {
    const err = await stageUpload('/dev/full/data', Readable.from([Buffer.from('%PDF-1.4')]), 1024).catch((e) => e);
    expect(err.code).toBe('ENOTDIR');
    expect(dbFaultError(err)).toMatchObject({ status: 503, code: 'storage_unavailable', message: DB_FAULT_MESSAGES.storage });
  });

  it('unwritable data directory: health reports it in Chinese', async () => {
    // As root no permission bit stops a write, so point the data directory below a regular file (ENOTDIR).
    const blocker = path.join(dir, 'not-a-directory');
    fs.writeFileSync(blocker, '');
    const badApp = await buildApp({ config: testConfig(path.join(blocker, 'data')), db });
    try {
      const res = await badApp.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ status: 'degraded', database: { writable: true }, dataDir: { writable: false } });
      expect(body.dataDir.message).toMatch(/^数据目录无法写入（ENOTDIR）/);
    } finally {
      await badApp.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe.skipIf(!testDialects().includes('postgres'))('PostgreSQL outage', () => {
  let t: TestApp;
  let admin: pg.Client;
  beforeAll(async () => {
    t = await makeTestApp('postgres');
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.close();
  });

  const terminateOwnBackends = async () =>
    (
      await admin.query('SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [
        t.db.applicationName,
      ])
    ).rowCount ?? 0;

  it('survives its connections being terminated, and answers 200 again with new ones', async () => {
    expect(t.db.applicationName).toMatch(/^kaoping-[0-9a-f]{8}$/);
    const office = await login(t.app, 'office');
    // open several pooled connections so there are idle ones to kill
    await Promise.all(Array.from({ length: 4 }, () => office.request('GET', '/api/auth/me')));
    expect(await terminateOwnBackends()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200)); // let the pool hear about the dead sockets
    expect((await office.request('GET', '/api/auth/me')).status).toBe(200);
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: { dialect: 'postgres', ok: true, writable: true } });
  });

  it('while connections are killed continuously every answer is 200 or a Chinese 503, never a 500', async () => {
    const office = await login(t.app, 'office');
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const kill = terminateOwnBackends();
      const [res] = await Promise.all([office.request('GET', '/api/auth/me'), kill]);
      statuses.push(res.status);
      if (res.status !== 200) expect(res.json).toEqual({ error: 'database_unavailable', message: UNAVAILABLE });
    }
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect((await office.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('an unreachable database: requests get 503 in Chinese and health reports it down', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.port = String(await closedPort());
    const down = connect({ url: url.toString(), connectTimeoutMs: 1000 });
    const app = await buildApp({ config: testConfig(os.tmpdir()), db: down });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: TEST_PASSWORD } });
      expect(login.statusCode).toBe(503);
      expect(login.json()).toEqual({ error: 'database_unavailable', message: UNAVAILABLE });
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'kp_sid=whatever' } });
      expect(me.statusCode).toBe(503);
      // a browser still holding its session cookie gets the health report too, not the generic 503
      for (const headers of [{}, { cookie: 'kp_sid=whatever' }]) {
        const health = await app.inject({ method: 'GET', url: '/api/health', headers });
        expect(health.statusCode).toBe(503);
        expect(health.json()).toMatchObject({ status: 'down', database: { dialect: 'postgres', ok: false, state: 'down', message: UNAVAILABLE } });
      }
    } finally {
      await app.close();
      await down.close();
    }
  });
});

describe.skipIf(!testDialects().includes('postgres'))('PostgreSQL deadlock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('postgres');
    // a transaction that takes two rows in the order opposite to another's
    t.app.post('/api/test/deadlock', async () => {
      await t.db.db.transaction().execute(async (trx) => {
        await trx.updateTable('org_unit').set({ sort_order: 1 }).where('code', '=', '430100').execute();
        await trx.updateTable('org_unit').set({ sort_order: 1 }).where('code', '=', '430000').execute();
      });
      return { ok: true };
    });
  });
  afterAll(() => t.close());

  const rows = () => t.db.db.selectFrom('org_unit').select(['code', 'sort_order']).where('code', 'in', ['430000', '430100']).orderBy('code').execute();
  const waiting = () => lockWaiters(t.db);

  it('the request chosen as a deadlock\'s victim answers 503 busy in Chinese, its change undone, never a 500', async () => {
    const before = await rows();
    let answer!: Promise<{ statusCode: number; json: () => unknown }>;
    await t.db.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL deadlock_timeout = '30s'`.execute(trx); // the request's own check (1 s) finds the circle first
      await trx.updateTable('org_unit').set({ sort_order: 2 }).where('code', '=', '430000').execute();
      answer = t.app.inject({ method: 'POST', url: '/api/test/deadlock' });
      // the request holds 430100 and waits for 430000 ...
      for (let i = 0; i < 300 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await waiting()).toBe(1);
      // ... and this closes the circle: it waits until the request, the victim, is rolled back
      await trx.updateTable('org_unit').set({ sort_order: 2 }).where('code', '=', '430100').execute();
      throw new Error('rolled back');
    }).catch((e: Error) => expect(e.message).toBe('rolled back'));
    const res = await answer;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'busy', message: BUSY });
    expect(await rows()).toEqual(before);
  });
});
