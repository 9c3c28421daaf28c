/**
 * npm run bench:restart — how long a restart after a crash takes to answer GET /api/health with 200: the time
 * from spawning the server to the first 200, on a data directory already migrated and seeded (a crash, not a
 * first start). The compiled server (dist/server/main.js, what `npm start` runs; built here when stale) beside
 * the TypeScript sources run through tsx (`npm run dev`, and `npm start` before). Target: ≤ 2 s.
 * Settings: BENCH_PORT (default 4530), BENCH_RUNS (default 3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, serverStale } from '../scripts/build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.BENCH_PORT ?? 4530);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-restart-'));
const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', WEB_DIR: path.join(root, 'dist/web') };

async function healthy(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.status === 200) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

async function startAndTime(args: string[]): Promise<{ ms: number; child: ChildProcess }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'ignore' });
  if (!(await healthy(Date.now() + 120_000))) throw new Error(`no answer from ${args.join(' ')}`);
  return { ms: performance.now() - t0, child };
}

const crash = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

if (serverStale()) {
  console.log('building dist/server …');
  await buildServer();
}
const variants: [string, string[]][] = [
  ['compiled (dist/server/main.js, npm start)', ['dist/server/main.js']],
  ['tsx (src/server/main.ts)', ['--import', 'tsx', 'src/server/main.ts']],
];
{
  // the machine's own pace: a node process that does nothing (a busy machine makes every start slower)
  const t0 = performance.now();
  await new Promise((r) => spawn(process.execPath, ['-e', '0']).once('exit', r));
  console.log(`${'reference: an empty node process'.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(2)} s; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`);
}
try {
  // the first start migrates and seeds; every start after it is a restart
  await crash((await startAndTime(variants[0][1])).child);
  for (const [name, args] of variants) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { ms, child } = await startAndTime(args);
      times.push(ms);
      await crash(child);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`${name.padEnd(44)} restart → /api/health 200: median ${(median / 1000).toFixed(2)} s (${times.map((t) => (t / 1000).toFixed(2)).join(', ')})${name.startsWith('compiled') ? (median <= 2000 ? '  MET (≤ 2 s)' : '  NOT MET (≤ 2 s)') : ''}`);
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
