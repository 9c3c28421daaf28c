/**
 * npm run bench:api — the platform's API throughput beside two baselines, in the same run (issue 9, Performance).
 *
 * On an empty temporary data directory it starts three servers, each a child process (bench/api-server.ts):
 * a bare Fastify hello endpoint, a bare Fastify endpoint doing one INSERT through the project's own connection
 * (SQLite pragmas / PostgreSQL pool), and the platform with the demo seed and the 2023 cycle driven to
 * scoring. autocannon (here, in the parent) then measures at 10, 50 and 200 connections: a department's score
 * save, results read (published and live during scoring, each in full and as the results page asks for it), the scoring grid and to-dos; and results read with and
 * without a 20-connection login storm. On SQLite always; on PostgreSQL too when TEST_DATABASE_URL is set (the
 * baseline and the platform each in a schema of their own, dropped afterwards).
 *
 * It prints one table (req/s, p50, p99 in ms from each answer's own time, ratio against the baseline) and checks the targets:
 *   score save ≥ 50% of the bare INSERT at 50 connections (each database);
 *   published results read ≥ 50% of the bare hello at 50 connections: judged on the read the results page makes
 *   (?detail=totals: the ranking and subtotals, 2 kB or so compressed), and on the full answer (every unit's criterion
 *   lines, about 7 kB compressed for 14 cities, which only the 整改 dialog asks for), each its own verdict line;
 *   (these two on the median of three more rounds, each its baseline then the platform back to back: one measurement's
 *   ratio moves with what the machine did in those seconds)
 *   results read p99 during the login storm ≤ 2× its p99 without it (the median of three rounds of each);
 *   GET /api/cycles runs the same number of statements whatever the number of cycles.
 *
 * Two more rows say where the gap goes: GET /__bench/hello (the hello answer behind the platform's request stack and hooks, no session) and GET
 * /api/auth/me (the stack plus the session lookup every signed-in request makes), each against the bare hello;
 * the verdict lines then give each target's ratio to the signed-in ceiling as well.
 *
 * Two rows measure each throughput target's floor, with no platform behind it: "bare audited save" (the INSERT
 * server, in one transaction: read a cell, write it at the version read, append an audit row) against the bare
 * INSERT, and "bare same bytes as published" (the hello server sending the published results' exact brotli bytes and
 * content headers) against the bare hello; and "bare save, same statement count", the audited save padded with
 * reads of one row by its key to as many statements as the platform's save runs; "bare audited save, hash-chained", the
 * audited save with a hash chain's head read (FOR UPDATE on PostgreSQL, as the platform's append does) and moved; and "signed-in audited save (floor)", the
 * platform itself answering PUT /__bench/audited-save through route() (session, permission, CSRF token, ctx.tx, the
 * hash-chained audit row) with a save of one row and no rule, against the bare INSERT: what any audited change costs on
 * this platform before its rules. A target above its floor cannot be met by any server on this machine;
 * the verdict lines say so, and how far the platform is from the floor.
 *
 * On SQLite it also prints the pages each kind of save writes (WAL frames per request, bench/api-server.ts). Each row
 * also has the server's system calls per request, read and write class (/proc/<pid>/io), and the line above the table
 * what one costs on this machine (a 4 KiB pwrite, timed) and the kernel's Meltdown mitigation.
 *
 * Settings: BENCH_SECONDS (each measurement, default 3), BENCH_CONNECTIONS (default "10,50,200"), BENCH_PAIR_ROUNDS (default 3),
 * BENCH_ONLY=sqlite|postgres, LOG_LEVEL (passed to the platform as in production), BENCH_PORT_BASE (default 4500).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { connect, type DialectName } from '../src/server/db/connection';
import { bundleServer } from '../scripts/build-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50,200').split(',').map(Number);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4500);
const STORM = 20;
const STORM_READERS = 10;
const STORM_ROUNDS = 3;
/** rounds of the throughput targets measured in pairs, baseline then subject (BENCH_PAIR_ROUNDS, default 3) */
const PAIR_ROUNDS = Number(process.env.BENCH_PAIR_ROUNDS ?? 3);
const TARGET_CONNS = CONNECTIONS.includes(50) ? 50 : CONNECTIONS[Math.floor(CONNECTIONS.length / 2)];

interface Cell {
  cookie: string;
  csrf: string;
  url: string;
  answer: unknown;
  version: number | null;
}
interface Session {
  cookie: string;
  csrf: string;
}
interface PlatformInfo {
  publishedCycle: number;
  liveCycle: number;
  office: Session;
  leader: Session;
  samr: Session;
  cells: Cell[];
  cycleQueries: { cycles: number; queries: number }[];
  /** the statements one save of an existing score runs, besides BEGIN and COMMIT */
  saveQueries: number;
  /** SQLite: the pages one request writes, the mean of 20 (null on PostgreSQL) */
  walPages: { floor: number | null; scoreSave: number | null };
  loginUser: { username: string; password: string };
}

interface Row {
  db: DialectName;
  name: string;
  conns: number;
  rps: number;
  p50: number;
  p99: number;
  /** responses that were not 2xx, and socket errors/timeouts */
  bad: number;
  /** the server process's CPU time per answered request, µs (Linux /proc; PostgreSQL's own processes not counted) */
  cpuUs?: number;
  /** the share of one core the server used, and the share the client (autocannon, this process) used */
  serverBusy?: number;
  clientBusy?: number;
  /** the server process's system calls per answered request, read class and write class (Linux /proc/<pid>/io) */
  syscalls?: { read: number; write: number };
  baseline?: string;
  ratio?: number;
}

/**
 * The servers run as `npm start` runs the platform: compiled once by the server build's own esbuild settings
 * (scripts/build-server.mjs) into dist/bench, not compiled on the fly by tsx (whose transform wraps every function
 * made at run time in a naming helper, and maps every stack trace). BENCH_TSX=1 runs the sources under tsx instead.
 */
const FROM_SOURCE = process.env.BENCH_TSX === '1';
const benchDir = path.resolve(here, '../dist/bench');
if (!FROM_SOURCE) await bundleServer({ 'api-server': 'bench/api-server.ts' }, benchDir);

function start(mode: string, port: number, env: Record<string, string>): Promise<{ child: ChildProcess; info: any }> {
  const child = fork(FROM_SOURCE ? path.join(here, 'api-server.ts') : path.join(benchDir, 'api-server.js'), [], {
    execArgv: FROM_SOURCE ? ['--import', 'tsx'] : [],
    env: { ...process.env, ...env, BENCH_MODE: mode, BENCH_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: any) => (m.error ? reject(new Error(`${mode}: ${m.error}`)) : resolve({ child, info: m })));
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code}) before it was ready`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

type Opts = autocannon.Options;

/** the q-quantile of sorted values (nearest rank) */
const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
const ms = (x: number) => Math.round(x * 100) / 100;

/** the server process of each port (its CPU time is read around each measurement) */
const serverPid = new Map<number, number>();

/** CPU time (user + system, µs) a process has used so far, from /proc/<pid>/stat (Linux; USER_HZ is 100); null elsewhere */
function cpuOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

/** the read-class and write-class system calls a process has made so far (Linux /proc/<pid>/io: syscr, syscw); null elsewhere */
function syscallsOf(pid: number | undefined): { read: number; write: number } | null {
  if (!pid) return null;
  try {
    const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? NaN);
    const r = { read: field('syscr'), write: field('syscw') };
    return Number.isFinite(r.read) && Number.isFinite(r.write) ? r : null;
  } catch {
    return null;
  }
}

/**
 * One measurement. p50 and p99 come from every 2xx answer's own time (autocannon's 'response' event, in fractions
 * of a millisecond): autocannon's summary rounds to whole milliseconds, and at 1–2 ms a ratio of two such figures
 * says little.
 */
async function measure(opts: Opts): Promise<Pick<Row, 'rps' | 'p50' | 'p99' | 'bad' | 'cpuUs' | 'serverBusy' | 'clientBusy' | 'syscalls'>> {
  const times: number[] = [];
  const pid = serverPid.get(Number(new URL(String(opts.url)).port));
  const server0 = cpuOf(pid);
  const sys0 = syscallsOf(pid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const run = autocannon({ duration: SECONDS, ...opts });
  run.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
    if (status >= 200 && status < 300) times.push(time);
  });
  const r = await run;
  const wallUs = (performance.now() - t0) * 1000;
  const server1 = cpuOf(pid);
  const sys1 = syscallsOf(pid);
  const client = process.cpuUsage(client0);
  times.sort((a, b) => a - b);
  const cpu =
    server0 !== null && server1 !== null && r.requests.total > 0
      ? { cpuUs: (server1 - server0) / r.requests.total, serverBusy: (server1 - server0) / wallUs, clientBusy: (client.user + client.system) / wallUs }
      : {};
  const n = r.requests.total;
  const syscalls = sys0 && sys1 && n > 0 ? { syscalls: { read: (sys1.read - sys0.read) / n, write: (sys1.write - sys0.write) / n } } : {};
  return { rps: r.requests.average, p50: ms(quantile(times, 0.5)), p99: ms(quantile(times, 0.99)), bad: r.non2xx + r.errors + r.timeouts, ...cpu, ...syscalls };
}

/** the floor row of any save behind the platform's session and audit chain (bench/api-server.ts, /__bench/audited-save) */
const PLATFORM_FLOOR = 'signed-in audited save (floor)';
/** the floor row with as many statements as the platform's save (its count is in the verdict line) */
const SAME_COUNT = 'bare save, same statement count';
const CHAINED = 'bare audited save, hash-chained';
/** the published results as the results page reads them (?detail=totals) */
const PUBLISHED_PAGE = 'results, published, as the page reads';
/** what each judged ratio is called in the verdict lines */
const TARGET_NAMES: Record<string, string> = {
  save: 'score save ≥ 50% of bare INSERT',
  published: 'published results, full (every criterion line) ≥ 50% of bare hello',
  publishedPage: 'published results as the results page reads them (no criterion lines) ≥ 50% of bare hello',
};

/** the published answer's size and the statements of one save, per database, for the verdict lines */
const publishedBytes = new Map<DialectName, number>();
const saveStatements = new Map<DialectName, number>();
/** the paired rounds' ratios, by `${db}:published` and `${db}:save` */
const pairRatios = new Map<string, number[]>();
/** SQLite: the pages each kind of save writes per request (bench/api-server.ts, walPagesPer) */
const walPages = new Map<DialectName, Record<string, number | null>>();

/** a GET whose body is kept as sent (fetch would undo the content encoding) */
function rawGet(url: string, headers: Record<string, string>): Promise<{ body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve({ body: Buffer.concat(chunks), headers: res.headers }) : reject(new Error(`GET ${url}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

/**
 * The login storm, from a process of its own (autocannon's command line): the storm's client must not share the
 * measuring client's event loop, or the readers' p99 would also count the time this process spent on the storm's
 * answers rather than waiting for the server's.
 */
function stormFrom(url: string, body: string): Promise<{ '2xx': number; non2xx: number; errors: number; timeouts: number; latency: { p50: number; p99: number }; statusCodeStats?: Record<string, { count: number }> }> {
  const bin = path.resolve(here, '../node_modules/autocannon/autocannon.js');
  const args = [bin, '-c', String(STORM), '-d', String(SECONDS + 1), '-m', 'POST', '-H', 'content-type=application/json', '-b', body, '-j', url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`login storm (autocannon) exited ${code} without its figures`));
      }
    });
  });
}

/** the storm's answers other than 2xx, by status ("412× 429"): refusals as too many at once, or a full password queue */
function codes(s: Awaited<ReturnType<typeof stormFrom>>): string {
  const other = Object.entries(s.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2'));
  return other.length ? ` (${other.map(([code, v]) => `${v.count}× ${code}`).join(', ')})` : '';
}

/** a read as the browser sends it: the session cookie, and the encodings every browser accepts */
const cookieHeaders = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, 'accept-encoding': 'gzip, deflate, br' });

async function benchDialect(dialect: DialectName, rows: Row[], notes: string[], ports: number[]): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-bench-'));
  const pgUrl = process.env.TEST_DATABASE_URL;
  const schemas: string[] = [];
  const dbFor = async (name: string): Promise<Record<string, string>> => {
    if (dialect === 'sqlite') return { BENCH_DB: path.join(dataDir, `${name}.sqlite`) };
    const schema = `bench_${name}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = connect({ url: pgUrl!, poolSize: 1 });
    await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin.db);
    await admin.close();
    schemas.push(schema);
    return { BENCH_DB: pgUrl!, BENCH_SCHEMA: schema };
  };
  const [helloPort, insertPort, platformPort] = ports;
  const children: ChildProcess[] = [];
  try {
    const t0 = performance.now();
    const [hello, insert, platform] = await Promise.all([
      start('hello', helloPort, {}),
      start('insert', insertPort, await dbFor('insert')),
      start('platform', platformPort, { ...(await dbFor('platform')), DATA_DIR: dataDir }),
    ]);
    children.push(hello.child, insert.child, platform.child);
    for (const [port, child] of [[helloPort, hello.child], [insertPort, insert.child], [platformPort, platform.child]] as const) if (child.pid) serverPid.set(port, child.pid);
    const p = platform.info as PlatformInfo;
    console.log(`[${dialect}] servers ready in ${Math.round(performance.now() - t0)} ms; ${p.cells.length} score cells over the departments`);

    const base = (port: number) => `http://127.0.0.1:${port}`;
    // the bare hello server learns the published results' exact answer (brotli bytes and content headers), to
    // serve it with no server work behind it: the client's own ceiling for an answer of that size
    const published = await rawGet(`${base(platformPort)}/api/cycles/${p.publishedCycle}/results`, cookieHeaders(p.office));
    const sameBytes = published.body;
    const contentHeaders = Object.fromEntries(['content-type', 'content-encoding', 'vary'].flatMap((h) => (published.headers[h] ? [[h, String(published.headers[h])]] : [])));
    publishedBytes.set(dialect, sameBytes.length);
    saveStatements.set(dialect, p.saveQueries);
    walPages.set(dialect, { ...(insert.info.walPages ?? {}), ...p.walPages });
    await new Promise<void>((resolve) => {
      hello.child.once('message', () => resolve());
      hello.child.send({ sameBytes: { base64: sameBytes.toString('base64'), headers: contentHeaders } });
    });
    /**
     * wait until the machine is quiet (at most 20 s): after a measurement that writes, PostgreSQL's own processes
     * (autovacuum, the WAL writer, the checkpointer) keep a core busy for a while, and a read measured then would
     * run on a shared core while its baseline ran on a free one
     */
    const quiet = async () => {
      const busy = () => {
        const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
        return { idle: f[3] + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
      };
      if (!fs.existsSync('/proc/stat')) return;
      const t = Date.now();
      let idle = 0;
      while (Date.now() < t + 20_000) {
        const a = busy();
        await new Promise((res) => setTimeout(res, 300));
        const b = busy();
        idle = (b.idle - a.idle) / Math.max(1, b.total - a.total);
        if (idle >= 0.9) break;
      }
      if (Date.now() - t > 1000) console.log(`[${dialect}] (waited ${((Date.now() - t) / 1000).toFixed(1)} s for a quiet machine${idle < 0.9 ? `; still ${Math.round((1 - idle) * 100)}% busy` : ''})`);
    };
    /** wait until the platform has answered everything the last measurement sent (at most 180 s) */
    const drain = async () => {
      const t = Date.now();
      let r = { inflight: 0 };
      while (Date.now() < t + 180_000) {
        r = (await (await fetch(`${base(platformPort)}/__bench/inflight`)).json()) as { inflight: number };
        if (r.inflight <= 0) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      if (Date.now() - t > 1000) console.log(`[${dialect}] (waited ${((Date.now() - t) / 1000).toFixed(1)} s for the platform to finish the last measurement's requests${r.inflight > 0 ? `; ${r.inflight} still open` : ''})`);
    };
    const add = async (name: string, conns: number, m: Awaited<ReturnType<typeof measure>>, baseline?: string) => {
      await drain();
      await quiet();
      const row: Row = { db: dialect, name, conns, ...m, ...(baseline ? { baseline } : {}) };
      if (baseline) {
        const b = rows.find((r) => r.db === dialect && r.name === baseline && r.conns === conns);
        if (b) row.ratio = m.rps / b.rps;
      }
      rows.push(row);
      console.log(`[${dialect}] ${name.padEnd(28)} c=${String(conns).padStart(3)}  ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms${m.bad ? `  (${m.bad} not 2xx/errors)` : ''}`);
    };

    // a department's score save: each request takes a cell no other request has in flight, with the version its
    // last save returned, and gives it back with its answer. (autocannon starts a fresh context each time a
    // connection loops over its requests, so a cell cannot stay with a connection: taken round-robin from a shared
    // counter, two connections came to save one cell at once and one got a 409.) A fresh queue each measurement: the
    // cells of the requests still in flight when the last measurement stopped come back.
    const scoreSave = (c: number) => {
      const free = [...p.cells];
      let next = 0;
      return measure({
        url: base(platformPort),
        connections: c,
        requests: [
          {
            method: 'PUT',
            setupRequest: (req: any, ctx: any) => {
              // a cell lost with a failed request is not given back; the queue is never close to empty (cells ≫ connections)
              ctx.cell = free.shift() ?? p.cells[next++ % p.cells.length];
              const cell = ctx.cell as Cell;
              return {
                ...req,
                path: cell.url,
                headers: { 'content-type': 'application/json', cookie: cell.cookie, 'x-csrf-token': cell.csrf },
                body: JSON.stringify({ answer: cell.answer, version: cell.version, comment: '基准测试扣分理由' }),
              };
            },
            onResponse: (status: number, body: string, ctx: any) => {
              if (status === 200 || status === 201) ctx.cell.version = JSON.parse(body).version;
              else if (status === 409) {
                try {
                  ctx.cell.version = JSON.parse(body).current?.version ?? ctx.cell.version;
                } catch {
                  /* keep */
                }
              }
              free.push(ctx.cell);
            },
          },
        ],
      });
    };
    const hello1 = (c: number) => measure({ url: `${base(helloPort)}/hello`, connections: c });
    const insert1 = (c: number) => measure({ url: `${base(insertPort)}/insert`, connections: c, method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer: { score: 1 }, version: 1 }) });
    const publishedRead = (c: number) => measure({ url: `${base(platformPort)}/api/cycles/${p.publishedCycle}/results`, connections: c, headers: cookieHeaders(p.office) });
    // what the results page itself asks once the results are published (ResultsTab: the ranking, the subtotals and
    // the charts, no criterion lines; the full answer above is what the 整改 dialog asks for one unit's lines)
    const publishedPageRead = (c: number) => measure({ url: `${base(platformPort)}/api/cycles/${p.publishedCycle}/results?detail=totals`, connections: c, headers: cookieHeaders(p.office) });

    await quiet();
    for (const c of CONNECTIONS) {
      await add('bare hello', c, await hello1(c));
      await add('bare INSERT', c, await insert1(c));
      // the two targets' own floors, with no platform behind them: the least an audited save can do (read, write at
      // the version read, audit row: 3 statements in a transaction), and the published results' exact bytes
      await add('bare audited save (3 statements)', c, await measure({ url: `${base(insertPort)}/audited-save`, connections: c, method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer: { score: 1 }, version: 1 }) }), 'bare INSERT');
      // and with a hash chain's head read and moved in the transaction, as the platform's audit does: what the chain costs
      await add(CHAINED, c, await measure({ url: `${base(insertPort)}/chained-save`, connections: c, method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer: { score: 1 }, version: 1 }) }), 'bare INSERT');
      // and the same with the platform's own statement count: what the number of statements alone costs
      await add(SAME_COUNT, c, await measure({ url: `${base(insertPort)}/audited-save-n?n=${p.saveQueries}`, connections: c, method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer: { score: 1 }, version: 1 }) }), 'bare INSERT');
      await add('bare same bytes as published', c, await measure({ url: `${base(helloPort)}/same-bytes`, connections: c, headers: { 'accept-encoding': 'gzip, deflate, br' } }), 'bare hello');
      // where the gap to the baselines goes: the platform's own request stack (security headers, cookies, logger,
      // compression negotiation) without a session, then with the session lookup every signed-in request makes
      await add('platform stack, no session', c, await measure({ url: `${base(platformPort)}/__bench/hello`, connections: c }), 'bare hello');
      await add('signed-in, nothing else (auth/me)', c, await measure({ url: `${base(platformPort)}/api/auth/me`, connections: c, headers: cookieHeaders(p.office) }), 'bare hello');
      // the floor of any save on this platform: a 3-statement audited save behind its session, CSRF check and audit chain
      await add(PLATFORM_FLOOR, c, await measure({ url: `${base(platformPort)}/__bench/audited-save`, connections: c, method: 'PUT', headers: { 'content-type': 'application/json', cookie: p.samr.cookie, 'x-csrf-token': p.samr.csrf }, body: JSON.stringify({ answer: { score: 1 }, version: 1 }) }), 'bare INSERT');

      await add('score save (PUT score)', c, await scoreSave(c), 'bare INSERT');
      await add('results, published', c, await publishedRead(c), 'bare hello');
      await add(PUBLISHED_PAGE, c, await publishedPageRead(c), 'bare hello');
      await add('results, live (scoring)', c, await measure({ url: `${base(platformPort)}/api/cycles/${p.liveCycle}/results`, connections: c, headers: cookieHeaders(p.office) }), 'bare hello');
      // what the results page itself asks during scoring (ResultsTab: the ranking, no criterion lines)
      await add('results, live, as the page reads', c, await measure({ url: `${base(platformPort)}/api/cycles/${p.liveCycle}/results?detail=totals`, connections: c, headers: cookieHeaders(p.office) }), 'bare hello');
      await add('scoring grid (department)', c, await measure({ url: `${base(platformPort)}/api/cycles/${p.liveCycle}/scoring/grid`, connections: c, headers: cookieHeaders(p.samr) }), 'bare hello');
      await add('to-dos (department)', c, await measure({ url: `${base(platformPort)}/api/todos`, connections: c, headers: cookieHeaders(p.samr) }), 'bare hello');
    }

    // The two throughput targets again, in PAIR_ROUNDS rounds of baseline then subject back to back at TARGET_CONNS:
    // one ratio moves with what the machine did in those seconds (published results ÷ hello read 30% to 52% over
    // the runs of one day, the hello baseline itself moving by a third); the verdict takes the median round.
    for (let round = 1; round <= PAIR_ROUNDS; round++) {
      const settle = async () => {
        await drain();
        await quiet();
      };
      const h = await hello1(TARGET_CONNS);
      await settle();
      const pub = await publishedRead(TARGET_CONNS);
      await settle();
      const pubPage = await publishedPageRead(TARGET_CONNS);
      await settle();
      const ins = await insert1(TARGET_CONNS);
      await settle();
      const save = await scoreSave(TARGET_CONNS);
      await settle();
      const pair = (key: string, subject: typeof h, baseline: typeof h) => {
        const list = pairRatios.get(`${dialect}:${key}`) ?? [];
        list.push(subject.rps / baseline.rps);
        pairRatios.set(`${dialect}:${key}`, list);
        return `${subject.rps.toFixed(0)} ÷ ${baseline.rps.toFixed(0)} = ${((subject.rps / baseline.rps) * 100).toFixed(1)}%`;
      };
      const line = `[${dialect}] paired round ${round} at ${TARGET_CONNS} conns: published results ÷ bare hello ${pair('published', pub, h)}, as the page reads them ${pair('publishedPage', pubPage, h)}; score save ÷ bare INSERT ${pair('save', save, ins)}`;
      console.log(line);
      notes.push(line);
    }

    // results read with and without a 20-connection login storm, STORM_ROUNDS times each, alternating; the rows
    // keep the round with the median p99 (a p99 of 1–2 ms moves by half a millisecond from one run to the next)
    const resultsUrl = `${base(platformPort)}/api/cycles/${p.publishedCycle}/results`;
    const read = () => measure({ url: resultsUrl, connections: STORM_READERS, headers: cookieHeaders(p.office) });
    const calmRuns: Awaited<ReturnType<typeof measure>>[] = [];
    const stormRuns: Awaited<ReturnType<typeof measure>>[] = [];
    for (let round = 0; round < STORM_ROUNDS; round++) {
      calmRuns.push(await read());
      await drain();
      const storm = stormFrom(`${base(platformPort)}/api/auth/login`, JSON.stringify(p.loginUser));
      await new Promise((r) => setTimeout(r, 300));
      stormRuns.push(await read());
      const s = await storm;
      await drain();
      const signedIn = s['2xx'] / (SECONDS + 1);
      console.log(`[${dialect}] round ${round + 1}: results p99 ${calmRuns[round].p99} ms calm, ${stormRuns[round].p99} ms in the storm; ${signedIn.toFixed(0)} sign-ins/s (p99 ${s.latency.p99} ms), ${s.non2xx} not 2xx${codes(s)}, ${s.errors} socket errors (${s.timeouts} timeouts)`);
      notes.push(`[${dialect}] storm round ${round + 1}: results p99 ${calmRuns[round].p99} → ${stormRuns[round].p99} ms; ${signedIn.toFixed(0)} sign-ins/s (p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms), ${s.non2xx} not 2xx`);
    }
    const median = (runs: Awaited<ReturnType<typeof measure>>[]) => [...runs].sort((a, b) => a.p99 - b.p99)[Math.floor(runs.length / 2)];
    await add('results, no storm', STORM_READERS, median(calmRuns));
    await add(`results, ${STORM}-conn login storm`, STORM_READERS, median(stormRuns));
    notes.push(`[${dialect}] GET /api/cycles statements: ${p.cycleQueries.map((q) => `${q.queries} with ${q.cycles} cycles`).join(', ')}`);
    rows.push({ db: dialect, name: '__cycles', conns: 0, rps: 0, p50: p.cycleQueries[0].queries, p99: p.cycleQueries[p.cycleQueries.length - 1].queries, bad: 0 });
  } finally {
    await Promise.all(children.map(stop));
    if (schemas.length) {
      const admin = connect({ url: pgUrl!, poolSize: 1 });
      for (const s of schemas) await sql.raw(`DROP SCHEMA IF EXISTS ${s} CASCADE`).execute(admin.db);
      await admin.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function verdicts(rows: Row[], dialects: DialectName[]): string[] {
  const out: string[] = [];
  const get = (db: DialectName, name: string, conns: number) => rows.find((r) => r.db === db && r.name === name && r.conns === conns);
  const mark = (ok: boolean) => (ok ? 'MET    ' : 'NOT MET');
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  for (const db of dialects) {
    // each target judged on the median of its paired rounds when there are any (else on the table's one measurement)
    const judged = (key: string, row: Row | undefined): string | undefined => {
      const rounds = pairRatios.get(`${db}:${key}`);
      if (rounds?.length) {
        const sorted = [...rounds].sort((a, b) => a - b);
        const median = sorted[Math.floor((sorted.length - 1) / 2)];
        return `${mark(median >= 0.5)} [${db}] ${TARGET_NAMES[key]} at ${TARGET_CONNS} conns: ${pct(median)} (median of ${rounds.length} paired rounds: ${rounds.map(pct).join(', ')})`;
      }
      if (row?.ratio === undefined) return undefined;
      return `${mark(row.ratio >= 0.5)} [${db}] ${TARGET_NAMES[key]} at ${TARGET_CONNS} conns: ${pct(row.ratio)}`;
    };
    const save = get(db, 'score save (PUT score)', TARGET_CONNS);
    const pub = get(db, 'results, published', TARGET_CONNS);
    const pubPage = get(db, PUBLISHED_PAGE, TARGET_CONNS);
    for (const line of [judged('save', save), judged('publishedPage', pubPage), judged('published', pub)]) if (line) out.push(line);
    // how far each target is reachable at all: its floor with no platform behind it
    const floorSave = get(db, 'bare audited save (3 statements)', TARGET_CONNS);
    const floorPub = get(db, 'bare same bytes as published', TARGET_CONNS);
    if (save && floorSave?.ratio !== undefined) {
      const n = saveStatements.get(db);
      out.push(`        [${db}] a bare audited save (3 statements) reaches ${pct(floorSave.ratio)} of bare INSERT; the platform's save (${n ?? '?'} statements besides BEGIN/COMMIT) reaches ${pct(save.rps / floorSave.rps)} of that`);
    }
    const chained = get(db, CHAINED, TARGET_CONNS);
    if (save && floorSave && chained?.ratio !== undefined) {
      out.push(
        `        [${db}] the same bare save with a hash chain (the head read${db === 'postgres' ? ' FOR UPDATE, so that each save waits for the one before it to commit;' : ','} the row hashed, the head moved) reaches ${pct(chained.ratio)} of bare INSERT (${pct(chained.rps / floorSave.rps)} of the unchained one); the platform's save reaches ${pct(save.rps / chained.rps)} of that`,
      );
    }
    const floorCount = get(db, SAME_COUNT, TARGET_CONNS);
    if (save && floorCount?.ratio !== undefined) {
      out.push(`        [${db}] a bare save with the platform's ${saveStatements.get(db) ?? '?'} statements (each a read or write of one row by its key) reaches ${pct(floorCount.ratio)} of bare INSERT; the platform's save reaches ${pct(save.rps / floorCount.rps)} of that`);
    }
    const floorPlatform = get(db, PLATFORM_FLOOR, TARGET_CONNS);
    if (save && floorPlatform?.ratio !== undefined) {
      out.push(
        `        [${db}] ${floorPlatform.ratio < 0.5 ? 'UNREACHABLE here: ' : ''}a save with no rule at all, behind the platform's session, CSRF check and audit chain (read, write, audit row), reaches ${pct(floorPlatform.ratio)} of bare INSERT; the score save reaches ${pct(save.rps / floorPlatform.rps)} of that`,
      );
    }
    if (pub && floorPub?.ratio !== undefined) {
      out.push(`        [${db}] the published answer's own bytes (${publishedBytes.get(db) ?? '?'} B) served bare reach ${pct(floorPub.ratio)} of bare hello (client ${pct(floorPub.clientBusy ?? 0)} busy); published results reach ${pct(pub.rps / floorPub.rps)} of that`);
    }
    const pages = walPages.get(db);
    if (pages && pages.insert != null) {
      const n = (x: number | null | undefined) => (x == null ? '?' : x.toFixed(1));
      out.push(
        `        [${db}] pages written per request (WAL frames, mean of 20): bare INSERT ${n(pages.insert)}, bare audited save ${n(pages.auditedSave)}, hash-chained ${n(pages.chainedSave)}, ` +
          `signed-in audited save ${n(pages.floor)} (audit_log's row, its 5 indexes and the chain's head), score save ${n(pages.scoreSave)}; each a 4 KiB write at the commit and at the next checkpoint`,
      );
    }
    const me = get(db, 'signed-in, nothing else (auth/me)', TARGET_CONNS);
    // a read's ceiling (the save's is the floor line above: a read and a write do not compare)
    if (me && pub) out.push(`        [${db}] ceiling of any signed-in read: ${pct(me.ratio ?? 0)} of bare hello; published results reach ${pct(pub.rps / me.rps)} of it`);
    // where the time goes, in the server's own CPU per request (what a faster client could not change)
    const hello = get(db, 'bare hello', TARGET_CONNS);
    const insert = get(db, 'bare INSERT', TARGET_CONNS);
    const stack = get(db, 'platform stack, no session', TARGET_CONNS);
    const us = (r: Row | undefined) => (r?.cpuUs === undefined ? '?' : `${r.cpuUs.toFixed(0)} µs`);
    if (hello?.cpuUs !== undefined) {
      out.push(
        `        [${db}] server CPU per request: bare hello ${us(hello)} (server ${pct(hello.serverBusy ?? 0)} busy, client ${pct(hello.clientBusy ?? 0)}), ` +
          `platform stack ${us(stack)}, signed-in ${us(me)}, published results ${us(pub)}; bare INSERT ${us(insert)}, score save ${us(save)}`,
      );
    }
    // what the kernel does for each request: every page a commit writes is two write calls into the WAL (the frame's
    // header, then the page), and each system call costs what the machine line above the table says
    const sc = (r: Row | undefined) => (r?.syscalls ? (r.syscalls.read + r.syscalls.write).toFixed(1) : '?');
    if (insert?.syscalls && save?.syscalls) {
      out.push(
        `        [${db}] system calls per request (read and write class, /proc/<pid>/io): bare INSERT ${sc(insert)}, hash-chained bare save ${sc(chained)}, signed-in audited save ${sc(floorPlatform)}, score save ${sc(save)}; ` +
          `bare hello ${sc(hello)}, platform stack ${sc(stack)}, published results ${sc(pub)}`,
      );
    }
    const calm = get(db, 'results, no storm', STORM_READERS);
    const storm = get(db, `results, ${STORM}-conn login storm`, STORM_READERS);
    if (calm && storm) out.push(`${mark(storm.rps > 0 && storm.p99 <= 2 * calm.p99)} [${db}] results p99 during login storm ≤ 2× without: ${storm.p99} ms vs ${calm.p99} ms (${(storm.p99 / calm.p99).toFixed(2)}×)`);
    const cyc = get(db, '__cycles', 0);
    if (cyc) out.push(`${mark(cyc.p50 === cyc.p99)} [${db}] /api/cycles statement count fixed: ${cyc.p50} → ${cyc.p99} as cycles grow`);
  }
  return out;
}

function table(rows: Row[]): string {
  const head = ['db', 'endpoint', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'ratio', 'vs', 'bad', 'server µs/req', 'syscalls/req r+w', 'server cpu', 'client cpu'];
  const pct = (x: number | undefined) => (x === undefined ? '' : `${(x * 100).toFixed(0)}%`);
  const body = rows
    .filter((r) => r.name !== '__cycles')
    .map((r) => [
      r.db,
      r.name,
      String(r.conns),
      r.rps.toFixed(0),
      String(r.p50),
      String(r.p99),
      r.ratio === undefined ? '' : `${(r.ratio * 100).toFixed(1)}%`,
      r.baseline ?? '',
      r.bad ? String(r.bad) : '',
      r.cpuUs === undefined ? '' : r.cpuUs.toFixed(0),
      r.syscalls ? `${r.syscalls.read.toFixed(1)}+${r.syscalls.write.toFixed(1)}` : '',
      pct(r.serverBusy),
      pct(r.clientBusy),
    ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 1 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

const dialects: DialectName[] = ['sqlite'];
if (process.env.TEST_DATABASE_URL) dialects.push('postgres');
const only = process.env.BENCH_ONLY as DialectName | undefined;
const run = only ? dialects.filter((d) => d === only) : dialects;
const rows: Row[] = [];
const notes: string[] = [];
/**
 * What a system call costs on this machine: 4 KiB written at an offset of a scratch file (what SQLite does for each
 * page of a commit), timed from here, and the kernel's Meltdown mitigation (page-table isolation without PCID makes
 * every entry into the kernel flush the TLB).
 */
function machineLine(): string {
  const file = path.join(os.tmpdir(), `kaoping-bench-${process.pid}.bin`);
  const fd = fs.openSync(file, 'w+');
  const page = Buffer.alloc(4096, 1);
  const N = 20_000;
  let best = Infinity;
  try {
    for (let round = 0; round < 3; round++) {
      const t = performance.now();
      for (let i = 0; i < N; i++) fs.writeSync(fd, page, 0, page.length, (i % 256) * page.length);
      best = Math.min(best, ((performance.now() - t) * 1000) / N);
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  const read = (f: string) => {
    try {
      return fs.readFileSync(f, 'utf8').trim();
    } catch {
      return '?';
    }
  };
  const meltdown = read('/sys/devices/system/cpu/vulnerabilities/meltdown');
  const flushes = meltdown.includes('PTI') && !/\bpcid\b/.test(read('/proc/cpuinfo'));
  return `a 4 KiB pwrite from Node takes ${best.toFixed(1)} µs here (best of 3 × ${N}); Meltdown: ${meltdown}${flushes ? ', no PCID (each system call flushes the TLB)' : ''}`;
}

const machine = machineLine();
const t0 = performance.now();
for (const [i, d] of run.entries()) await benchDialect(d, rows, notes, [PORT_BASE + 1 + i * 3, PORT_BASE + 2 + i * 3, PORT_BASE + 3 + i * 3]);
console.log(`\nbench:api — ${os.cpus().length} cores, ${SECONDS} s per measurement, servers ${FROM_SOURCE ? 'from source (tsx)' : 'compiled as npm start runs them'}, LOG_LEVEL=${process.env.LOG_LEVEL ?? '(default)'}, ${((performance.now() - t0) / 1000).toFixed(0)} s in all\n${machine}\n`);
console.log(table(rows));
console.log('');
for (const n of notes) console.log(n);
console.log('');
for (const v of verdicts(rows, run)) console.log(v);
process.exit(0);
