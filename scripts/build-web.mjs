// The web bundle (dist/web), built when missing or older than its sources: by npm start before it serves the
// pages, and by npm run bench:login before it measures them (a bench on a missing bundle would measure a 404).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web/index.html');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

export function webStale() {
  const sources = ['src/web', 'src/shared', 'index.html', 'vite.config.ts'].map((p) => path.join(root, p)).filter((p) => fs.existsSync(p));
  return !fs.existsSync(built) || Math.max(...sources.map(newest)) > fs.statSync(built).mtimeMs;
}

/** Builds dist/web when stale; false when vite failed (its messages are on the console). */
export function buildWebIfStale() {
  if (!webStale()) return true;
  console.log('正在构建前端（首次启动或前端代码有更新）…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}
