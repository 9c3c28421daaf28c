/**
 * What the quality analysis report (modules/analysis) reads from the honours roll: a year's entries of one city
 * (or of the whole province), with the kind's name and level.
 */
import type { Kysely } from 'kysely';
import { HONOUR_LEVEL_LABELS, honourKind } from '../../../shared/honours/kinds';
import type { Database } from '../../db/schema';

export interface HonourOfYear {
  kind: string;
  kindName: string;
  levelLabel: string;
  awardee: string;
  city: string;
  sourceDoc: string;
}

export async function honoursOfYear(db: Kysely<Database>, year: number, cityOrgId: number | null): Promise<HonourOfYear[]> {
  let q = db
    .selectFrom('honour')
    .innerJoin('org_unit', 'org_unit.id', 'honour.city_org_id')
    .select(['honour.kind', 'honour.awardee', 'honour.source_doc', 'org_unit.name'])
    .where('honour.year', '=', year);
  if (cityOrgId !== null) q = q.where('honour.city_org_id', '=', cityOrgId);
  const rows = await q.orderBy('honour.kind').orderBy('org_unit.sort_order').orderBy('honour.id').execute();
  return rows.map((r) => {
    const k = honourKind(r.kind);
    return { kind: r.kind, kindName: k?.name ?? r.kind, levelLabel: k ? HONOUR_LEVEL_LABELS[k.level] : '—', awardee: r.awardee, city: r.name, sourceDoc: r.source_doc };
  });
}
