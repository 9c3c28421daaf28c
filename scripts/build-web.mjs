// The web bundle (dist/web), built when missing or older than its sources: by npm start before it serves the
// pages, and by npm run bench:login before it measures them (a bench on a missing bundle would measure a 404).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root, staleAgainst } from './build-server.mjs';

const WEB_SOURCES = ['src/web', 'src/shared', 'index.html', 'vite.config.ts'];

/** Builds dist/web when stale; false when vite failed (its messages are on the console). */
export function buildWebIfStale() {
  if (!staleAgainst(path.join(root, 'dist/web/index.html'), WEB_SOURCES)) return true;
  console.log('正在构建前端（首次启动或前端代码有更新）…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}
