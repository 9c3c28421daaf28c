import { loadConfig } from '../config';
import { connect } from './connection';
import { migrateToLatest } from './migrate';

const config = loadConfig();
const db = connect({ url: config.databaseUrl });
try {
  const ran = await migrateToLatest(db);
  console.log(ran.length ? `已执行迁移：${ran.join(', ')}` : '数据库已是最新结构');
} finally {
  await db.close();
}
