/**
 * Declarations (申报, issue 4 §2): a department's Annex 1 / Annex 2 content, its deadline window, the strict
 * submission checks (shared: checkDeclaration) and how a declaration is presented to the caller.
 *
 * Deadline rule: a department may save and submit while the cycle is collecting and today (China time) is
 * on or before its due date — the cycle's deadline, or the office's reopened_until when later. A
 * submission after the cycle's deadline is marked late (unless it answers a return by the office).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, DeclarationTable } from '../../db/schema';
import type { SessionUser } from '../../core/session';
import {
  declarationContent,
  overPointsOf,
  toHundredths,
  hundredthsText,
  type DeclarationActions,
  type DeclarationContent,
  type DeclarationDetail,
  type DeclarationSummary,
} from '../../../shared/contracts/declarations';
import { DECLARATION_EDITABLE, DECLARATION_WORKFLOW } from '../../../shared/workflow/assessment';
import type { Framework } from '../../../shared/scoring/framework-schema';
import { conflict, forbidden, notFound, type FieldProblem } from '../../core/errors';
import type { AuditRecord } from '../../core/audit';
import { cycleAccess, declarationAccess, type CycleAccess } from './assessment.policy';
import { lockCycle, publishedScheme, type CycleRow } from './assessment.repository';

export type DeclarationRow = Selectable<DeclarationTable>;

export interface LoadedDeclaration {
  row: DeclarationRow;
  dept: { id: number; code: string; name: string };
  access: CycleAccess;
  rights: ReturnType<typeof declarationAccess>;
}

/** YYYY-MM-DD in China time. */
export const chinaToday = (now = new Date()): string => now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** The date a department must submit by: the cycle's deadline, or the reopened date when later. */
export const dueDateOf = (cycle: CycleRow, row: DeclarationRow): string =>
  row.reopened_until && row.reopened_until > cycle.deadline ? row.reopened_until : cycle.deadline;

/** Collection is open for this department: the cycle collects and its due date (end of day, China time) has not passed. */
export const isOpenFor = (cycle: CycleRow, row: DeclarationRow, now = new Date()): boolean =>
  cycle.status === 'collecting' && chinaToday(now) <= dueDateOf(cycle, row);

export const pastDeadline = (cycle: CycleRow, now = new Date()): boolean => chinaToday(now) > cycle.deadline;

/** Load a declaration for the caller; 404 if it does not exist or is not theirs to see. */
export async function loadDeclaration(db: Kysely<Database>, user: SessionUser, id: number): Promise<LoadedDeclaration> {
  const row = await db.selectFrom('declaration').selectAll().where('id', '=', id).executeTakeFirst();
  const missing = notFound(`申报表 ${id} 不存在或您无权查看`);
  if (!row) throw missing;
  let access: CycleAccess;
  try {
    access = await cycleAccess(db, user, row.cycle_id);
  } catch {
    throw missing;
  }
  const rights = declarationAccess(access, row.department_id);
  if (!rights.read) throw missing;
  const dept = await db.selectFrom('org_unit').select(['id', 'code', 'name']).where('id', '=', row.department_id).executeTakeFirstOrThrow();
  return { row, dept, access, rights };
}

export function actionsOf(d: LoadedDeclaration, now = new Date()): DeclarationActions {
  const { row, access, rights } = d;
  const status = row.status;
  const open = isOpenFor(access.cycle, row, now);
  const editable = DECLARATION_EDITABLE.includes(status);
  const reviewing = access.cycle.status === 'collecting' || access.cycle.status === 'scheme';
  return {
    edit: rights.edit && editable && open,
    submit: rights.edit && editable && open,
    return: rights.review && status === 'submitted' && reviewing,
    accept: rights.review && status === 'submitted' && reviewing,
    reopen: rights.review && editable && access.cycle.status === 'collecting' && pastDeadline(access.cycle, now),
  };
}

export const parseContent = (row: DeclarationRow): DeclarationContent => declarationContent.parse(JSON.parse(row.content_json));

export function presentSummary(d: LoadedDeclaration, content = parseContent(d.row), now = new Date()): DeclarationSummary {
  const { row, dept, access } = d;
  const status = row.status;
  const total = content.indicators.reduce((s, r) => s + toHundredths(r.points), 0);
  return {
    id: row.id,
    cycleId: row.cycle_id,
    departmentId: dept.id,
    departmentCode: dept.code,
    departmentName: dept.name,
    status,
    statusLabel: DECLARATION_WORKFLOW.states[status],
    submittedAt: row.submitted_at,
    late: row.late === 1,
    reopenedUntil: row.reopened_until,
    returnReason: row.return_reason,
    indicatorCount: content.indicators.length,
    bonusCount: content.bonuses.length,
    totalPoints: hundredthsText(total),
    overPoints: overPointsOf(content),
    version: row.version,
    updatedAt: row.updated_at,
    dueDate: dueDateOf(access.cycle, row),
    open: isOpenFor(access.cycle, row, now),
    actions: actionsOf(d, now),
  };
}

export function presentDetail(d: LoadedDeclaration, now = new Date()): DeclarationDetail {
  const content = parseContent(d.row);
  return {
    ...presentSummary(d, content, now),
    cycleTitle: d.access.cycle.title,
    year: d.access.cycle.year,
    deadline: d.access.cycle.deadline,
    content,
  };
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
  for (const r of rows) {
    const { dept_code, dept_name, dept_order: _o, ...row } = r;
    const rights = declarationAccess(a, row.department_id);
    if (rights.read) out.push({ row, dept: { id: row.department_id, code: dept_code, name: dept_name }, access: a, rights });
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
    fw = v1 ? (JSON.parse(v1.framework_json) as Framework) : null;
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
 * The department's content with last year's points taken from the base (never from the client) and every
 * sourceCode checked to be one of this department's key points of last year.
 */
export function normalizeContent(
  content: DeclarationContent,
  map: Map<string, LastYearPoint>,
  deptCode: string,
  fieldOf: (row: number) => string = (i) => `content.indicators.${i}.sourceCode`,
): { content: DeclarationContent; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const indicators = content.indicators.map((r, i) => {
    if (r.sourceCode === null) return { ...r, lastYearPoints: null };
    const last = map.get(r.sourceCode);
    if (!last || !last.evaluators.includes(deptCode)) {
      problems.push({ field: fieldOf(i), message: `第 ${i + 1} 条指标的上年编号「${r.sourceCode}」不是本单位上年度的考核要点，请勿修改编号（新增指标请留空）` });
      return r;
    }
    if (seen.has(r.sourceCode)) {
      problems.push({ field: fieldOf(i), message: `第 ${i + 1} 条指标的上年编号「${r.sourceCode}」重复，同一上年考核要点只能对应一条指标` });
    }
    seen.add(r.sourceCode);
    return { ...r, lastYearPoints: last.points };
  });
  return { content: { ...content, indicators }, problems };
}

/** Replace a draft's content with a version check (409 with the other person's declaration on conflict). */
export async function saveContent(
  trx: Transaction<Database>,
  audit: (rec: AuditRecord) => Promise<void>,
  d: LoadedDeclaration,
  content: DeclarationContent,
  version: number,
  userId: number,
  action: string,
): Promise<LoadedDeclaration> {
  const before = parseContent(d.row);
  const r = await trx
    .updateTable('declaration')
    .set({ content_json: JSON.stringify(content), version: version + 1, updated_at: new Date().toISOString(), updated_by: userId })
    .where('id', '=', d.row.id)
    .where('version', '=', version)
    .where('status', 'in', [...DECLARATION_EDITABLE])
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const now = await reload(trx, d);
    if (!DECLARATION_EDITABLE.includes(now.row.status)) {
      throw conflict(`申报表当前状态为「${DECLARATION_WORKFLOW.states[now.row.status]}」，不能修改`, presentDetail(now));
    }
    throw conflict('申报表已被他人修改（版本不一致），请查看对方保存的内容后重新加载', presentDetail(now));
  }
  await audit({ action, entityType: 'declaration', entityId: d.row.id, before, after: content });
  return reload(trx, d);
}

/** 409 unless the department may still change the declaration now (state and deadline window). */
export function assertEditable(d: LoadedDeclaration, now = new Date()): void {
  const status = d.row.status;
  if (!d.rights.edit) {
    if (d.access.as === 'department' && d.access.cycle.status !== 'collecting') throw conflict('指标征集已结束，申报表不能再修改或提交');
    throw forbidden('只有被邀请申报的成员单位可以填写、提交自己的申报表');
  }
  if (!DECLARATION_EDITABLE.includes(status)) {
    throw conflict(`申报表当前状态为「${DECLARATION_WORKFLOW.states[status]}」，只有草稿或已退回的申报表可以修改`);
  }
  if (!isOpenFor(d.access.cycle, d.row, now)) {
    throw conflict(
      `申报已于 ${dueDateOf(d.access.cycle, d.row)} 截止，不能再修改或提交；如需补报，请联系质强办重新开放`,
    );
  }
}
