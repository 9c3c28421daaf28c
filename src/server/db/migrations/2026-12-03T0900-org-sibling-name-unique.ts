// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// A unit is told from its siblings by its name (two 长沙市 under 湖南省 leave every unit list, ranking and the audit log
// with two units of one name). The org commands check it inside their transaction, but on PostgreSQL two administrators
// adding (or renaming to) one name at the same moment both passed that check. The unique index decides now. Its key is
// an expression so that the top of the tree (parent_id NULL, and NULLs never collide in a unique key) is covered too;
// no unit has id 0. The same text runs on SQLite and PostgreSQL. A database that already holds such twins stops here,
// naming them: which of the two to rename is a person's call.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ code: string; name: string; parent: string | null }>`
    SELECT o.code, o.name, p.name AS parent FROM org_unit o LEFT JOIN org_unit p ON p.id = o.parent_id
    WHERE EXISTS (SELECT 1 FROM org_unit s WHERE coalesce(s.parent_id, 0) = coalesce(o.parent_id, 0) AND s.name = o.name AND s.id <> o.id)
    ORDER BY coalesce(o.parent_id, 0), o.name, o.code`.execute(db);
  if (rows.rows.length) {
    const twins = new Map<string, string[]>();
    for (const r of rows.rows) {
      const key = `「${r.parent ?? '顶层'}」下的「${r.name}」`;
      twins.set(key, [...(twins.get(key) ?? []), `代码 ${r.code}`]);
    }
    const list = [...twins].map(([key, codes]) => `${key}（${codes.join('、')}）`).join('；');
    throw new Error(`组织机构有重名（同一上级下的机构名称相同）：${list}。请先改正重名的机构名称后再启动`);
  }
  await sql`CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit (coalesce(parent_id, 0), name)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('org_unit_sibling_name').execute();
}
