/** The quality analysis report's SQL (Kysely only): the reports, the offices and their regions. */
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { AnalysisReportTable, Database, OrgUnitTable } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import { mayReadOffice, mayReadReport, type AnalysisAccess } from './analysis.policy';

export type ReportRow = Selectable<AnalysisReportTable>;
export type OrgRow = Pick<Selectable<OrgUnitTable>, 'id' | 'code' | 'name' | 'kind' | 'parent_id'>;

const ORG_COLUMNS = ['id', 'code', 'name', 'kind', 'parent_id'] as const;

export const findReport = (db: Kysely<Database>, id: number): Promise<ReportRow | undefined> => db.selectFrom('analysis_report').selectAll().where('id', '=', id).executeTakeFirst();

/** The report, read FOR UPDATE: an issue waits for another change of it to commit and sees what that did. */
export const lockReport = (trx: Transaction<Database>, id: number): Promise<ReportRow | undefined> => trx.selectFrom('analysis_report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findReportOf = (db: Kysely<Database>, officeOrgId: number, period: string): Promise<ReportRow | undefined> =>
  db.selectFrom('analysis_report').selectAll().where('office_org_id', '=', officeOrgId).where('period', '=', period).executeTakeFirst();

/** another report (not `exceptId`) already issued under this 文号, with its region's name, or undefined */
export const reportWithDocNo = (db: Kysely<Database>, docNo: string, exceptId: number): Promise<{ id: number; period: string; region_name: string } | undefined> =>
  db
    .selectFrom('analysis_report as r')
    .innerJoin('org_unit as o', 'o.id', 'r.region_org_id')
    .select(['r.id', 'r.period', 'o.name as region_name'])
    .where('r.doc_no', '=', docNo)
    .where('r.id', '<>', exceptId)
    .executeTakeFirst();

/** reports of the given offices (null: every office), newest half-year first */
export function reportsOf(db: Kysely<Database>, officeIds: number[] | null): Promise<ReportRow[]> {
  let q = db.selectFrom('analysis_report').selectAll();
  if (officeIds) q = q.where('office_org_id', 'in', officeIds.length ? officeIds : [0]);
  return q.orderBy('period', 'desc').orderBy('office_org_id').execute();
}

export const findOrg = (db: Kysely<Database>, id: number): Promise<OrgRow | undefined> => db.selectFrom('org_unit').select(ORG_COLUMNS).where('id', '=', id).executeTakeFirst();

/** the quality offices that write a report: the province's and each city's (an office whose parent is a province or a city) */
export async function reportingOffices(db: Kysely<Database>): Promise<{ office: OrgRow; region: OrgRow }[]> {
  const offices = await db.selectFrom('org_unit').select(ORG_COLUMNS).where('kind', '=', 'office').orderBy('sort_order').execute();
  const parents = offices.map((o) => o.parent_id).filter((x): x is number => x !== null);
  const regions = parents.length ? await db.selectFrom('org_unit').select(ORG_COLUMNS).where('id', 'in', parents).where('kind', 'in', ['province', 'city']).execute() : [];
  const byId = new Map(regions.map((r) => [r.id, r]));
  const out = offices.flatMap((office) => {
    const region = office.parent_id === null ? undefined : byId.get(office.parent_id);
    return region ? [{ office, region }] : [];
  });
  // the province first, then the cities in their order
  return [...out.filter((o) => o.region.kind === 'province'), ...out.filter((o) => o.region.kind === 'city')];
}

/** the caller's standing towards the reports (policy: analysis.policy.ts) */
export async function loadAccess(db: Kysely<Database>, user: SessionUser): Promise<AnalysisAccess & { offices: { office: OrgRow; region: OrgRow }[] }> {
  const offices = await reportingOffices(db);
  const own = user.role === 'office' ? (offices.find((o) => o.office.id === user.orgUnitId) ?? null) : null;
  const seesAll = (own !== null && own.region.kind === 'province') || (user.role === 'leader' && user.org.kind === 'province');
  return { user, own, seesAll, regionId: user.role === 'leader' ? user.orgUnitId : null, offices };
}

/** the offices whose reports the caller reads (mayReadOffice), and those of their reports the caller reads (mayReadReport: a leader, the issued ones) */
export async function visibleReports(db: Kysely<Database>, a: Awaited<ReturnType<typeof loadAccess>>) {
  const visible = a.offices.filter((o) => mayReadOffice(a, o.office.id, o.region.id));
  return { visible, reports: (await reportsOf(db, visible.map((o) => o.office.id))).filter((r) => mayReadReport(a, r)) };
}

/** ids of the units under a region: its counties (a city) or every city and county (the province) */
export async function unitsUnder(db: Kysely<Database>, region: OrgRow): Promise<number[]> {
  const children = await db.selectFrom('org_unit').select(['id', 'kind']).where('parent_id', '=', region.id).where('kind', 'in', ['city', 'county']).execute();
  if (region.kind !== 'province') return children.map((c) => c.id);
  const cities = children.filter((c) => c.kind === 'city').map((c) => c.id);
  const counties = cities.length ? await db.selectFrom('org_unit').select('id').where('parent_id', 'in', cities).where('kind', '=', 'county').execute() : [];
  return [...children.map((c) => c.id), ...counties.map((c) => c.id)];
}

/** what a report of this office covers (its region, the province's office, the region's units), or undefined for an office that writes none */
export async function reportScope(db: Kysely<Database>, officeId: number, offices?: { office: OrgRow; region: OrgRow }[]) {
  const all = offices ?? (await reportingOffices(db));
  const mine = all.find((o) => o.office.id === officeId);
  if (!mine) return undefined;
  const province = all.find((o) => o.region.kind === 'province');
  return { office: mine.office, region: mine.region, provinceOfficeId: province?.office.id ?? mine.office.id, subUnitIds: await unitsUnder(db, mine.region) };
}

export const insertReport = (db: Kysely<Database>, row: Insertable<AnalysisReportTable>) => db.insertInto('analysis_report').values(row).returning('id').executeTakeFirstOrThrow();

/** Change a draft report at the version its writer saw; false when it moved meanwhile or is no longer a draft. */
export async function updateDraftReport(db: Kysely<Database>, id: number, version: number, set: Updateable<AnalysisReportTable>): Promise<boolean> {
  const res = await db.updateTable('analysis_report').set(set).where('id', '=', id).where('version', '=', version).where('status', '=', 'draft').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

