/** Declarations (申报): every SQL statement, and loading a declaration with the caller's rights on it. */
import { frameworkOf } from '../../frameworks';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, DeclarationTable } from '../../../db/schema';
import type { SessionUser } from '../../../core/session';
import type { DeclarationContent } from '../../../../shared/contracts/declarations';
import { DECLARATION_EDITABLE } from '../../../../shared/workflow/assessment';
import { assessedIn } from '../../../../shared/workflow/todos';
import type { Framework } from '../../../../shared/scoring/framework-schema';
import { notFound } from '../../../core/errors';
import { declarationAccess, type CycleAccess } from '../assessment.policy';
import { assessmentFramework, cycleAccessOr, lockCycle, publishedScheme, type CycleRow } from '../assessment.queries';
import { annex4Layout } from '../../../io/excel/scheme-annex4';
import { seedExample } from '../../../io/word/notice';
import { issuedPlanText } from '../../workplan';
import { remindersOfMany } from '../../todos';
import { evaluatorNames } from '../schemes/schemes.queries';
import { parseContent } from './declarations.presenter';

export type DeclarationRow = Selectable<DeclarationTable>;

export interface LoadedDeclaration {
  row: DeclarationRow;
  dept: { id: number; code: string; name: string };
  access: CycleAccess;
  rights: ReturnType<typeof declarationAccess>;
  /** the office's 催办 of it so far (count, last) and its last 重新开放 (the hold starts afresh), null if never reminded */
  reminders: { count: number; lastAt: string; reopenedAt: string | null } | null;
}

/** Load a declaration for the caller, as of `today` (the request's day); 404 if it does not exist or is not theirs to see. */
export async function loadDeclaration(db: Kysely<Database>, user: SessionUser, id: number, today: string): Promise<LoadedDeclaration> {
  const row = await db.selectFrom('declaration').selectAll().where('id', '=', id).executeTakeFirst();
  const missing = notFound(`申报表${id}不存在或您无权查看`);
  if (!row) throw missing;
  const access = await cycleAccessOr(db, user, row.cycle_id, today, () => missing);
  const rights = declarationAccess(access, row.department_id);
  if (!rights.read) throw missing;
  const dept = await db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', '=', row.department_id).executeTakeFirstOrThrow();
  const reminders = (await remindersOfMany(db, [row.id])).get(row.id) ?? null;
  return { row, dept, access, rights, reminders };
}

/** Re-read the row (after a change) keeping the caller's access. */
export async function reload(db: Kysely<Database>, d: LoadedDeclaration): Promise<LoadedDeclaration> {
  const row = await db.selectFrom('declaration').selectAll().where('id', '=', d.row.id).executeTakeFirstOrThrow();
  const cycle = await db.selectFrom('assessment_cycle').selectAll().where('id', '=', row.cycle_id).executeTakeFirstOrThrow();
  return { ...d, row, access: { ...d.access, cycle } };
}

/**
 * Inside a change's transaction: the declaration again (FOR UPDATE: its state, version and content) and its
 * cycle (FOR SHARE: the phase and deadline), so what the change checks is what it changes.
 */
export async function lockDeclaration(trx: Transaction<Database>, d: LoadedDeclaration): Promise<LoadedDeclaration> {
  const cycle = await lockCycle(trx, d.row.cycle_id, 'share');
  const row = await trx.selectFrom('declaration').selectAll().where('id', '=', d.row.id).forUpdate().executeTakeFirstOrThrow();
  const access = { ...d.access, cycle };
  return { ...d, row, access, rights: declarationAccess(access, row.department_id) };
}

/** Every declaration of a cycle the caller may read, in org order. */
export async function listDeclarations(db: Kysely<Database>, a: CycleAccess): Promise<LoadedDeclaration[]> {
  const rows = await db
    .selectFrom('declaration')
    .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
    .selectAll('declaration')
    .select(['org_unit.code as dept_code', 'org_unit.name as dept_name', 'org_unit.sort_order as dept_order'])
    .where('declaration.cycle_id', '=', a.cycle.id)
    .orderBy('org_unit.sort_order')
    .orderBy('org_unit.code')
    .execute();
  const out: LoadedDeclaration[] = [];
  const reminders = await remindersOfMany(db, rows.map((r) => r.id));
  for (const r of rows) {
    const { dept_code, dept_name, dept_order: _o, ...row } = r;
    const rights = declarationAccess(a, row.department_id);
    if (rights.read) out.push({ row, dept: { id: row.department_id, code: dept_code, name: dept_name }, access: a, rights, reminders: reminders.get(row.id) ?? null });
  }
  return out;
}

// ───────────────────────── last year's points (server-authoritative) ─────────────────────────

export interface LastYearPoint {
  points: number;
  evaluators: string[];
  item: string;
  keyPoint: string;
}

/**
 * Last year's key points by "item.criterion" code: from the base cycle's published scheme, or (for a cycle
 * opened from a library framework) from scheme version 1, the copy of the base made when the cycle opened.
 */
export async function lastYearPoints(db: Kysely<Database>, cycle: CycleRow): Promise<Map<string, LastYearPoint>> {
  let fw: Framework | null = null;
  if (cycle.base_cycle_id !== null) fw = (await publishedScheme(db, cycle.base_cycle_id))?.framework ?? null;
  if (!fw) {
    const v1 = await db.selectFrom('scheme').select('framework_json').where('cycle_id', '=', cycle.id).where('version_no', '=', 1).executeTakeFirst();
    fw = v1 ? frameworkOf(v1.framework_json) : null;
  }
  const map = new Map<string, LastYearPoint>();
  for (const s of fw?.sections ?? []) {
    if (s.role !== 'base') continue;
    for (const i of s.items)
      for (const c of i.criteria) map.set(`${i.code}.${c.code}`, { points: c.points, evaluators: c.evaluators ?? i.evaluators ?? [], item: i.title, keyPoint: c.title });
  }
  return map;
}

/**
 * The base year's scheme, as the 征集通知 attaches it (its 考核要点): the newest published scheme of the cycle this one
 * was copied from, or — opened on a framework file — that framework as filed (not the cycle's own first draft, a
 * renamed copy the office goes on editing); null when the cycle records neither (opened before it recorded its
 * framework, with no match found then).
 */
export async function baseSchemeOf(db: Kysely<Database>, cycle: CycleRow): Promise<Framework | null> {
  if (cycle.base_cycle_id !== null) return (await publishedScheme(db, cycle.base_cycle_id))?.framework ?? null;
  return cycle.base_framework_id === null ? null : ((await assessmentFramework(db, cycle.base_framework_id)) ?? null);
}

/** The office that runs a cycle, as the notice and the forms name it. */
export async function officeOf(db: Kysely<Database>, cycle: CycleRow) {
  const office = await db.selectFrom('org_unit').select(['name', 'short_name', 'parent_id']).where('id', '=', cycle.office_org_id).executeTakeFirstOrThrow();
  const parent = office.parent_id
    ? await db.selectFrom('org_unit').select(['kind', 'name']).where('id', '=', office.parent_id).executeTakeFirst()
    : undefined;
  const base = cycle.base_cycle_id ? await db.selectFrom('assessment_cycle').select('year').where('id', '=', cycle.base_cycle_id).executeTakeFirst() : undefined;
  return {
    name: office.name,
    shortName: office.short_name ?? office.name,
    unitsWord: parent?.kind === 'city' ? '县市区' : '市州',
    /** the city whose office assesses its counties (null: the province's cycle) */
    cityName: parent?.kind === 'city' ? parent.name : null,
    baseYear: base?.year ?? cycle.year - 1,
  };
}

/**
 * The assessment as its assessed unit reads it (assessedIn): a county's names its city's (岳阳市2023年度对县市区质量工作考核),
 * a city's the province's (2023年度质量工作考核) — for a notice or to-do that a unit or a department may get from both.
 */
export async function assessmentName(db: Kysely<Database>, cycle: CycleRow): Promise<string> {
  const { cityName } = await officeOf(db, cycle);
  return assessedIn({ assessesCounties: cityName !== null, cityName, year: cycle.year });
}

/** What the Excel and Word declaration forms are filled from, and the stem of their file names. */
export async function declarationForm(db: Kysely<Database>, me: SessionUser, id: number, today: string) {
  const d = await loadDeclaration(db, me, id, today);
  const office = await officeOf(db, d.access.cycle);
  return {
    cycleTitle: d.access.cycle.title,
    baseYear: office.baseYear,
    departmentName: d.dept.name,
    officeShortName: office.shortName,
    content: parseContent(d.row),
    stamp: { id: d.row.id, version: d.row.version },
    fileStem: `${d.dept.name}-${d.access.cycle.title}指标申报表`,
  };
}

/**
 * What the 征集通知 is written from: the cycle, its office and the departments it goes to (every declaration's), the
 * office's issued 工作要点 for the year and the base year's scheme — each of these two attached only when there is one.
 */
export async function noticeOfCycle(db: Kysely<Database>, a: CycleAccess) {
  const c = a.cycle;
  const office = await officeOf(db, c);
  const base = await baseSchemeOf(db, c);
  return {
    officeName: office.name,
    officeShortName: office.shortName,
    noticeNo: c.notice_no,
    year: c.year,
    cycleTitle: c.title,
    unitsWord: office.unitsWord,
    deadline: c.deadline,
    issuedOn: c.issued_on ?? a.today,
    contactName: c.contact_name,
    contactPhone: c.contact_phone,
    contactEmail: c.contact_email,
    departments: (await listDeclarations(db, { ...a, as: 'office' })).map((d) => d.dept.name),
    baseYear: office.baseYear,
    example: seedExample(office.baseYear),
    demo: c.demo === 1,
    workPoints: await issuedPlanText(db, c.office_org_id, c.year),
    baseScheme: base ? annex4Layout(base, await evaluatorNames(db, c.office_org_id)) : null,
  };
}

/** Replace a draft's content at the version the caller saw; false when it has moved on (or is no longer editable). */
export async function updateContent(trx: Transaction<Database>, id: number, version: number, content: DeclarationContent, by: { id: number; at: string }): Promise<boolean> {
  const r = await trx
    .updateTable('declaration')
    .set({ content_json: JSON.stringify(content), version: version + 1, updated_at: by.at, updated_by: by.id })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', 'in', [...DECLARATION_EDITABLE])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Set a declaration's reopened date at the version read; false when it has moved on. */
export async function setReopenedUntil(trx: Transaction<Database>, id: number, version: number, until: string, by: { id: number; at: string }): Promise<boolean> {
  const r = await trx
    .updateTable('declaration')
    .set({ reopened_until: until, version: version + 1, updated_at: by.at, updated_by: by.id })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
