/**
 * The assessment scheme (考核方案): every SQL statement of its versions, and the reads the routes answer with
 * (the versions, one version's detail, the comparison of the declarations with last year).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import type { SessionUser } from '../../../core/session';
import { checkScheme, type CompareResponse, type CompareRow, type EvaluatorOption, type SchemeDetail, type SchemeSummary } from '../../../../shared/contracts/schemes';
import type { DeclarationContent } from '../../../../shared/contracts/declarations';
import { framework as frameworkSchema, type Criterion, type Framework, type Item } from '../../../../shared/scoring/framework-schema';
import { cmp, fromNumber } from '../../../../shared/scoring/rational';
import { SCHEME_EDITABLE } from '../../../../shared/workflow/assessment';
import { notFound } from '../../../core/errors';
import { mayManageScheme, mayReadScheme, type CycleAccess } from '../assessment.policy';
import { cycleAccessOr, publishedScheme, type SchemeRow } from '../assessment.queries';
import { userNames } from '../../../core/user-names';
import { presentSchemeDetail, presentSummary } from './schemes.presenter';
import { schemeSpellings } from '../../frameworks';

export const parseFramework = (json: string): Framework => frameworkSchema.parse(JSON.parse(json));

/** Departments of the platform and the cycle's own office: who may be chosen as 评价部门. */
export async function evaluatorOptions(db: Kysely<Database>, officeOrgId: number): Promise<EvaluatorOption[]> {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'kind'])
    .where((eb) => eb.or([eb('kind', '=', 'department'), eb('id', '=', officeOrgId)]))
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

/**
 * Every evaluator code a scheme of this cycle may name, with the name it reads as: the options, and 'office' — the
 * framework's name for the organising 质强办's key points, which scoring gives to the cycle's own office (officeCodes):
 * a city's copy of the province's scheme keeps it, and it reads as the city's office. The scheme page looks names up
 * here (SchemeDetail.evaluatorLabels) and checks a draft against its keys, as the server does (allowedEvaluators). The
 * documents spell them as 附件4 does: evaluatorNames().
 */
export function evaluatorLabels(options: readonly EvaluatorOption[]): Record<string, string> {
  const own = options.find((o) => o.kind === 'office');
  return Object.fromEntries([...(own ? [['office', own.name]] : []), ...options.map((o) => [o.code, o.name])]);
}

/** The evaluator codes a scheme of this cycle may name (evaluatorLabels' codes; 'office' even with no office option). */
export const allowedEvaluators = (options: readonly EvaluatorOption[]): Set<string> => new Set([...Object.keys(evaluatorLabels(options)), 'office']);

export async function listSchemes(db: Kysely<Database>, a: CycleAccess): Promise<SchemeSummary[]> {
  const rows = (await db.selectFrom('scheme').selectAll().where('cycle_id', '=', a.cycle.id).orderBy('version_no', 'desc').execute()).filter((r) =>
    mayReadScheme(a, r),
  );
  const names = await userNames(db, rows.map((r) => r.published_by));
  return rows.map((r) => presentSummary(r, names));
}

/** A scheme the caller may read, with its cycle access (404 otherwise). */
export async function loadScheme(db: Kysely<Database>, user: SessionUser, id: number, today: string): Promise<{ row: SchemeRow; a: CycleAccess }> {
  // one answer for a missing scheme, one of a cycle the caller takes no part in and a draft it may not read: ids
  // probed across offices tell nothing of whether a scheme exists, nor which cycle it belongs to
  const missing = notFound(`考核方案${id}不存在或您无权查看`);
  const row = await db.selectFrom('scheme').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw missing;
  const a = await cycleAccessOr(db, user, row.cycle_id, today, () => missing);
  if (!mayReadScheme(a, row)) throw missing;
  return { row, a };
}

export async function loadSchemeDetail(db: Kysely<Database>, a: CycleAccess, row: SchemeRow): Promise<SchemeDetail> {
  const fw = parseFramework(row.framework_json);
  const options = await evaluatorOptions(db, a.cycle.office_org_id);
  const names = await userNames(db, [row.published_by]);
  const unapplied = SCHEME_EDITABLE.includes(row.status) && mayManageScheme(a) ? await unappliedDeclarations(db, a.cycle.id, row) : [];
  return presentSchemeDetail(row, fw, names, options, evaluatorLabels(options), checkScheme(fw, allowedEvaluators(options)), mayManageScheme(a), unapplied);
}

/** The accepted declarations written into a version: declaration id → the declaration's version then. */
export const appliedDeclarationsOf = (row: Pick<SchemeRow, 'applied_declarations_json'>): Record<string, number> =>
  row.applied_declarations_json ? (JSON.parse(row.applied_declarations_json) as Record<string, number>) : {};

/**
 * Accepted declarations not yet written into this version (never, or accepted again since): a draft with any
 * cannot be published. In org order, with the department.
 */
export async function unappliedDeclarations(db: Kysely<Database>, cycleId: number, row: Pick<SchemeRow, 'applied_declarations_json'>) {
  const applied = appliedDeclarationsOf(row);
  return (await declarationsOf(db, cycleId))
    .filter((d) => d.status === 'accepted' && applied[String(d.id)] !== d.version)
    .map((d) => ({ declarationId: d.id, departmentId: d.department_id, name: d.name }));
}

/** Record that these declarations (at these versions) are written into the draft (with the draft's own change). */
export const recordApplied = (trx: Transaction<Database>, row: SchemeRow, decls: readonly { id: number; version: number }[]) =>
  trx
    .updateTable('scheme')
    .set({ applied_declarations_json: JSON.stringify({ ...appliedDeclarationsOf(row), ...Object.fromEntries(decls.map((d) => [String(d.id), d.version])) }) })
    .where('id', '=', row.id)
    .execute();

export const findScheme = (db: Kysely<Database>, id: number) => db.selectFrom('scheme').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const schemeVersions = (db: Kysely<Database>, cycleId: number) => db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycleId).orderBy('version_no', 'desc').execute();
export const publishedVersions = (db: Kysely<Database>, cycleId: number) => db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycleId).where('status', '=', 'published').execute();

/** Replace a draft's framework at the version the caller saw; false when it has moved on (or is no draft). */
export async function updateDraft(trx: Transaction<Database>, row: SchemeRow, fw: Framework, at: string): Promise<boolean> {
  const r = await trx
    .updateTable('scheme')
    .set({ framework_json: JSON.stringify(fw), version: row.version + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export const insertSchemeVersion = (
  trx: Transaction<Database>,
  v: { cycleId: number; versionNo: number; framework: Framework; reason: string; appliedDeclarationsJson: string | null },
  now: string,
) => {
  return trx
    .insertInto('scheme')
    .values({
      cycle_id: v.cycleId,
      version_no: v.versionNo,
      status: 'draft',
      framework_json: JSON.stringify(v.framework),
      reason: v.reason,
      published_at: null,
      published_by: null,
      applied_declarations_json: v.appliedDeclarationsJson,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
};

/** The published version's grade bands become the cycle's. */
export const setCycleBands = (trx: Transaction<Database>, cycleId: number, fw: Framework, now: string) =>
  trx
    .updateTable('assessment_cycle')
    .set((eb) => ({ grade_bands_json: JSON.stringify(fw.gradeBands), version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', cycleId)
    .execute();

/** The cycle's declarations with their departments (all, or those asked for), in org order. */
export async function declarationsOf(db: Kysely<Database>, cycleId: number, departmentIds?: number[]) {
  let q = db
    .selectFrom('declaration')
    .innerJoin('org_unit', 'org_unit.id', 'declaration.department_id')
    .select([
      'declaration.id',
      'declaration.version',
      'declaration.department_id',
      'declaration.status',
      'declaration.late',
      'declaration.content_json',
      'org_unit.code',
      'org_unit.name',
    ])
    .where('declaration.cycle_id', '=', cycleId)
    .orderBy('org_unit.sort_order');
  if (departmentIds) q = q.where('declaration.department_id', 'in', departmentIds);
  return q.execute();
}

/** Stored scores of a cycle (for the check against a new version). */
export const scoreAnswers = (trx: Transaction<Database>, cycleId: number) =>
  trx.selectFrom('score').select(['id', 'unit_id', 'item_code', 'criterion_code', 'answer_json']).where('cycle_id', '=', cycleId).execute();

/** Delete scores with their evidence rows. */
export async function deleteScores(trx: Transaction<Database>, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await trx.deleteFrom('evidence').where('owner_type', '=', 'score').where('owner_id', 'in', chunk).execute();
    await trx.deleteFrom('score').where('id', 'in', chunk).execute();
  }
}

/** Org units by code (evaluating departments), and the cycle's existing submissions. */
export const orgsWithCodes = (trx: Transaction<Database>, codes: string[]) => trx.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('code', 'in', codes).execute();
export const submissionDepartments = async (trx: Transaction<Database>, cycleId: number) =>
  new Set((await trx.selectFrom('score_submission').select('department_id').where('cycle_id', '=', cycleId).execute()).map((r) => r.department_id));
export const insertOpenSubmission = (trx: Transaction<Database>, cycleId: number, departmentId: number, now: string) =>
  trx
    .insertInto('score_submission')
    .values({ cycle_id: cycleId, department_id: departmentId, status: 'open', submitted_at: null, reopen_reason: null, version: 1, updated_at: now })
    .execute();

/**
 * The 评价部门 by org code, spelled as seed 000 附件4 writes them — the one rule for the Annex 4 export's column, the
 * live results (computeResults, so the results page and what a publication freezes) and the result documents — so
 * the column reads one way: a
 * department by the scheme's spelling (departments.json `schemeName`: 省发改委, 省工信厅…; else its name, 省市场监督管理局),
 * and 'office' — the cycle's own 质强办, which scores those key points (a city's copy of the province's scheme too) —
 * by its name without its region, as the departments are 省X without 湖南 (质量强省领导小组办公室, the seed's words; a
 * city's 质量强市领导小组办公室). A department renamed since the seed prints its new name.
 */
export async function evaluatorNames(db: Kysely<Database>, officeOrgId: number): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'p.name as parentName'])
    // only units that evaluate: the departments and the offices (not the province, cities and counties, most of the table)
    .where('o.kind', 'in', ['department', 'office'])
    .execute();
  const seed = schemeSpellings();
  const names = new Map(
    rows.map((r) => {
      const d = seed.get(r.code);
      return [r.code, d && d.name === r.name ? d.schemeName : r.name];
    }),
  );
  const office = rows.find((r) => r.id === officeOrgId);
  if (office) names.set('office', office.parentName && office.name.startsWith(office.parentName) ? office.name.slice(office.parentName.length) : office.name);
  return names;
}

const keyOf = (fw: Framework) => {
  const m = new Map<string, { domain: string; item: Item; c: Criterion; role: string }>();
  for (const s of fw.sections) for (const i of s.items) for (const c of i.criteria) m.set(`${i.code}.${c.code}`, { domain: s.title, item: i, c, role: s.role ?? 'base' });
  return m;
};

/** The draft (or, without a draft, the newest version) that compare shows final points from. */
async function workingScheme(db: Kysely<Database>, cycleId: number): Promise<SchemeRow | undefined> {
  return db.selectFrom('scheme').selectAll().where('cycle_id', '=', cycleId).orderBy('version_no', 'desc').executeTakeFirst();
}

export async function compareDeclarations(db: Kysely<Database>, a: CycleAccess): Promise<CompareResponse> {
  const decls = await declarationsOf(db, a.cycle.id);
  const working = await workingScheme(db, a.cycle.id);
  const draftFw = working ? parseFramework(working.framework_json) : null;
  const draftNodes = draftFw ? keyOf(draftFw) : new Map();
  const lastYear = a.cycle.base_cycle_id ? await publishedScheme(db, a.cycle.base_cycle_id) : null;
  const lastNodes = lastYear ? keyOf(lastYear.framework) : new Map<string, { domain: string; item: Item; c: Criterion; role: string }>();
  const names = await userNames(db, [working?.published_by ?? null]);

  const rows: CompareRow[] = [];
  const bonuses: CompareResponse['bonuses'] = [];
  const continued = new Set<string>();
  for (const d of decls) {
    const content = JSON.parse(d.content_json) as DeclarationContent;
    for (const r of content.indicators ?? []) {
      if (r.sourceCode) continued.add(r.sourceCode);
      const draftCode = r.sourceCode && draftNodes.has(r.sourceCode) ? r.sourceCode : findByTitle(draftNodes, r.item, r.keyPoint);
      const over = r.lastYearPoints !== null && r.lastYearPoints !== undefined && cmp(fromNumber(r.points), fromNumber(r.lastYearPoints)) > 0;
      rows.push({
        departmentId: d.department_id,
        departmentCode: d.code,
        departmentName: d.name,
        declarationStatus: d.status,
        late: d.late === 1,
        sourceCode: r.sourceCode ?? null,
        domain: r.domain,
        item: r.item,
        keyPoint: r.keyPoint,
        lastYearPoints: r.lastYearPoints ?? null,
        declaredPoints: r.points,
        over,
        overReason: r.overReason?.trim() ? r.overReason : null,
        draftCode,
        draftPoints: draftCode ? draftNodes.get(draftCode)!.c.points : null,
        criteria: r.criteria ?? [],
        basis: r.basis ?? '',
      });
    }
    for (const b of content.bonuses ?? [])
      bonuses.push({ departmentCode: d.code, departmentName: d.name, declarationStatus: d.status, project: b.project, standard: b.standard, basis: b.basis ?? '' });
  }
  // last year's key points that no declaration continues (未申报): named by their evaluating department
  const undeclared = [...lastNodes].filter(([code, n]) => n.role === 'base' && !continued.has(code));
  const evaluatorOf = (n: { item: Item; c: Criterion }) => (n.c.evaluators ?? n.item.evaluators ?? [])[0] ?? null;
  const evaluatorCodes = [...new Set(undeclared.map(([, n]) => evaluatorOf(n)).filter((x): x is string => x !== null))];
  const orgNames = new Map(
    evaluatorCodes.length ? (await db.selectFrom('org_unit').select(['code', 'name']).where('code', 'in', evaluatorCodes).execute()).map((o) => [o.code, o.name]) : [],
  );
  for (const [code, n] of undeclared) {
    const evaluator = evaluatorOf(n);
    rows.push({
      departmentId: null,
      departmentCode: evaluator,
      departmentName: evaluator ? (orgNames.get(evaluator) ?? null) : null,
      declarationStatus: null,
      late: false,
      sourceCode: code,
      domain: n.domain,
      item: n.item.title,
      keyPoint: n.c.title,
      lastYearPoints: n.c.points,
      declaredPoints: null,
      over: false,
      overReason: null,
      draftCode: draftNodes.has(code) ? code : null,
      draftPoints: draftNodes.get(code)?.c.points ?? null,
      criteria: n.c.details ?? [],
      basis: n.c.basis ?? '',
    });
  }
  return { draft: working ? presentSummary(working, names) : null, rows, bonuses };
}

function findByTitle(nodes: Map<string, { item: Item; c: Criterion }>, item: string, keyPoint: string): string | null {
  for (const [code, n] of nodes) if (n.item.title === item.trim() && n.c.title === keyPoint.trim()) return code;
  return null;
}

