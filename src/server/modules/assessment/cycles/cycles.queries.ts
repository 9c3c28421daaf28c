/** The cycle (年度考核): every SQL statement of opening, changing and listing cycles, and the cycle detail read. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import type { CreateCycleBody, CycleDetail, GradeBands } from '../../../../shared/contracts/cycles';
import type { PreliminaryPublication } from '../../../../shared/contracts/results';
import type { DeclarationContent } from '../../../../shared/contracts/declarations';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { badRequest } from '../../../core/errors';
import type { CycleAccess } from '../assessment.policy';
import { assessmentFramework, cycleUnits, findCycle, publishedScheme, type CycleRow } from '../assessment.queries';
import { presentCycleDetail } from './cycles.presenter';

/** The units an office assesses: the province's cities, or a city's counties. */
export async function assessedUnits(db: Kysely<Database>, officeOrgId: number) {
  const office = await db.selectFrom('org_unit').select(['parent_id']).where('id', '=', officeOrgId).executeTakeFirstOrThrow();
  const parent = await db.selectFrom('org_unit').select(['id', 'kind']).where('id', '=', office.parent_id!).executeTakeFirstOrThrow();
  const kind = parent.kind === 'province' ? 'city' : 'county';
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name'])
    .where('parent_id', '=', parent.id)
    .where('kind', '=', kind)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

export async function loadBaseFramework(db: Kysely<Database>, officeOrgId: number, body: CreateCycleBody): Promise<Framework> {
  if (body.baseCycleId !== undefined) {
    const base = await findCycle(db, body.baseCycleId);
    if (!base || base.office_org_id !== officeOrgId) {
      throw badRequest(`上一年度考核${body.baseCycleId}不存在`, [{ field: 'baseCycleId', message: '请选择本单位已有的考核' }]);
    }
    const scheme = await publishedScheme(db, base.id);
    if (!scheme) {
      throw badRequest(`「${base.title}」尚未发布考核方案，不能作为基础`, [{ field: 'baseCycleId', message: '所选考核尚未发布方案' }]);
    }
    return scheme.framework;
  }
  const fw = await assessmentFramework(db, body.baseFrameworkId!);
  if (!fw) throw badRequest(`指标体系「${body.baseFrameworkId}」不存在或不是考核类`, [{ field: 'baseFrameworkId', message: '请选择考核类指标体系' }]);
  return fw;
}

/** The names of the offices, by id (the cycle list shows each cycle's office). */
export async function officeNames(db: Kysely<Database>): Promise<Map<number, string>> {
  return new Map((await db.selectFrom('org_unit').select(['id', 'name']).where('kind', '=', 'office').execute()).map((o) => [o.id, o.name]));
}

/** A cycle as the caller sees it: its office, units, invited departments and the caller's abilities. */
export async function loadCycleDetail(db: Kysely<Database>, a: CycleAccess): Promise<CycleDetail> {
  const c = a.cycle;
  const office = await db.selectFrom('org_unit').select('name').where('id', '=', c.office_org_id).executeTakeFirstOrThrow();
  const units = await cycleUnits(db, c.id);
  const departments = await db
    .selectFrom('declaration')
    .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
    .select(['org_unit.id', 'org_unit.code', 'org_unit.name'])
    .where('declaration.cycle_id', '=', c.id)
    .orderBy('org_unit.sort_order')
    .execute();
  return presentCycleDetail(a, office.name, units, departments, await preliminaryOf(db, c));
}

/** The ids of the departments the office's early publication of preliminary results shows (empty when none). */
export const preliminaryDepartmentIds = (c: CycleRow): number[] => (c.preliminary_departments_json ? (JSON.parse(c.preliminary_departments_json) as number[]) : []);

/** The office's latest early publication of preliminary results (when, why, which departments), or null. */
export async function preliminaryOf(db: Kysely<Database>, c: CycleRow): Promise<PreliminaryPublication | null> {
  if (!c.preliminary_published_at) return null;
  const ids = preliminaryDepartmentIds(c);
  const rows = ids.length ? await db.selectFrom('org_unit').select(['id', 'name', 'sort_order', 'code']).where('id', 'in', ids).orderBy('sort_order').orderBy('code').execute() : [];
  return { publishedAt: c.preliminary_published_at, reason: c.preliminary_reason ?? '', departments: rows.map((r) => ({ id: r.id, name: r.name })) };
}

/** Change a cycle's settings at the version the caller saw; false when it has moved on. */
export async function updateCycleRow(trx: Transaction<Database>, id: number, version: number, set: Partial<Record<string, unknown>>, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('assessment_cycle')
    .set({ ...set, version: version + 1, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export const declarationIdsOf = (db: Kysely<Database>, cycleId: number) => db.selectFrom('declaration').select('id').where('cycle_id', '=', cycleId).execute();

/** The unit an org unit sits under (an office's province or city), or undefined at the top. */
export const parentOf = (db: Kysely<Database>, id: number) =>
  db.selectFrom('org_unit as o').innerJoin('org_unit as p', 'p.id', 'o.parent_id').select(['p.id', 'p.name', 'p.kind']).where('o.id', '=', id).executeTakeFirst();
export const orgRow = (db: Kysely<Database>, id: number) => db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('id', '=', id).executeTakeFirstOrThrow();
/** Org units by id (none for an empty list: PostgreSQL refuses `in ()`; the demo opens a cycle inviting no one). */
export const orgRows = async (db: Kysely<Database>, ids: number[]) =>
  ids.length ? db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('id', 'in', ids).execute() : [];
export const cycleOfYear = (db: Kysely<Database>, officeId: number, year: number) =>
  db.selectFrom('assessment_cycle').select('id').where('office_org_id', '=', officeId).where('year', '=', year).executeTakeFirst();
/** The office's cycle whose call for indicators carries this 文号, if any (each office numbers its own notices). */
export const cycleWithNoticeNo = (db: Kysely<Database>, officeId: number, noticeNo: string) =>
  db.selectFrom('assessment_cycle').select(['id', 'title']).where('office_org_id', '=', officeId).where('notice_no', '=', noticeNo).executeTakeFirst();

/** A new cycle in its call for indicators, its assessed units and its first scheme draft; returns its id. */
export async function insertCycle(
  trx: Transaction<Database>,
  office: { id: number; code: string },
  body: CreateCycleBody,
  bands: GradeBands,
  unitIds: number[],
  draft: Framework,
  now: string,
): Promise<number> {
  const { id } = await trx
    .insertInto('assessment_cycle')
    .values({
      year: body.year,
      office_org_id: office.id,
      title: body.title ?? `${body.year}年度${office.code === 'office' ? '省政府对市州政府' : '对县市区政府'}质量工作考核`,
      base_cycle_id: body.baseCycleId ?? null,
      base_framework_id: body.baseCycleId === undefined ? (body.baseFrameworkId ?? null) : null,
      status: 'collecting',
      // none is null, also when left blank (blank texts are not numbers, and the unique index leaves null out)
      notice_no: body.noticeNo?.trim() || null,
      issued_on: body.issuedOn ?? null,
      deadline: body.deadline,
      contact_name: body.contactName ?? null,
      contact_phone: body.contactPhone ?? null,
      contact_email: body.contactEmail ?? null,
      grade_bands_json: JSON.stringify(bands),
      objection_start: null,
      objection_end: null,
      published_at: null,
      demo: 0,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (unitIds.length) await trx.insertInto('cycle_unit').values(unitIds.map((u) => ({ cycle_id: id, org_unit_id: u }))).execute();
  await trx
    .insertInto('scheme')
    .values({
      cycle_id: id,
      version_no: 1,
      status: 'draft',
      framework_json: JSON.stringify(draft),
      reason: null,
      published_at: null,
      published_by: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A department's declaration, prefilled; returns its id. */
export async function insertDeclaration(trx: Transaction<Database>, cycleId: number, departmentId: number, content: DeclarationContent, now: string): Promise<number> {
  const { id: declId } = await trx
    .insertInto('declaration')
    .values({
    cycle_id: cycleId,
    department_id: departmentId,
    status: 'draft',
    content_json: JSON.stringify(content),
    submitted_at: null,
    late: 0,
    reopened_until: null,
    return_reason: null,
    version: 1,
    updated_at: now,
    updated_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return declId;
}
