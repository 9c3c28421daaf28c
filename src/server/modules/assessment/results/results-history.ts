/**
 * The published yearly results of an office's cycles (one row per assessed unit: total, rank, grade), oldest
 * first, for the trend in the quality analysis report (modules/analysis). Only cycles published by `upTo`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

export interface PublishedCycleResults {
  cycleId: number;
  year: number;
  title: string;
  publishedAt: string;
  rows: { unitId: number; name: string; total: number; rank: number; grade: string; vetoed: boolean }[];
}

export async function publishedResultsHistory(db: Kysely<Database>, officeOrgId: number, upTo: string): Promise<PublishedCycleResults[]> {
  const cycles = await db
    .selectFrom('assessment_cycle')
    .select(['id', 'year', 'title', 'published_at'])
    .where('office_org_id', '=', officeOrgId)
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .where('published_at', '<=', upTo)
    .orderBy('year')
    .orderBy('id')
    .execute();
  if (!cycles.length) return [];
  const rows = await db
    .selectFrom('cycle_result')
    .innerJoin('org_unit', 'org_unit.id', 'cycle_result.unit_id')
    .select(['cycle_result.cycle_id', 'cycle_result.unit_id', 'org_unit.name', 'cycle_result.total', 'cycle_result.rank', 'cycle_result.grade', 'cycle_result.vetoed'])
    .where('cycle_result.cycle_id', 'in', cycles.map((c) => c.id))
    .orderBy('cycle_result.rank')
    .orderBy('org_unit.sort_order')
    .execute();
  return cycles.map((c) => ({
    cycleId: c.id,
    year: c.year,
    title: c.title,
    publishedAt: c.published_at!,
    rows: rows.filter((r) => r.cycle_id === c.id).map((r) => ({ unitId: r.unit_id, name: r.name, total: Number(r.total), rank: r.rank, grade: r.grade, vetoed: Boolean(r.vetoed) })),
  }));
}
