// Frozen migration: never edit after it has shipped; add a new date-named file instead.
// Issue 12 follow-up: one shape for a plan's status thresholds. indicator_plan.thresholds_json was written as
// {ahead, onTrack, lagging} (ahead never read, lagging meaning Open SDG's "fair" floor) while the status code takes
// {onTrack, fair}. Rewrite every stored row into {onTrack, fair}: fair = the old lagging (or an existing fair),
// onTrack kept, ahead dropped; figures missing or not numbers fall back to Open SDG's 0.95 / 0.6. Rows already in
// the new shape are left alone. Pure data: no schema change.
import type { Kysely } from 'kysely';

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** the new shape of one stored text (exported for the migration's test) */
export function rewriteThresholds(text: string): string {
  let t: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) t = parsed as Record<string, unknown>;
  } catch {
    // unreadable: Open SDG's
  }
  return JSON.stringify({ onTrack: num(t.onTrack) ?? 0.95, fair: num(t.fair) ?? num(t.lagging) ?? 0.6 });
}

export async function up(db: Kysely<any>): Promise<void> {
  const rows: { id: number; thresholds_json: string }[] = await db.selectFrom('indicator_plan').select(['id', 'thresholds_json']).execute();
  for (const r of rows) {
    const next = rewriteThresholds(r.thresholds_json);
    if (next !== r.thresholds_json) await db.updateTable('indicator_plan').set({ thresholds_json: next }).where('id', '=', r.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const rows: { id: number; thresholds_json: string }[] = await db.selectFrom('indicator_plan').select(['id', 'thresholds_json']).execute();
  for (const r of rows) {
    const t = JSON.parse(r.thresholds_json) as { onTrack?: number; fair?: number };
    await db
      .updateTable('indicator_plan')
      .set({ thresholds_json: JSON.stringify({ ahead: 1, onTrack: t.onTrack ?? 0.95, lagging: t.fair ?? 0.6 }) })
      .where('id', '=', r.id)
      .execute();
  }
}
