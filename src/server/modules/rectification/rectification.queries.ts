/** Every SQL statement of 整改事项 supervision (issue 13). Kysely only; every function takes the db or a transaction first. */
import type { Kysely, Selectable } from 'kysely';
import { unitResultView, type UnitResultView } from '../../../shared/contracts/results';
import type { Database, RectificationClosureTable, RectificationExtensionTable, RectificationNoticeTable, RectificationReportTable, RectificationSource, RectificationTable } from '../../db/schema';
import { yearOfIndicatorRef } from './rectification.sources';

export type RectificationRow = Selectable<RectificationTable>;
export type ItemReportRow = Selectable<RectificationReportTable>;
export type ItemExtensionRow = Selectable<RectificationExtensionTable>;
export type ItemClosureRow = Selectable<RectificationClosureTable>;
export type ItemNoticeRow = Selectable<RectificationNoticeTable>;

export const findRectification = (db: Kysely<Database>, id: number) => db.selectFrom('rectification').selectAll().where('id', '=', id).executeTakeFirst();
/** the item raised from one source (one criterion of a unit, one finding, one indicator figure): at most one, by the unique key rectification_source_ref */
export const rectificationOfSource = (db: Kysely<Database>, v: Pick<RectificationRow, 'source_type' | 'source_id' | 'source_ref'>) =>
  db
    .selectFrom('rectification')
    .select(['id', 'title', 'status', 'created_by', 'created_at'])
    .where('source_type', '=', v.source_type)
    .where('source_id', '=', v.source_id)
    .where('source_ref', '=', v.source_ref)
    .executeTakeFirst();
/** the item under lock (inside a transaction): what serialises two first saves of a period's draft */
export const lockRectification = (db: Kysely<Database>, id: number) => db.selectFrom('rectification').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
export const findItemReport = (db: Kysely<Database>, id: number) => db.selectFrom('rectification_report').selectAll().where('id', '=', id).executeTakeFirst();
/** the report under lock (inside a transaction) */
export const lockItemReport = (db: Kysely<Database>, id: number) => db.selectFrom('rectification_report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** the items raised from one source object (an application, a cycle, an indicator) */
export const rectificationsOf = (db: Kysely<Database>, sourceType: RectificationSource, sourceId: number) =>
  db.selectFrom('rectification').selectAll().where('source_type', '=', sourceType).where('source_id', '=', sourceId).orderBy('id').execute();

export interface ItemFilter {
  source?: RectificationSource;
  sourceId?: number;
  ownerOrgId?: number;
  status?: RectificationTable['status'];
  /** the items whose owner or raiser is one of these orgs (null: every item) */
  orgIds: number[] | null;
}

export function listRectifications(db: Kysely<Database>, f: ItemFilter) {
  let q = db.selectFrom('rectification').selectAll();
  if (f.source) q = q.where('source_type', '=', f.source);
  if (f.sourceId !== undefined) q = q.where('source_id', '=', f.sourceId);
  if (f.ownerOrgId !== undefined) q = q.where('owner_org_id', '=', f.ownerOrgId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.orgIds) {
    const ids = f.orgIds;
    q = q.where((eb) => eb.or([eb('owner_org_id', 'in', ids), eb('raised_by_org_id', 'in', ids)]));
  }
  return q.orderBy('id').limit(1000).execute();
}

/**
 * The items raised from plan indicators' figures, open or closed (source_ref: indicatorFigureRef):
 * which figure already has its follow-up (the lagging indicator's to-do goes once it has).
 */
export async function raisedFromIndicators(db: Kysely<Database>, indicatorIds: number[]): Promise<{ id: number; indicatorId: number; ownerOrgId: number; year: number }[]> {
  if (!indicatorIds.length) return [];
  const rows = await db.selectFrom('rectification').select(['id', 'source_id', 'source_ref', 'owner_org_id']).where('source_type', '=', 'indicator').where('source_id', 'in', indicatorIds).orderBy('id').execute();
  return rows.flatMap((r) => {
    const year = yearOfIndicatorRef(r.source_ref);
    return year === null ? [] : [{ id: r.id, indicatorId: r.source_id, ownerOrgId: r.owner_org_id, year }];
  });
}

/** the items still supervised (not closed) */
export const liveRectifications = (db: Kysely<Database>) => db.selectFrom('rectification').selectAll().where('status', '!=', 'closed').orderBy('id').execute();

export type NewRectification = Pick<RectificationTable, 'source_type' | 'source_id' | 'source_ref' | 'source_label' | 'owner_org_id' | 'raised_by_org_id' | 'title' | 'detail' | 'due_on' | 'started_on' | 'created_by' | 'created_at'>;

export const insertRectification = (db: Kysely<Database>, v: NewRectification) =>
  db
    .insertInto('rectification')
    .values({ ...v, status: 'open', answer: null, answered_by: null, answered_at: null, closed_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

const byItems =
  <T extends 'rectification_report' | 'rectification_extension' | 'rectification_closure' | 'rectification_notice'>(table: T) =>
  (db: Kysely<Database>, ids: number[]) =>
    ids.length
      ? ((db as Kysely<any>).selectFrom(table).selectAll().where('rectification_id', 'in', ids).orderBy('id').execute() as Promise<Selectable<Database[T]>[]>)
      : Promise.resolve([] as Selectable<Database[T]>[]);
export const itemReportsOf = byItems('rectification_report');
export const itemExtensionsOf = byItems('rectification_extension');
export const itemClosuresOf = byItems('rectification_closure');
export const itemNoticesOf = byItems('rectification_notice');

export async function orgNames(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name', 'short_name']).where('id', 'in', uniq).execute();
  return new Map(rows.map((r) => [r.id, r.short_name ?? r.name]));
}

export const findOrg = (db: Kysely<Database>, id: number) => db.selectFrom('org_unit').select(['id', 'code', 'kind', 'name', 'parent_id']).where('id', '=', id).executeTakeFirst();
export const orgByCode = (db: Kysely<Database>, code: string) => db.selectFrom('org_unit').select(['id', 'kind']).where('code', '=', code).executeTakeFirst();

/** items and their supervision rows, read in one pass per table */
/** each org with the units above it: itself, its parent, its grandparent (the org tree is province → city → county) */
export async function lineages(db: Kysely<Database>, ids: number[]): Promise<Map<number, number[]>> {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map();
  const rows = await db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.parent_id', 'p.parent_id as grandparent_id'])
    .where('o.id', 'in', uniq)
    .execute();
  return new Map(rows.map((r) => [r.id, [r.id, r.parent_id, r.grandparent_id].filter((x): x is number => x !== null)]));
}

/** an item's two units, each with the units above it (itself, its parent, its grandparent): who oversees them */
export interface ItemLineage {
  owner: readonly number[];
  raiser: readonly number[];
}
/** an item's lineage from lineages() */
export const lineageOf = (m: Map<number, number[]>, r: RectificationRow): ItemLineage => ({ owner: m.get(r.owner_org_id) ?? [r.owner_org_id], raiser: m.get(r.raised_by_org_id) ?? [r.raised_by_org_id] });

/** the units an office or a leader of this region oversees: the region, the units under it and theirs */
export async function unitsUnder(db: Kysely<Database>, regionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select('o.id')
    .where((eb) => eb.or([eb('o.id', '=', regionId), eb('o.parent_id', '=', regionId), eb('p.parent_id', '=', regionId)]))
    .execute();
  return rows.map((r) => r.id);
}

export async function loadItemBundle(db: Kysely<Database>, items: RectificationRow[]) {
  const ids = items.map((r) => r.id);
  const orgs = items.flatMap((r) => [r.owner_org_id, r.raised_by_org_id]);
  const [reports, extensions, closures, notices, names, lines] = await Promise.all([itemReportsOf(db, ids), itemExtensionsOf(db, ids), itemClosuresOf(db, ids), itemNoticesOf(db, ids), orgNames(db, orgs), lineages(db, orgs)]);
  return { items, reports, extensions, closures, notices, names, lineages: lines };
}
export type ItemBundle = Awaited<ReturnType<typeof loadItemBundle>>;

// ---------------------------------------------------------------- the yearly assessment's published results (a source)
// Read here, not through the assessment module: the assessment depends on the to-dos, which read these items.

export const findCycle = (db: Kysely<Database>, id: number) =>
  db.selectFrom('assessment_cycle').select(['id', 'title', 'year', 'status', 'office_org_id']).where('id', '=', id).executeTakeFirst();

/** one unit's frozen result line of a published cycle, read through its contract (null: the cycle assesses no such unit) */
export async function publishedUnitResult(db: Kysely<Database>, cycleId: number, unitId: number): Promise<UnitResultView | null> {
  const row = await db.selectFrom('cycle_result').select('detail_json').where('cycle_id', '=', cycleId).where('unit_id', '=', unitId).executeTakeFirst();
  return row ? unitResultView.parse(JSON.parse(row.detail_json)) : null;
}

// ---------------------------------------------------------------- the changes' writes (rectification.commands.ts, in c.trx)

/** the item's version moved on at the version seen (a report, a request or a notice is a change of the item); false when someone came first */
export async function bumpItemVersion(db: Kysely<Database>, id: number, version: number): Promise<boolean> {
  const u = await db
    .updateTable('rectification')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(u.numUpdatedRows) > 0;
}

/** a report's written content (reportValues() of the work plan module, and its 逾期原因) and who wrote it when */
export type ItemReportContent = Pick<RectificationReportTable, 'progress' | 'progress_reason' | 'text' | 'problems' | 'next_steps' | 'late_reason' | 'updated_by' | 'updated_at'>;
/** a report's content saved at the version seen; false when it moved meanwhile */
export async function updateItemReportAt(db: Kysely<Database>, id: number, version: number, content: ItemReportContent): Promise<boolean> {
  const u = await db.updateTable('rectification_report').set((eb) => ({ ...content, version: eb('version', '+', 1) })).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(u.numUpdatedRows) > 0;
}
/** the owner's new draft report for a period; a second open one (a draft or returned report) fails on the unique index */
export const insertItemReport = (db: Kysely<Database>, v: ItemReportContent & Pick<RectificationReportTable, 'rectification_id' | 'period' | 'org_id'>) =>
  db
    .insertInto('rectification_report')
    .values({ ...v, status: 'draft', submitted_by: null, submitted_at: null, return_reason: null, returned_by: null, returned_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

/** a pending extension request */
export const insertItemExtension = (db: Kysely<Database>, v: Pick<RectificationExtensionTable, 'rectification_id' | 'from_due_on' | 'new_due_on' | 'reason' | 'created_by' | 'created_at'>) =>
  db
    .insertInto('rectification_extension')
    .values({ ...v, status: 'pending', decision_reason: null, decided_by: null, decided_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

/** a pending closure request (销号申请) */
export const insertItemClosure = (db: Kysely<Database>, v: Pick<RectificationClosureTable, 'rectification_id' | 'summary' | 'created_by' | 'created_at'>) =>
  db
    .insertInto('rectification_closure')
    .values({ ...v, status: 'pending', decision_reason: null, decided_by: null, decided_at: null, version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

/** a 催办 or 督办单; a second of the same kind for the same period fails on the unique key */
export const insertItemNotice = (db: Kysely<Database>, v: Omit<RectificationNoticeTable, 'id'>) => db.insertInto('rectification_notice').values(v).returning('id').executeTakeFirstOrThrow();
