// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// One reporting period per plan, year and quarter (the year's own period has no quarter). The command checked for an
// existing period before inserting, but two offices (or two clicks) at once both passed the check on PostgreSQL and
// made two "2022年度" periods, whose values then split between them. The key is an expression so that the annual
// period (quarter NULL, and NULLs never collide in a unique key) is covered too; the same text runs on SQLite and
// PostgreSQL. A database that already holds such twins stops here, naming them: which one to keep is a person's call.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const twins = await sql<{ plan_id: number; year: number; quarter: number | null; n: number }>`
    SELECT plan_id, year, quarter, count(*) AS n FROM indicator_period GROUP BY plan_id, year, quarter HAVING count(*) > 1`.execute(db);
  if (twins.rows.length) {
    const list = twins.rows.map((r) => `规划 ${r.plan_id} ${r.year}年${r.quarter ? `第${r.quarter}季度` : '度'}（${r.n} 个）`).join('、');
    throw new Error(`填报期有重复：${list}。请先合并重复的填报期（保留一个并移走其数据）后再启动`);
  }
  await sql`CREATE UNIQUE INDEX indicator_period_one ON indicator_period (plan_id, year, coalesce(quarter, 0))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('indicator_period_one').execute();
}
