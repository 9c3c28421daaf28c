// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// The framework a cycle was opened on, when it was not copied from an earlier cycle (`base_cycle_id`): the 征集通知
// attaches the base year's 考核要点, which for such a cycle is that framework as filed (the cycle's own first scheme
// draft is a renamed copy the office goes on editing). Cycles opened before this column: the framework whose title,
// its year put to the cycle's, is the title of the cycle's first scheme version (the copy openCycle made), and only a
// framework of an earlier year — left empty where none matches (the notice then lists no 考核要点).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessment_cycle').addColumn('base_framework_id', 'text').execute();
  const cycles = await db.selectFrom('assessment_cycle').select(['id', 'year']).where('base_cycle_id', 'is', null).execute();
  if (!cycles.length) return;
  const frameworks = await db.selectFrom('framework').select(['id', 'title']).where('kind', '=', 'assessment').execute();
  for (const c of cycles) {
    const v1 = await db.selectFrom('scheme').select('framework_json').where('cycle_id', '=', c.id).where('version_no', '=', 1).executeTakeFirst();
    if (!v1) continue;
    const title = (JSON.parse(v1.framework_json) as { title?: string }).title;
    const base = frameworks.filter((f) => Number(/20\d\d/.exec(f.title)?.[0] ?? c.year) < c.year && f.title.replace(/20\d\d/, String(c.year)) === title);
    if (base.length === 1) await db.updateTable('assessment_cycle').set({ base_framework_id: base[0].id }).where('id', '=', c.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessment_cycle').dropColumn('base_framework_id').execute();
}
