/**
 * npm run bench:login — what the login page costs a browser on its first visit: Chromium opens /login on a
 * fresh platform (in-memory SQLite, the built web app in dist/web) and this sums the bytes of every answer as
 * transferred (compressed body + headers). Target: ≤ 200 kB. Then it reloads and counts what the cache saved
 * (hashed assets are immutable, so a reload fetches only index.html and the API).
 * The web app is built first when dist/web is missing or stale (as npm start does). A first visit that did not show
 * the login form, or that had an answer in error (other than /api/auth/me's 401 before signing in), is not measured:
 * the bench says what failed and exits 1, rather than judge the bytes of an error page.
 * Settings: CHROMIUM_PATH (default /usr/bin/chromium), BENCH_PORT (default 4510).
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/server/app';
import { loadConfig, REPO_ROOT } from '../src/server/config';
import { connect } from '../src/server/db/connection';
import { migrateToLatest } from '../src/server/db/migrate';
import { seedIfEmpty } from '../src/server/seed/seed';
import { buildWebIfStale } from '../scripts/build-web.mjs';

if (!buildWebIfStale()) throw new Error('bench:login: the web app (dist/web) could not be built; vite says why above');

const port = Number(process.env.BENCH_PORT ?? 4510);
const db = connect({ url: ':memory:' });
await migrateToLatest(db);
await seedIfEmpty(db.db, { demo: false, demoPassword: 'Kaoping@2023' });
const app = await buildApp({ config: { ...loadConfig({}), webDir: path.join(REPO_ROOT, 'dist/web') }, db });
await app.listen({ host: '127.0.0.1', port });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const seen: { url: string; bytes: number; encoding: string; cache: string; status: number }[] = [];
const pending: Promise<void>[] = [];
page.on('requestfinished', (req) => pending.push(record(req)));
async function record(req: import('playwright-core').Request): Promise<void> {
  const res = await req.response();
  if (!res) return;
  const sizes = await req.sizes();
  const h = await res.allHeaders();
  seen.push({ url: req.url().replace(`http://127.0.0.1:${port}`, ''), bytes: sizes.responseBodySize + sizes.responseHeadersSize, encoding: h['content-encoding'] ?? '-', cache: h['cache-control'] ?? '-', status: res.status() });
}
const settle = async () => {
  await page.waitForTimeout(300);
  await Promise.all(pending.splice(0));
};
await page.goto(`http://127.0.0.1:${port}/login`, { waitUntil: 'networkidle' });
await settle();
const first = seen.splice(0);
const loginForm = await page.locator('input[type="password"]').count();
const failed = first.filter((r) => r.status >= 400 && !(r.status === 401 && r.url === '/api/auth/me'));
await page.reload({ waitUntil: 'networkidle' });
await settle();
const again = seen.splice(0);
await browser.close();
await app.close();
await db.close();

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
if (!loginForm || failed.length) {
  for (const r of failed) console.error(`${r.status}  ${r.url}`);
  console.error(`\n/login, first visit: NOT MEASURED — ${loginForm ? '' : 'no password field on the page; '}${failed.length} answers in error`);
  process.exit(1);
}
for (const r of first.sort((a, b) => b.bytes - a.bytes)) console.log(`${kb(r.bytes).padStart(9)}  ${String(r.status).padStart(3)}  ${r.encoding.padEnd(4)}  ${r.cache.padEnd(36)}  ${r.url}`);
const total = first.reduce((s, r) => s + r.bytes, 0);
console.log(`\n/login, first visit: ${first.length} answers, ${kb(total)} transferred — ${total <= 200 * 1024 ? 'MET' : 'NOT MET'} (≤ 200 kB)`);
console.log(`/login, reload: ${again.length} answers, ${kb(again.reduce((s, r) => s + r.bytes, 0))} transferred (the rest from the cache)`);
process.exit(0);
