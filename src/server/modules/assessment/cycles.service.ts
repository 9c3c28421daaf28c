/** Opening a cycle (the call for indicators) and presenting it. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { CreateCycleBody, CycleDetail, CycleSummary, GradeBands } from '../../../shared/contracts/cycles';
import { DEFAULT_BANDS } from '../../../shared/contracts/cycles';
import type { DeclarationContent, IndicatorRow } from '../../../shared/contracts/declarations';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { CYCLE_WORKFLOW } from '../../../shared/workflow/assessment';
import { badRequest, conflict } from '../../core/errors';
import { addTodo } from '../todos';
import type { SessionUser } from '../../core/session';
import { abilities, type CycleAccess } from './assessment.policy';
import { cycleUnits, findCycle, publishedScheme, type CycleRow } from './assessment.repository';

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

/** Last year's key points a department evaluated, as prefilled Annex 1 rows (points capped in principle at these). */
export function prefillDeclaration(fw: Framework, departmentCode: string): DeclarationContent {
  const indicators: IndicatorRow[] = [];
  const bonuses: DeclarationContent['bonuses'] = [];
  for (const s of fw.sections) {
    for (const i of s.items) {
      for (const c of i.criteria) {
        if (!(c.evaluators ?? i.evaluators ?? []).includes(departmentCode)) continue;
        if (s.role === 'base') {
          indicators.push({
            domain: s.title.replace(/[（(].*$/, ''),
            item: i.title,
            keyPoint: c.title,
            criteria: c.details ?? [],
            points: c.points,
            basis: c.basis ?? '',
            lastYearPoints: c.points,
            sourceCode: `${i.code}.${c.code}`,
          });
        } else if (s.role === 'bonus') {
          bonuses.push({ project: i.title, standard: c.title, basis: c.basis ?? '' });
        }
      }
    }
  }
  return { indicators, bonuses };
}

export async function loadBaseFramework(db: Kysely<Database>, officeOrgId: number, body: CreateCycleBody): Promise<Framework> {
  if (body.baseCycleId !== undefined) {
    const base = await findCycle(db, body.baseCycleId);
    if (!base || base.office_org_id !== officeOrgId) {
      throw badRequest(`上一年度考核 ${body.baseCycleId} 不存在`, [{ field: 'baseCycleId', message: '请选择本单位已有的考核' }]);
    }
    const scheme = await publishedScheme(db, base.id);
    if (!scheme) {
      throw badRequest(`「${base.title}」尚未发布考核方案，不能作为基础`, [{ field: 'baseCycleId', message: '所选考核尚未发布方案' }]);
    }
    return scheme.framework;
  }
  const row = await db.selectFrom('framework').select(['content_json', 'kind']).where('id', '=', body.baseFrameworkId!).executeTakeFirst();
  if (!row || row.kind !== 'assessment') {
    throw badRequest(`指标体系「${body.baseFrameworkId}」不存在或不是考核类`, [{ field: 'baseFrameworkId', message: '请选择考核类指标体系' }]);
  }
  return JSON.parse(row.content_json) as Framework;
}

/** The cycle's own copy of a framework, renamed for its year: the first scheme draft. */
export function schemeDraftFrom(base: Framework, year: number, officeCode: string): Framework {
  return {
    ...structuredClone(base),
    id: `${officeCode}-assessment-${year}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    title: base.title.replace(/20\d\d/, String(year)),
    version: `${year}-草案`,
  };
}

export async function openCycle(
  trx: Transaction<Database>,
  user: SessionUser,
  body: CreateCycleBody,
  base: Framework,
): Promise<number> {
  const office = await trx.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('id', '=', user.orgUnitId).executeTakeFirstOrThrow();
  if (office.kind !== 'office') throw badRequest('只有质强办可以开启考核');
  const clash = await trx.selectFrom('assessment_cycle').select('id').where('office_org_id', '=', office.id).where('year', '=', body.year).executeTakeFirst();
  if (clash) throw conflict(`${body.year} 年度考核已存在`, undefined, [{ field: 'year', message: `${body.year} 年度考核已存在` }]);

  const departments = await trx.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('id', 'in', body.departmentIds).execute();
  for (const [i, id] of body.departmentIds.entries()) {
    const d = departments.find((x) => x.id === id);
    if (!d || (d.kind !== 'department' && d.kind !== 'office')) {
      throw badRequest(`第 ${i + 1} 个成员单位（${id}）不存在或不是成员单位`, [{ field: `departmentIds.${i}`, message: '请选择成员单位' }]);
    }
  }
  const units = await assessedUnits(trx, office.id);
  const now = new Date().toISOString();
  const bands: GradeBands = body.gradeBands ?? base.gradeBands ?? DEFAULT_BANDS;
  const { id } = await trx
    .insertInto('assessment_cycle')
    .values({
      year: body.year,
      office_org_id: office.id,
      title: body.title ?? `${body.year}年度${office.code === 'office' ? '省政府对市州政府' : '对县市区政府'}质量工作考核`,
      base_cycle_id: body.baseCycleId ?? null,
      status: 'collecting',
      notice_no: body.noticeNo ?? null,
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
  if (units.length) await trx.insertInto('cycle_unit').values(units.map((u) => ({ cycle_id: id, org_unit_id: u.id }))).execute();
  await trx
    .insertInto('scheme')
    .values({
      cycle_id: id,
      version_no: 1,
      status: 'draft',
      framework_json: JSON.stringify({ ...schemeDraftFrom(base, body.year, office.code), gradeBands: bands }),
      reason: null,
      published_at: null,
      published_by: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const d of departments) {
    const { id: declId } = await trx
      .insertInto('declaration')
      .values({
        cycle_id: id,
        department_id: d.id,
        status: 'draft',
        content_json: JSON.stringify(prefillDeclaration(base, d.code)),
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
    await addTodo(trx, {
      role: 'department',
      orgUnitId: d.id,
      kind: 'declaration.fill',
      title: `填报${body.year}年度质量工作考核指标申报表和加分项申报表`,
      detail: `请于 ${body.deadline} 前提交（${office.name}）`,
      link: `/assessment/${id}?tab=declarations`,
      dueAt: body.deadline,
      sourceType: 'declaration',
      sourceId: String(declId),
    });
  }
  return id;
}

export const presentCycleSummary = (c: CycleRow, officeName: string): CycleSummary => ({
  id: c.id,
  year: c.year,
  title: c.title,
  status: c.status,
  statusLabel: CYCLE_WORKFLOW.states[c.status],
  officeOrgId: c.office_org_id,
  officeName,
  deadline: c.deadline,
  demo: c.demo === 1,
  version: c.version,
});

export async function presentCycle(db: Kysely<Database>, a: CycleAccess): Promise<CycleDetail> {
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
  return {
    ...presentCycleSummary(c, office.name),
    baseCycleId: c.base_cycle_id,
    noticeNo: c.notice_no,
    issuedOn: c.issued_on,
    contactName: c.contact_name,
    contactPhone: c.contact_phone,
    contactEmail: c.contact_email,
    gradeBands: JSON.parse(c.grade_bands_json),
    objectionStart: c.objection_start,
    objectionEnd: c.objection_end,
    publishedAt: c.published_at,
    units,
    departments,
    abilities: abilities(a),
  };
}
