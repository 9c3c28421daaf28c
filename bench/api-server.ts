/**
 * One server of `npm run bench:api`, started by bench/api.bench.ts as a child process (so autocannon, in the
 * parent, does not share the server's event loop). BENCH_MODE picks it:
 * - hello:    a bare Fastify endpoint answering {"hello":"world"};
 * - insert:   a bare Fastify endpoint doing one INSERT through the project's own connection (src/server/db/
 *             connection.ts: SQLite pragmas, or the PostgreSQL pool), nothing else;
 * - platform: the platform itself (buildApp, the logger as main.ts sets it up, LOG_LEVEL), on an empty data
 *             directory: migrated, demo seed, frameworks; the 2023 demo cycle is driven to scoring through the
 *             API (close collection, publish the draft scheme), as the tests do.
 * The child tells the parent what it set up (port, session cookies, ids, cells to save) over IPC.
 *
 * Environment: BENCH_MODE, BENCH_PORT, BENCH_DB (postgres://… or a SQLite file), BENCH_SCHEMA (PostgreSQL),
 * BENCH_DATA_DIR.
 */
import Fastify from 'fastify';
import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import { buildApp } from '../src/server/app';
import { registerRoutes, route } from '../src/server/core/route';
import { loadConfig, REPO_ROOT } from '../src/server/config';
import { connect, type Db } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { importFrameworks, loadFrameworkDir } from '../src/server/modules/frameworks';
import { departmentDemoAccounts, seedIfEmpty } from '../src/server/seed/seed';
import { login, type Client } from '../src/server/test/client';
import { addDays, chinaDate } from '../src/shared/deadline';
import crypto from 'node:crypto';
import path from 'node:path';

const mode = process.env.BENCH_MODE ?? 'hello';
const port = Number(process.env.BENCH_PORT ?? 4500);
const dbUrl = process.env.BENCH_DB ?? ':memory:';
const schema = process.env.BENCH_SCHEMA || undefined;

const send = (msg: unknown) => process.send?.(msg);

/** Counts the statements the platform runs (GET /__bench/queries), to check that /api/cycles has no N+1. */
let queries = 0;
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    queries += 1;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

/**
 * SQLite: the pages one request writes, read from the WAL (emptied first: a commit appends each page it changed once,
 * so the frames it holds after `times` requests are their pages, splits included), the mean per request. Each page is
 * a 4 KiB write at the commit and again at the next checkpoint. null on PostgreSQL, or when the WAL could not be emptied.
 */
async function walPagesPer(db: Db, times: number, one: () => Promise<void>): Promise<number | null> {
  if (db.dialect !== 'sqlite') return null;
  const frames = async (mode: 'TRUNCATE' | 'PASSIVE') => (await sql<{ busy: number; log: number }>`${sql.raw(`PRAGMA wal_checkpoint(${mode})`)}`.execute(db.db)).rows[0];
  const emptied = await frames('TRUNCATE');
  if (emptied.busy || emptied.log !== 0) return null;
  for (let i = 0; i < times; i++) await one();
  const after = await frames('PASSIVE');
  return after.log / times;
}

async function hello() {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  // the exact bytes and content headers of another answer (the parent sends them over IPC once the platform has
  // answered): what the client alone costs for an answer of that size, with no server work behind it
  let same: { body: Buffer; headers: Record<string, string> } = { body: Buffer.from('{}'), headers: { 'content-type': 'application/json; charset=utf-8' } };
  process.on('message', (m: any) => {
    if (!m?.sameBytes) return;
    same = { body: Buffer.from(m.sameBytes.base64, 'base64'), headers: m.sameBytes.headers };
    send({ sameBytesSet: same.body.length });
  });
  app.get('/same-bytes', async (_req, reply) => reply.headers(same.headers).send(same.body));
  await app.listen({ host: '127.0.0.1', port });
  send({ ready: true });
}

async function insert() {
  const db = connect({ url: dbUrl, ...(schema ? { schema } : {}) });
  await sql`CREATE TABLE IF NOT EXISTS bench_insert (id ${sql.raw(db.dialect === 'postgres' ? 'BIGSERIAL' : 'INTEGER')} PRIMARY KEY, at TEXT NOT NULL, payload TEXT NOT NULL)`.execute(db.db);
  const app = Fastify({ logger: false });
  app.put('/insert', async (req) => {
    await sql`INSERT INTO bench_insert (at, payload) VALUES (${new Date().toISOString()}, ${JSON.stringify(req.body ?? null)})`.execute(db.db);
    return { ok: true };
  });
  // the least an audited, versioned save can do, through the same connection: in one transaction read the cell,
  // write it at the version read, and append an audit row (3 statements, no session, no checks, no hash chain)
  await sql`CREATE TABLE IF NOT EXISTS bench_cell (id INTEGER PRIMARY KEY, answer_json TEXT NOT NULL, version INTEGER NOT NULL)`.execute(db.db);
  await sql`CREATE TABLE IF NOT EXISTS bench_audit (id ${sql.raw(db.dialect === 'postgres' ? 'BIGSERIAL' : 'INTEGER')} PRIMARY KEY, at TEXT NOT NULL, entity_id INTEGER NOT NULL, before_json TEXT, after_json TEXT NOT NULL, row_hash TEXT)`.execute(db.db);
  await sql`CREATE TABLE IF NOT EXISTS bench_head (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL)`.execute(db.db);
  await sql`INSERT INTO bench_head (id, seq, hash) VALUES (1, 0, ${'0'.repeat(64)})`.execute(db.db);
  const CELLS = 500;
  for (let id = 1; id <= CELLS; id++) await sql`INSERT INTO bench_cell (id, answer_json, version) VALUES (${id}, ${'null'}, ${1})`.execute(db.db);
  let nextCell = 0;
  const forUpdate = sql.raw(db.dialect === 'postgres' ? ' FOR UPDATE' : '');
  /**
   * One versioned, audited save of the next cell: read it, `extraReads` reads of one row by its key, write it at the
   * version read, append the audit row. `chained`: the audit row carries a hash chain as the platform's does
   * (core/audit-chain.ts): the head row read (locked until the commit on PostgreSQL, as the platform's append locks
   * it), the row hashed with the previous row's hash, the head moved; every such save then waits for the one before
   * it to commit.
   */
  const cellSave = (body: unknown, extraReads: number, chained: boolean) => {
    const id = (nextCell++ % CELLS) + 1;
    const after = JSON.stringify(body ?? null);
    return db.db.transaction().execute(async (trx) => {
      const before = (await sql<{ answer_json: string; version: number }>`SELECT answer_json, version FROM bench_cell WHERE id = ${id}`.execute(trx)).rows[0];
      for (let i = 0; i < extraReads; i++) await sql`SELECT version FROM bench_cell WHERE id = ${((id + i + 3) % CELLS) + 1}`.execute(trx);
      await sql`UPDATE bench_cell SET answer_json = ${after}, version = ${before.version + 1} WHERE id = ${id} AND version = ${before.version}`.execute(trx);
      const at = new Date().toISOString();
      if (!chained) {
        await sql`INSERT INTO bench_audit (at, entity_id, before_json, after_json) VALUES (${at}, ${id}, ${before.answer_json}, ${after})`.execute(trx);
      } else {
        const head = (await sql<{ seq: number | string; hash: string }>`SELECT seq, hash FROM bench_head WHERE id = 1${forUpdate}`.execute(trx)).rows[0];
        const seq = Number(head.seq) + 1;
        const hash = crypto.createHash('sha256').update(JSON.stringify([seq, at, id, before.answer_json, after, head.hash])).digest('hex');
        await sql`INSERT INTO bench_audit (at, entity_id, before_json, after_json, row_hash) VALUES (${at}, ${id}, ${before.answer_json}, ${after}, ${hash})`.execute(trx);
        await sql`UPDATE bench_head SET seq = ${seq}, hash = ${hash} WHERE id = 1`.execute(trx);
      }
      return { ok: true, version: before.version + 1 };
    });
  };
  app.put('/audited-save', (req) => cellSave(req.body, 0, false));
  // the same, with as many statements as the platform's save runs (?n=, besides BEGIN and COMMIT): the n − 3 extra
  // ones are the cheapest there is, a read of one row by its key, standing in for the checks a save makes under its
  // transaction (the cycle, the scheme, the unit, the submission, the audit chain's head). What the statement count
  // alone costs, with no session, no parsing, no engine and no hash.
  app.put('/audited-save-n', (req) => cellSave(req.body, Math.max(3, Number((req.query as { n?: string }).n ?? 3)) - 3, false));
  // the same 3-statement save with the audit's hash chain: what the chain costs, with no session, no checks and no
  // indexes on the audit table
  app.put('/chained-save', (req) => cellSave(req.body, 0, true));
  const put = (url: string) => async () => {
    const r = await app.inject({ method: 'PUT', url, payload: { answer: { score: 1 }, version: 1 } });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  };
  const walPages = { insert: await walPagesPer(db, 20, put('/insert')), auditedSave: await walPagesPer(db, 20, put('/audited-save')), chainedSave: await walPagesPer(db, 20, put('/chained-save')) };
  await app.listen({ host: '127.0.0.1', port });
  send({ ready: true, walPages });
}

/** A valid answer for a criterion of the grid, from its rule (the bench saves it over and over). */
function answerFor(c: { rule: { type: string; levels?: number[]; valueRange?: [number, number] } }): unknown[] {
  const r = c.rule;
  const tries: unknown[] = [];
  if (r.type === 'boolean' || r.type === 'veto') tries.push(false, true);
  if (r.levels?.length) tries.push({ level: r.levels[r.levels.length - 1] });
  if (r.valueRange) tries.push({ value: r.valueRange[0] });
  tries.push({ score: 0 }, { value: 0 }, false, 'na');
  return tries;
}

async function platform() {
  const base: Db = connect({ url: dbUrl, ...(schema ? { schema } : {}) });
  await migrateToLatest(base, schema);
  const db: Db = { ...base, db: base.db.withPlugin(counter) };
  await importFrameworks(db.db, loadFrameworkDir(path.join(REPO_ROOT, 'frameworks')));
  const password = 'Kaoping@2023';
  await seedIfEmpty(db.db, { demo: true, demoPassword: password });
  const config = { ...loadConfig(process.env), webDir: path.join(REPO_ROOT, 'dist/web'), loginRateLimitPerMinute: 1_000_000 };
  const app = await buildApp({ config, db, logger: true });
  app.get('/__bench/queries', async () => ({ queries }));
  // the least a signed-in save can do on this platform: through route() (session, 三员 permission, CSRF token,
  // audit required) in one ctx.tx, read a cell, write it at the version read, and append the hash-chained audit row
  // (the chain's head read, the row, the head moved). No cycle, scheme, unit or submission check, no engine, no
  // presenter: what any audited change of one row costs behind the platform's session, whatever its rules.
  await sql`CREATE TABLE IF NOT EXISTS bench_cell (id INTEGER PRIMARY KEY, answer_json TEXT NOT NULL, version INTEGER NOT NULL)`.execute(db.db);
  const CELLS = 500;
  for (let id = 1; id <= CELLS; id++) await sql`INSERT INTO bench_cell (id, answer_json, version) VALUES (${id}, ${'null'}, ${1})`.execute(db.db);
  let nextCell = 0;
  registerRoutes(app, { db, config }, [
    route({
      method: 'PUT',
      url: '/__bench/audited-save',
      access: 'score.enter',
      summary: 'bench: the floor of a signed-in, audited save',
      tags: [],
      handler: async (ctx) => {
        const id = (nextCell++ % CELLS) + 1;
        const after = JSON.stringify(ctx.req.body ?? null);
        return ctx.tx(async (c) => {
          // Kysely's builders, as the platform's own queries (raw SQL that writes would make every copy in memory
          // stale, the session's included: db/write-watch.ts)
          const trx = c.trx as unknown as Kysely<{ bench_cell: { id: number; answer_json: string; version: number } }>;
          const before = await trx.selectFrom('bench_cell').select(['answer_json', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
          await trx.updateTable('bench_cell').set({ answer_json: after, version: before.version + 1 }).where('id', '=', id).where('version', '=', before.version).execute();
          await c.audit({ action: 'bench.save', entityType: 'bench_cell', entityId: id, before: { answer: before.answer_json, version: before.version }, after: { answer: after, version: before.version + 1 } });
          return { ok: true, version: before.version + 1 };
        });
      },
    }),
  ]);
  // the bare hello answer, but behind the platform's hooks (security headers, cookies, logger, compression)
  app.get('/__bench/hello', async () => ({ hello: 'world' }));
  // handlers still working: the bench waits for 0 between measurements, so the backlog one measurement leaves
  // (autocannon stops and drops its connections; the server still computes those answers) does not fall into
  // the next. Counted from onRequest to onSend, which run whether or not the client is still there: two stages the
  // platform already runs hooks in (a hook in a stage it has none in, such as preHandler, would add that stage's
  // runner to every request measured, a cost the bare servers do not pay), and a flag declared on the request
  // (decorateRequest: part of its shape from the start), not a set.
  // (callback-style, as the platform's own hooks: an async hook would add a promise per request to what is measured)
  let inflight = 0;
  app.decorateRequest('benchCounted', false);
  type Counted = { benchCounted: boolean };
  app.addHook('onRequest', (req, _reply, done) => {
    inflight += 1;
    (req as unknown as Counted).benchCounted = true;
    done();
  });
  app.addHook('onSend', (req, _reply, payload, done) => {
    const r = req as unknown as Counted;
    if (r.benchCounted) {
      r.benchCounted = false;
      inflight -= 1;
    }
    done(null, payload);
  });
  app.get('/__bench/inflight', async () => ({ inflight: inflight - 1 }));

  const office = await login(app, 'office', password);
  const ok = async (c: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
    const r = await c.request(method, url, body);
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.json).slice(0, 400)}`);
    return r.json;
  };
  const cycles = (await ok(office, 'GET', '/api/cycles')).items as { id: number; year: number; status: string; version: number }[];
  const published = cycles.find((c) => c.status === 'published')!;
  let live = cycles.find((c) => c.year === 2023)!;
  // the 2023 demo cycle: close the call for indicators, publish the draft scheme → scoring
  live = await ok(office, 'POST', `/api/cycles/${live.id}/transition`, { event: 'closeCollection', version: live.version });
  const schemes = (await ok(office, 'GET', `/api/cycles/${live.id}/schemes`)).items as { id: number; status: string; version: number }[];
  const draft = schemes.find((s) => s.status === 'draft')!;
  const pub = await ok(office, 'POST', `/api/schemes/${draft.id}/publish`, { version: draft.version });
  if (pub.cycleStatus !== 'scoring') throw new Error(`cycle not scoring: ${pub.cycleStatus}`);

  // every department that scores: its session and the cells it may save (unit × criterion), with a valid answer
  const depts = departmentDemoAccounts().map((a) => a.username).concat(['samr', 'ndrc']);
  const sessions: { username: string; cookie: string; csrf: string }[] = [];
  const cells: { cookie: string; csrf: string; url: string; answer: unknown; version: number | null }[] = [];
  for (const username of depts) {
    let c: Client;
    try {
      c = await login(app, username, password);
    } catch {
      continue;
    }
    const g = await c.request('GET', `/api/cycles/${live.id}/scoring/grid`);
    if (g.status !== 200 || !g.json.editable) continue;
    sessions.push({ username, cookie: c.cookie, csrf: c.csrf });
    for (const crit of g.json.criteria as { key: string; editable: boolean; rule: never }[]) {
      if (!crit.editable) continue;
      const [item, criterion] = crit.key.split('.');
      // one save finds an answer the rule accepts; the other units' cells are created by the bench's first save
      let chosen: unknown;
      for (const [i, unit] of (g.json.units as { id: number }[]).entries()) {
        const url = `/api/cycles/${live.id}/scores/${unit.id}/${item}/${criterion}`;
        if (i > 0) {
          if (chosen !== undefined) cells.push({ cookie: c.cookie, csrf: c.csrf, url, answer: chosen, version: null });
          continue;
        }
        for (const answer of answerFor({ rule: crit.rule })) {
          const r = await c.request('PUT', url, { answer, version: null, comment: '基准测试扣分理由' });
          if (r.status === 200 || r.status === 201) {
            chosen = answer;
            cells.push({ cookie: c.cookie, csrf: c.csrf, url, answer, version: r.json.version });
            break;
          }
        }
      }
    }
  }
  if (!cells.length) throw new Error('no score cell could be saved');
  const putOk = async (url: string, session: { cookie: string; csrf: string }, payload: unknown) => {
    const r = await app.inject({ method: 'PUT', url, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, payload: payload as object });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return JSON.parse(r.body) as { version: number };
  };
  // the statements one save of an existing score runs (the session is a copy in memory by then)
  const probe = cells.find((x) => x.version !== null)!;
  const probeClient = { cookie: probe.cookie, csrf: probe.csrf };
  const saveProbe = async () => {
    probe.version = (await putOk(probe.url, probeClient, { answer: probe.answer, version: probe.version, comment: '基准测试扣分理由' })).version;
  };
  const before = queries;
  await saveProbe();
  const saveQueries = queries - before;
  // the pages a save writes (SQLite): the floor's, and the score save's (the probe cell saved again at each new version)
  const samr = sessions.find((s) => s.username === 'samr') ?? sessions[0];
  const walPages = {
    floor: await walPagesPer(db, 20, async () => void (await putOk('/__bench/audited-save', samr, { answer: { score: 1 }, version: 1 }))),
    scoreSave: await walPagesPer(db, 20, saveProbe),
  };
  const leader = await login(app, 'leader', password).catch(() => office);

  // /api/cycles: the statements one read runs, with 2 cycles and then with 2 more
  const count = async () => {
    const before = queries;
    await ok(office, 'GET', '/api/cycles');
    return queries - before;
  };
  const cycleQueries = [{ cycles: cycles.length, queries: await count() }];
  const orgs = (await ok(office, 'GET', '/api/orgs')).items as { id: number; code: string; kind: string }[];
  const deptIds = orgs.filter((o) => o.kind === 'department').slice(0, 3).map((o) => o.id);
  for (const year of [2024, 2025]) {
    await ok(office, 'POST', '/api/cycles', {
      year,
      baseFrameworkId: 'hunan-assessment-2022',
      // within a year of today, as the server takes a cycle's deadline
      deadline: addDays(chinaDate(new Date()), 200),
      contactName: '唐碧辉',
      contactPhone: '0731-85693710',
      departmentIds: deptIds,
    }).catch((e) => console.error(`bench: extra cycle ${year} not opened: ${(e as Error).message}`));
  }
  const n = ((await ok(office, 'GET', '/api/cycles')).items as unknown[]).length;
  cycleQueries.push({ cycles: n, queries: await count() });

  await app.listen({ host: '127.0.0.1', port });
  send({
    ready: true,
    publishedCycle: published.id,
    liveCycle: live.id,
    office: { cookie: office.cookie, csrf: office.csrf },
    leader: { cookie: leader.cookie, csrf: leader.csrf },
    samr,
    cells,
    cycleQueries,
    saveQueries,
    walPages,
    loginUser: { username: 'leader', password },
  });
}

const run = mode === 'hello' ? hello : mode === 'insert' ? insert : platform;
run().catch((e) => {
  console.error(e);
  send({ error: (e as Error).message });
  process.exit(1);
});

// a stop asked for (the bench's SIGTERM, Ctrl-C) ends the process normally, so `node --cpu-prof` writes its profile
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
