#!/usr/bin/env node
// npm start: build the web bundle and the server (dist/web, dist/server) when missing or older than their
// sources, then run the compiled server: no TypeScript is compiled at start, so a restart answers in about a second.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildServer, root, serverStale } from './build-server.mjs';
import { buildWebIfStale } from './build-web.mjs';

if (!buildWebIfStale()) process.exit(1);

if (serverStale()) {
  console.log('正在构建服务端（首次启动或服务端代码有更新）…');
  await buildServer();
}

const child = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
