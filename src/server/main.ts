import path from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { connect } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { importFrameworks, loadFrameworkDir } from './modules/frameworks/frameworks.service';
import { DEMO_ACCOUNTS, departmentDemoAccounts, REPO_ROOT, seedIfEmpty } from './seed/seed';
import { ROLE_LABELS } from '../shared/roles';

const config = loadConfig();
const db = connect({ url: config.databaseUrl });
const migrated = await migrateToLatest(db);
const frameworks = loadFrameworkDir(path.join(REPO_ROOT, 'frameworks'));
await importFrameworks(db.db, frameworks);
const seeded = await seedIfEmpty(db.db, { demo: config.seedDemo, demoPassword: config.demoPassword });

const app = await buildApp({ config, db, logger: true });
await app.listen({ host: config.host, port: config.port });

const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
const lines = [
  '',
  `考评 Kaoping 已启动：${url}`,
  `数据库：${db.describe}${migrated.length ? `（已执行迁移 ${migrated.length} 个）` : ''}${seeded ? '（首次启动，已写入湖南省演示数据）' : ''}`,
  `接口文档：${url}/api/docs`,
];
for (const f of frameworks) for (const w of f.warnings) lines.push(`指标体系 ${f.framework.id} 提示：${w}`);
if (config.seedDemo) {
  lines.push('', `演示账户（密码均为 ${config.demoPassword}）：`);
  for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(16)} ${ROLE_LABELS[a.role].padEnd(10, '　')} ${a.note}`);
  lines.push(`  其他成员单位的演示账户，用户名为单位代码：${departmentDemoAccounts().map((a) => a.username).join('、')}`);
} else if (seeded) {
  lines.push('', `已创建三员账户 admin、secadmin、auditor，初始密码 ${config.demoPassword}，首次登录须修改。`);
}
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await app.close();
    await db.close();
    process.exit(0);
  });
}
