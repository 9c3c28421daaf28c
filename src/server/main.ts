import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { loadConfig, type Config, REPO_ROOT } from './config';
import { connect, type Db } from './db/connection';
import { classifyDbFault, DB_FAULT_MESSAGES } from './db/errors';
import { migrateToLatest } from './db/migrate';
import { loadFrameworkDir } from './modules/frameworks';
import { probeDataDir } from './modules/system';
import { COUNTY_DEMO_ACCOUNTS, DEMO_ACCOUNTS, departmentDemoAccounts } from './seed/seed';
import { prepareData } from './seed/prepare';
import { ROLE_LABELS } from '../shared/roles';

/** A start-up problem someone must fix: one Chinese sentence on stderr and exit code 1, not a stack trace. */
function fail(message: string, err?: unknown): never {
  const detail = err ? `（${(err as { code?: string }).code ?? ''}${(err as Error).message ? ` ${(err as Error).message}` : ''}）`.replace('（ ', '（') : '';
  console.error(`考评 Kaoping 无法启动：${message}${detail}`);
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  fail((e as Error).message);
}

const dataDir = await probeDataDir(config.dataDir);
if (!dataDir.writable) fail(`数据目录「${config.dataDir}」不可写入。${dataDir.message}`);

let app: FastifyInstance | undefined; // eslint-disable-line prefer-const -- read by onPoolError before it is assigned
let db: Db;
try {
  db = connect({
    url: config.databaseUrl,
    // a dropped connection is survived (the pool opens a new one); say so in the log
    onPoolError: (err) => (app ? app.log.warn({ err }, '数据库连接中断，将自动重连') : console.warn('数据库连接中断，将自动重连：', err.message)),
  });
} catch (e) {
  fail(`无法打开数据库「${config.databaseUrl}」，请检查数据目录的权限与磁盘空间`, e);
}

let migrated: string[];
try {
  migrated = await migrateToLatest(db);
} catch (e) {
  const kind = classifyDbFault(e);
  if (kind === 'unavailable') fail(`无法连接数据库 ${db.describe}。请确认数据库已启动、DATABASE_URL 正确`, (e as Error).cause ?? e);
  if (kind) fail(`数据库 ${db.describe} 无法写入：${DB_FAULT_MESSAGES[kind]}`, (e as Error).cause ?? e);
  throw e;
}
const frameworks = loadFrameworkDir(path.join(REPO_ROOT, 'frameworks'));
const { seeded, repairedDemo } = await prepareData(db, frameworks, { demo: config.seedDemo, demoPassword: config.demoPassword, dataDir: config.dataDir, now: config.now });

app = await buildApp({ config, db, logger: true });
try {
  // Fastify's own "Server listening at …" line would come before the banner below, which says the same
  const level = app.log.level;
  app.log.level = 'warn';
  try {
    await app.listen({ host: config.host, port: config.port });
  } finally {
    app.log.level = level;
  }
} catch (e) {
  const code = (e as { code?: string }).code;
  fail(code === 'EADDRINUSE' ? `端口${config.port}已被占用，请用环境变量 PORT 指定其他端口` : `无法监听${config.host}:${config.port}`, e);
}

const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
const lines = [
  '',
  `考评 Kaoping 已启动：${url}`,
  `数据库：${db.describe}${migrated.length ? `（已执行迁移${migrated.length}个）` : ''}${seeded ? '（首次启动，已写入湖南省演示数据）' : ''}`,
  `接口文档：${url}/api/docs`,
];
if (repairedDemo.length) lines.push(`已按发布格式重新生成演示考核结果（考核周期${repairedDemo.join('、')}）`);
if (config.seedDemo) {
  lines.push('', `演示账户（密码均为${config.demoPassword}）：`);
  for (const a of [...DEMO_ACCOUNTS, ...COUNTY_DEMO_ACCOUNTS]) lines.push(`  ${a.username.padEnd(16)} ${ROLE_LABELS[a.role].padEnd(10, '　')} ${a.note}`);
  lines.push(`  其他成员单位的演示账户，用户名为单位代码：${departmentDemoAccounts().map((a) => a.username).join('、')}`);
} else if (seeded) {
  lines.push('', `已创建三员账户 admin、secadmin、auditor，初始密码${config.demoPassword}，首次登录须修改。`);
}
console.log(lines.join('\n'));
// what the framework validator noticed in the seed texts is for maintainers: the log, not the banner users read
for (const f of frameworks) if (f.warnings.length) app.log.info({ framework: f.framework.id, warnings: f.warnings }, '指标体系校验提示（供维护人员核对）');

/**
 * Graceful stop: close the listener (no new connections; idle keep-alive connections are closed, new requests on
 * busy ones get 503), let in-flight requests finish, close the database, exit 0. Past SHUTDOWN_GRACE_MS the
 * remaining connections are cut and the process exits 1.
 */
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const grace = config.shutdownGraceMs;
  console.log(`收到 ${signal}：停止接受新请求，等待进行中的请求完成（最长${grace}毫秒）…`);
  const timer = setTimeout(() => {
    console.error(`等待超过${grace}毫秒，仍有请求未完成，强制退出`);
    app?.server.closeAllConnections();
    process.exit(1);
  }, grace);
  timer.unref();
  try {
    await app!.close();
    await db.close();
  } catch (e) {
    console.error('关闭时出错：', (e as Error).message);
    process.exit(1);
  }
  clearTimeout(timer);
  console.log('考评 Kaoping 已停止');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
