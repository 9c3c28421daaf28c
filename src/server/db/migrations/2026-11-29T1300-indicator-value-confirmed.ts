// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Reopening a confirmed (已确认) indicator value no longer withdraws it: while its correction is under way the
// confirmed figure is kept here and stays the figure in force (figureInForce in src/shared/workflow/indicators.ts);
// accepting the correction replaces it. Null otherwise.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicator_value').addColumn('confirmed_value', 'double precision').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('indicator_value').dropColumn('confirmed_value').execute();
}
