/**
 * The real server process: start-up problems are one Chinese sentence and exit 1; SIGTERM stops accepting,
 * lets the request in flight finish, and exits 0 within SHUTDOWN_GRACE_MS (or 1 when the grace runs out).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from './test/helpers';

const root = path.resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-main-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

function startServer(env: Record<string, string>, port: number, entry: string[] = ['--import', 'tsx', 'src/server/main.ts']): Server {
  const child = spawn(process.execPath, entry, {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: path.join(dir, 'data'), WEB_DIR: '/nonexistent', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; at: number }>((r) => child.on('exit', (code) => r({ code, at: performance.now() })));
  return { child, port, output: () => out, exited };
}

async function waitFor(s: Server, text: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!s.output().includes(text)) {
    if (s.child.exitCode !== null) throw new Error(`server exited early:\n${s.output()}`);
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for "${text}":\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A login whose body arrives in two halves: the request is in flight until the second half is sent. */
function slowLogin(port: number) {
  const body = Buffer.from(JSON.stringify({ username: 'office', password: TEST_PASSWORD }));
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json', 'content-length': body.length } });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let b = '';
      res.on('data', (d) => (b += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: b }));
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, 10));
  return { answer, finish: () => req.end(body.subarray(10)) };
}

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? 'error'));
  });

describe('the server process', () => {
  it("npm start's compiled server builds, starts, and signs a user in", async () => {
    // the build npm start runs when dist/server is missing or stale (scripts/start.mjs); a package the bundle
    // cannot hold (a native addon) fails it here, not on a newcomer's first start
    const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const s = startServer({ DATA_DIR: path.join(dir, 'compiled') }, await freePort(), ['dist/server/main.js']);
    try {
      await waitFor(s, '考评 Kaoping 已启动');
      const base = `http://127.0.0.1:${s.port}`;
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: TEST_PASSWORD }) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { username: string }).username).toBe('office');
      const wrong = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: 'Wrong#Password1' }) });
      expect(wrong.status).toBe(401);
    } finally {
      s.child.kill('SIGKILL');
    }
  }, 120_000);

  it('SIGTERM: refuses new connections, finishes the request in flight, exits 0 within the grace period', async () => {
    const s = startServer({ SHUTDOWN_GRACE_MS: '8000' }, await freePort());
    try {
      await waitFor(s, '考评 Kaoping 已启动');
      const login = slowLogin(s.port);
      await new Promise((r) => setTimeout(r, 300)); // the server has the headers and half the body
      const t0 = performance.now();
      s.child.kill('SIGTERM');
      await waitFor(s, '收到 SIGTERM');
      expect(await refused(s.port)).toBe('ECONNREFUSED');
      expect(s.child.exitCode).toBeNull(); // still waiting for the request in flight
      login.finish();
      const res = await login.answer;
      expect(res.status).toBe(200);
      expect(res.body).toContain('"username":"office"');
      const { code, at } = await s.exited;
      expect(code).toBe(0);
      expect(at - t0).toBeLessThan(8000);
      expect(s.output()).toContain('考评 Kaoping 已停止');
    } finally {
      s.child.kill('SIGKILL');
    }
  }, 90_000);

  it('SIGTERM with a request that never finishes: exits 1 once SHUTDOWN_GRACE_MS has passed', async () => {
    const s = startServer({ SHUTDOWN_GRACE_MS: '1000' }, await freePort());
    try {
      await waitFor(s, '考评 Kaoping 已启动');
      const login = slowLogin(s.port);
      login.answer.catch(() => {}); // the connection is cut
      await new Promise((r) => setTimeout(r, 300));
      const t0 = performance.now();
      s.child.kill('SIGTERM');
      const { code, at } = await s.exited;
      expect(code).toBe(1);
      expect(at - t0).toBeGreaterThanOrEqual(900);
      expect(at - t0).toBeLessThan(5000);
      expect(s.output()).toContain('等待超过1000毫秒，仍有请求未完成，强制退出');
    } finally {
      s.child.kill('SIGKILL');
    }
  }, 90_000);

  it('start-up: an unwritable data directory or an unreachable database is one Chinese sentence and exit 1', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const a = startServer({ DATA_DIR: path.join(blocker, 'data') }, await freePort());
    expect((await a.exited).code).toBe(1);
    expect(a.output()).toMatch(/^考评 Kaoping 无法启动：数据目录「.*」不可写入。数据目录无法写入（ENOTDIR）/);
    expect(a.output()).not.toMatch(/\n\s+at /); // no stack trace

    const b = startServer({ DATA_DIR: path.join(dir, 'data2'), DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/kaoping` }, await freePort());
    expect((await b.exited).code).toBe(1);
    expect(b.output()).toMatch(/^考评 Kaoping 无法启动：无法连接数据库 PostgreSQL 127\.0\.0\.1:\d+\/kaoping。请确认数据库已启动、DATABASE_URL 正确（ECONNREFUSED/);
    expect(b.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
